package io.hubspotbeam.sandbox;

/**
 * Which records are archived: index 23 always (so every object of 25 or more records has one,
 * while the first records that carry the hard values stay live), and exactly one index in each
 * later block of 32 (about 3%). One per block keeps the archived count of any index range
 * computable without a scan, which the search total needs. Records created while the portal
 * runs (index >= the size it was built with) are all live: nobody archived them yet.
 */
final class ArchivePlan {
  static final long ALWAYS_ARCHIVED = 23;
  private static final long BLOCK = 32;

  private final long seed;
  private final long builtSize;

  ArchivePlan(long seed, PortalObject object) {
    this(seed, object, Long.MAX_VALUE);
  }

  /** @param builtSize records the object was built with; later records are never archived */
  ArchivePlan(long seed, PortalObject object, long builtSize) {
    this.seed = SeedMix.of(seed, SeedMix.code("archive"), object.ordinal());
    this.builtSize = builtSize;
  }

  boolean isArchived(long index) {
    if (index >= builtSize) {
      return false;
    }
    if (index < BLOCK) {
      return index == ALWAYS_ARCHIVED;
    }
    return index % BLOCK == slot(index / BLOCK);
  }

  /** Archived indices in [0, end). */
  long archivedBefore(long endIndex) {
    long end = Math.min(endIndex, builtSize);
    if (end <= 0) {
      return 0;
    }
    long count = end > ALWAYS_ARCHIVED ? 1 : 0;
    long block = end / BLOCK;
    if (block >= 1) {
      count += block - 1;
      if (slot(block) < end % BLOCK) {
        count++;
      }
    }
    return count;
  }

  /** Live (not archived) indices in [from, to). */
  long liveBetween(long from, long to) {
    if (to <= from) {
      return 0;
    }
    return (to - from) - (archivedBefore(to) - archivedBefore(from));
  }

  private long slot(long block) {
    return SeedMix.below(BLOCK, seed, block);
  }
}
