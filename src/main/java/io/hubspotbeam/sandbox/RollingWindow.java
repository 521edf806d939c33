package io.hubspotbeam.sandbox;

import java.util.ArrayDeque;

/**
 * At most {@code limit} admitted events in any window of the given length, counted over a truly
 * rolling window (HubSpot's TEN_SECONDLY_ROLLING), not fixed buckets. A limit of 0 admits
 * everything and tracks nothing. Not thread-safe: {@link RateLimits} serializes access.
 */
final class RollingWindow {
  private final int limit;
  private final long windowNanos;
  private final ArrayDeque<Long> admitted = new ArrayDeque<>();

  RollingWindow(int limit, long windowNanos) {
    this.limit = limit;
    this.windowNanos = windowNanos;
  }

  boolean unlimited() {
    return limit == 0;
  }

  int limit() {
    return limit;
  }

  /** Admits and records the event if the window has room. */
  boolean tryAdmit(long nowNanos) {
    if (unlimited()) {
      return true;
    }
    evict(nowNanos);
    if (admitted.size() >= limit) {
      return false;
    }
    admitted.addLast(nowNanos);
    return true;
  }

  /** Events admitted within the last {@code spanNanos} (at most the window). */
  int recent(long nowNanos, long spanNanos) {
    evict(nowNanos);
    int count = 0;
    var it = admitted.descendingIterator();
    while (it.hasNext() && nowNanos - it.next() < spanNanos) {
      count++;
    }
    return count;
  }

  private void evict(long nowNanos) {
    while (!admitted.isEmpty() && nowNanos - admitted.peekFirst() >= windowNanos) {
      admitted.removeFirst();
    }
  }
}
