package io.hubspotbeam.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
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
