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
 * <p>Boundaries are exact quantiles found with search: one search of a single record at offset
 * 9,999 from the previous boundary gives the next one (search caps a query at 10,000 results), so
 * an object of N records costs about N / 10,000 searches to plan. Each such piece is cut into
 * {@link #SUBDIVISIONS} ranges of equal id span, so that there are several per worker and the
 * list/search mix can be balanced finely. Ids are compared as numbers throughout.
 *
 * <p>Objects of at most 9,999 records to read, and archived records (which search never
 * returns), are read by one lister from the first page, with no planning requests.
 */
public final class RangePlanner {
  /** Records per planned piece: the largest offset search can reach with one result. */
  static final int PIECE_RECORDS = HubSpotClient.SEARCH_RESULT_CAP - 1;
  static final int SUBDIVISIONS = 4;
  /** Records a known count may have grown by before a single range would be too small. */
  static final int KNOWN_MARGIN = 1_000;
  private static final List<String> ID_ONLY = List.of("hs_object_id");

  private final HubSpotClient client;

  RangePlanner(HubSpotClient client) {
    this.client = client;
  }

  /** The plan for one object, with how its cursors behave (for the log). */
  record Plan(List<ReadRange> ranges, ListCursors cursors, long estimatedRecords) {}

  /** Whether an object with this many records to read is split into ranges (else one lister). */
  public static boolean splits(long records) {
    return records > PIECE_RECORDS;
  }

  Plan plan(ObjectSpec spec) {
    long max = spec.maxRecords();
    ModifiedSince since = spec.archived() ? null : spec.modifiedSince();
    if (since != null) {
      return planChanges(spec, since);
    }
    if (spec.archived() || max <= PIECE_RECORDS) {
      return single(spec, Math.min(max, PIECE_RECORDS));
    }
    // Counted just before the run (a margin for records created since): no need to ask again.
    long known = spec.knownRecords();
    if (known >= 0 && known + KNOWN_MARGIN <= PIECE_RECORDS) {
      return single(spec, Math.min(max, known));
    }
    String objectType = spec.objectType();
    SearchPage first = client.searchByIdRange(objectType, 0, Long.MAX_VALUE, false, 1, 0, ID_ONLY);
    long wanted = Math.min(max, first.total());
    if (first.records().isEmpty() || wanted <= PIECE_RECORDS) {
      return single(spec, wanted);
    }
    List<long[]> spans = spans(spec, first, null);
    ListCursors cursors = ListCursors.probe(client, objectType);
    boolean history = !spec.withHistory().isEmpty();
    if (history && cursors == ListCursors.OPAQUE) {
      return single(spec, wanted); // only listing returns history, from HubSpot's own cursors
    }
    // History: every range listed.
    double searchShare = history ? 0 : searchShare(spec, cursors);
    long estimate = Math.max(1, wanted / spans.size());
    List<ReadRange> ranges = new ArrayList<>(spans.size());
    for (int i = 0; i < spans.size(); i++) {
      long a = spans.get(i)[0];
      long b = spans.get(i)[1];
      boolean search = i > 0
          && (cursors == ListCursors.OPAQUE
              || Math.floor((i + 1) * searchShare) > Math.floor(i * searchShare));
      if (search) {
        ranges.add(ReadRange.search(a, b, ObjectSpec.ALL, estimate).withCursors(cursors));
      } else {
        ranges.add(ReadRange.list(a, b, i == 0 ? null : cursors.cursorFor(a), ObjectSpec.ALL,
            estimate).withCursors(cursors));
      }
    }
    return new Plan(ranges, cursors, wanted);
  }

  /**
   * Ranges of ids over the object's records (those changed since {@code since}, when not null)
   * that together cover them all, each holding about a quarter of {@link #PIECE_RECORDS}: exact
   * quantiles found with one search per piece.
   *
   * @param first the search of the first such record, with the total
   */
  private List<long[]> spans(ObjectSpec spec, SearchPage first, ModifiedSince since) {
    String objectType = spec.objectType();
    long max = spec.maxRecords();
    // Walk the quantiles: bounds[i] is the first id of piece i.
    List<Long> bounds = new ArrayList<>();
    bounds.add(0L); // the first piece starts at the very beginning, with no cursor to make up
    long from = first.records().get(0).numericId();
    long counted = 0;
    long endId = Long.MAX_VALUE;
    while (true) {
      long left = max == ObjectSpec.ALL ? Long.MAX_VALUE : max - counted;
      int offset = (int) Math.min(PIECE_RECORDS, left);
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
      if (max != ObjectSpec.ALL && counted >= max) {
        endId = boundary; // the first record beyond --count
        break;
      }
      bounds.add(boundary);
      from = boundary;
    }
    List<long[]> spans = new ArrayList<>();
    for (int i = 0; i < bounds.size(); i++) {
      long start = bounds.get(i);
      long end = i + 1 < bounds.size() ? bounds.get(i + 1) : endId;
      if (end == Long.MAX_VALUE || i == 0) {
        spans.add(new long[] {start, end}); // open end, or the small-id head: keep whole
        continue;
      }
      long width = end - start;
      for (int k = 0; k < SUBDIVISIONS; k++) {
        long a = start + width * k / SUBDIVISIONS;
        long b = k + 1 == SUBDIVISIONS ? end : start + width * (k + 1) / SUBDIVISIONS;
        if (b > a) {
          spans.add(new long[] {a, b});
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
    if (first.records().isEmpty() || wanted <= PIECE_RECORDS) {
      return new Plan(List.of(ReadRange.search(0, Long.MAX_VALUE, spec.maxRecords(),
          Math.max(wanted, 1))), ListCursors.OPAQUE, wanted);
    }
    List<long[]> spans = spans(spec, first, since);
    long estimate = Math.max(1, wanted / spans.size());
    List<ReadRange> ranges = new ArrayList<>(spans.size());
    for (long[] span : spans) {
      ranges.add(ReadRange.search(span[0], span[1], ObjectSpec.ALL, estimate));
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
  private double searchShare(ObjectSpec spec, ListCursors cursors) {
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
