package io.hubspotbeam.client;

import com.google.api.client.http.HttpHeaders;
import com.google.api.client.util.NanoClock;
import com.google.api.client.util.Sleeper;
import java.util.concurrent.TimeUnit;

/**
 * Paces requests so that they stay inside a HubSpot portal's rate limits instead of running into
 * them. One budget is shared by every client in a JVM that talks to the same portal.
 *
 * <p>HubSpot counts two things separately: the rolling ten-second limit of the private app (which
 * list, batch read, properties and association calls draw on) and the search endpoints' own limit
 * of about five requests per second. Each gets a {@link Pacer} that spaces requests evenly at a
 * little under the limit ({@link #HEADROOM}), so that a steady run never receives a 429; a burst
 * allowance would only be repaid with 429s later in the same window.
 *
 * <p>When no limit is configured the budget starts at the Free/Starter tier (100 per 10 s, which
 * every portal allows) and adopts the limit HubSpot announces in the
 * {@code X-HubSpot-RateLimit-Max} and {@code -Interval-Milliseconds} headers of the first answer.
 * With several worker JVMs each takes {@code share} of the portal's limit.
 */
public final class RateBudget {
  /** Fraction of a limit actually used: room for clock skew between us and HubSpot. */
  public static final double HEADROOM = 0.97;

  /** The limit every HubSpot tier grants (Free and Starter): the safe starting point. */
  public static final int FREE_TIER_PER_TEN_SECONDS = 100;

  /** HubSpot's search limit per account, in requests per second. */
  public static final double SEARCH_PER_SECOND = 5;

  private static final long TEN_SECONDS_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final Pacer general;
  private final Pacer search;
  private final boolean learnFromHeaders;
  private final double share;
  private final NanoClock clock;
  private final Sleeper sleeper;
  private volatile long learnedMax = -1;
  private volatile long dailyRemaining = -1;

