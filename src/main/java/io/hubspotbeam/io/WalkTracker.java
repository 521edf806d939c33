package io.hubspotbeam.io;

import org.apache.beam.sdk.transforms.splittabledofn.RestrictionTracker;
import org.apache.beam.sdk.transforms.splittabledofn.SplitResult;

/**
 * Tracks the planning of one object ({@link PlanRangesFn}) through its {@link RangePlanner.Walk},
 * one boundary search at a time: each claim is the walk as it stands after a search, made before
 * the ranges and records of that search are emitted.
 *
 * <p>Only checkpoints are supported ({@code trySplit(0)}), so that a runner that holds a step's
 * output until it stops (the DirectRunner) hands each search's ranges to the readers and its
 * page to the writers as they come, instead of holding a big object's plan (thousands of
 * records) in memory until the end. The residual is the walk after the last claim; the primary
 * is the work claimed, a finished walk. Checkpoints are taken only on the planning thread, which
 * asks when it emits (the DirectRunner also asks from a timer thread, while the planner may be
 * waiting for a search whose answer could then not be claimed), and only after
 * {@link #SEARCHES_PER_CALL} searches: the DirectRunner resumes a residual about a second after
 * a checkpoint, and checkpointed after every search (each emits a page, past the runner's 100
 * outputs) the contacts of a Professional-shaped portal took 30 s to plan instead of 12. The
 * first call stops as soon as its first step is out, so that the first range is read at once.
 */
final class WalkTracker extends RestrictionTracker<RangePlanner.Walk, RangePlanner.Walk>
    implements RestrictionTracker.HasProgress {
  /** Searches claimed before a checkpoint is accepted: at most five pages wait in memory. */
  static final int SEARCHES_PER_CALL = 5;

  private RangePlanner.Walk restriction;
  private RangePlanner.Walk position;
  private boolean stopped;
  private int claims;
  /** The thread that claims, from the first claim on. */
  private volatile Thread planner;

  WalkTracker(RangePlanner.Walk restriction) {
    this.restriction = restriction;
  }

  @Override
  public boolean tryClaim(RangePlanner.Walk next) {
    if (stopped || (position != null && position.finished())) {
      return false;
    }
    if (planner == null) {
      planner = Thread.currentThread();
    }
    position = next;
    claims++;
    return true;
  }

  @Override
  public RangePlanner.Walk currentRestriction() {
    return restriction;
  }

  @Override
  public SplitResult<RangePlanner.Walk> trySplit(double fractionOfRemainder) {
    // The first call stops once its first step is out, so that readers start on the object's
    // first range at once; later calls after a few steps.
    int before = restriction.started() ? SEARCHES_PER_CALL : 1;
    if (fractionOfRemainder != 0 || stopped || position == null || position.finished()
        || claims < before) {
      return null;
    }
    Thread claiming = planner;
    if (claiming != null && claiming != Thread.currentThread()) {
      return null;
    }
    RangePlanner.Walk primary = position.stopped();
    restriction = primary;
    stopped = true;
    return SplitResult.of(primary, position);
  }

  @Override
  public void checkDone() {
    if (!stopped && !restriction.finished() && (position == null || !position.finished())) {
      throw new IllegalStateException("the plan stopped before its end, at " + position);
    }
  }

  @Override
  public IsBounded isBounded() {
    return IsBounded.BOUNDED;
  }

  @Override
  public Progress getProgress() {
    return Progress.from(claims, stopped || (position != null && position.finished()) ? 0 : 1);
  }
}
