package io.hubspotbeam.io;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs, per object type, how many records this JVM has read and how fast, at most every few
 * seconds, so that a long run is never silent.
 */
final class ProgressLog {
  private static final Logger LOG = LoggerFactory.getLogger("io.hubspotbeam.progress");
  private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final Map<String, ProgressLog> BY_OBJECT = new ConcurrentHashMap<>();

  private final String objectType;
  private final long startNanos = System.nanoTime();
  private long records;
  private long lastLogNanos = startNanos;

  private ProgressLog(String objectType) {
    this.objectType = objectType;
  }

  static ProgressLog of(String objectType) {
    return BY_OBJECT.computeIfAbsent(objectType, ProgressLog::new);
  }

  synchronized void add(long n) {
    records += n;
    long now = System.nanoTime();
    if (now - lastLogNanos >= INTERVAL_NANOS) {
      lastLogNanos = now;
      LOG.info("{}: {} records so far ({} records/s)", objectType, records, rate(now));
    }
  }

  private long rate(long now) {
    double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
    return Math.round(records / seconds);
  }
}
