package io.hubspotbeam.sandbox;

/**
 * The record ids of one object: strictly increasing with the record index, sparse, and of very
 * different lengths (1-2 digits, then 4-6, then 9-11), so that ordering ids as strings gives a
 * different order than ordering them as numbers, the mistake that lost records in other
 * extractors. Ids are computed, never stored; the inverse is a binary search.
 */
final class IdSequence {
  private static final long SMALL_COUNT = 20;
  private static final long SMALL_STEP = 4;
  private static final long MEDIUM_COUNT = 1_000;
  private static final long MEDIUM_BASE = 1_000;
  private static final long MEDIUM_STEP = 997;
  private static final long LARGE_STEP = 1_009;

  private final long seed;
  private final long size;
  private final long largeBase;

  IdSequence(long seed, PortalObject object, long size) {
    this(SeedMix.of(seed, SeedMix.code("ids"), object.ordinal()), size,
        // Different objects start their long ids at different offsets, as separate HubSpot
        // object stores do.
        100_000_000L * (1 + (object.ordinal() * 4L) % 9));
  }

  private IdSequence(long mixedSeed, long size, long largeBase) {
    this.seed = mixedSeed;
    this.size = size;
    this.largeBase = largeBase;
  }

  /**
   * The same sequence with more (or fewer) records. Ids depend on the index alone, so records
   * appended this way get ids above every existing one and existing ids never change.
   */
  IdSequence withSize(long newSize) {
    return new IdSequence(seed, newSize, largeBase);
  }

  long size() {
    return size;
  }

  long id(long index) {
    if (index < SMALL_COUNT) {
      return 1 + index * SMALL_STEP + SeedMix.below(SMALL_STEP, seed, index);
    }
    if (index < SMALL_COUNT + MEDIUM_COUNT) {
      return MEDIUM_BASE + (index - SMALL_COUNT) * MEDIUM_STEP
          + SeedMix.below(MEDIUM_STEP, seed, index);
    }
    return largeBase + (index - SMALL_COUNT - MEDIUM_COUNT) * LARGE_STEP
        + SeedMix.below(LARGE_STEP, seed, index);
  }

  /** The smallest index whose id is >= the given id; size() when there is none. */
  long ceilingIndex(long id) {
    long lo = 0;
    long hi = size;
    while (lo < hi) {
      long mid = (lo + hi) >>> 1;
      if (id(mid) < id) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The index of the record with this id, or -1 when no record has it. */
  long indexOf(long id) {
    long index = ceilingIndex(id);
    return index < size && id(index) == id ? index : -1;
  }
}
