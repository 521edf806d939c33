package io.hubspotbeam.sandbox;

import static io.hubspotbeam.sandbox.SandboxCalls.json;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Records created while the portal runs: SandboxData.grow and the background growth. */
class SandboxGrowthTest {

  @Test
  void growAppendsLiveRecordsAboveEveryIdAndTimeWithoutTouchingTheOthers() {
    SandboxData data = SandboxPortal.builder().build().data();
    long before = data.size("contacts");
    long liveBefore = data.count("contacts", false);
    long archivedBefore = data.count("contacts", true);
    List<SandboxRecord> old = new ArrayList<>();
    for (long i = 0; i < before; i++) {
      old.add(data.record("contacts", i));
    }
    long maxOldId = old.get(old.size() - 1).id();
    Instant latestOldChange = old.stream().map(r -> Instant.parse(r.updatedAt()))
        .max(Instant::compareTo).orElseThrow();

    assertEquals(before + 120, data.grow("contacts", 120));
    assertEquals(before + 120, data.size("0-1"));
    assertEquals(liveBefore + 120, data.count("contacts", false));
    assertEquals(archivedBefore, data.count("contacts", true));
    for (long i = 0; i < before; i++) {
      assertEquals(old.get((int) i), data.record("contacts", i), "record #" + i);
    }
    long previousId = maxOldId;
    Instant previousCreate = latestOldChange;
    for (long i = before; i < before + 120; i++) {
      SandboxRecord grown = data.record("contacts", i);
      assertThat(grown.id(), greaterThan(previousId));
      assertFalse(grown.archived());
      assertThat(Instant.parse(grown.createdAt()), greaterThan(previousCreate));
      assertEquals(grown.createdAt(), grown.updatedAt());
      assertEquals(i, data.indexOf("contacts", grown.id()));
      assertThat(data.associations("contacts", "companies", grown.id()), empty());
      previousId = grown.id();
      previousCreate = Instant.parse(grown.createdAt());
    }
    assertEquals(before + 120, data.grow("contacts", 0));
    assertEquals(240, data.size("deals"), "other objects do not grow");
    assertThrows(IllegalArgumentException.class, () -> data.grow("contacts", -1));
    assertThrows(IllegalArgumentException.class, () -> data.grow("widgets", 1));
  }

  @Test
  void everyEndpointSeesGrownRecords() {
    try (SandboxPortal portal = SandboxPortal.builder().searchPerSecond(0).build().start()) {
      SandboxCalls calls = new SandboxCalls(portal);
      SandboxData data = portal.data();
      long built = data.size("deals");
      String lastPage = "/crm/v3/objects/deals?limit=100&after=" + (data.id("deals", built - 1)
          + 1);
      assertEquals(0, json(calls.get(lastPage)).get("results").size());

      data.grow("deals", 150);
      JsonNode page = json(calls.get(lastPage));
      assertEquals(100, page.get("results").size());
      assertEquals(Long.toString(data.id("deals", built)), page.at("/results/0/id").asText());
      assertEquals(Long.toString(data.id("deals", built + 100)),
          page.at("/paging/next/after").asText());

      long grownId = data.id("deals", built + 149);
      JsonNode read = json(calls.get("/crm/v3/objects/deals/" + grownId + "?properties=dealname"));
      assertEquals(data.record("deals", built + 149).properties().get("dealname"),
          read.at("/properties/dealname").isNull() ? null
              : read.at("/properties/dealname").asText());
      JsonNode batch = json(calls.post("/crm/v3/objects/deals/batch/read",
          "{\"inputs\":[{\"id\":\"" + grownId + "\"}]}"));
      assertEquals(Long.toString(grownId), batch.at("/results/0/id").asText());
      JsonNode search = json(calls.post("/crm/v3/objects/deals/search",
          "{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"hs_object_id\",\"operator\":"
          + "\"GT\",\"value\":\"" + data.id("deals", built - 1) + "\"}]}],\"limit\":200}"));
      assertEquals(150, search.get("total").asInt());
      assertEquals(150, search.get("results").size());
    }
  }

