package io.hubspotbeam.sandbox;

/**
 * Which calls fail on purpose: a seeded draw per call number decides between a normal answer,
 * an injected 502/503/504, a dropped connection, a 200 whose body is cut short or is a proxy's
 * HTML page, and an answer held back longer than a client's read timeout. Pure function of
 * (seed, call number), so it is thread-safe and repeatable for a single-threaded client.
 */
final class FaultPlan {
  enum Fault { NONE, SERVER_ERROR, CONNECTION_RESET, MALFORMED_BODY, SLOW }

  /** The fault rates of a portal; their sum is at most 1. */
  record Rates(double serverError, double connectionReset, double malformedBody, double slow,
      long slowMillis) {
    Rates {
      if (serverError + connectionReset + malformedBody + slow > 1) {
        throw new IllegalArgumentException("serverErrorRate + connectionResetRate"
            + " + malformedBodyRate + slowResponseRate must not exceed 1");
      }
    }
  }

  private final long seed;
  private final Rates rates;

  FaultPlan(long seed, Rates rates) {
    this.seed = SeedMix.of(seed, SeedMix.code("faults"));
    this.rates = rates;
  }

  Fault draw(long callNumber) {
    double u = SeedMix.unit(seed, callNumber);
    double bound = rates.connectionReset();
    if (u < bound) {
      return Fault.CONNECTION_RESET;
    }
    bound += rates.serverError();
    if (u < bound) {
      return Fault.SERVER_ERROR;
    }
    bound += rates.malformedBody();
    if (u < bound) {
      return Fault.MALFORMED_BODY;
    }
    bound += rates.slow();
    if (u < bound) {
      return Fault.SLOW;
    }
    return Fault.NONE;
  }

  /** How long a SLOW answer is held back. */
  long slowMillis() {
    return rates.slowMillis();
  }

  /**
   * A successful answer spoiled on its way: half of its JSON (a connection cut mid-body that the
   * length header still covers), or a proxy's HTML page sent with status 200. Other answers pass.
   */
  ApiResponse malformed(ApiResponse answer, long callNumber) {
    if (answer.status() < 200 || answer.status() >= 300) {
      return answer;
    }
    if (SeedMix.below(2, seed, callNumber, 2) == 0) {
      byte[] body = answer.body();
      return new ApiResponse(200, ApiResponse.JSON,
          java.util.Arrays.copyOf(body, body.length / 2), answer.headers());
    }
    return ApiResponse.text(200, "text/html", edgePage("Checking your browser"))
        .withHeaders(answer.headers());
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
