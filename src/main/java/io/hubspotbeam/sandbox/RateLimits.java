package io.hubspotbeam.sandbox;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HubSpot's limits for one private-app token: a rolling ten-second window for the general API,
 * a separate per-second limit for search (which is exempt from the ten-second window), and a
 * daily count shared by both that resets at midnight (UTC here). Rejected calls do not count, so
 * a client that backs off recovers. Every answer carries the X-HubSpot-RateLimit-* headers.
 */
final class RateLimits {
  static final long INTERVAL_MILLIS = 10_000;
  /** What the headers report for a limit that is switched off (0). */
  private static final long UNLIMITED_DAILY = 1_000_000_000L;
  private static final int UNLIMITED_TEN_SECONDLY = 1_000_000;

  private final RollingWindow tenSecondly;
  private final RollingWindow searchSecondly;
  private final long dailyLimit;
  private final SandboxStats stats;
  private long dailyUsed;
  private LocalDate day;

  RateLimits(int tenSecondlyLimit, long dailyLimit, int searchPerSecond) {
    this(tenSecondlyLimit, dailyLimit, searchPerSecond, new SandboxStats());
  }

  /** @param stats told which limit refused each refused call */
  RateLimits(int tenSecondlyLimit, long dailyLimit, int searchPerSecond, SandboxStats stats) {
    this.stats = stats;
    this.tenSecondly = new RollingWindow(tenSecondlyLimit, INTERVAL_MILLIS * 1_000_000);
    this.searchSecondly = new RollingWindow(searchPerSecond, 1_000_000_000L);
    this.dailyLimit = dailyLimit;
  }

  /** Admits the call or throws the 429 HubSpot would send; returns the headers to send. */
  synchronized Map<String, String> admit(boolean search, long nowNanos, long nowMillis)
      throws ApiException {
    rollDay(nowMillis);
    if (dailyLimit > 0 && dailyUsed >= dailyLimit) {
      stats.rateLimitedBy(SandboxStats.Policy.DAILY);
      throw ApiException.rateLimited("DAILY", "You have reached your daily limit.")
          .withHeaders(headers(search, nowNanos));
    }
    if (search) {
      if (!searchSecondly.tryAdmit(nowNanos)) {
        stats.rateLimitedBy(SandboxStats.Policy.SECONDLY);
        throw ApiException.searchRateLimited().withHeaders(headers(true, nowNanos));
      }
    } else if (!tenSecondly.tryAdmit(nowNanos)) {
      stats.rateLimitedBy(SandboxStats.Policy.TEN_SECONDLY);
      throw ApiException.rateLimited("TEN_SECONDLY_ROLLING",
          "You have reached your ten_secondly_rolling limit.")
          .withHeaders(headers(false, nowNanos));
    }
    dailyUsed++;
    return headers(search, nowNanos);
  }

  /**
   * Another integration on the same portal makes {@code calls} general calls at once, drawing on
   * the same ten-second window and daily count (as far as they allow); returns how many it made.
   */
  synchronized int otherAppCalls(int calls, long nowNanos, long nowMillis) {
    rollDay(nowMillis);
    int made = 0;
    while (made < calls && (dailyLimit == 0 || dailyUsed < dailyLimit)
        && tenSecondly.tryAdmit(nowNanos)) {
      dailyUsed++;
      made++;
    }
    return made;
  }

  private Map<String, String> headers(boolean search, long nowNanos) {
    Map<String, String> headers = new LinkedHashMap<>();
    long daily = dailyLimit > 0 ? dailyLimit : UNLIMITED_DAILY;
    headers.put("X-HubSpot-RateLimit-Daily", Long.toString(daily));
    headers.put("X-HubSpot-RateLimit-Daily-Remaining", Long.toString(Math.max(0, daily - dailyUsed)));
    if (search) {
      // HubSpot's search answers carry only the daily pair.
      return headers;
    }
    int max = tenSecondly.unlimited() ? UNLIMITED_TEN_SECONDLY : tenSecondly.limit();
    int secondly = Math.max(1, max / 10);
    int used = tenSecondly.recent(nowNanos, INTERVAL_MILLIS * 1_000_000);
    int usedLastSecond = tenSecondly.recent(nowNanos, 1_000_000_000L);
    headers.put("X-HubSpot-RateLimit-Interval-Milliseconds", Long.toString(INTERVAL_MILLIS));
    headers.put("X-HubSpot-RateLimit-Max", Integer.toString(max));
    headers.put("X-HubSpot-RateLimit-Remaining", Integer.toString(Math.max(0, max - used)));
    headers.put("X-HubSpot-RateLimit-Secondly", Integer.toString(secondly));
    headers.put("X-HubSpot-RateLimit-Secondly-Remaining",
        Integer.toString(Math.max(0, secondly - usedLastSecond)));
    return headers;
  }

  private void rollDay(long nowMillis) {
    LocalDate today = LocalDate.ofInstant(java.time.Instant.ofEpochMilli(nowMillis),
        ZoneOffset.UTC);
    if (!today.equals(day)) {
      day = today;
      dailyUsed = 0;
    }
  }
}
