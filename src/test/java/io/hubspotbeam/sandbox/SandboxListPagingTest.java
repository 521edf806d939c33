package io.hubspotbeam.sandbox;

import static io.hubspotbeam.sandbox.SandboxCalls.json;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The list endpoint's cursor styles and short pages, over real HTTP. */
class SandboxListPagingTest {

  /** What one walk through a list saw: every record id and the size of every page. */
  private record Walk(List<String> ids, List<Integer> pageSizes, List<String> cursors,
      int emptyPagesWithNext) {}

  @Test
  void opaqueCursorsAreNotNumbersAndStillPageThroughEveryLiveRecord() {
    try (SandboxPortal portal = SandboxPortal.builder().cursorStyle(CursorStyle.OPAQUE).build()
        .start()) {
      SandboxCalls calls = new SandboxCalls(portal);
      Walk walk = walk(calls, "/crm/v3/objects/contacts?limit=100");
      assertEquals(liveIds(portal.data(), "contacts"), walk.ids());
      assertThat(walk.cursors(), not(empty()));
      for (String cursor : walk.cursors()) {
        assertThat(cursor, not(matchesPattern("-?\\d+")));
        assertThat(cursor, matchesPattern("[A-Za-z0-9_-]+"));
      }
    }
  }

  @Test
  void opaqueStyleRefusesNumericMalformedTamperedAndForeignCursors() {
    try (SandboxPortal portal = SandboxPortal.builder().cursorStyle(CursorStyle.OPAQUE).build()
        .start()) {
      SandboxCalls calls = new SandboxCalls(portal);
      String realId = Long.toString(portal.data().id("contacts", 100));
      assertValidationError(calls.get("/crm/v3/objects/contacts?after=" + realId));
      assertValidationError(calls.get("/crm/v3/objects/contacts?after=0"));
      assertValidationError(calls.get("/crm/v3/objects/contacts?after=not-a-cursor"));
      assertValidationError(calls.get("/crm/v3/objects/contacts?after=%25%25%25"));
      String cursor = json(calls.get("/crm/v3/objects/contacts?limit=10"))
          .at("/paging/next/after").asText();
      assertEquals(200, calls.get("/crm/v3/objects/contacts?after=" + cursor).statusCode());
      char last = cursor.charAt(cursor.length() - 1);
      String tampered = cursor.substring(0, cursor.length() - 1) + (last == 'A' ? 'B' : 'A');
      assertValidationError(calls.get("/crm/v3/objects/contacts?after=" + tampered));
      // A cursor belongs to the object it was issued for.
      assertValidationError(calls.get("/crm/v3/objects/deals?after=" + cursor));
    }
  }

  @Test
  void idStyleIsTheDefaultAndItsCursorIsTheNextRecordsId() {
    try (SandboxPortal portal = SandboxPortal.builder().build().start()) {
      JsonNode page = json(new SandboxCalls(portal).get("/crm/v3/objects/contacts?limit=10"));
      assertEquals(Long.toString(portal.data().id("contacts", 10)),
          page.at("/paging/next/after").asText());
    }
  }

  @Test
  void shortPagesSkipNothingInEitherCursorStyle() {
    for (CursorStyle style : CursorStyle.values()) {
      try (SandboxPortal portal = SandboxPortal.builder().cursorStyle(style).shortPageRate(0.5)
          .seed(3).build().start()) {
        SandboxCalls calls = new SandboxCalls(portal);
        int limit = 4;
        Walk walk = walk(calls, "/crm/v3/objects/contacts?limit=" + limit);
        assertEquals(liveIds(portal.data(), "contacts"), walk.ids(), style.name());
        List<Integer> beforeLast = walk.pageSizes().subList(0, walk.pageSizes().size() - 1);
        assertThat(style + ": some pages short but not empty", beforeLast,
            hasItem(allOf(greaterThan(0), lessThan(limit))));
        assertThat(style + ": some pages full", beforeLast, hasItem(limit));
        assertThat(style + ": some pages empty yet with paging.next",
            walk.emptyPagesWithNext(), greaterThan(0));
        Walk archived = walk(calls, "/crm/v3/objects/deals?limit=2&archived=true");
        List<String> expected = new ArrayList<>();
        portal.data().records("deals", true).forEach(r -> expected.add(Long.toString(r.id())));
        assertEquals(expected, archived.ids(), style + " archived");
      }
    }
  }

