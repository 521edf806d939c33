package io.hubspotbeam.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.nullValue;

import io.hubspotbeam.client.AccessToken;
import io.hubspotbeam.client.BaseUrl;
import io.hubspotbeam.client.HubSpotClient;
import io.hubspotbeam.client.RequestObserver;
import io.hubspotbeam.sandbox.SandboxPortal;
import io.hubspotbeam.sandbox.SandboxRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The planner against the sandbox: contiguous exact ranges, and both budgets used. */
class RangePlannerTest {
  private static SandboxPortal portal;

  @BeforeAll
  static void startPortal() {
    portal = SandboxPortal.builder()
        .objectSize("contacts", 42_000)
        .objectSize("deals", 900)
        .objectSize("tickets", 6_000)
        .build();
    portal.start();
  }

  @AfterAll
  static void stopPortal() {
    portal.close();
  }

  private static HubSpotClient client(int requestsPerTenSeconds) {
    return ConnectionConfig.of(BaseUrl.parse(portal.baseUrl()),
            AccessToken.of(portal.token(), "test"))
        .withRequestsPerTenSeconds(requestsPerTenSeconds)
        .newClient(RequestObserver.NONE);
  }

  private static List<Long> liveIds(String objectType) {
    List<Long> ids = new ArrayList<>();
    for (SandboxRecord record : portal.data().records(objectType, false)) {
      ids.add(record.id());
    }
    return ids;
  }

  @Test
  void rangesAreContiguousAndStartWithAPlainListing() {
    RangePlanner.Plan plan = new RangePlanner(client(600))
        .plan(ObjectSpec.of("contacts", List.of("email"), ObjectSpec.ALL));
    List<ReadRange> ranges = plan.ranges();
    assertThat(ranges.size(), greaterThan(8));
    assertThat(ranges.get(0).fromId(), equalTo(0L));
    assertThat(ranges.get(0).mode(), equalTo(ReadRange.Mode.LIST));
    assertThat(ranges.get(0).cursor(), nullValue());
    for (int i = 1; i < ranges.size(); i++) {
      assertThat("range " + i + " starts where the previous ended",
          ranges.get(i).fromId(), equalTo(ranges.get(i - 1).toId()));
    }
    assertThat(ranges.get(ranges.size() - 1).toId(), equalTo(Long.MAX_VALUE));
    assertThat(plan.cursors(), equalTo(ListCursors.ID_INCLUSIVE));
    assertThat(plan.estimatedRecords(), equalTo((long) liveIds("contacts").size()));
  }

  @Test
  void aRateLimitedPortalGetsSearchedRangesToo() {
    List<ReadRange> ranges = new RangePlanner(client(600))
        .plan(ObjectSpec.of("contacts", List.of("email"), ObjectSpec.ALL)).ranges();
    long searched = ranges.stream().filter(r -> r.mode() == ReadRange.Mode.SEARCH).count();
    // 600 per 10 s lists about 5,800 records/s, search about 970: roughly one range in seven.
    assertThat(searched, greaterThan(0L));
    assertThat(searched < ranges.size() / 2, equalTo(true));
    for (ReadRange range : ranges) {
      if (range.mode() == ReadRange.Mode.LIST && range.fromId() > 0) {
        assertThat(range.cursor(), equalTo(Long.toString(range.fromId())));
      }
    }
  }

  @Test
  void anUnpacedPortalIsOnlyListed() {
    List<ReadRange> ranges = new RangePlanner(client(0))
        .plan(ObjectSpec.of("contacts", List.of("email"), ObjectSpec.ALL)).ranges();
    // The sandbox announces a huge limit, so listing outruns search.
    assertThat(ranges.stream().allMatch(r -> r.mode() == ReadRange.Mode.LIST), equalTo(true));
  }

  @Test
  void aCountEndsAtTheFirstRecordBeyondIt() {
    List<ReadRange> ranges = new RangePlanner(client(600))
        .plan(ObjectSpec.of("contacts", List.of("email"), 25_000)).ranges();
    long expectedEnd = liveIds("contacts").get(25_000);
    assertThat(ranges.get(ranges.size() - 1).toId(), equalTo(expectedEnd));
  }

