package io.hubspotbeam.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.beam.sdk.transforms.splittabledofn.SplitResult;
import org.junit.jupiter.api.Test;

class ListRestrictionTrackerTest {
  @Test
  void checkpointResumesAtTheCursorOfTheNextPage() {
    ListRestrictionTracker tracker = new ListRestrictionTracker(new ListRestriction(null, 500));
    assertThat(tracker.tryClaim(new PageClaim(100, "201", false)), equalTo(true));
    assertThat(tracker.tryClaim(new PageClaim(100, "405", false)), equalTo(true));
    SplitResult<ListRestriction> split = tracker.trySplit(0);
    assertThat(split.getPrimary(), equalTo(new ListRestriction(null, 200)));
    assertThat(split.getResidual(), equalTo(new ListRestriction("405", 300)));
    assertThat("no claims after a checkpoint", tracker.tryClaim(new PageClaim(1, "9", false)),
        equalTo(false));
    assertDoesNotThrow(tracker::checkDone);
  }

  @Test
  void unlimitedRestrictionStaysUnlimitedAfterCheckpoint() {
    ListRestrictionTracker tracker =
        new ListRestrictionTracker(new ListRestriction("77", ObjectSpec.ALL));
    tracker.tryClaim(new PageClaim(100, "900", false));
    SplitResult<ListRestriction> split = tracker.trySplit(0);
    assertThat(split.getPrimary(), equalTo(new ListRestriction("77", 100)));
    assertThat(split.getResidual(), equalTo(new ListRestriction("900", ObjectSpec.ALL)));
  }

  @Test
  void checkpointBeforeAnyClaimHandsOverEverything() {
    ListRestrictionTracker tracker = new ListRestrictionTracker(new ListRestriction("5", 10));
    SplitResult<ListRestriction> split = tracker.trySplit(0);
    assertThat(split.getPrimary(), equalTo(new ListRestriction("5", 0)));
    assertThat(split.getResidual(), equalTo(new ListRestriction("5", 10)));
  }

  @Test
  void lastPageFinishesAndRefusesFurtherSplits() {
    ListRestrictionTracker tracker = new ListRestrictionTracker(new ListRestriction(null, 500));
    tracker.tryClaim(new PageClaim(40, null, true));
    assertThat(tracker.trySplit(0), nullValue());
    assertDoesNotThrow(tracker::checkDone);
  }

  @Test
  void checkpointsWaitForTheMinimumRunTime() {
    long[] now = {0};
    ListRestrictionTracker tracker =
        new ListRestrictionTracker(new ListRestriction(null, 500), 10, () -> now[0]);
    tracker.tryClaim(new PageClaim(100, "201", false));
    now[0] = 9;
    assertThat("too early", tracker.trySplit(0), nullValue());
    assertThat(tracker.tryClaim(new PageClaim(100, "402", false)), equalTo(true));
    now[0] = 10;
    SplitResult<ListRestriction> split = tracker.trySplit(0);
    assertThat(split.getResidual(), equalTo(new ListRestriction("402", 300)));
  }

  @Test
  void dynamicSplitsAreRefused() {
    ListRestrictionTracker tracker = new ListRestrictionTracker(new ListRestriction(null, 500));
    assertThat(tracker.trySplit(0.5), nullValue());
  }

  @Test
  void stoppingEarlyIsAnError() {
    ListRestrictionTracker tracker = new ListRestrictionTracker(new ListRestriction(null, 500));
    tracker.tryClaim(new PageClaim(100, "201", false));
    assertThrows(IllegalStateException.class, tracker::checkDone);
  }

  @Test
  void aPageBeyondTheCountIsRefused() {
    ListRestrictionTracker tracker = new ListRestrictionTracker(new ListRestriction(null, 50));
    assertThrows(IllegalArgumentException.class,
        () -> tracker.tryClaim(new PageClaim(51, "x", false)));
  }

  @Test
  void emptyRestrictionIsDoneAtOnce() {
    ListRestrictionTracker tracker = new ListRestrictionTracker(new ListRestriction("3", 0));
    assertDoesNotThrow(tracker::checkDone);
    assertThat(tracker.tryClaim(new PageClaim(0, null, true)), equalTo(false));
  }
}
