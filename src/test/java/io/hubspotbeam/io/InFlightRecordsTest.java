package io.hubspotbeam.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Readers hold back while writers are behind, but never for records nobody will write. */
class InFlightRecordsTest {
  private final AtomicLong now = new AtomicLong(TimeUnit.HOURS.toNanos(1));

  @AfterEach
  void realClock() {
    // Leave nothing in flight for the tests that run after this one in the JVM.
    now.addAndGet(InFlightRecords.STALE_NANOS + 1);
    InFlightRecords.tooMany();
    InFlightRecords.clock = System::nanoTime;
  }

  @Test
  void aGapThatWritersStopNarrowingIsForgiven() {
    InFlightRecords.clock = now::get;
    InFlightRecords.written(1);
    InFlightRecords.tooMany(); // forgets what earlier tests left, if anything
    InFlightRecords.emitted(InFlightRecords.LIMIT_VALUES + 10);
    assertThat("writers are behind", InFlightRecords.tooMany(), equalTo(true));
    now.addAndGet(InFlightRecords.STALE_NANOS / 2);
    InFlightRecords.written(5);
    assertThat("writers are working on it", InFlightRecords.tooMany(), equalTo(true));
    // A failed pipeline: its records are never written.
    now.addAndGet(InFlightRecords.STALE_NANOS + 1);
    assertThat(InFlightRecords.tooMany(), equalTo(false));
    assertThat("and stays forgiven", InFlightRecords.tooMany(), equalTo(false));
  }

  @Test
  void valuesWrittenAfterBeingForgivenLeaveNoCredit() {
    InFlightRecords.clock = now::get;
    InFlightRecords.written(1);
    InFlightRecords.tooMany();
    InFlightRecords.emitted(InFlightRecords.LIMIT_VALUES + 10);
    now.addAndGet(InFlightRecords.STALE_NANOS + 1);
    assertThat("forgiven", InFlightRecords.tooMany(), equalTo(false));
    // The slow writers finish after all: more written than emitted, for a moment.
    InFlightRecords.written(InFlightRecords.LIMIT_VALUES + 10);
    assertThat(InFlightRecords.tooMany(), equalTo(false));
    InFlightRecords.emitted(InFlightRecords.LIMIT_VALUES + 10);
    assertThat("the next pipeline's backlog counts in full", InFlightRecords.tooMany(),
        equalTo(true));
  }
}
