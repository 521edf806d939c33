package io.hubspotbeam.io;

import io.hubspotbeam.client.CrmObject;
import io.hubspotbeam.client.HubSpotClient;
import io.hubspotbeam.client.ModifiedSince;
import io.hubspotbeam.client.RateBudget;
import io.hubspotbeam.client.SearchPage;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits one object into ranges of ids that readers can read at the same time, and chooses for
 * each range whether it is listed or searched, so that both of HubSpot's rate limits are used.
 *
 * <p>Boundaries are exact quantiles found with search: a search at an offset from the previous
 * boundary gives the next one, and reads a page from it on (below). Where the rate limits make
 * requests the cost ({@link #boundaryPerRange}), every range gets a boundary of its own, about
 * {@link #RANGE_RECORDS} records on, so that there are several ranges per worker, the
 * list/search mix can be balanced finely, and no object waits on one reader: a single reader
 * of a 10,000-record object took the whole of a 150-second run. A range before a
 * boundary holds one record less than a whole number of search pages (2,199), which is one
 * less than whole list pages too: list's last page ends on the boundary (which tells the reader
 * the range is done) and search's last page holds 199 and says there is no more, so neither
 * endpoint spends a request on a part page at a range's end. Cutting pieces of 9,800 records
 * in four by id span instead, whose ends fell anywhere in a page, spent 2.4% of the list pages
 * and 5.4% of the searches of a Professional-limits benchmark run on such part pages. Planning
 * costs about N / 2,400 searches, each reading a page the readers then need not. Ids are
 * compared as numbers throughout.
 *
 * <p>Otherwise, or when pages are not read (history is asked for), big objects are walked in
 * pieces of up to {@link #PIECE_RECORDS} (search caps a query at 10,000 results; about
 * N / 10,000 searches), each cut into {@link #SUBDIVISIONS} ranges of equal id span; the first
 * piece (where ids are often sparse) and the last (which holds fewer) are walked in steps of
 * about {@link #RANGE_RECORDS}, as are objects of fewer than 10,000 records.
 *
 * <p>A boundary search asks for a whole page ({@link #READ_WHILE_PLANNING} records with the
 * object's properties) rather than one id: its first record is the boundary, and the page is
 * read there and then, so the next range starts after it. Planning then costs no search
 * requests of its own: in a Professional-limits benchmark, the 50 boundary searches of one id
 * each had kept search from reading anything for the first 19 s. Pages are not read when the
 * object's history is asked for (only listing returns it).
 *
 * <p>The walk goes one search at a time ({@link #next}), and a {@link Walk} holds all it needs
 * to go on, so that the planning step can hand out each range (and the records read) as soon as
 * it is found, and a runner can checkpoint it between searches.
 *
 * <p>Objects of at most {@link #RANGE_RECORDS} records to read, and archived records (which
 * search never returns), are read by one lister from the first page, with no planning requests.
 */
public final class RangePlanner {
  /** Records per planned piece: the largest offset search can reach with one result. */
  static final int PIECE_RECORDS = HubSpotClient.SEARCH_RESULT_CAP - 1;
  static final int SUBDIVISIONS = 4;
  /** Records per range aimed at: a quarter of a piece. */
  static final int RANGE_RECORDS = (PIECE_RECORDS + SUBDIVISIONS - 1) / SUBDIVISIONS;
  /** Records a known count may have grown by before a single range would be too small. */
  static final int KNOWN_MARGIN = 250;
  /** Records a boundary search reads beside finding the boundary: a full search page. */
  static final int READ_WHILE_PLANNING = HubSpotClient.MAX_SEARCH_LIMIT;
  private static final List<String> ID_ONLY = List.of("hs_object_id");

  private final HubSpotClient client;

  RangePlanner(HubSpotClient client) {
    this.client = client;
  }

  /** A whole plan, walked to its end (see {@link #plan}). */
  record Plan(List<ReadRange> ranges, ListCursors cursors, long estimatedRecords,
      List<CrmObject> records) {}

  /**
   * Where the walk over one object's records stands between two searches: everything needed to
   * go on, so that the walk may continue in another call, on another thread or after a runner's
   * checkpoint.
   *
   * @param pieceStart where the next range starts (its first id, or 0 for the first), and the
   *     id the next boundary search counts from
   * @param counted records behind {@code pieceStart}, in ranges or read
   * @param wanted the records to read: the object's total, or the count when lower
   * @param ranges ranges handed out so far
   * @param searched of those, ranges to search
   * @param read records read by boundary searches so far
   * @param perRange whether every range gets a boundary search of its own
   *     ({@link #boundaryPerRange})
   */
  record Walk(boolean started, boolean finished, long pieceStart, long counted, long wanted,
      int ranges, int searched, long read, ListCursors cursors, double searchShare,
      boolean perRange) implements Serializable {
    /** Nothing done yet. */
    static final Walk START =
        new Walk(false, false, 0, 0, 0, 0, 0, 0, ListCursors.OPAQUE, 0, false);

    /** A walk from the start of the ids. */
    private static Walk begun(
        long wanted, ListCursors cursors, double searchShare, boolean perRange) {
      return new Walk(true, false, 0, 0, wanted, 0, 0, 0, cursors, searchShare, perRange);
    }

    private Walk advancedTo(long next, long counted, List<ReadRange> added, long readNow) {
      int searchedNow = (int) added.stream().filter(r -> r.mode() == ReadRange.Mode.SEARCH).count();
      return new Walk(true, false, next, counted, wanted, ranges + added.size(),
          searched + searchedNow, read + readNow, cursors, searchShare, perRange);
    }

    /** The same place, as the end of a call's work (the primary of a checkpoint). */
    Walk stopped() {
      return new Walk(true, true, pieceStart, counted, wanted, ranges, searched, read, cursors,
          searchShare, perRange);
    }

    private Walk finishedWith(List<ReadRange> added) {
      return advancedTo(pieceStart, counted, added, 0).stopped();
    }
  }

  /** One step of a walk: where it stands after, the ranges it found and the records it read. */
  record Step(Walk walk, List<ReadRange> ranges, List<CrmObject> records) {}

  /** Whether an object with this many records to read is split into ranges (else one lister). */
  public static boolean splits(long records) {
    return records > RANGE_RECORDS;
  }

  /**
   * The searches planning an object of this many records costs when its count is known (the
   * preflight's): one per boundary (a {@code --count} below the total adds one, for its end).
   * Without a count, a first search finds it.
   */
  public static long planningSearches(long records, boolean perRange) {
    return walkCost(records, perRange)[0];
  }

  /** Records the boundary searches of such an object read (not left to the readers). */
  public static long recordsReadPlanning(long records, boolean perRange) {
    return walkCost(records, perRange)[1];
  }

  /** Searches and records read of the walk over {@code records} records. */
  private static long[] walkCost(long records, boolean perRange) {
    if (!splits(records)) {
      return new long[] {0, 0};
    }
    long searches = 0;
    long read = 0;
    for (long counted = 0; splits(records - counted); ) {
      Advance step = advance(counted, records - counted, perRange, true);
      searches++;
      read += step.read();
      counted += step.offset() + step.read();
    }
    return new long[] {searches, read};
  }

  /** List requests planning costs, to see how the object's cursors behave. */
  public static long planningLists(long records) {
    return splits(records) ? ListCursors.PROBE_REQUESTS : 0;
  }

  /**
   * The next boundary search: the boundary lies {@code offset} records beyond the last, and
   * {@code read} records from it on are read with it (0: the search asks for the boundary only).
   */
  private record Advance(int offset, int read) {
    int limit() {
      return Math.max(1, read);
    }
  }

  /**
   * The next boundary search when {@code counted} records lie behind and about {@code left}
   * remain. With a boundary per range and pages read: a range of about {@link #RANGE_RECORDS}
   * (an equal share of the last 10,000), then the page from the boundary. Else a whole piece
   * while more than one remains, except in the first piece, whose ids are often sparse (a
   * portal's oldest records), so that cutting it by id span gave one range 90% of it; else an
   * equal share of the ranges of about {@link #RANGE_RECORDS} left. When pages are read, the
   * range before the boundary holds a whole number of search pages less one record, so that
   * neither endpoint reads a part page at its end.
   */
  private static Advance advance(long counted, long left, boolean perRange, boolean readPages) {
    long share;
    if (left > PIECE_RECORDS) {
      share = counted >= PIECE_RECORDS && !(perRange && readPages)
          ? PIECE_RECORDS + 1 : RANGE_RECORDS;
    } else {
      long ranges = (left + RANGE_RECORDS - 1) / RANGE_RECORDS;
      share = (left + ranges - 1) / ranges;
    }
    int page = READ_WHILE_PLANNING;
    long before = (share - page) / page * page - 1;
    if (readPages && before >= page && before + page < left) {
      return new Advance((int) before, page);
    }
    return new Advance((int) Math.min(share, PIECE_RECORDS), 0);
  }

  /** The object's whole plan, with the records its searches read: one step after another. */
  Plan plan(ObjectSpec spec) {
    List<ReadRange> ranges = new ArrayList<>();
    List<CrmObject> records = new ArrayList<>();
    Walk walk = Walk.START;
    do {
      Step step = next(spec, walk);
      ranges.addAll(step.ranges());
      records.addAll(step.records());
      walk = step.walk();
    } while (!walk.finished());
    return new Plan(ranges, walk.cursors(), walk.wanted(), records);
  }

  /**
   * The next step of the walk: from {@link Walk#START}, the count and how the object's cursors
   * behave (a finished walk of one range for objects not split); then one boundary search,
   * which hands out the ranges before the boundary, or the last range.
   */
  Step next(ObjectSpec spec, Walk walk) {
    if (walk.finished()) {
      throw new IllegalStateException("the plan of " + spec.tableName() + " is complete");
    }
    if (!walk.started()) {
      return begin(spec);
    }
    String objectType = spec.objectType();
    long max = spec.maxRecords();
    long left = walk.wanted() - walk.counted();
    Advance step;
    if (splits(left)) {
      step = advance(walk.counted(), left, walk.perRange(), spec.withHistory().isEmpty());
    } else if (max != ObjectSpec.ALL && max - walk.counted() <= PIECE_RECORDS) {
      step = new Advance((int) (max - walk.counted()), 0); // the first record beyond --count
    } else {
      return last(spec, walk, Long.MAX_VALUE); // the rest is one range, open-ended
    }
    SearchPage at = client.searchByIdRange(objectType, walk.pieceStart(), Long.MAX_VALUE, false,
        step.limit(), step.offset(), step.read() > 0 ? spec.properties() : ID_ONLY,
        changesSince(spec));
    if (at.records().isEmpty()) {
      return last(spec, walk, Long.MAX_VALUE); // fewer than `offset` remain: the last, open-ended
    }
    long boundary = at.records().get(0).numericId();
    if (boundary <= walk.pieceStart()) {
      throw new IllegalStateException(objectType + ": search returned id " + boundary
          + " at offset " + step.offset() + " of the ids from " + walk.pieceStart()
          + "; ids are not ascending");
    }
    List<ReadRange> ranges = piece(spec, walk, boundary, step.offset());
    long counted = walk.counted() + step.offset();
    if (max != ObjectSpec.ALL && counted >= max) {
      return new Step(walk.finishedWith(ranges), ranges, List.of()); // ends before the boundary
    }
    if (step.read() == 0 || at.records().size() < step.read()) {
      // A boundary only, or records deleted meanwhile: the page is left to the next range.
      return new Step(walk.advancedTo(boundary, counted, ranges, 0), ranges, List.of());
    }
    long last = boundary - 1;
    for (CrmObject record : at.records()) {
      if (record.numericId() <= last) {
        throw new IllegalStateException(objectType + ": search from id " + walk.pieceStart()
            + " returned id " + record.numericId() + " after id " + last
            + "; ids are not ascending");
      }
      last = record.numericId();
    }
    return new Step(walk.advancedTo(last + 1, counted + at.records().size(), ranges,
        at.records().size()), ranges, at.records());
  }

  /**
   * The first step: the total and first id (unless the preflight counted the records), then how
   * the cursors behave.
   */
  private Step begin(ObjectSpec spec) {
    long max = spec.maxRecords();
    ModifiedSince since = changesSince(spec);
    if (since == null && (spec.archived() || !splits(max))) {
      return single(spec, Math.min(max, PIECE_RECORDS));
    }
    // Counted just before the run (a margin for records created since): no need to ask again.
    long known = spec.knownRecords();
    if (since == null && known >= 0 && !splits(known + KNOWN_MARGIN)) {
      return single(spec, Math.min(max, known));
    }
    // Boundaries are searched from id 0 (the same as from the first record). A count made
    // before the run may since have grown (the open last range covers it) or shrunk (the walk
    // ends early).
    long wanted;
    if (since == null && known >= 0 && splits(Math.min(max, known))) {
      wanted = Math.min(max, known);
    } else {
      SearchPage first = client.searchByIdRange(spec.objectType(), 0, Long.MAX_VALUE, false, 1,
          0, ID_ONLY, since);
      wanted = Math.min(max, first.total());
      if (first.records().isEmpty() || !splits(wanted)) {
        return single(spec, wanted);
      }
    }
    if (since != null) {
      return new Step(Walk.begun(wanted, ListCursors.OPAQUE, 1, perRange()), List.of(),
          List.of());
    }
    ListCursors cursors = ListCursors.probe(client, spec.objectType());
    boolean history = !spec.withHistory().isEmpty();
    if (history && cursors == ListCursors.OPAQUE) {
      return single(spec, wanted); // only listing returns history, from HubSpot's own cursors
    }
    // History: every range listed.
    double searchShare = history ? 0 : searchShare(spec);
    return new Step(Walk.begun(wanted, cursors, searchShare, perRange()), List.of(), List.of());
  }

  /**
   * The changes asked for, or null: search is the only endpoint that filters on modification
   * time, so every range of changes is searched, within the filter and paged by id. The walk
   * splits the changes as it splits a whole object, so a million changed records read in
   * parallel too, and ten thousand records sharing one modification time are just ten thousand
   * ids.
   */
  private static ModifiedSince changesSince(ObjectSpec spec) {
    return spec.archived() ? null : spec.modifiedSince();
  }

  /** The last range, from where the walk stands to {@code end}. */
  private Step last(ObjectSpec spec, Walk walk, long end) {
    List<ReadRange> ranges = List.of(range(spec, walk, walk.ranges(), walk.pieceStart(), end,
        Math.max(1, walk.wanted() - walk.counted())));
    return new Step(walk.finishedWith(ranges), ranges, List.of());
  }

  /**
   * The ranges of the piece from where the walk stands to {@code boundary}, holding
   * {@code records}: one, or a whole piece cut into {@link #SUBDIVISIONS} of equal id span.
   */
  private List<ReadRange> piece(ObjectSpec spec, Walk walk, long boundary, long records) {
    long start = walk.pieceStart();
    if (records <= 2L * RANGE_RECORDS) {
      return List.of(range(spec, walk, walk.ranges(), start, boundary, records));
    }
    List<ReadRange> ranges = new ArrayList<>(SUBDIVISIONS);
    long width = boundary - start;
    for (int k = 0; k < SUBDIVISIONS; k++) {
      long a = start + width * k / SUBDIVISIONS;
      long b = k + 1 == SUBDIVISIONS ? boundary : start + width * (k + 1) / SUBDIVISIONS;
      if (b > a) {
        ranges.add(range(spec, walk, walk.ranges() + ranges.size(), a, b, records / SUBDIVISIONS));
      }
    }
    return ranges;
  }

  /**
   * Range number {@code index} of the object: changes are searched; else the first is listed
   * from the start, and the others are listed or searched in the proportion of
   * {@link #searchShare}, or all searched when the list cursors cannot be made up.
   */
  private static ReadRange range(
      ObjectSpec spec, Walk walk, int index, long from, long to, long records) {
    if (changesSince(spec) != null) {
      return ReadRange.search(from, to, ObjectSpec.ALL, records);
    }
    double share = walk.searchShare();
    boolean search = index > 0
        && (walk.cursors() == ListCursors.OPAQUE
            || Math.floor((index + 1) * share) > Math.floor(index * share));
    if (search) {
      return ReadRange.search(from, to, ObjectSpec.ALL, records).withCursors(walk.cursors());
    }
    return ReadRange.list(from, to, index == 0 ? null : walk.cursors().cursorFor(from),
        ObjectSpec.ALL, records).withCursors(walk.cursors());
  }

  private static Step single(ObjectSpec spec, long estimate) {
    List<ReadRange> ranges = List.of(changesSince(spec) != null
        ? ReadRange.search(0, Long.MAX_VALUE, spec.maxRecords(), Math.max(estimate, 1))
        : ReadRange.list(0, Long.MAX_VALUE, null, spec.maxRecords(), estimate));
    return new Step(Walk.begun(estimate, ListCursors.OPAQUE, 0, false).finishedWith(ranges), ranges,
        List.of());
  }

  /** Whether this client's budget gives every range a boundary of its own. */
  private boolean perRange() {
    return boundaryPerRange(client.rateBudget());
  }

  /**
   * Whether every range gets a boundary search of its own under this budget, or big objects
   * are walked in pieces of 10,000 cut in four by id span. A boundary per range saves the part
   * pages at range ends, which matter where requests are paced, but costs a search per 2,400
   * records instead of per 10,000, and search is paced at five a second on every tier: the
   * planner then hands out ranges of about half its search pace times 2,500 records a second
   * (5,900 at 95%; a planning step is resumed about a second after every five searches, and
   * readers search too). Where the readers can take ranges faster than that, they would wait
   * for them: without rate limits, a 300,000-record run took 84.7 s instead of 67-71 s, and a
   * 1,000,000-record run 242 s instead of 177 s. So a boundary per range only where list and
   * search together read at most that (Professional limits: about 2,800 records a second).
   */
  public static boolean boundaryPerRange(RateBudget budget) {
    double listPerSecond = budget.requestsPerTenSeconds() / 10;
    double searchPerSecond = budget.searchRequestsPerSecond();
    if (listPerSecond == 0) {
      return false; // list is not paced: only speed counts
    }
    if (searchPerSecond == 0) {
      return true; // search is not paced: planning is quick
    }
    double read = listPerSecond * HubSpotClient.MAX_LIST_LIMIT
        + searchPerSecond * HubSpotClient.MAX_SEARCH_LIMIT;
    return read <= searchPerSecond / 2 * RANGE_RECORDS;
  }

  /**
   * The share of ranges to search so that the list and search budgets run out together: each
   * reads at its own pace (list: 100 records per request, or per two when the properties need a
   * batch read; search: 200 per request, about five requests per second).
   */
  private double searchShare(ObjectSpec spec) {
    return searchShare(client.rateBudget(), client.listFitsInOneRequest(spec.objectType(),
        HubSpotClient.MAX_LIST_LIMIT, spec.properties()));
  }

  /**
   * The share of an object's ranges searched rather than listed under this budget, when its list
   * pages fit in one request or need a batch read too.
   */
  private static double searchShare(RateBudget budget, boolean listFitsInOneRequest) {
    double listRequestsPerSecond = budget.requestsPerTenSeconds() / 10;
    double searchRequestsPerSecond = budget.searchRequestsPerSecond();
    if (listRequestsPerSecond == 0) {
      return 0; // list is not paced: it outruns search
    }
    if (searchRequestsPerSecond == 0) {
      return 1;
    }
    int requestsPerPage = listFitsInOneRequest ? 1 : 2;
    double listRecords = listRequestsPerSecond * HubSpotClient.MAX_LIST_LIMIT / requestsPerPage;
    double searchRecords = searchRequestsPerSecond * HubSpotClient.MAX_SEARCH_LIMIT;
    return searchRecords / (listRecords + searchRecords);
  }
}
