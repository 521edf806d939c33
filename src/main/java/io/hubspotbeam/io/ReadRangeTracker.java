package io.hubspotbeam.io;

import java.util.function.LongSupplier;
import org.apache.beam.sdk.transforms.splittabledofn.RestrictionTracker;
import org.apache.beam.sdk.transforms.splittabledofn.SplitResult;

/**
 * Tracks a reader's progress through a {@link ReadRange}, one page at a time.
 *
 * <p>Only checkpoints are supported ({@code trySplit(0)}): the primary keeps the pages already
 * claimed and the residual is the range left after the last claimed page, resuming at the cursor
 * HubSpot gave (list) or after the last id (search). Splitting the unread rest of a listing in
 * two would need cursors not yet known, so other fractions are refused; parallelism comes from
 * the planner's up-front pieces instead (Flink's batch runner never splits dynamically anyway).
 *
 * <p>Checkpoints are refused during the first {@code minRunNanos} of a tracker's life. The
 * DirectRunner asks for one after every 100 outputs or second, and a resumed residual waits
 * about a second for the runner to schedule it again: accepting every request made a
 * 19,000-record listing take 207 s instead of 26 s. Refusing is allowed by the
 * {@link RestrictionTracker} contract (a split may be impossible now); the runner asks again at
 * the next output.
 *
 * <p>The minimum run gives way when the writers are behind ({@link InFlightRecords}): the
 * DirectRunner keeps a reader's records in memory until the reader stops, and a reader that
 * went on for its minimum run after the writers fell behind only added to their backlog.
 * Stopping hands the writers what the reader emitted, and it resumes once they have caught
 * up.
 *
 * <p>Once a page is claimed, checkpoints are taken only on the reader's own thread, which asks
 * between pages (when it emits records). The DirectRunner also asks from a timer thread a
 * second after the first claim, while the reader may be fetching the next page: a checkpoint
 * then made that page unclaimable, and its residual fetched it again, one wasted request in
 * ten of a Professional-limits run.
 */
final class ReadRangeTracker extends RestrictionTracker<ReadRange, PageClaim>
    implements RestrictionTracker.HasProgress {
  private ReadRange restriction;
  private ReadRange rest;
  private long claimedRecords;
  private boolean finished;
  private boolean stopped;
  private final long createdNanos;
  private final long minRunNanos;
  private final LongSupplier nanoClock;
  /** The thread that claims pages, from the first claim on. */
  private volatile Thread reader;

  ReadRangeTracker(ReadRange restriction) {
    this(restriction, 0, System::nanoTime);
  }

  ReadRangeTracker(ReadRange restriction, long minRunNanos, LongSupplier nanoClock) {
    this.restriction = restriction;
    this.rest = restriction;
    this.minRunNanos = minRunNanos;
    this.nanoClock = nanoClock;
    this.createdNanos = nanoClock.getAsLong();
    this.finished = restriction.isEmpty();
  }

  @Override
  public boolean tryClaim(PageClaim page) {
    if (finished || stopped) {
      return false;
    }
    long max = restriction.maxRecords();
    if (max != ObjectSpec.ALL && claimedRecords + page.records() > max) {
      throw new IllegalArgumentException(
          "a page of " + page.records() + " records exceeds the " + (max - claimedRecords)
              + " left in " + restriction);
    }
    if (reader == null) {
      reader = Thread.currentThread();
    }
    claimedRecords += page.records();
    rest = page.rest();
    if (rest == null || rest.isEmpty()) {
      finished = true;
    }
    return true;
  }

  @Override
  public ReadRange currentRestriction() {
    return restriction;
  }

  @Override
  public SplitResult<ReadRange> trySplit(double fractionOfRemainder) {
    if (fractionOfRemainder != 0 || finished || stopped) {
      return null;
    }
    // Before any record is claimed a checkpoint costs nothing (a reader stepping aside hands
    // over its whole range), so only later ones wait for the minimum run.
    if (claimedRecords > 0 && nanoClock.getAsLong() - createdNanos < minRunNanos
        && !InFlightRecords.tooMany()) {
      return null;
    }
    Thread claiming = reader;
    if (claiming != null && claiming != Thread.currentThread()) {
      return null; // the reader may be fetching a page that could then not be claimed
    }
    ReadRange primary = restriction.limitedTo(claimedRecords);
    ReadRange residual = rest;
    restriction = primary;
    stopped = true;
    return SplitResult.of(primary, residual);
  }

  @Override
  public void checkDone() {
    if (!finished && !stopped) {
      throw new IllegalStateException(
          "the reader of " + restriction + " stopped before the end; still to read: " + rest);
    }
  }

  @Override
  public IsBounded isBounded() {
    return IsBounded.BOUNDED;
  }

  @Override
  public Progress getProgress() {
    double remaining = finished || stopped ? 0 : Math.max(1, rest.estimatedRecords());
    return Progress.from(claimedRecords, remaining);
  }
}