  private RateBudget(
      double requestsPerTenSeconds,
      double searchPerSecond,
      boolean learnFromHeaders,
      double share,
      NanoClock clock,
      Sleeper sleeper) {
    if (!(share > 0 && share <= 1)) {
      throw new IllegalArgumentException("share must be in (0, 1], got " + share);
    }
    this.general = new Pacer(requestsPerTenSeconds * share * HEADROOM, TEN_SECONDS_NANOS);
    this.search = new Pacer(searchPerSecond * share * HEADROOM, TimeUnit.SECONDS.toNanos(1));
    this.learnFromHeaders = learnFromHeaders;
    this.share = share;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /**
   * A budget that starts at the Free tier and adopts the limit HubSpot announces.
   *
   * @param share this JVM's fraction of the portal's limits (1 for a single process)
   */
  public static RateBudget learning(double share) {
    return new RateBudget(
        FREE_TIER_PER_TEN_SECONDS, SEARCH_PER_SECOND, true, share, NanoClock.SYSTEM, Sleeper.DEFAULT);
  }

  /** A budget fixed at the given portal-wide limits, of which this JVM uses {@code share}. */
  public static RateBudget fixed(int requestsPerTenSeconds, double searchPerSecond, double share) {
    return fixed(requestsPerTenSeconds, searchPerSecond, share, NanoClock.SYSTEM, Sleeper.DEFAULT);
  }

  static RateBudget fixed(
      int requestsPerTenSeconds,
      double searchPerSecond,
      double share,
      NanoClock clock,
      Sleeper sleeper) {
    if (requestsPerTenSeconds < 0 || searchPerSecond < 0) {
      throw new IllegalArgumentException(
          "rate limits must not be negative, got " + requestsPerTenSeconds + " per 10 s and "
              + searchPerSecond + " searches per second");
    }
    return new RateBudget(requestsPerTenSeconds, searchPerSecond, false, share, clock, sleeper);
  }

  /** No pacing at all: for servers without limits. 429s are still waited out. */
  public static RateBudget unlimited() {
    return new RateBudget(0, 0, false, 1, NanoClock.SYSTEM, Sleeper.DEFAULT);
  }

  /**
   * Blocks until a request of this kind may be sent.
   *
   * @return how long the caller waited, in milliseconds
   */
  long acquire(RequestKind kind) throws InterruptedException {
    Pacer pacer = kind.isSearch() ? search : general;
    long waitNanos = pacer.reserve(clock.nanoTime());
    if (waitNanos <= 0) {
      return 0;
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(waitNanos);
    if (millis > 0) {
      sleeper.sleep(millis);
    }
    return millis;
  }

  /** Learns from the rate-limit headers of a response. */
  void observe(RequestKind kind, HttpHeaders headers) {
    Long daily = longHeader(headers, "X-HubSpot-RateLimit-Daily-Remaining");
    if (daily != null) {
      dailyRemaining = daily;
    }
    if (kind.isSearch()) {
      return; // search answers carry only the daily pair
    }
    Long max = longHeader(headers, "X-HubSpot-RateLimit-Max");
    Long interval = longHeader(headers, "X-HubSpot-RateLimit-Interval-Milliseconds");
    if (learnFromHeaders && max != null && max > 0 && max != learnedMax) {
      long windowNanos =
          interval != null && interval > 0 ? TimeUnit.MILLISECONDS.toNanos(interval) : TEN_SECONDS_NANOS;
      learnedMax = max;
      general.setRate(max * share * HEADROOM, windowNanos);
    }
    Long remaining = longHeader(headers, "X-HubSpot-RateLimit-Remaining");
    if (remaining != null && remaining == 0) {
      // Someone else (another app instance, another JVM) is drawing on the same limit: let the
      // rolling window move on a little before the next request instead of collecting a 429.
      general.pauseUntil(clock.nanoTime() + general.spacingNanos() * 4);
    }
  }

  /**
   * Holds back requests after a 429 so that the window can roll. Returns the pause in milliseconds.
   *
   * @param waitNumber 1 for the first 429 of a request, 2 for its second, ...
   */
  long pauseAfterRateLimit(RateLimitPolicy policy, int waitNumber) {
    long millis = 1000L * Math.min(waitNumber, 10);
    Pacer pacer = policy == RateLimitPolicy.SECONDLY ? search : general;
    pacer.pauseUntil(clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis));
    return millis;
  }

  /** The ten-second limit learned from HubSpot's headers, or -1 before any was seen. */
  public long learnedTenSecondLimit() {
    return learnedMax;
  }

  /** The daily requests HubSpot last said remain, or -1 if no answer carried the header. */
  public long dailyRemaining() {
    return dailyRemaining;
  }

  /** Current pace of general requests in requests per ten seconds (0 = unpaced). */
  public double requestsPerTenSeconds() {
    long spacing = general.spacingNanos();
    return spacing == 0 ? 0 : (double) TEN_SECONDS_NANOS / spacing;
  }

  /** Current pace of search requests per second (0 = unpaced). */
  public double searchRequestsPerSecond() {
    long spacing = search.spacingNanos();
    return spacing == 0 ? 0 : (double) TimeUnit.SECONDS.toNanos(1) / spacing;
  }

  private static Long longHeader(HttpHeaders headers, String name) {
    Object value = headers.getFirstHeaderStringValue(name);
    if (value == null) {
      return null;
    }
    try {
      return Long.parseLong(value.toString().trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Evenly spaced permits: the next permit is handed out one spacing after the previous one. */
  static final class Pacer {
    private long spacingNanos;
    private long nextFreeNanos = Long.MIN_VALUE;

    Pacer(double permits, long windowNanos) {
      setRate(permits, windowNanos);
    }

    synchronized void setRate(double permits, long windowNanos) {
      spacingNanos = permits <= 0 ? 0 : (long) Math.ceil(windowNanos / permits);
    }

    synchronized long spacingNanos() {
      return spacingNanos;
    }

    /** Reserves the next permit and returns how long to wait for it. */
    synchronized long reserve(long now) {
      long slot = Math.max(now, nextFreeNanos);
      nextFreeNanos = slot + spacingNanos;
      return slot - now;
    }

    synchronized void pauseUntil(long nanos) {
      nextFreeNanos = Math.max(nextFreeNanos, nanos);
    }
  }
}
