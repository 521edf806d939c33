package io.hubspotbeam.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One page of one record's associations to another object, shared by the per-record GET and
 * the batch read: at most {@code limit} targets from the cursor on, ascending by id, plus the
 * cursor of the rest.
 */
final class AssociationPage {
  static final int MAX_LIMIT = 500;

  private final ArrayNode targets;
  private final String nextCursor;

  private AssociationPage(ArrayNode targets, String nextCursor) {
    this.targets = targets;
    this.nextCursor = nextCursor;
  }

  static AssociationPage read(SandboxData data, PortalObject from, PortalObject to,
      long fromIndex, String after, int limit) throws ApiException {
    ArrayNode targets = Json.array();
    long resumeId = AssociationCursor.decode(to, after);
    var graph = data.graph(from, to);
    if (graph.isEmpty() || fromIndex < 0) {
      return new AssociationPage(targets, null);
    }
    IdSequence toIds = data.generator(to).ids();
    long start = resumeId == Long.MIN_VALUE ? 0 : toIds.ceilingIndex(resumeId);
    long target = graph.get().nextTarget(from, fromIndex, start);
    while (target >= 0 && targets.size() < limit) {
      ObjectNode item = targets.addObject();
      item.put("toObjectId", toIds.id(target));
      ArrayNode types = item.putArray("associationTypes");
      for (SandboxAssociationType type : graph.get().types(from, fromIndex, target)) {
        ObjectNode t = types.addObject();
        t.put("category", type.category());
        t.put("typeId", type.typeId());
        t.put("label", type.label());
      }
      target = graph.get().nextTarget(from, fromIndex, target + 1);
    }
    String next = target >= 0 ? AssociationCursor.encode(to, toIds.id(target)) : null;
    return new AssociationPage(targets, next);
  }

  ArrayNode targets() {
    return targets;
  }

  boolean isEmpty() {
    return targets.isEmpty();
  }

  /** The cursor of the next page, or null on the last one. */
  String nextCursor() {
    return nextCursor;
  }
}
