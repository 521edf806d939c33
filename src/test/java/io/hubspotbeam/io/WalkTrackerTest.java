package io.hubspotbeam.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicReference;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.splittabledofn.SplitResult;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

/** Checkpoints of a plan: between searches, on the planning thread only, resuming exactly. */
class WalkTrackerTest {
  private static RangePlanner.Walk at(long from, long counted, boolean finished) {
    return new RangePlanner.Walk(true, finished, from, counted, 50_000, 3, 1, 200,
        ListCursors.ID_INCLUSIVE, 0.3, true);
  }

  @Test
  void aCheckpointResumesAfterTheLastClaimedSearch() throws Exception {
    WalkTracker tracker = new WalkTracker(at(0, 0, false));
    assertThat("nothing claimed: the first search is to come", tracker.trySplit(0), nullValue());
    for (int i = 0; i < WalkTracker.SEARCHES_PER_CALL; i++) {
      assertThat("a few searches go before a checkpoint", tracker.trySplit(0), nullValue());
      tracker.tryClaim(at(2_401L * i, 2_400L * i, false));
    }
    SplitResult<RangePlanner.Walk> split = tracker.trySplit(0);
    long last = WalkTracker.SEARCHES_PER_CALL - 1;
    assertThat(split.getResidual(), equalTo(at(2_401 * last, 2_400 * last, false)));
    assertThat(split.getPrimary().finished(), equalTo(true));
    assertThat(tracker.currentRestriction().finished(), equalTo(true));
    assertThat("no search claimed after the checkpoint",
        tracker.tryClaim(at(99_999, 50_000, false)), equalTo(false));
    tracker.checkDone();
    // The residual survives the runner's coder.
    SerializableCoder<RangePlanner.Walk> coder = SerializableCoder.of(RangePlanner.Walk.class);
    assertThat(CoderUtils.clone(coder, split.getResidual()), equalTo(split.getResidual()));
  }

  @Test
  void theFirstCallStopsOnceItsFirstStepIsOut() {
    WalkTracker tracker = new WalkTracker(RangePlanner.Walk.START);
    assertThat(tracker.trySplit(0), nullValue());
    tracker.tryClaim(at(0, 0, false)); // the start, or the first boundary
    assertThat(tracker.trySplit(0).getResidual(), equalTo(at(0, 0, false)));
  }

  @Test
  void onlyThePlanningThreadCheckpoints() throws Exception {
    WalkTracker tracker = new WalkTracker(at(0, 0, false));
    for (int i = 0; i < WalkTracker.SEARCHES_PER_CALL; i++) {
      tracker.tryClaim(at(2_401L * i, 2_400L * i, false));
    }
    AtomicReference<Object> fromTimer = new AtomicReference<>("not asked");
    Thread timer = new Thread(() -> fromTimer.set(tracker.trySplit(0)));
    timer.start();
    timer.join();
    assertThat("a search may be on its way", fromTimer.get(), nullValue());
    assertThat(tracker.tryClaim(at(99_999, 50_000, false)), equalTo(true));
    assertThat("the planning thread may", tracker.trySplit(0).getResidual(),
        equalTo(at(99_999, 50_000, false)));
  }

  @Test
  void aPlanMustReachItsEndOrBeCheckpointed() {
    WalkTracker unfinished = new WalkTracker(RangePlanner.Walk.START);
    unfinished.tryClaim(at(0, 0, false));
    assertThrows(IllegalStateException.class, unfinished::checkDone);
    WalkTracker done = new WalkTracker(RangePlanner.Walk.START);
    done.tryClaim(at(0, 0, false));
    done.tryClaim(at(9_999, 50_000, true));
    done.checkDone();
    assertThat("nothing after the end", done.tryClaim(at(9_999, 50_000, true)), equalTo(false));
    assertThat(done.trySplit(0), nullValue());
  }
}
