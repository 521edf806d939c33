package io.hubspotbeam.sandbox;

/**
 * Which records are archived: index 23 always (so every object of 25 or more records has one,
 * while the first records that carry the hard values stay live), and exactly one index in each
 * later block of 32 (about 3%). One per block keeps the archived count of any index range
 * computable without a scan, which the search total needs. Records created while the portal
 * runs (index >= the size it was built with) are live until archived while it runs too
 * ({@link SandboxData#archive}); those few are kept in a map.
 */
final class ArchivePlan {
  static final long ALWAYS_ARCHIVED = 23;
  private static final long BLOCK = 32;

  private final long seed;
  private final long builtSize;
  /**
   * Records archived while the portal runs ({@link SandboxData#archive}): index to the time.
   * Only records live in the plan; few enough that counting them by scan is cheap.
   */
  private final java.util.NavigableMap<Long, Long> later;

  ArchivePlan(long seed, PortalObject object) {
    this(seed, object, Long.MAX_VALUE);
  }

  /** @param builtSize records the object was built with; later records are never archived */
  ArchivePlan(long seed, PortalObject object, long builtSize) {
    this(SeedMix.of(seed, SeedMix.code("archive"), object.ordinal()), builtSize,
        java.util.Collections.emptyNavigableMap());
  }

  private ArchivePlan(long seed, long builtSize, java.util.NavigableMap<Long, Long> later) {
    this.seed = seed;
    this.builtSize = builtSize;
    this.later = later;
  }

  /**
   * This plan with the live records at {@code from, from + every, ...} below {@code to} archived
   * at the time (records already archived keep their time).
   */
  ArchivePlan withArchived(long from, long to, long every, long at) {
    java.util.TreeMap<Long, Long> next = new java.util.TreeMap<>(later);
    for (long index = from; index < to; index += every) {
      if (!isArchived(index)) {
        next.put(index, at);
      }
    }
    return new ArchivePlan(seed, builtSize, java.util.Collections.unmodifiableNavigableMap(next));
  }

  /** When a record archived while the portal ran was archived, or null for any other. */
  Long archivedLater(long index) {
    return later.get(index);
  }

  boolean isArchived(long index) {
    return later.containsKey(index) || planned(index);
  }

  private boolean planned(long index) {
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
    return plannedBefore(endIndex) + later.headMap(endIndex, false).size();
  }

  private long plannedBefore(long endIndex) {
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
