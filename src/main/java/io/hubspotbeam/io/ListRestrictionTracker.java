package io.hubspotbeam.io;

import java.util.function.LongSupplier;
import org.apache.beam.sdk.transforms.splittabledofn.RestrictionTracker;
import org.apache.beam.sdk.transforms.splittabledofn.SplitResult;

/**
 * Tracks a reader's progress through a {@link ListRestriction}, one page at a time.
 *
 * <p>Only checkpoints are supported ({@code trySplit(0)}): the primary keeps the pages already
 * claimed and the residual resumes at the cursor HubSpot gave for the next page. Splitting the
 * unread rest of a cursor-paged listing in two is impossible without knowing the cursors ahead,
 * so other fractions are refused; parallelism comes from splitting objects up front instead.
 *
 * <p>Checkpoints are refused during the first {@code minRunNanos} of a tracker's life. The
 * DirectRunner asks for one after every 100 outputs or second, and a resumed residual waits
 * about a second for the runner to schedule it again: accepting every request made a
 * 19,000-record listing take 207 s instead of 26 s. Refusing is allowed by the {@link RestrictionTracker} contract
 * (a split may be impossible now); the runner asks again at the next output.
 */
final class ListRestrictionTracker extends RestrictionTracker<ListRestriction, PageClaim>
    implements RestrictionTracker.HasProgress {
  private ListRestriction restriction;
  private long claimedRecords;
  private String resumeCursor;
  private boolean finished;
  private boolean stopped;
  private final long createdNanos;
  private final long minRunNanos;
  private final LongSupplier nanoClock;

  ListRestrictionTracker(ListRestriction restriction) {
    this(restriction, 0, System::nanoTime);
  }

  ListRestrictionTracker(ListRestriction restriction, long minRunNanos, LongSupplier nanoClock) {
    this.restriction = restriction;
    this.minRunNanos = minRunNanos;
    this.nanoClock = nanoClock;
    this.createdNanos = nanoClock.getAsLong();
    this.resumeCursor = restriction.cursor();
    this.finished = restriction.isEmpty();
  }

  @Override
  public boolean tryClaim(PageClaim page) {
    if (finished || stopped) {
      return false;
    }
    long remaining = remaining();
    if (page.records() > remaining) {
      throw new IllegalArgumentException(
          "a page of " + page.records() + " records exceeds the " + remaining + " left in "
              + restriction);
    }
    claimedRecords += page.records();
    resumeCursor = page.nextCursor();
    if (page.last() || page.nextCursor() == null || remaining() == 0) {
      finished = true;
    }
    return true;
  }

  /** Records still allowed by the restriction after the pages claimed so far. */
  long remaining() {
    long max = restriction.maxRecords();
    return max == ObjectSpec.ALL ? ObjectSpec.ALL : max - claimedRecords;
  }

  /** The cursor to fetch next: HubSpot's {@code after} of the last claimed page. */
  String nextCursor() {
    return resumeCursor;
  }

  @Override
  public ListRestriction currentRestriction() {
    return restriction;
  }

  @Override
  public SplitResult<ListRestriction> trySplit(double fractionOfRemainder) {
    if (fractionOfRemainder != 0 || finished || stopped) {
      return null;
    }
    if (nanoClock.getAsLong() - createdNanos < minRunNanos) {
      return null;
    }
    ListRestriction primary = new ListRestriction(restriction.cursor(), claimedRecords);
    long rest = remaining();
    ListRestriction residual = new ListRestriction(resumeCursor, rest);
    restriction = primary;
    stopped = true;
    return SplitResult.of(primary, residual);
  }

  @Override
  public void checkDone() {
    if (!finished && !stopped) {
      throw new IllegalStateException(
          "the listing of " + restriction + " stopped before its last page (next after="
              + resumeCursor + ")");
    }
  }

  @Override
  public IsBounded isBounded() {
    return IsBounded.BOUNDED;
  }

  @Override
  public Progress getProgress() {
    long max = restriction.maxRecords();
    double remainingWork;
    if (finished || stopped) {
      remainingWork = 0;
    } else if (max == ObjectSpec.ALL) {
      // The size of an unlimited listing is unknown; report one page ahead.
      remainingWork = 100;
    } else {
      remainingWork = max - claimedRecords;
    }
    return Progress.from(claimedRecords, remainingWork);
  }
}
