package io.hubspotbeam.sandbox;

import static io.hubspotbeam.sandbox.SandboxCalls.json;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * propertiesWithHistory over real HTTP: the shape HubSpot documents, histories that agree with
 * the records' current values and times, the 50-record limits, and edits made while serving.
 */
class SandboxPropertyHistoryTest {
  private static final Set<String> VERSION_FIELDS = Set.of("value", "timestamp", "sourceType",
      "sourceId", "sourceLabel", "updatedByUserId");

  private static SandboxPortal portal;
  private static SandboxCalls calls;
  private static SandboxData data;

  @BeforeAll
  static void start() {
    portal = SandboxPortal.builder().searchPerSecond(0).build().start();
    calls = new SandboxCalls(portal);
    data = portal.data();
  }

  @AfterAll
  static void stop() {
    portal.close();
  }

  @Test
  void listPagesCarryHistoriesThatAgreeWithTheRecords() {
    List<String> names = propertyNames("contacts", 40);
    String wanted = String.join(",", names) + ",no_such_property";
    int twoVersions = 0;
    for (String family : List.of("/crm/v3/objects/contacts", "/crm/objects/2026-03/contacts")) {
      List<JsonNode> listed = listAll(family + "?limit=50&properties=" + String.join(",", names)
          + "&propertiesWithHistory=" + wanted);
      List<SandboxRecord> expected = new ArrayList<>();
      data.records("contacts", false).forEach(expected::add);
      assertEquals(expected.size(), listed.size(), family);
      for (int i = 0; i < expected.size(); i++) {
        SandboxRecord record = expected.get(i);
        JsonNode node = listed.get(i);
        JsonNode histories = node.get("propertiesWithHistory");
        assertEquals(new HashSet<>(names), fieldNames(histories),
            "exactly the known names asked for; unknown ones are ignored");
        long index = data.indexOf("contacts", record.id());
        for (String name : names) {
          JsonNode versions = histories.get(name);
          checkAgainstRecord(record, name, versions);
          assertEquals(data.history("contacts", index, name), versions(versions),
              "served history is the truth's");
          if (versions.size() == 2) {
            twoVersions++;
          }
        }
      }
    }
    assertThat("some properties were set again after creation", twoVersions, greaterThan(0));
  }

  @Test
  void withoutTheParameterRecordsCarryNoHistory() {
    JsonNode page = json(calls.get("/crm/v3/objects/contacts?limit=5&properties=email"));
    page.get("results").forEach(r -> assertFalse(r.has("propertiesWithHistory")));
  }

  @Test
  void idCreationAndModificationHaveOneCalculatedVersion() {
    JsonNode page = json(calls.get("/crm/v3/objects/deals?limit=20&propertiesWithHistory="
        + "hs_object_id,createdate,hs_lastmodifieddate"));
    for (JsonNode record : page.get("results")) {
      JsonNode histories = record.get("propertiesWithHistory");
      for (String name : List.of("hs_object_id", "createdate", "hs_lastmodifieddate")) {
        JsonNode versions = histories.get(name);
        assertEquals(1, versions.size(), name);
        assertEquals("CALCULATED", versions.at("/0/sourceType").asText());
      }
      assertEquals(record.get("id").asText(), histories.at("/hs_object_id/0/value").asText());
      assertEquals(record.get("createdAt").asText(),
          histories.at("/createdate/0/timestamp").asText());
      assertEquals(record.get("updatedAt").asText(),
          histories.at("/hs_lastmodifieddate/0/timestamp").asText());
    }
  }

  @Test
  void pagesWithHistoryHoldAtMostFiftyRecords() {
    for (String family : List.of("/crm/v3/objects/contacts", "/crm/objects/2026-03/contacts")) {
      HttpResponse<String> tooMany =
          calls.get(family + "?limit=51&propertiesWithHistory=email");
      assertEquals(400, tooMany.statusCode(), family);
      assertEquals("VALIDATION_ERROR", json(tooMany).get("category").asText());
      HttpResponse<String> fifty = calls.get(family + "?limit=50&propertiesWithHistory=email");
      assertEquals(200, fifty.statusCode());
      assertEquals(50, json(fifty).get("results").size());
    }
    assertEquals(200, calls.get("/crm/v3/objects/contacts?limit=100&properties=email")
        .statusCode(), "without history the usual 100");
    assertEquals(200, calls.get("/crm/v3/objects/contacts?limit=100&propertiesWithHistory=")
        .statusCode(), "an empty list asks for no history");
  }

  @Test
  void singleReadCarriesHistory() {
    long index = 7;
    long id = data.id("companies", index);
    for (String family : List.of("/crm/v3/objects/companies/", "/crm/objects/2026-03/companies/")) {
      JsonNode record = json(calls.get(family + id + "?properties=name,domain"
          + "&propertiesWithHistory=name,domain,nope"));
      assertEquals(Set.of("name", "domain"), fieldNames(record.get("propertiesWithHistory")));
      for (String name : List.of("name", "domain")) {
        JsonNode versions = record.at("/propertiesWithHistory/" + name);
        checkAgainstRecord(data.record("companies", index), name, versions);
        assertEquals(data.history("companies", index, name), versions(versions));
      }
    }
  }

