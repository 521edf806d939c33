package io.hubspotbeam.sandbox;

import java.util.ArrayList;
import java.util.List;

/**
 * The associations between the records of one {@link AssociationPair}, computed rather than
 * stored. Child a and parent b are associated, when both are live, if
 * <ul>
 *   <li>b is a's parent: b = floor(a * parents / children), so every child has one parent and
 *       every parent a contiguous range of children (invertible without a table);</li>
 *   <li>b is the parent hub (index 0) and a is a hub member; or a is the child hub (index 0)
 *       and b a hub member. Hub members are the first {@value #HUB_DENSE} indices and every
 *       {@value #HUB_STRIDE}th after, so a hub has more than 500 associations (exercising
 *       per-record paging) as soon as the other side has a little more than 500 live records.</li>
 * </ul>
 * Both directions are computed from the same rule, so they always agree.
 */
final class AssociationGraph {
  static final long HUB_DENSE = 600;
  static final long HUB_STRIDE = 7;
  private static final long LABEL_ONE_IN = 5;

  private final long seed;
  private final AssociationPair pair;
  private final long children;
  private final long parents;
  private final ArchivePlan childArchive;
  private final ArchivePlan parentArchive;

  AssociationGraph(long seed, AssociationPair pair, long children, long parents,
      ArchivePlan childArchive, ArchivePlan parentArchive) {
    this.seed = SeedMix.of(seed, SeedMix.code("associations"), pair.ordinal());
    this.pair = pair;
    this.children = children;
    this.parents = parents;
    this.childArchive = childArchive;
    this.parentArchive = parentArchive;
  }

  AssociationPair pair() {
    return pair;
  }

  /**
   * The smallest index >= start on the other side associated with record fromIndex of
   * {@code from}, or -1 when there is none.
   */
  long nextTarget(PortalObject from, long fromIndex, long start) {
    boolean fromChild = from == pair.child();
    long fromSize = fromChild ? children : parents;
    ArchivePlan fromArchive = fromChild ? childArchive : parentArchive;
    ArchivePlan toArchive = fromChild ? parentArchive : childArchive;
    if (fromIndex < 0 || fromIndex >= fromSize || fromArchive.isArchived(fromIndex)
        || children == 0 || parents == 0) {
      return -1;
    }
    long at = Math.max(0, start);
    while (true) {
      long candidate = fromChild ? nextParent(fromIndex, at) : nextChild(fromIndex, at);
      if (candidate < 0 || !toArchive.isArchived(candidate)) {
        return candidate;
      }
      at = candidate + 1;
    }
  }

  /** The association types on the pair (fromIndex of {@code from}, toIndex of the other side). */
  List<SandboxAssociationType> types(PortalObject from, long fromIndex, long toIndex) {
    boolean fromChild = from == pair.child();
    long child = fromChild ? fromIndex : toIndex;
    long parent = fromChild ? toIndex : fromIndex;
    List<SandboxAssociationType> types = new ArrayList<>(3);
    if (pair.hasPrimary() && parentOf(child) == parent) {
      types.add(pair.primaryType(fromChild));
    }
    types.add(pair.defaultType(fromChild));
    if (pair.hasLabel() && SeedMix.below(LABEL_ONE_IN, seed, child, parent) == 0) {
      types.add(pair.labeledType(fromChild));
    }
    return types;
  }

  private long nextParent(long child, long at) {
    long best = -1;
    long parent = parentOf(child);
    if (parent >= at) {
      best = parent;
    }
    if (at == 0 && isHubMember(child, children)) {
      best = 0;
    }
    if (child == 0) {
      best = min(best, nextHubMember(at, parents));
    }
    return best;
  }

  private long nextChild(long parent, long at) {
    long best = -1;
    long first = Math.max(at, firstChildOf(parent));
    if (first < firstChildOf(parent + 1)) {
      best = first;
    }
    if (parent == 0) {
      best = min(best, nextHubMember(at, children));
    }
    if (at == 0 && isHubMember(parent, parents)) {
      best = 0;
    }
    return best;
  }

  private long parentOf(long child) {
    return child * parents / children;
  }

  /** The first child whose parent is at or after the given parent (children for parent p = [first(p), first(p+1))). */
  private long firstChildOf(long parent) {
    return Math.min(children, (parent * children + parents - 1) / parents);
  }

  private static boolean isHubMember(long index, long size) {
    return index < size && (index < HUB_DENSE || index % HUB_STRIDE == 0);
  }

  private static long nextHubMember(long at, long size) {
    long next = at < HUB_DENSE ? at : ((at + HUB_STRIDE - 1) / HUB_STRIDE) * HUB_STRIDE;
    return next < size ? next : -1;
  }

  private static long min(long a, long b) {
    if (a < 0) {
      return b;
    }
    if (b < 0) {
      return a;
    }
    return Math.min(a, b);
  }
}
