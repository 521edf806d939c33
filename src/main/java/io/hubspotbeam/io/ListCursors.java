package io.hubspotbeam.io;

import io.hubspotbeam.client.CrmObject;
import io.hubspotbeam.client.HubSpotClient;
import io.hubspotbeam.client.ObjectPage;
import java.util.List;

/**
 * How a portal's list cursors relate to record ids, found out by asking.
 *
 * <p>HubSpot documents the list endpoint's {@code after} as an opaque cursor. In practice it has
 * been the id of the next record, which would let several readers list one object from different
 * ids at once. The planner relies on that only after {@link #probe} has seen it hold for the object
 * at hand, and the readers check every page they get from a made-up cursor; when cursors are
 * opaque, ranges other than the first are read through search instead.
 */
enum ListCursors {
  /** {@code after=X} lists the records with id {@code >= X}: X is the next record's id. */
  ID_INCLUSIVE,
  /** {@code after=X} lists the records with id {@code > X}: X is the last record's id. */
  ID_EXCLUSIVE,
  /** Only cursors HubSpot handed out may be used. */
  OPAQUE;

  /** A cursor that starts a listing at {@code fromId}; only for the id-like kinds. */
  String cursorFor(long fromId) {
    switch (this) {
      case ID_INCLUSIVE:
        return Long.toString(fromId);
      case ID_EXCLUSIVE:
        return Long.toString(fromId - 1);
      default:
        throw new IllegalStateException("opaque cursors cannot be made from an id");
    }
  }

  /** The list requests {@link #probe} makes at most. */
  static final int PROBE_REQUESTS = 3;

  /** Lists a few records to see how cursors behave: two or three list requests. */
  static ListCursors probe(HubSpotClient client, String objectType) {
    List<String> idOnly = List.of("hs_object_id");
    ObjectPage first = client.listPage(objectType, null, 2, idOnly, false);
    if (first.records().size() < 2 || first.nextAfter() == null) {
      return OPAQUE; // too few records to tell; such an object needs no splitting
    }
    long cursor;
    try {
      cursor = Long.parseLong(first.nextAfter());
    } catch (NumberFormatException e) {
      return OPAQUE;
    }
    long secondId = first.records().get(1).numericId();
    ObjectPage next = client.listPage(objectType, first.nextAfter(), 1, idOnly, false);
    if (next.records().isEmpty()) {
      return OPAQUE;
    }
    long thirdId = next.records().get(0).numericId();
    if (thirdId <= secondId) {
      return OPAQUE; // not ascending by id: ranges of ids cannot be listed
    }
    if (cursor == secondId) {
      return ID_EXCLUSIVE;
    }
    if (cursor > secondId && cursor <= thirdId) {
      // Could still be "last id + 1" shaped by chance: check that a cursor equal to an existing
      // id starts at that record.
      ObjectPage check = client.listPage(objectType, Long.toString(thirdId), 1, idOnly, false);
      List<CrmObject> records = check.records();
      return !records.isEmpty() && records.get(0).numericId() == thirdId ? ID_INCLUSIVE : OPAQUE;
    }
    return OPAQUE;
  }
}