  @Test
  void batchReadCarriesHistoryForAtMostFiftyInputs() {
    List<String> names = propertyNames("deals", 15);
    List<Long> live = liveIndices(data, "deals", 51);
    String fifty = inputs(data, "deals", live.subList(0, 50));
    String body = "{\"inputs\":[" + fifty + "],\"properties\":[\"dealname\"],"
        + "\"propertiesWithHistory\":" + jsonList(names) + "}";
    for (String family : List.of("/crm/v3/objects/deals", "/crm/objects/2026-03/deals")) {
      HttpResponse<String> response = calls.post(family + "/batch/read", body);
      assertEquals(200, response.statusCode(), response.body());
      JsonNode results = json(response).get("results");
      assertEquals(50, results.size());
      for (JsonNode node : results) {
        long index = data.indexOf("deals", node.get("id").asLong());
        SandboxRecord record = data.record("deals", index);
        for (String name : names) {
          JsonNode versions = node.at("/propertiesWithHistory/" + name);
          checkAgainstRecord(record, name, versions);
          assertEquals(data.history("deals", index, name), versions(versions));
        }
      }
    }
    String fiftyOne = "{\"inputs\":[" + inputs(data, "deals", live) + "],"
        + "\"propertiesWithHistory\":[\"dealname\"]}";
    HttpResponse<String> refused = calls.post("/crm/v3/objects/deals/batch/read", fiftyOne);
    assertEquals(400, refused.statusCode());
    assertEquals("VALIDATION_ERROR", json(refused).get("category").asText());
    assertThat(json(refused).get("message").asText(),
        startsWith("The maximum number of inputs supported in a batch request for property "
            + "histories is 50"));
    assertEquals(200, calls.post("/crm/v3/objects/deals/batch/read",
        "{\"inputs\":[" + inputs(data, "deals", live) + "]}").statusCode(),
        "without history the usual 100");
  }

  @Test
  void editsWhileServingAddVersionsAtTheEditsTime() {
    try (SandboxPortal own = SandboxPortal.builder().searchPerSecond(0).build().start()) {
      SandboxCalls ownCalls = new SandboxCalls(own);
      SandboxData ownData = own.data();
      List<String> names = propertyNames("contacts", 60);
      String modification = PortalObject.require("contacts").modificationProperty();
      List<Long> live = liveIndices(ownData, "contacts", 46);
      List<List<SandboxPropertyVersion>> before = new ArrayList<>();
      for (long index : live) {
        for (String name : names) {
          before.add(ownData.history("contacts", index, name));
        }
      }
      long at = ownData.modify("contacts", 0, live.get(live.size() - 1) + 1, 1);
      String stamp = Timeline.iso(at);
      List<JsonNode> served = batchRead(ownCalls, ownData, live, names);
      int changed = 0;
      int cleared = 0;
      Iterator<List<SandboxPropertyVersion>> earlier = before.iterator();
      for (int i = 0; i < live.size(); i++) {
        long index = live.get(i);
        SandboxRecord record = ownData.record("contacts", index);
        JsonNode node = served.get(i);
        assertEquals(Long.toString(record.id()), node.get("id").asText());
        assertEquals(stamp, record.updatedAt());
        for (String name : names) {
          List<SandboxPropertyVersion> old = earlier.next();
          JsonNode versions = node.at("/propertiesWithHistory/" + name);
          checkAgainstRecord(record, name, versions);
          List<SandboxPropertyVersion> now = versions(versions);
          assertEquals(ownData.history("contacts", index, name), now);
          if (name.equals(modification)) {
            assertEquals(List.of(stamp), now.stream().map(v -> v.timestamp()).toList());
          } else if (!now.isEmpty() && now.get(0).timestamp().equals(stamp)) {
            changed++;
            SandboxPropertyVersion edit = now.get(0);
            assertEquals("API", edit.sourceType(), "a bulk update through the API");
            assertEquals(old, now.subList(1, now.size()), "older versions stay as they were");
            String current = record.properties().get(name);
            assertEquals(current == null ? "" : current, edit.value());
            if (current == null) {
              cleared++;
              assertThat("a cleared value had one before", old, not(empty()));
            }
          } else {
            assertEquals(old, now, name + " unchanged by the edit keeps its history");
          }
        }
      }
      assertThat("the edit changed some properties", changed, greaterThan(0));
      assertThat("and cleared some", cleared, greaterThan(0));
    }
  }

  @Test
  void searchNeverReturnsHistory() {
    HttpResponse<String> response = calls.post("/crm/v3/objects/contacts/search",
        "{\"properties\":[\"email\"],\"propertiesWithHistory\":[\"email\"],\"limit\":10}");
    assertEquals(200, response.statusCode(), response.body());
    JsonNode results = json(response).get("results");
    assertThat(results.size(), greaterThan(0));
    results.forEach(r -> assertFalse(r.has("propertiesWithHistory")));
  }

