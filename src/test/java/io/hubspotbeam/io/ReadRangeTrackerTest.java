package io.hubspotbeam.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.transforms.splittabledofn.SplitResult;
import org.junit.jupiter.api.Test;

class ReadRangeTrackerTest {
  private static final ReadRange FIRST_500 = ReadRange.list(0, Long.MAX_VALUE, null, 500, 500);

  @Test
  void checkpointResumesWhereTheLastClaimedPageEnded() {
    ReadRangeTracker tracker = new ReadRangeTracker(FIRST_500);
    ReadRange afterFirst = FIRST_500.after(200, "201", 100);
    ReadRange afterSecond = afterFirst.after(404, "405", 100);
    assertThat(tracker.tryClaim(new PageClaim(100, afterFirst)), equalTo(true));
    assertThat(tracker.tryClaim(new PageClaim(100, afterSecond)), equalTo(true));
    SplitResult<ReadRange> split = tracker.trySplit(0);
    assertThat(split.getPrimary(), equalTo(FIRST_500.limitedTo(200)));
    assertThat(split.getResidual(), equalTo(ReadRange.list(405, Long.MAX_VALUE, "405", 300, 300)));
    assertThat("no claims after a checkpoint",
        tracker.tryClaim(new PageClaim(1, afterSecond.after(500, "501", 1))), equalTo(false));
    assertDoesNotThrow(tracker::checkDone);
  }

  @Test
  void searchRangesResumeAfterTheLastId() {
    ReadRange range = ReadRange.search(1000, 5000, ObjectSpec.ALL, 3000);
    ReadRangeTracker tracker = new ReadRangeTracker(range);
    tracker.tryClaim(new PageClaim(200, range.after(1733, null, 200)));
    SplitResult<ReadRange> split = tracker.trySplit(0);
    assertThat(split.getResidual(), equalTo(ReadRange.search(1734, 5000, ObjectSpec.ALL, 0)));
    assertThat(split.getPrimary().maxRecords(), equalTo(200L));
  }

  @Test
  void checkpointBeforeAnyClaimHandsOverEverything() {
    ReadRange range = ReadRange.list(7, 90, "7", 10, 10);
    SplitResult<ReadRange> split = new ReadRangeTracker(range).trySplit(0);
    assertThat(split.getPrimary(), equalTo(range.limitedTo(0)));
    assertThat(split.getResidual(), equalTo(range));
  }

  @Test
  void onceReadingOnlyTheReadersOwnThreadCheckpoints() throws Exception {
    ReadRangeTracker tracker = new ReadRangeTracker(FIRST_500);
    ReadRange afterFirst = FIRST_500.after(200, "201", 100);
    tracker.tryClaim(new PageClaim(100, afterFirst));
    // A runner's timer thread asks while the reader may be fetching its next page.
    Object[] fromTimer = {"not asked"};
    Thread timer = new Thread(() -> fromTimer[0] = tracker.trySplit(0));
    timer.start();
    timer.join();
    assertThat(fromTimer[0], nullValue());
    ReadRange afterSecond = afterFirst.after(404, "405", 100);
    assertThat(tracker.tryClaim(new PageClaim(100, afterSecond)), equalTo(true));
    assertThat(tracker.trySplit(0).getResidual(), equalTo(afterSecond));
  }

  @Test
  void writersFallingBehindCutTheMinimumRunShort() {
    long[] now = {0};
    ReadRangeTracker tracker = new ReadRangeTracker(FIRST_500, 10, () -> now[0]);
    ReadRange afterFirst = FIRST_500.after(200, "201", 100);
    tracker.tryClaim(new PageClaim(100, afterFirst));
    assertThat("too early", tracker.trySplit(0), nullValue());
    InFlightRecords.written(1);
    InFlightRecords.tooMany(); // squares what earlier tests left, if anything
    InFlightRecords.emitted(InFlightRecords.LIMIT_VALUES + 10);
    try {
      assertThat(tracker.trySplit(0).getResidual(), equalTo(afterFirst));
    } finally {
      InFlightRecords.written(InFlightRecords.LIMIT_VALUES + 10);
      InFlightRecords.tooMany();
    }
  }

  @Test
  void checkpointsWaitForTheMinimumRunTime() {
    long[] now = {0};
    ReadRangeTracker tracker = new ReadRangeTracker(FIRST_500, 10, () -> now[0]);
    tracker.tryClaim(new PageClaim(100, FIRST_500.after(200, "201", 100)));
    now[0] = 9;
    assertThat("too early", tracker.trySplit(0), nullValue());
    ReadRange afterSecond = FIRST_500.after(200, "201", 100).after(401, "402", 100);
    assertThat(tracker.tryClaim(new PageClaim(100, afterSecond)), equalTo(true));
    now[0] = 10;
    assertThat(tracker.trySplit(0).getResidual(), equalTo(afterSecond));
  }

  @Test
  void aReaderThatClaimedNothingCanStepAsideAtOnce() {
    ReadRangeTracker tracker = new ReadRangeTracker(FIRST_500, 10, () -> 0L);
    SplitResult<ReadRange> split = tracker.trySplit(0);
    assertThat(split.getResidual(), equalTo(FIRST_500));
    assertDoesNotThrow(tracker::checkDone);
  }

  @Test
  void theLastPageFinishesAndRefusesFurtherSplits() {
    ReadRangeTracker tracker = new ReadRangeTracker(FIRST_500);
    tracker.tryClaim(new PageClaim(40, null));
    assertThat(tracker.trySplit(0), nullValue());
    assertDoesNotThrow(tracker::checkDone);
  }

  @Test
  void dynamicSplitsAreRefused() {
    assertThat(new ReadRangeTracker(FIRST_500).trySplit(0.5), nullValue());
  }

  @Test
  void stoppingEarlyIsAnError() {
    ReadRangeTracker tracker = new ReadRangeTracker(FIRST_500);
    tracker.tryClaim(new PageClaim(100, FIRST_500.after(200, "201", 100)));
    assertThrows(IllegalStateException.class, tracker::checkDone);
  }

  @Test
  void aPageBeyondTheCountIsRefused() {
    ReadRangeTracker tracker = new ReadRangeTracker(ReadRange.list(0, 99, null, 50, 50));
    assertThrows(IllegalArgumentException.class, () -> tracker.tryClaim(new PageClaim(51, null)));
  }

  @Test
  void anEmptyRangeIsDoneAtOnce() {
    ReadRangeTracker tracker = new ReadRangeTracker(ReadRange.search(10, 10, ObjectSpec.ALL, 0));
    assertDoesNotThrow(tracker::checkDone);
    assertThat(tracker.tryClaim(new PageClaim(0, null)), equalTo(false));
  }

  @Test
  void rangesRoundTripThroughTheirCoder() throws Exception {
    SerializableCoder<ReadRange> coder = SerializableCoder.of(ReadRange.class);
    CoderProperties.coderDecodeEncodeEqual(coder, FIRST_500.after(200, "201", 100));
    CoderProperties.coderDecodeEncodeEqual(coder, ReadRange.search(5, 9, ObjectSpec.ALL, 4));
    CoderProperties.coderDecodeEncodeEqual(coder,
        ReadRange.list(0, Long.MAX_VALUE, null, 3, 3).withCursors(ListCursors.ID_INCLUSIVE));
  }
}
