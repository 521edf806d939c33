package io.hubspotbeam.sandbox;

/**
 * Which calls fail on purpose: a seeded draw per call number decides between a normal answer,
 * an injected 502/503/504 and a dropped connection. Pure function of (seed, call number), so it
 * is thread-safe and repeatable for a single-threaded client.
 */
final class FaultPlan {
  enum Fault { NONE, SERVER_ERROR, CONNECTION_RESET }

  private final long seed;
  private final double serverErrorRate;
  private final double connectionResetRate;

  FaultPlan(long seed, double serverErrorRate, double connectionResetRate) {
    this.seed = SeedMix.of(seed, SeedMix.code("faults"));
    this.serverErrorRate = serverErrorRate;
    this.connectionResetRate = connectionResetRate;
  }

  Fault draw(long callNumber) {
    double u = SeedMix.unit(seed, callNumber);
    if (u < connectionResetRate) {
      return Fault.CONNECTION_RESET;
    }
    if (u < connectionResetRate + serverErrorRate) {
      return Fault.SERVER_ERROR;
    }
    return Fault.NONE;
  }

  /** The injected 5xx answer, varied the way an edge proxy and the API servers vary it. */
  ApiResponse serverError(long callNumber) {
    switch ((int) SeedMix.below(4, seed, callNumber, 1)) {
      case 0:
        return ApiResponse.text(502, "text/html", edgePage("502 Bad Gateway"));
      case 1:
        return ApiResponse.error(ApiException.of(503, ApiException.standard(
            "The service is temporarily unavailable. Please try again.", "SERVICE_UNAVAILABLE")));
      case 2:
        return ApiResponse.text(504, "text/html", edgePage("504 Gateway Time-out"));
      default:
        return ApiResponse.error(ApiException.of(502, ApiException.standard(
            "internal error", "INTERNAL_ERROR")));
    }
  }

  private static String edgePage(String title) {
    return "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>"
        + title + "</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n";
  }
}
