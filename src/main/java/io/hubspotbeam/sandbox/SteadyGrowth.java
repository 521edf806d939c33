package io.hubspotbeam.sandbox;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Grows one object at a steady rate in the background, as a busy portal gains records during
 * an extract (the standalone server's --growthPerSecond). Each tick grows the object to what
 * the elapsed time calls for, so late or skipped ticks catch up instead of drifting.
 */
final class SteadyGrowth implements AutoCloseable {
  static final long TICK_MILLIS = 100;

  private final SandboxData data;
  private final String type;
  private final long perSecond;
  private final ScheduledExecutorService ticker;
  private long startNanos;
  private long grown;

  SteadyGrowth(SandboxData data, String type, long perSecond) {
    if (perSecond <= 0) {
      throw new IllegalArgumentException("growth: records per second must be > 0, got "
          + perSecond);
    }
    PortalObject.require(type);
    this.data = data;
    this.type = type;
    this.perSecond = perSecond;
    this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "sandbox-growth-" + type);
      thread.setDaemon(true);
      return thread;
    });
  }

  SteadyGrowth start() {
    startNanos = System.nanoTime();
    ticker.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    return this;
  }

  /** Records added so far. */
  synchronized long grown() {
    return grown;
  }

  private synchronized void tick() {
    long elapsedMillis = (System.nanoTime() - startNanos) / 1_000_000;
    long due = perSecond * elapsedMillis / 1_000;
    if (due > grown) {
      data.grow(type, due - grown);
      grown = due;
    }
  }

  /** Stops growing; once this returns, the object no longer grows. */
  @Override
  public void close() {
    ticker.shutdownNow();
    try {
      ticker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
