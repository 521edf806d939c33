package io.hubspotbeam.io;

import io.hubspotbeam.client.RateBudget;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admits only as many readers per portal and endpoint at once as the rate budget can keep busy.
 *
 * <p>A runner gives each reader a thread while it runs. With more ranges than the budget needs
 * (a plan has several per worker), the surplus readers would sit in the budget's queue holding
 * threads: on the DirectRunner's fixed pool that starved the other endpoint's readers and the CSV
 * writers, whose bundles then piled up in memory. A reader that finds no place at an endpoint
 * that can read its rest steps aside (the DoFn resumes it a little later) instead of waiting
 * on a thread.
 *
 * <p>The number admitted is what keeps the paced rate in flight with answers taking up to
 * {@link #ASSUMED_LATENCY_SECONDS}, plus two. Unpaced endpoints admit {@link #UNPACED_READERS}:
 * admitting every reader left no threads for the writers, and the live heap of a 300,000-record
 * run without limits reached 510 MB of 512.
 */
final class ActiveReaders {
  static final double ASSUMED_LATENCY_SECONDS = 0.5;
  static final int UNPACED_READERS = 16;
  private static final Map<RateBudget, ActiveReaders[]> BY_BUDGET = new WeakHashMap<>();

  private final AtomicInteger active = new AtomicInteger();
  /** When a reader of an object whose list pages cost two requests last wanted this endpoint. */
  private volatile long wantedByTwoRequestPagesAt = Long.MIN_VALUE;
  /** How long such a want holds: readers come back every few seconds. */
  static final long WANT_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

  static synchronized ActiveReaders of(RateBudget budget, ReadRange.Mode mode) {
    ActiveReaders[] pair = BY_BUDGET.computeIfAbsent(
        budget, b -> new ActiveReaders[] {new ActiveReaders(), new ActiveReaders()});
    return pair[mode.ordinal()];
  }

  /** How many readers of this kind the budget can keep busy right now. */
  static int limit(RateBudget budget, ReadRange.Mode mode) {
    double perSecond = mode == ReadRange.Mode.SEARCH
        ? budget.searchRequestsPerSecond()
        : budget.requestsPerTenSeconds() / 10;
    if (perSecond == 0) {
      return UNPACED_READERS;
    }
    return (int) Math.ceil(perSecond * ASSUMED_LATENCY_SECONDS) + 2;
  }

  /**
   * Notes that a reader of an object whose list pages cost two requests could have used this
   * endpoint (search) and did not get it.
   */
  void wantedByTwoRequestPagesNow() {
    wantedByTwoRequestPagesAt = System.nanoTime();
  }

  /** Whether such a reader wanted this endpoint in the last {@link #WANT_NANOS}. */
  boolean wantedByTwoRequestPages() {
    long at = wantedByTwoRequestPagesAt;
    return at != Long.MIN_VALUE && System.nanoTime() - at < WANT_NANOS;
  }

  boolean tryEnter(int limit) {
    while (true) {
      int now = active.get();
      if (now >= limit) {
        return false;
      }
      if (active.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }

  void leave() {
    active.decrementAndGet();
  }

  /** The share of the {@code limit} readers' places that is free now (0 when full). */
  double freeShare(int limit) {
    return Math.max(0, limit - active.get()) / (double) limit;
  }
}
