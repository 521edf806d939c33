package io.hubspotbeam.client;

import java.io.Serializable;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently a failed request is retried.
 *
 * <p>Server errors, timeouts, connection resets and malformed bodies are retried with exponential
 * backoff and jitter up to {@link #maxAttempts()} attempts in all. Rate-limit answers (429 other
 * than DAILY) are waited out separately, up to {@link #maxRateLimitWaits()} times, since they clear
 * by themselves. 400, 401, 403, 404 and 414 are never retried: the same request fails the same way.
 */
public final class RetryPolicy implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int maxAttempts;
  private final long initialBackoffMillis;
  private final long maxBackoffMillis;
  private final int maxRateLimitWaits;

  private RetryPolicy(
      int maxAttempts, long initialBackoffMillis, long maxBackoffMillis, int maxRateLimitWaits) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    if (initialBackoffMillis < 0 || maxBackoffMillis < initialBackoffMillis) {
      throw new IllegalArgumentException(
          "backoff must satisfy 0 <= initial <= max, got " + initialBackoffMillis + " and "
              + maxBackoffMillis);
    }
    if (maxRateLimitWaits < 0) {
      throw new IllegalArgumentException(
          "maxRateLimitWaits must not be negative, got " + maxRateLimitWaits);
    }
    this.maxAttempts = maxAttempts;
    this.initialBackoffMillis = initialBackoffMillis;
    this.maxBackoffMillis = maxBackoffMillis;
    this.maxRateLimitWaits = maxRateLimitWaits;
  }

  /** Six attempts, 500 ms doubling to at most 30 s; up to 50 rate-limit waits. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(6, 500, 30_000, 50);
  }

  public static RetryPolicy of(
      int maxAttempts, long initialBackoffMillis, long maxBackoffMillis, int maxRateLimitWaits) {
    return new RetryPolicy(maxAttempts, initialBackoffMillis, maxBackoffMillis, maxRateLimitWaits);
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  public int maxRateLimitWaits() {
    return maxRateLimitWaits;
  }

  /** The pause before retry number {@code retry} (1 for the first retry), with +-20% jitter. */
  long backoffMillis(int retry) {
    long base = initialBackoffMillis;
    for (int i = 1; i < retry && base < maxBackoffMillis; i++) {
      base *= 2;
    }
    base = Math.min(base, maxBackoffMillis);
    if (base == 0) {
      return 0;
    }
    double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
    return Math.min(maxBackoffMillis, Math.round(base * jitter));
  }

  @Override
  public String toString() {
    return "RetryPolicy(attempts=" + maxAttempts + ", backoff=" + initialBackoffMillis + ".."
        + maxBackoffMillis + " ms, rateLimitWaits=" + maxRateLimitWaits + ")";
  }
}