  @Test
  void historyIsAFunctionOfTheSeed() {
    SandboxData again = SandboxPortal.builder().build().data();
    for (String name : propertyNames("tickets", 30)) {
      for (long index = 0; index < 30; index++) {
        assertEquals(data.history("tickets", index, name), again.history("tickets", index, name));
      }
    }
    assertThrows(IllegalArgumentException.class, () -> data.history("tickets", 0, "nope"));
    assertThrows(IndexOutOfBoundsException.class,
        () -> data.history("tickets", data.size("tickets"), "subject"));
  }

  // ---- helpers

  /**
   * The invariants HubSpot's history keeps with the record: the shape of each version, newest
   * first in strictly falling time, within the record's life, the newest value the current one.
   */
  private static void checkAgainstRecord(SandboxRecord record, String name, JsonNode versions) {
    assertTrue(versions.isArray(), name);
    long created = Instant.parse(record.createdAt()).toEpochMilli();
    long updated = Instant.parse(record.updatedAt()).toEpochMilli();
    long previous = Long.MAX_VALUE;
    for (JsonNode version : versions) {
      assertTrue(VERSION_FIELDS.containsAll(fieldNames(version)), version.toString());
      assertTrue(version.get("value").isTextual(), name);
      assertTrue(version.get("sourceType").isTextual(), name);
      long at = Instant.parse(version.get("timestamp").asText()).toEpochMilli();
      assertThat(name + " newest first", at, lessThan(previous));
      assertThat(name + " not before creation", at, greaterThanOrEqualTo(created));
      assertThat(name + " not after modification", at, lessThanOrEqualTo(updated));
      if (version.has("updatedByUserId")) {
        assertTrue(version.get("updatedByUserId").isIntegralNumber());
      }
      if ("CRM_UI".equals(version.get("sourceType").asText())) {
        assertEquals("userId:" + version.get("updatedByUserId").asLong(),
            version.get("sourceId").asText());
      }
      previous = at;
    }
    String current = record.properties().get(name);
    if (current != null) {
      assertThat(name + " has a value, so a history", versions.size(), greaterThan(0));
      assertEquals(current, versions.at("/0/value").asText(), name + " newest is current");
    } else if (versions.size() > 0) {
      assertThat(name + " was cleared", versions.at("/0/value").asText(), is(equalTo("")));
    }
  }

  private static List<SandboxPropertyVersion> versions(JsonNode array) {
    List<SandboxPropertyVersion> out = new ArrayList<>();
    for (JsonNode v : array) {
      out.add(new SandboxPropertyVersion(v.get("value").asText(), v.get("timestamp").asText(),
          v.get("sourceType").asText(), text(v, "sourceId"), text(v, "sourceLabel"),
          v.has("updatedByUserId") ? v.get("updatedByUserId").asLong() : null));
    }
    return out;
  }

  private static String text(JsonNode node, String field) {
    return node.has(field) ? node.get(field).asText() : null;
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new HashSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** The object's first {@code count} properties, which include its id and time properties. */
  private static List<String> propertyNames(String type, int count) {
    List<String> names = new ArrayList<>();
    data.properties(type).stream().limit(count).forEach(p -> names.add(p.name()));
    return names;
  }

  /** The records at these indices by one batch read, in the order asked. */
  private static List<JsonNode> batchRead(SandboxCalls on, SandboxData of, List<Long> indices,
      List<String> names) {
    HttpResponse<String> response = on.post("/crm/v3/objects/contacts/batch/read",
        "{\"inputs\":[" + inputs(of, "contacts", indices) + "],\"properties\":" + jsonList(names)
        + ",\"propertiesWithHistory\":" + jsonList(names) + "}");
    assertEquals(200, response.statusCode(), response.body());
    List<JsonNode> out = new ArrayList<>();
    json(response).get("results").forEach(out::add);
    assertEquals(indices.size(), out.size());
    return out;
  }

  /** The first {@code count} live records' indices: batch read finds no archived one. */
  private static List<Long> liveIndices(SandboxData of, String type, int count) {
    List<Long> live = new ArrayList<>();
    for (long index = 0; live.size() < count; index++) {
      if (!of.record(type, index).archived()) {
        live.add(index);
      }
    }
    return live;
  }

  private static String inputs(SandboxData of, String type, List<Long> indices) {
    List<String> out = new ArrayList<>();
    indices.forEach(index -> out.add("{\"id\":\"" + of.id(type, index) + "\"}"));
    return String.join(",", out);
  }

  private static String jsonList(List<String> names) {
    return "[\"" + String.join("\",\"", names) + "\"]";
  }

  private static List<JsonNode> listAll(String firstPage) {
    List<JsonNode> all = new ArrayList<>();
    String next = firstPage;
    while (next != null) {
      HttpResponse<String> response = calls.get(next);
      assertEquals(200, response.statusCode(), response.body());
      JsonNode page = json(response);
      page.get("results").forEach(all::add);
      String after = page.at("/paging/next/after").asText(null);
      next = after == null ? null : firstPage + "&after=" + after;
    }
    return all;
  }
}
