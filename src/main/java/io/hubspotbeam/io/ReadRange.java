package io.hubspotbeam.io;

import java.io.Serializable;
import java.util.Objects;

/**
 * A part of one object's records for one reader: the records whose id lies in
 * {@code [fromId, toId)}, at most {@code maxRecords} of them, read through the list endpoint or
 * through search. This is the splittable reader's restriction.
 *
 * <ul>
 *   <li>{@link Mode#LIST} pages with HubSpot's {@code after} cursor. {@code cursor} is where to
 *       resume: HubSpot's own cursor after a checkpoint, null for the first page of the object, or
 *       a cursor made from {@code fromId} when the planner has verified that this portal's cursors
 *       behave like record ids (see {@link ListCursors}).
 *   <li>{@link Mode#SEARCH} asks for ids {@code >= fromId} and {@code < toId}, sorted, and resumes
 *       after the last id it read; search is officially filterable by id, so any range works, and
 *       it draws on a rate limit of its own.
 * </ul>
 */
final class ReadRange implements Serializable {
  private static final long serialVersionUID = 1L;

  enum Mode {
    LIST,
    SEARCH;

    /** The other endpoint. */
    Mode other() {
      return this == LIST ? SEARCH : LIST;
    }
  }

  private final Mode mode;
  private final long fromId;
  private final long toId;
  private final String cursor;
  private final long maxRecords;
  private final long estimatedRecords;
  /** How the object's list cursors relate to ids: whether the rest can be listed from an id. */
  private final ListCursors cursors;

  private ReadRange(Mode mode, long fromId, long toId, String cursor, long maxRecords,
      long estimatedRecords, ListCursors cursors) {
    if (fromId < 0 || toId < fromId) {
      throw new IllegalArgumentException("bad id range [" + fromId + ", " + toId + ")");
    }
    if (maxRecords < 0) {
      throw new IllegalArgumentException("maxRecords must not be negative: " + maxRecords);
    }
    if (mode == Mode.SEARCH && cursor != null) {
      throw new IllegalArgumentException("a search range has no list cursor");
    }
    this.mode = mode;
    this.fromId = fromId;
    this.toId = toId;
    this.cursor = cursor;
    this.maxRecords = maxRecords;
    this.estimatedRecords = estimatedRecords;
    this.cursors = cursors;
  }

  static ReadRange list(long fromId, long toId, String cursor, long maxRecords,
      long estimatedRecords) {
    return new ReadRange(Mode.LIST, fromId, toId, cursor, maxRecords, estimatedRecords,
        ListCursors.OPAQUE);
  }

  static ReadRange search(long fromId, long toId, long maxRecords, long estimatedRecords) {
    return new ReadRange(Mode.SEARCH, fromId, toId, null, maxRecords, estimatedRecords,
        ListCursors.OPAQUE);
  }

  /** The rest of this range after a page that ended at {@code lastId}. */
  ReadRange after(long lastId, String nextCursor, int recordsRead) {
    long max = maxRecords == ObjectSpec.ALL ? ObjectSpec.ALL : maxRecords - recordsRead;
    long estimate = Math.max(0, estimatedRecords - recordsRead);
    return new ReadRange(mode, lastId + 1, toId, mode == Mode.LIST ? nextCursor : null, max,
        estimate, cursors);
  }

  /** The same start, limited to the records already read: what a checkpoint's primary did. */
  ReadRange limitedTo(long records) {
    return new ReadRange(mode, fromId, toId, cursor, records, records, cursors);
  }

  /** The same range, recording how the object's list cursors behave. */
  ReadRange withCursors(ListCursors kind) {
    return new ReadRange(mode, fromId, toId, cursor, maxRecords, estimatedRecords, kind);
  }

  /**
   * Whether the unread rest can be read through the other endpoint: any rest can be searched
   * (search filters on ids), but only a portal whose list cursors are ids lets a rest be listed
   * from its first id. The caller rules out reads that only one endpoint serves (archived
   * records and history: list; changes since a time: search).
   */
  boolean canSwitchTo(Mode other) {
    return other != mode && (other == Mode.SEARCH || cursors != ListCursors.OPAQUE);
  }

  /**
   * The unread rest, read from now on through the other endpoint: the readers move a range to
   * whichever rate limit has room, so that neither sits idle while the other has work queued
   * (a plan's fixed list/search split left one of them idle for the last third of a run).
   */
  ReadRange switchedTo(Mode other) {
    if (!canSwitchTo(other)) {
      throw new IllegalStateException("cannot read " + this + " through " + other);
    }
    String listCursor = other == Mode.LIST && fromId > 0 ? cursors.cursorFor(fromId) : null;
    return new ReadRange(other, fromId, toId, listCursor, maxRecords, estimatedRecords,
        cursors);
  }

  Mode mode() {
    return mode;
  }

  long fromId() {
    return fromId;
  }

  long toId() {
    return toId;
  }

  String cursor() {
    return cursor;
  }

  long maxRecords() {
    return maxRecords;
  }

  long estimatedRecords() {
    return estimatedRecords;
  }

  boolean isEmpty() {
    return maxRecords == 0 || fromId >= toId;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ReadRange)) {
      return false;
    }
    ReadRange other = (ReadRange) o;
    return mode == other.mode && fromId == other.fromId && toId == other.toId
        && Objects.equals(cursor, other.cursor) && maxRecords == other.maxRecords;
  }

  @Override
  public int hashCode() {
    return Objects.hash(mode, fromId, toId, cursor, maxRecords);
  }

  @Override
  public String toString() {
    return mode + "[" + fromId + ", " + (toId == Long.MAX_VALUE ? "end" : Long.toString(toId))
        + ")" + (cursor == null ? "" : " after=" + cursor)
        + (maxRecords == ObjectSpec.ALL ? "" : " max " + maxRecords);
  }
}