  /** How many of the object's live records each range holds. */
  private static List<Long> recordsPerRange(String objectType, List<ReadRange> ranges) {
    List<Long> ids = liveIds(objectType);
    List<Long> counts = new ArrayList<>();
    for (ReadRange range : ranges) {
      counts.add(ids.stream().filter(id -> id >= range.fromId() && id < range.toId()).count());
    }
    return counts;
  }

  /**
   * Searches the portal answered with results: each test's client has a budget of its own, so
   * one may start right after another's last searches and be told to retry (secondly 429).
   */
  private static long answeredSearches() {
    return portal.stats().requests("search")
        - portal.stats().rateLimitedByPolicy().get("secondly");
  }

  @Test
  void noRangeHoldsABigPieceWholeNotEvenTheFirstOrTheLast() {
    List<ReadRange> ranges = new RangePlanner(client(600))
        .plan(ObjectSpec.of("contacts", List.of("email"), ObjectSpec.ALL)).ranges();
    List<Long> counts = recordsPerRange("contacts", ranges);
    assertThat(counts.stream().mapToLong(Long::longValue).sum(),
        equalTo((long) liveIds("contacts").size()));
    // 42,000 records: the first piece walked in steps of 2,500 (its ids are the sparsest: cut
    // by id span, one range got 9,011 of its 9,999), the next ones cut in four by id span.
    for (int i = 0; i < counts.size(); i++) {
      assertThat("records in range " + i + " of " + counts, counts.get(i),
          lessThanOrEqualTo((long) RangePlanner.PIECE_RECORDS / 2));
    }
  }

  @Test
  void anObjectOfFewerThanTenThousandIsCutAtExactQuantiles() {
    long before = answeredSearches();
    RangePlanner.Plan plan = new RangePlanner(client(600))
        .plan(ObjectSpec.of("tickets", List.of("subject"), ObjectSpec.ALL));
    long searches = answeredSearches() - before;
    // About 6,000 live records: three ranges of exactly a third, found with the first search
    // (which gives the total) and one search per boundary.
    long live = liveIds("tickets").size();
    List<Long> counts = recordsPerRange("tickets", plan.ranges());
    assertThat(counts, hasSize(3));
    for (long count : counts) {
      assertThat("records per range " + counts, Math.abs(count - live / 3.0),
          lessThanOrEqualTo(1.0));
    }
    assertThat(searches, equalTo(3L));
    assertThat(RangePlanner.planningSearches(live), equalTo(3L));
  }

  @Test
  void planningCostsWhatThePreflightCounts() {
    assertThat(RangePlanner.planningSearches(RangePlanner.RANGE_RECORDS), equalTo(0L));
    assertThat(RangePlanner.planningSearches(RangePlanner.RANGE_RECORDS + 1), equalTo(2L));
    long before = answeredSearches();
    new RangePlanner(client(600)).plan(ObjectSpec.of("contacts", List.of("email"),
        ObjectSpec.ALL));
    assertThat(answeredSearches() - before,
        equalTo(RangePlanner.planningSearches(liveIds("contacts").size())));
  }

  @Test
  void smallObjectsAndSmallCountsAreOneListing() {
    RangePlanner planner = new RangePlanner(client(600));
    assertThat(planner.plan(ObjectSpec.of("deals", List.of("amount"), ObjectSpec.ALL)).ranges(),
        hasSize(1));
    List<ReadRange> small =
        planner.plan(ObjectSpec.of("contacts", List.of("email"), 500)).ranges();
    assertThat(small, hasSize(1));
    assertThat(small.get(0).maxRecords(), equalTo(500L));
    assertThat(planner.plan(ObjectSpec.of("contacts", List.of("email"), ObjectSpec.ALL)
        .archivedOnly()).ranges(), hasSize(1));
  }
}