  /**
   * While one thread grows contacts, searches answer the newest record together with the total:
   * the total must be exactly the live count of the size that newest record implies, so every
   * answer saw one size. Concurrent list walks must see ascending ids without gaps or repeats
   * among the records that existed when they started.
   */
  @Test
  void concurrentRequestsEachSeeOneConsistentSize() throws Exception {
    try (SandboxPortal portal = SandboxPortal.builder().searchPerSecond(0).build().start()) {
      SandboxData data = portal.data();
      long built = data.size("contacts");
      long builtLive = data.count("contacts", false);
      List<String> builtIds = new ArrayList<>();
      data.records("contacts", false).forEach(r -> builtIds.add(Long.toString(r.id())));
      AtomicBoolean growing = new AtomicBoolean(true);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        Future<?> grower = pool.submit(() -> {
          for (int i = 0; i < 400 && growing.get(); i++) {
            data.grow("contacts", 7);
            Thread.onSpinWait();
          }
          growing.set(false);
        });
        List<Future<Integer>> searchers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
          searchers.add(pool.submit(() -> {
            SandboxCalls calls = new SandboxCalls(portal);
            int checked = 0;
            while (growing.get() || checked < 5) {
              JsonNode answer = json(calls.post("/crm/v3/objects/contacts/search",
                  "{\"sorts\":[{\"propertyName\":\"hs_object_id\",\"direction\":\"DESCENDING\"}],"
                  + "\"limit\":1,\"properties\":[\"email\"]}"));
              long newest = data.indexOf("contacts", answer.at("/results/0/id").asLong());
              long size = newest + 1;
              assertThat(size, greaterThanOrEqualTo(built));
              assertEquals(builtLive + (size - built), answer.get("total").asLong());
              checked++;
            }
            return checked;
          }));
        }
        Future<List<String>> walker = pool.submit(() -> {
          SandboxCalls calls = new SandboxCalls(portal);
          List<String> seen = new ArrayList<>();
          String after = null;
          do {
            JsonNode page = json(calls.get("/crm/v3/objects/contacts?limit=100"
                + (after == null ? "" : "&after=" + after)));
            page.get("results").forEach(r -> seen.add(r.get("id").asText()));
            after = page.at("/paging/next/after").isMissingNode() ? null
                : page.at("/paging/next/after").asText();
          } while (after != null);
          return seen;
        });
        List<String> walked = walker.get(60, TimeUnit.SECONDS);
        assertEquals(builtIds, walked.subList(0, builtIds.size()));
        for (int i = 1; i < walked.size(); i++) {
          assertThat(Long.parseLong(walked.get(i)), greaterThan(Long.parseLong(walked.get(i - 1))));
        }
        grower.get(60, TimeUnit.SECONDS);
        for (Future<Integer> searcher : searchers) {
          assertThat(searcher.get(60, TimeUnit.SECONDS), greaterThanOrEqualTo(5));
        }
        assertEquals(built + 400 * 7, data.size("contacts"));
      } finally {
        growing.set(false);
        pool.shutdownNow();
      }
    }
  }

  @Test
  void steadyGrowthAddsRecordsAtItsRateUntilClosed() throws Exception {
    SandboxData data = SandboxPortal.builder().build().data();
    long built = data.size("contacts");
    SteadyGrowth growth = new SteadyGrowth(data, "contacts", 1_000).start();
    try {
      Thread.sleep(600);
    } finally {
      growth.close();
    }
    long grown = data.size("contacts") - built;
    assertEquals(growth.grown(), grown);
    // 600 ms at 1,000 a second, with generous room for a busy machine.
    assertThat(grown, allOf(greaterThanOrEqualTo(200L), lessThanOrEqualTo(1_000L)));
    Thread.sleep(300);
    assertEquals(built + grown, data.size("contacts"), "no growth after close");
    assertTrue(data.size("deals") == 240);
  }
}
