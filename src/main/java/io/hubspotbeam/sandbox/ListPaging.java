package io.hubspotbeam.sandbox;

import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * How the list endpoint pages: the shape of its cursor ({@link CursorStyle}) and which pages come
 * back short. Short pages return fewer records than the limit (possibly none) while
 * {@code paging.next} still points at the first record not returned, as HubSpot's list does in
 * practice; which pages are short is a pure function of the seed and the page's start.
 *
 * <p>A page's start is a {@link Position}: the index to resume at plus how many empty pages in a
 * row were already served there. The second part is what keeps a client out of an endless loop:
 * were the decision a function of the index alone, an empty page would hand out a cursor to the
 * same start and get the same empty page again. So an empty page's cursor names the same index
 * with the run count one higher, which draws afresh, and runs are capped.
 */
final class ListPaging {
  /** At most this many empty pages in a row at one start, so paging always ends. */
  static final int MAX_EMPTY_RUN = 3;

  private static final byte TOKEN_VERSION = 1;
  private static final int TOKEN_BYTES = 1 + Long.BYTES + 1 + Integer.BYTES;

  /**
   * Where a page starts: the record index to resume at and the number of empty pages already
   * served in a row at that index (-1 for a first page, which came without a cursor).
   */
  record Position(long index, int emptyRun) {
    static final Position FIRST = new Position(0, -1);

    /** The start after a page that ended at {@code index} having returned records. */
    static Position at(long index) {
      return new Position(index, 0);
    }
  }

  private final CursorStyle style;
  private final double shortPageRate;
  private final long seed;
  private final PagingFault fault;

  ListPaging(CursorStyle style, double shortPageRate, long seed, PagingFault fault) {
    if (fault == PagingFault.ENDLESS && style != CursorStyle.ID) {
      throw new IllegalArgumentException("pagingFault: endless paging needs id cursors");
    }
    this.style = style;
    this.shortPageRate = shortPageRate;
    this.seed = SeedMix.of(seed, SeedMix.code("listPaging"));
    this.fault = fault;
  }

  PagingFault fault() {
    return fault;
  }

  /** The start named by the request's {@code after}; 400 for a cursor this style never issues. */
  Position read(String after, PortalObject object, IdSequence ids) throws ApiException {
    if (after == null || after.isEmpty()) {
      return Position.FIRST;
    }
    return style == CursorStyle.OPAQUE ? readToken(after.trim(), object, ids)
        : readId(after.trim(), ids);
  }

  /** The cursor naming the start; only for positions that {@link #afterEmptyPage} or at() gave. */
  String write(Position position, PortalObject object, IdSequence ids) {
    if (style == CursorStyle.OPAQUE) {
      return token(position, object);
    }
    return Long.toString(ids.id(position.index()) - Math.max(0, position.emptyRun()));
  }

  /**
   * The start to hand out after an empty page served at {@code start}, or null when no further
   * empty page may be served there (the run cap, or an id cursor that cannot express it).
   */
  Position afterEmptyPage(Position start, IdSequence ids) {
    int run = start.emptyRun() + 1;
    if (run > MAX_EMPTY_RUN) {
      return null;
    }
    Position next = new Position(start.index(), run);
    if (style == CursorStyle.ID && !idExpresses(next, ids)) {
      return null;
    }
    return next;
  }

  /**
   * How many records the page starting at {@code start} returns at most: the limit, or for a
   * short page anything from 0 (only when {@code emptyAllowed}) to limit - 1.
   */
  int quota(Position start, PortalObject object, int limit, boolean emptyAllowed) {
    if (shortPageRate <= 0
        || SeedMix.unit(seed, object.ordinal(), start.index(), start.emptyRun(), 1)
            >= shortPageRate) {
      return limit;
    }
    int quota = (int) SeedMix.below(limit, seed, object.ordinal(), start.index(),
        start.emptyRun(), 2);
    return Math.max(quota, emptyAllowed ? 0 : Math.min(1, limit));
  }

  // ---- id cursors

  /**
   * An id cursor means "records with id >= after", so every value in (id(index - 1), id(index)]
   * names the same index; the run count is how far below id(index) the value is. Ordinary
   * cursors are the id itself (run 0); a run of k is id(index) - k, still in range.
   */
  private static Position readId(String after, IdSequence ids) throws ApiException {
    long value;
    try {
      value = Long.parseLong(after);
    } catch (NumberFormatException e) {
      throw invalid(after);
    }
    long index = ids.ceilingIndex(value);
    long below = ids.id(index) - value;
    // A cursor far below its record (or negative, or past the end) never came from an empty
    // page; it counts as a spent run, so no empty page is served there.
    boolean fromEmptyPage = value >= 0 && below >= 0 && below <= MAX_EMPTY_RUN;
    return new Position(index, fromEmptyPage ? (int) below : MAX_EMPTY_RUN);
  }

  private static boolean idExpresses(Position position, IdSequence ids) {
    long value = ids.id(position.index()) - Math.max(0, position.emptyRun());
    long floor = position.index() == 0 ? -1 : ids.id(position.index() - 1);
    return value > floor && value >= 0;
  }

  // ---- opaque cursors

  /**
   * base64url of (version, index, run, checksum). The version byte 1 makes every token start
   * with "A", so a token can never be mistaken for a number; the checksum (seeded, per object)
   * makes a tampered or foreign token a 400 instead of a silent jump.
   */
  private String token(Position position, PortalObject object) {
    ByteBuffer bytes = ByteBuffer.allocate(TOKEN_BYTES);
    bytes.put(TOKEN_VERSION).putLong(position.index()).put((byte) position.emptyRun())
        .putInt(checksum(position, object));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
  }

  private Position readToken(String after, PortalObject object, IdSequence ids)
      throws ApiException {
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(after);
    } catch (IllegalArgumentException e) {
      throw invalid(after);
    }
    if (raw.length != TOKEN_BYTES || raw[0] != TOKEN_VERSION) {
      throw invalid(after);
    }
    ByteBuffer bytes = ByteBuffer.wrap(raw, 1, raw.length - 1);
    Position position = new Position(bytes.getLong(), bytes.get());
    // A grown object only gets longer, so a genuine token never points past the end.
    if (bytes.getInt() != checksum(position, object) || position.index() < 0
        || position.index() > ids.size() || position.emptyRun() < 0) {
      throw invalid(after);
    }
    return position;
  }

  private int checksum(Position position, PortalObject object) {
    return (int) SeedMix.of(seed, SeedMix.code("cursor"), object.ordinal(), position.index(),
        position.emptyRun());
  }

  private static ApiException invalid(String after) {
    return ApiException.validation("Invalid value for 'after': " + after
        + " is not a valid paging cursor.");
  }
}
