package io.hubspotbeam.io;

import io.hubspotbeam.client.CrmObject;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the property values that readers in this JVM have emitted and writers have not yet
 * written, so that readers can hold back while writers catch up.
 *
 * <p>The DirectRunner has no back-pressure between steps: records a reader emits wait in memory
 * until a thread is free to write them, and with readers occupying the threads a 300,000-record
 * run without rate limits ran out of a 512 MB heap. A reader starting a stretch of work first
 * checks {@link #tooMany()} and steps aside if writers are behind. Runners that run reader and
 * writer in one thread (Flink chains them) never get there. The check applies only once a
 * writer in this JVM has written something, so a runner that writes elsewhere is never held back.
 */
final class InFlightRecords {
  /** About 3,000 contacts of 326 properties: a few pages per reader. */
  static final long LIMIT_VALUES = 1_000_000;

  private static final AtomicLong EMITTED = new AtomicLong();
  private static final AtomicLong WRITTEN = new AtomicLong();

  private InFlightRecords() {}

  /** The measure of one record: its property values plus id and timestamps. */
  static long valuesOf(CrmObject record) {
    return record.propertyNames().size() + 4L;
  }

  static void emitted(long values) {
    EMITTED.addAndGet(values);
  }

  static void written(long values) {
    WRITTEN.addAndGet(values);
  }

  static boolean tooMany() {
    long written = WRITTEN.get();
    return written > 0 && EMITTED.get() - written > LIMIT_VALUES;
  }
}
