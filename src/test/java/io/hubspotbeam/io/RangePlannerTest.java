package io.hubspotbeam.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.nullValue;

import io.hubspotbeam.client.AccessToken;
import io.hubspotbeam.client.BaseUrl;
import io.hubspotbeam.client.CrmObject;
import io.hubspotbeam.client.HubSpotClient;
import io.hubspotbeam.client.RateBudget;
import io.hubspotbeam.client.RequestObserver;
import io.hubspotbeam.sandbox.SandboxPortal;
import io.hubspotbeam.sandbox.SandboxRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
  void rangesAndThePagesReadPlanningCoverEveryRecordOnce() {
    RangePlanner.Plan plan = new RangePlanner(client(600))
        .plan(ObjectSpec.of("contacts", List.of("email"), ObjectSpec.ALL));
    List<ReadRange> ranges = plan.ranges();
    assertThat(ranges.size(), greaterThan(8));
    assertThat(ranges.get(0).fromId(), equalTo(0L));
    assertThat(ranges.get(0).mode(), equalTo(ReadRange.Mode.LIST));
    assertThat(ranges.get(0).cursor(), nullValue());
    for (int i = 1; i < ranges.size(); i++) {
      assertThat("range " + i + " starts at or after the end of the previous",
          ranges.get(i).fromId(), greaterThanOrEqualTo(ranges.get(i - 1).toId()));
    }
    assertThat(ranges.get(ranges.size() - 1).toId(), equalTo(Long.MAX_VALUE));
    assertThat(plan.cursors(), equalTo(ListCursors.ID_INCLUSIVE));
    assertThat(plan.estimatedRecords(), equalTo((long) liveIds("contacts").size()));
    // Every live record lies in exactly one range or was read by a boundary search, which
    // read whole pages with the properties asked for.
    Set<Long> read = new HashSet<>();
    for (CrmObject record : plan.records()) {
      assertThat("read twice: " + record.id(), read.add(record.numericId()), equalTo(true));
      assertThat(record.propertyNames().indexOf("email"), greaterThanOrEqualTo(0));
    }
    assertThat(plan.records().size() % RangePlanner.READ_WHILE_PLANNING, equalTo(0));
    assertThat(read.size(), greaterThan(0));
    for (long id : liveIds("contacts")) {
      long holders = ranges.stream().filter(r -> id >= r.fromId() && id < r.toId()).count()
          + (read.contains(id) ? 1 : 0);
      assertThat("places of id " + id, holders, equalTo(1L));
    }
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
    List<CrmObject> read = new RangePlanner(client(600))
        .plan(ObjectSpec.of("contacts", List.of("email"), 25_000)).records();
    assertThat(read.stream().allMatch(r -> r.numericId() < expectedEnd), equalTo(true));
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
  void underProfessionalLimitsEveryRangeEndsOnItsOwnBoundaryWithoutAPartPage() {
    HubSpotClient professional = client(190);
    assertThat(RangePlanner.boundaryPerRange(professional.rateBudget()), equalTo(true));
    long before = answeredSearches();
    RangePlanner.Plan plan = new RangePlanner(professional)
        .plan(ObjectSpec.of("contacts", List.of("email"), ObjectSpec.ALL));
    long searches = answeredSearches() - before;
    List<Long> counts = recordsPerRange("contacts", plan.ranges());
    assertThat(counts.stream().mapToLong(Long::longValue).sum() + plan.records().size(),
        equalTo((long) liveIds("contacts").size()));
    // 42,000 records, a boundary search every 2,400: no range holds a big piece (cut by id
    // span, the sparse first piece once gave one range 9,011 of its 9,999), and every range
    // but the open last one holds a whole number of search pages less one record, so its last
    // list page ends on the boundary and its last search page holds 199.
    for (int i = 0; i < counts.size(); i++) {
      assertThat("records in range " + i + " of " + counts, counts.get(i),
          lessThanOrEqualTo((long) RangePlanner.RANGE_RECORDS));
      if (i < counts.size() - 1) {
        assertThat("records in range " + i + " of " + counts,
            counts.get(i) % RangePlanner.READ_WHILE_PLANNING,
            equalTo((long) RangePlanner.READ_WHILE_PLANNING - 1));
      }
    }
    long live = liveIds("contacts").size();
    assertThat("the first search counts", searches,
        equalTo(1 + RangePlanner.planningSearches(live, true)));
    assertThat((long) plan.records().size(), equalTo(RangePlanner.recordsReadPlanning(live, true)));
  }

  @Test
  void whereReadersOutrunABoundaryPerRangeBigObjectsAreWalkedInPiecesOfTenThousand() {
    // 600 per 10 s lists about 5,800 records a second: more than a boundary search per range
    // could hand out at five searches a second.
    HubSpotClient fast = client(600);
    assertThat(RangePlanner.boundaryPerRange(fast.rateBudget()), equalTo(false));
    long live = liveIds("contacts").size();
    assertThat(RangePlanner.planningSearches(live, false),
        lessThan(RangePlanner.planningSearches(live, true)));
    long before = answeredSearches();
    RangePlanner.Plan plan = new RangePlanner(fast)
        .plan(ObjectSpec.of("contacts", List.of("email"), ObjectSpec.ALL));
    assertThat(answeredSearches() - before,
        equalTo(1 + RangePlanner.planningSearches(live, false)));
    List<Long> counts = recordsPerRange("contacts", plan.ranges());
    assertThat(counts.stream().mapToLong(Long::longValue).sum() + plan.records().size(),
        equalTo(live));
    // The first piece walked in steps of 2,400 (its ids are the sparsest: cut by id span, one
    // range got 9,011 of its 9,999), the next ones cut in four by id span.
    for (int i = 0; i < counts.size(); i++) {
      assertThat("records in range " + i + " of " + counts, counts.get(i),
          lessThanOrEqualTo((long) RangePlanner.PIECE_RECORDS / 2));
    }
    assertThat(RangePlanner.boundaryPerRange(RateBudget.unlimited()), equalTo(false));
  }

  @Test
  void anObjectOfFewerThanTenThousandIsCutAtExactQuantiles() {
    long before = answeredSearches();
    RangePlanner.Plan plan = new RangePlanner(client(600))
        .plan(ObjectSpec.of("tickets", List.of("subject"), ObjectSpec.ALL));
    long searches = answeredSearches() - before;
    // About 6,000 live records: thirds found with the first search (which gives the total) and
    // one search per boundary, which reads a page from the boundary on. The ranges before the
    // boundaries hold whole search pages less one record, so neither endpoint reads a part page
    // at their end.
    long live = liveIds("tickets").size();
    List<Long> counts = recordsPerRange("tickets", plan.ranges());
    assertThat(counts, hasSize(3));
    for (long count : counts.subList(0, 2)) {
      assertThat("records per range " + counts, count % RangePlanner.READ_WHILE_PLANNING,
          equalTo((long) RangePlanner.READ_WHILE_PLANNING - 1));
      assertThat("records per range " + counts, Math.abs(count - live / 3.0),
          lessThanOrEqualTo(2.0 * RangePlanner.READ_WHILE_PLANNING));
    }
    assertThat(plan.records(), hasSize(2 * RangePlanner.READ_WHILE_PLANNING));
    assertThat(counts.stream().mapToLong(Long::longValue).sum() + plan.records().size(),
        equalTo(live));
    assertThat("the first search counts", searches, equalTo(3L));
    for (boolean perRange : new boolean[] {true, false}) {
      assertThat("a count known beforehand saves it",
          RangePlanner.planningSearches(live, perRange), equalTo(2L));
      assertThat(RangePlanner.recordsReadPlanning(live, perRange),
          equalTo((long) plan.records().size()));
    }
  }

  @Test
  void planningCostsWhatThePreflightCounts() {
    assertThat(RangePlanner.planningSearches(RangePlanner.RANGE_RECORDS, true), equalTo(0L));
    assertThat(RangePlanner.planningSearches(RangePlanner.RANGE_RECORDS + 1, true), equalTo(1L));
    long live = liveIds("contacts").size();
    long before = answeredSearches();
    // Counted by the preflight: the walk starts without a search of its own.
    RangePlanner.Plan plan = new RangePlanner(client(600)).plan(ObjectSpec.of("contacts",
        List.of("email"), ObjectSpec.ALL).withKnownRecords(live));
    boolean perRange = RangePlanner.boundaryPerRange(client(600).rateBudget());
    assertThat(answeredSearches() - before,
        equalTo(RangePlanner.planningSearches(live, perRange)));
    assertThat((long) plan.records().size(),
        equalTo(RangePlanner.recordsReadPlanning(live, perRange)));
  }

  @Test
  void aKnownCountGivesTheSamePlanWithoutTheFirstSearch() {
    ObjectSpec contacts = ObjectSpec.of("contacts", List.of("email"), ObjectSpec.ALL);
    RangePlanner.Plan searched = new RangePlanner(client(600)).plan(contacts);
    RangePlanner.Plan known = new RangePlanner(client(600))
        .plan(contacts.withKnownRecords(liveIds("contacts").size()));
    assertThat(known.ranges(), equalTo(searched.ranges()));
    assertThat(known.records().size(), equalTo(searched.records().size()));
    // A count that has since grown or shrunk still covers every record once.
    for (long stale : new long[] {liveIds("contacts").size() - 3_000,
        liveIds("contacts").size() + 3_000}) {
      RangePlanner.Plan plan = new RangePlanner(client(600))
          .plan(contacts.withKnownRecords(stale));
      List<Long> counts = recordsPerRange("contacts", plan.ranges());
      assertThat("count " + stale, counts.stream().mapToLong(Long::longValue).sum()
          + plan.records().size(), equalTo((long) liveIds("contacts").size()));
      assertThat(plan.ranges().get(plan.ranges().size() - 1).toId(), equalTo(Long.MAX_VALUE));
    }
  }

  @Test
  void historyIsNotReadWhilePlanningOnlyListed() {
    RangePlanner.Plan plan = new RangePlanner(client(600)).plan(ObjectSpec.of("tickets",
        List.of("subject"), ObjectSpec.ALL).withHistoryOf(List.of("subject")));
    assertThat(plan.records(), hasSize(0));
    assertThat(plan.ranges().size(), greaterThan(1));
    assertThat(plan.ranges().stream().allMatch(r -> r.mode() == ReadRange.Mode.LIST),
        equalTo(true));
    List<Long> counts = recordsPerRange("tickets", plan.ranges());
    assertThat(counts.stream().mapToLong(Long::longValue).sum(),
        equalTo((long) liveIds("tickets").size()));
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
