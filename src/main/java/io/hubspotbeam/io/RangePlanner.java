package io.hubspotbeam.io;

import io.hubspotbeam.client.HubSpotClient;
import io.hubspotbeam.client.ModifiedSince;
import io.hubspotbeam.client.RateBudget;
import io.hubspotbeam.client.SearchPage;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits one object into ranges of ids that readers can read at the same time, and chooses for
 * each range whether it is listed or searched, so that both of HubSpot's rate limits are used.
 *
 * <p>Boundaries are exact quantiles found with search: one search of a single record at an offset
 * from the previous boundary gives the next one. Search caps a query at 10,000 results, so big
 * objects are walked in pieces of {@link #PIECE_RECORDS} (about N / 10,000 searches to plan),
 * each cut into {@link #SUBDIVISIONS} ranges of equal id span; the first piece (where ids are
 * often sparse) and the last (which holds fewer) are walked in steps of about
 * {@link #RANGE_RECORDS}, as are objects of fewer than 10,000 records. Ranges hold about
 * {@link #RANGE_RECORDS} records each, so that there are several per worker, the list/search
 * mix can be balanced finely, and no object waits on one reader: a single reader of a
 * 10,000-record object took the whole of a 150-second run. Ids are compared as numbers
 * throughout.
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
  private static final List<String> ID_ONLY = List.of("hs_object_id");

  private final HubSpotClient client;

  RangePlanner(HubSpotClient client) {
    this.client = client;
  }

  /** The plan for one object, with how its cursors behave (for the log). */
  record Plan(List<ReadRange> ranges, ListCursors cursors, long estimatedRecords) {}

  /** Whether an object with this many records to read is split into ranges (else one lister). */
  public static boolean splits(long records) {
    return records > RANGE_RECORDS;
  }

  /**
   * The searches planning an object of this many records costs: the first record and the
   * total, then one per boundary (a {@code --count} below the total adds one, for its end).
   */
  public static long planningSearches(long records) {
    if (!splits(records)) {
      return 0;
    }
    long searches = 1;
    for (long counted = 0; records - counted > RANGE_RECORDS;
        counted += step(counted, records - counted)) {
      searches++;
    }
    return searches;
  }

  /** List requests planning costs, to see how the object's cursors behave. */
  public static long planningLists(long records) {
    return splits(records) ? ListCursors.PROBE_REQUESTS : 0;
  }

  /**
   * The records up to the next boundary when {@code counted} lie behind and about {@code left}
   * remain: a whole piece while more than one remains, except in the first piece, whose ids are
   * often sparse (a portal's oldest records), so that cutting it by id span gave one range 90%
   * of it; else an equal share of the ranges of about {@link #RANGE_RECORDS} left.
   */
  private static int step(long counted, long left) {
    if (left > PIECE_RECORDS) {
      return counted >= PIECE_RECORDS ? PIECE_RECORDS : RANGE_RECORDS;
    }
    long ranges = (left + RANGE_RECORDS - 1) / RANGE_RECORDS;
    return (int) ((left + ranges - 1) / ranges);
  }

  Plan plan(ObjectSpec spec) {
    long max = spec.maxRecords();
    ModifiedSince since = spec.archived() ? null : spec.modifiedSince();
    if (since != null) {
      return planChanges(spec, since);
    }
    if (spec.archived() || !splits(max)) {
      return single(spec, Math.min(max, PIECE_RECORDS));
    }
    // Counted just before the run (a margin for records created since): no need to ask again.
    long known = spec.knownRecords();
    if (known >= 0 && !splits(known + KNOWN_MARGIN)) {
      return single(spec, Math.min(max, known));
    }
    String objectType = spec.objectType();
    SearchPage first = client.searchByIdRange(objectType, 0, Long.MAX_VALUE, false, 1, 0, ID_ONLY);
    long wanted = Math.min(max, first.total());
    if (first.records().isEmpty() || !splits(wanted)) {
      return single(spec, wanted);
    }
    ListCursors cursors = ListCursors.probe(client, objectType);
    boolean history = !spec.withHistory().isEmpty();
    if (history && cursors == ListCursors.OPAQUE) {
      return single(spec, wanted); // only listing returns history, from HubSpot's own cursors
    }
    List<Span> spans = spans(spec, first, null);
    // History: every range listed.
    double searchShare = history ? 0 : searchShare(spec);
    List<ReadRange> ranges = new ArrayList<>(spans.size());
    for (int i = 0; i < spans.size(); i++) {
      Span span = spans.get(i);
      boolean search = i > 0
          && (cursors == ListCursors.OPAQUE
              || Math.floor((i + 1) * searchShare) > Math.floor(i * searchShare));
      if (search) {
        ranges.add(ReadRange.search(span.from, span.to, ObjectSpec.ALL, span.records)
            .withCursors(cursors));
      } else {
        ranges.add(ReadRange.list(span.from, span.to,
            i == 0 ? null : cursors.cursorFor(span.from), ObjectSpec.ALL, span.records)
            .withCursors(cursors));
      }
    }
    return new Plan(ranges, cursors, wanted);
  }

  /** Ids {@code [from, to)} holding about {@code records} records. */
  private record Span(long from, long to, long records) {}

  /**
   * Ranges of ids over the object's records (those changed since {@code since}, when not null)
   * that together cover them all, each holding about {@link #RANGE_RECORDS}: exact quantiles
   * found with one search per boundary, whole pieces cut by id span.
   *
   * @param first the search of the first such record, with the total
   */
  private List<Span> spans(ObjectSpec spec, SearchPage first, ModifiedSince since) {
    String objectType = spec.objectType();
    long max = spec.maxRecords();
    long total = first.total();
    // Walk the quantiles: piece i starts at bounds[i] and holds sizes[i] records.
    List<Long> bounds = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    bounds.add(0L); // the first piece starts at the very beginning, with no cursor to make up
    long from = first.records().get(0).numericId();
    long counted = 0;
    long endId = Long.MAX_VALUE;
    while (true) {
      long left = Math.min(total, max) - counted;
      boolean countEnds = max != ObjectSpec.ALL && max - counted <= PIECE_RECORDS;
      int offset;
      if (splits(left)) {
        offset = step(counted, left);
      } else if (countEnds) {
        offset = (int) (max - counted); // the first record beyond --count ends the last range
      } else {
        break; // the rest is one range, open-ended
      }
      SearchPage at = client.searchByIdRange(objectType, from, Long.MAX_VALUE, false, 1, offset,
          ID_ONLY, since);
      if (at.records().isEmpty()) {
        break; // fewer than `offset` records remain: the last piece is open-ended
      }
      long boundary = at.records().get(0).numericId();
      if (boundary <= from) {
        throw new IllegalStateException(objectType + ": search returned id " + boundary
            + " at offset " + offset + " of the ids from " + from + "; ids are not ascending");
      }
      counted += offset;
      sizes.add(offset);
      if (max != ObjectSpec.ALL && counted >= max) {
        endId = boundary; // the first record beyond --count
        break;
      }
      bounds.add(boundary);
      from = boundary;
    }
    sizes.add((int) Math.max(1, Math.min(total, max) - counted));
    List<Span> spans = new ArrayList<>();
    for (int i = 0; i < bounds.size(); i++) {
      long start = bounds.get(i);
      long end = i + 1 < bounds.size() ? bounds.get(i + 1) : endId;
      int records = sizes.get(i);
      if (end == Long.MAX_VALUE || records < PIECE_RECORDS) {
        spans.add(new Span(start, end, records)); // open end, or already a range's worth
        continue;
      }
      // A whole piece: cut by id span.
      long width = end - start;
      for (int k = 0; k < SUBDIVISIONS; k++) {
        long a = start + width * k / SUBDIVISIONS;
        long b = k + 1 == SUBDIVISIONS ? end : start + width * (k + 1) / SUBDIVISIONS;
        if (b > a) {
          spans.add(new Span(a, b, records / SUBDIVISIONS));
        }
      }
    }
    return spans;
  }

  /**
   * The changes since a time: search is the only endpoint that filters on modification time, so
   * every range is searched, within the filter and paged by id. The quantile walk splits the
   * changes as it splits a whole object, so a million changed records read in parallel too, and
   * ten thousand records sharing one modification time are just ten thousand ids.
   */
  private Plan planChanges(ObjectSpec spec, ModifiedSince since) {
    SearchPage first = client.searchByIdRange(spec.objectType(), 0, Long.MAX_VALUE, false, 1, 0,
        ID_ONLY, since);
    long wanted = Math.min(spec.maxRecords(), first.total());
    if (first.records().isEmpty() || !splits(wanted)) {
      return new Plan(List.of(ReadRange.search(0, Long.MAX_VALUE, spec.maxRecords(),
          Math.max(wanted, 1))), ListCursors.OPAQUE, wanted);
    }
    List<Span> spans = spans(spec, first, since);
    List<ReadRange> ranges = new ArrayList<>(spans.size());
    for (Span span : spans) {
      ranges.add(ReadRange.search(span.from, span.to, ObjectSpec.ALL, span.records));
    }
    return new Plan(ranges, ListCursors.OPAQUE, wanted);
  }

  private static Plan single(ObjectSpec spec, long estimate) {
    return new Plan(
        List.of(ReadRange.list(0, Long.MAX_VALUE, null, spec.maxRecords(), estimate)),
        ListCursors.OPAQUE, estimate);
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
