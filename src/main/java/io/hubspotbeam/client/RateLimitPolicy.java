package io.hubspotbeam.client;

/** Which of HubSpot's rate limits a 429 answer reports. */
public enum RateLimitPolicy {
  /** The rolling ten-second limit of the private app (e.g. 190 per 10 s on Professional). */
  TEN_SECONDLY_ROLLING,
  /** The search endpoints' own per-second limit (about 5 per second). */
  SECONDLY,
  /** The daily limit: not worth retrying until midnight in the portal's time zone. */
  DAILY,
  /** A 429 whose body names no known policy; treated like the ten-second limit. */
  UNKNOWN;

  static RateLimitPolicy from(String policyName, String message) {
    if (policyName != null) {
      switch (policyName.toUpperCase(java.util.Locale.ROOT)) {
        case "TEN_SECONDLY_ROLLING":
          return TEN_SECONDLY_ROLLING;
        case "SECONDLY":
          return SECONDLY;
        case "DAILY":
          return DAILY;
        default:
          break;
      }
    }
    // Search 429s carry no policyName, only a message ("You have reached your secondly limit.").
    String text = message == null ? "" : message.toLowerCase(java.util.Locale.ROOT);
    if (text.contains("daily")) {
      return DAILY;
    }
    if (text.contains("ten_secondly") || text.contains("ten secondly")) {
      return TEN_SECONDLY_ROLLING;
    }
    if (text.contains("secondly")) {
      return SECONDLY;
    }
    return UNKNOWN;
  }
}