  @Test
  void whichPagesAreShortIsRepeatable() {
    try (SandboxPortal one = SandboxPortal.builder().shortPageRate(0.4).build().start();
        SandboxPortal two = SandboxPortal.builder().shortPageRate(0.4).build().start()) {
      Walk first = walk(new SandboxCalls(one), "/crm/v3/objects/deals?limit=5");
      Walk again = walk(new SandboxCalls(one), "/crm/v3/objects/deals?limit=5");
      Walk twin = walk(new SandboxCalls(two), "/crm/v3/objects/deals?limit=5");
      assertEquals(first.pageSizes(), again.pageSizes());
      assertEquals(first.pageSizes(), twin.pageSizes());
    }
  }

  @Test
  void evenWhenEveryPageIsShortPagingEnds() {
    try (SandboxPortal portal = SandboxPortal.builder().shortPageRate(1).build().start()) {
      SandboxCalls calls = new SandboxCalls(portal);
      for (int limit : List.of(1, 2, 100)) {
        Walk walk = walk(calls, "/crm/v3/objects/tickets?limit=" + limit);
        assertEquals(liveIds(portal.data(), "tickets"), walk.ids(), "limit " + limit);
        for (int size : walk.pageSizes()) {
          assertThat(size, lessThanOrEqualTo(limit));
        }
      }
    }
  }

  @Test
  void searchPagesAreNeverShort() {
    try (SandboxPortal portal = SandboxPortal.builder().shortPageRate(1).searchPerSecond(0)
        .build().start()) {
      SandboxCalls calls = new SandboxCalls(portal);
      for (String after : List.of("0", "200", "400")) {
        JsonNode page = json(calls.post("/crm/v3/objects/contacts/search",
            "{\"limit\":200,\"after\":\"" + after + "\"}"));
        assertEquals(200, page.get("results").size());
      }
    }
  }

  @Test
  void builderRejectsRatesOutsideZeroToOne() {
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> SandboxPortal.builder().shortPageRate(1.5));
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> SandboxPortal.builder().cursorStyle(null));
  }

  /** Follows paging.next.after (through the offered link) to the end. */
  private static Walk walk(SandboxCalls calls, String firstPage) {
    List<String> ids = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    List<String> cursors = new ArrayList<>();
    int emptyWithNext = 0;
    String path = firstPage;
    while (path != null) {
      assertThat("paging must end", sizes.size(), lessThan(10_000));
      HttpResponse<String> response = calls.get(path);
      assertEquals(200, response.statusCode(), response.body());
      JsonNode page = json(response);
      page.get("results").forEach(r -> ids.add(r.get("id").asText()));
      sizes.add(page.get("results").size());
      JsonNode next = page.at("/paging/next");
      if (next.isMissingNode()) {
        path = null;
      } else {
        if (page.get("results").isEmpty()) {
          emptyWithNext++;
        }
        cursors.add(next.get("after").asText());
        String link = next.get("link").asText();
        path = link.substring(link.indexOf("/crm/"));
      }
    }
    return new Walk(ids, sizes, cursors, emptyWithNext);
  }

  private static List<String> liveIds(SandboxData data, String type) {
    List<String> ids = new ArrayList<>();
    data.records(type, false).forEach(r -> ids.add(Long.toString(r.id())));
    return ids;
  }

  private static void assertValidationError(HttpResponse<String> response) {
    assertEquals(400, response.statusCode(), response.body());
    assertEquals("VALIDATION_ERROR", json(response).get("category").asText());
    assertThat(json(response).get("message").asText(), containsString("after"));
  }
}
