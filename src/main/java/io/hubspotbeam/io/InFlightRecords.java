package io.hubspotbeam.io;

import io.hubspotbeam.client.CrmObject;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

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
 *
 * <p>The counts are per JVM, and a pipeline that fails leaves its emitted records unwritten for
 * good. So a gap that writers have not narrowed for {@link #STALE_NANOS} is taken as abandoned
 * and forgiven; otherwise the next pipeline in the JVM would step aside forever.
 */
final class InFlightRecords {
  /**
   * About 2,400 contacts of 330 properties. What the count cannot see comes on top: pages the
   * readers are emitting when the limit is passed, and bundles the writers have written but the
   * runner still holds (a heap histogram once found seven times the counted records in memory).
   * While each value was a string of its own, 1,000,000 sent a 300,000-record run without rate
   * limits into full collections of a 512 MB heap for its last minute, and 400,000 was the most
   * it stood. Since a record keeps its values packed in one string (about half the bytes), the
   * same run at 800,000 took 67-69 s instead of 82-93 s, with at most 372-399 MB of heap left
   * after a collection.
   */
  static final long LIMIT_VALUES = 800_000;

  /** How long writers may make no progress before the values in flight count as abandoned. */
  static final long STALE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

  private static final AtomicLong EMITTED = new AtomicLong();
  private static final AtomicLong WRITTEN = new AtomicLong();
  private static final AtomicLong LAST_WRITE_NANOS = new AtomicLong(System.nanoTime());
  /** The clock; tests move it. */
  static java.util.function.LongSupplier clock = System::nanoTime;

  private InFlightRecords() {}

  /** The measure of one record: its property values plus id and timestamps. */
  static long valuesOf(CrmObject record) {
    return record.propertyNames().size() + 4L;
  }

  /**
   * Outputs the records that {@code keep} accepts and counts their values as in flight (the one
   * place readers and the planning step do both); returns how many went out.
   */
  static int output(List<CrmObject> records, Predicate<CrmObject> keep,
      Consumer<CrmObject> out) {
    long values = 0;
    int emitted = 0;
    for (CrmObject record : records) {
      if (keep.test(record)) {
        out.accept(record);
        values += valuesOf(record);
        emitted++;
      }
    }
    emitted(values);
    return emitted;
  }

  static void emitted(long values) {
    EMITTED.addAndGet(values);
  }

  static void written(long values) {
    WRITTEN.addAndGet(values);
    LAST_WRITE_NANOS.set(clock.getAsLong());
  }

  static boolean tooMany() {
    long written = WRITTEN.get();
    long gap = EMITTED.get() - written;
    if (gap < 0) {
      // Values forgiven as abandoned were written after all: square the books, or the next
      // pipeline's records would be hidden behind this credit.
      EMITTED.addAndGet(-gap);
      return false;
    }
    if (written == 0 || gap <= LIMIT_VALUES) {
      return false;
    }
    if (clock.getAsLong() - LAST_WRITE_NANOS.get() > STALE_NANOS) {
      // Nobody has written for a while: these values belong to a pipeline that is gone.
      EMITTED.addAndGet(-gap);
      LAST_WRITE_NANOS.set(clock.getAsLong());
      return false;
    }
    return true;
  }
}
