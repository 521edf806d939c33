package io.hubspotbeam.sandbox;

import static io.hubspotbeam.sandbox.SandboxCalls.json;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reading an object by id ranges through search, the way the extractor splits its work:
 * GTE from, LT to, ascending by hs_object_id, 200 a page, hundreds of properties.
 */
class SandboxSearchRangeTest {
  /** Wide enough that a range can hold more than the 10,000 results search will page to. */
  private static final long CONTACTS = 25_000;
  private static final int PROPERTIES = 330;

  private static SandboxPortal portal;
  private static SandboxCalls calls;
  private static SandboxData data;
  private static List<String> names;

  @BeforeAll
  static void start() {
    int base = SandboxPortal.builder().extraProperties("contacts", 0).build().data()
        .properties("contacts").size();
    portal = SandboxPortal.builder().objectSize("contacts", CONTACTS)
        .extraProperties("contacts", PROPERTIES - base).searchPerSecond(0).build().start();
    calls = new SandboxCalls(portal);
    data = portal.data();
    names = data.properties("contacts").stream().map(SandboxProperty::name).toList();
    assertEquals(PROPERTIES, names.size());
  }

  @AfterAll
  static void stop() {
    portal.close();
  }

  @Test
  void aRangeReadReturnsExactlyTheLiveRecordsInIdOrderWithTheRequestedProperties() {
    // From index 10 (1-2 digit ids) into the 9-digit ids, with an archived record inside and
    // bounds that are not ids of any record.
    long from = data.id("contacts", 10) - 1;
    long to = data.id("contacts", 1_700) + 1;
    List<SandboxRecord> expected = new ArrayList<>();
    for (long id : liveIds(from, to)) {
      expected.add(data.record("contacts", data.indexOf("contacts", id)));
    }
    assertThat(expected.size(), greaterThan(1_500));

    List<JsonNode> found = new ArrayList<>();
    String after = "0";
    while (after != null) {
      JsonNode page = json(ok(search(range(from, to, "ASCENDING", 200, after, names))));
      assertEquals(expected.size(), page.get("total").asInt(), "total is the count in range");
      assertThat(page.get("results").size(), lessThanOrEqualTo(200));
      page.get("results").forEach(found::add);
      after = page.at("/paging/next/after").isMissingNode() ? null
          : page.at("/paging/next/after").asText();
    }
    assertEquals(expected.size(), found.size());
    for (int i = 0; i < expected.size(); i++) {
      SandboxRecord record = expected.get(i);
      JsonNode node = found.get(i);
      assertEquals(Long.toString(record.id()), node.get("id").asText());
      assertEquals(PROPERTIES, node.get("properties").size());
      for (String name : names) {
        JsonNode value = node.get("properties").get(name);
        assertEquals(record.properties().get(name), value.isNull() ? null : value.asText(),
            record.id() + " " + name);
      }
      assertEquals(record.createdAt(), node.get("createdAt").asText());
      assertEquals(record.updatedAt(), node.get("updatedAt").asText());
    }
  }

  @Test
  void descendingWithLimitOneGivesTheLargestIdInTheRange() {
    long from = data.id("contacts", 100);
    long to = data.id("contacts", 5_000);
    JsonNode top = json(ok(search(range(from, to, "DESCENDING", 1, "0", List.of("email")))));
    assertEquals(Long.toString(lastLiveIdBelow(to)), top.at("/results/0/id").asText());
    JsonNode whole = json(ok(search("{\"sorts\":[{\"propertyName\":\"hs_object_id\","
        + "\"direction\":\"DESCENDING\"}],\"limit\":1}")));
    assertEquals(Long.toString(lastLiveIdBelow(Long.MAX_VALUE)),
        whole.at("/results/0/id").asText());
    JsonNode second = json(ok(search(range(from, to, "DESCENDING", 2, "1", List.of()))));
    List<Long> live = liveIds(from, to);
    assertEquals(Long.toString(live.get(live.size() - 2)), second.at("/results/0/id").asText());
    assertEquals(Long.toString(live.get(live.size() - 3)), second.at("/results/1/id").asText());
  }

  @Test
  void offsetsReachTheTenThousandthRecordAndNoFurther() {
    long from = data.id("contacts", 0);
    long to = data.id("contacts", (int) CONTACTS - 1) + 1;
    List<Long> live = liveIds(from, to);
    assertThat(live.size(), greaterThan(10_000));
    JsonNode rank = json(ok(search(range(from, to, "ASCENDING", 1, "9999", List.of("email")))));
    assertEquals(Long.toString(live.get(9_999)), rank.at("/results/0/id").asText());
    assertEquals(live.size(), rank.get("total").asInt());
    JsonNode last = json(ok(search(range(from, to, "ASCENDING", 200, "9800", List.of()))));
    assertEquals(Long.toString(live.get(9_800)), last.at("/results/0/id").asText());
    assertEquals(Long.toString(live.get(9_999)), last.at("/results/199/id").asText());

    HttpResponse<String> beyond = search(range(from, to, "ASCENDING", 200, "9801", List.of()));
    assertEquals(400, beyond.statusCode());
    assertEquals("VALIDATION_ERROR", json(beyond).get("category").asText());
    assertEquals(400, search(range(from, to, "ASCENDING", 1, "10000", List.of())).statusCode());
  }

  @Test
  void anEmptyOrInvertedRangeHasNoResults() {
    long id = data.id("contacts", 500);
    JsonNode empty = json(ok(search(range(id, id, "ASCENDING", 200, "0", List.of()))));
    assertEquals(0, empty.get("total").asInt());
    assertEquals(0, empty.get("results").size());
    assertEquals(true, empty.at("/paging").isMissingNode());
    JsonNode inverted = json(ok(search(range(id + 5_000, id, "ASCENDING", 200, "0", List.of()))));
    assertEquals(0, inverted.get("total").asInt());
    JsonNode pastTheEnd = json(ok(search(range(data.id("contacts", 100), data.id("contacts", 150),
        "ASCENDING", 200, "190", List.of()))));
    assertEquals(0, pastTheEnd.get("results").size());
  }

  /** Live ids in [from, to) from the ground truth, without generating whole records. */
  private static List<Long> liveIds(long from, long to) {
    ArchivePlan archive = data.generator(PortalObject.CONTACTS).archive();
    List<Long> ids = new ArrayList<>();
    for (long i = 0; i < data.size("contacts"); i++) {
      long id = data.id("contacts", i);
      if (id >= from && id < to && !archive.isArchived(i)) {
        ids.add(id);
      }
    }
    return ids;
  }

  private static long lastLiveIdBelow(long to) {
    List<Long> ids = liveIds(Long.MIN_VALUE, to);
    return ids.get(ids.size() - 1);
  }

  private static String range(long from, long to, String direction, int limit, String after,
      List<String> properties) {
    return "{\"filterGroups\":[{\"filters\":["
        + "{\"propertyName\":\"hs_object_id\",\"operator\":\"GTE\",\"value\":\"" + from + "\"},"
        + "{\"propertyName\":\"hs_object_id\",\"operator\":\"LT\",\"value\":\"" + to + "\"}]}],"
        + "\"sorts\":[{\"propertyName\":\"hs_object_id\",\"direction\":\"" + direction + "\"}],"
        + "\"properties\":[" + properties.stream().map(p -> "\"" + p + "\"")
            .collect(Collectors.joining(",")) + "],"
        + "\"limit\":" + limit + ",\"after\":\"" + after + "\"}";
  }

  private static HttpResponse<String> search(String body) {
    return calls.post("/crm/v3/objects/contacts/search", body);
  }

  private static HttpResponse<String> ok(HttpResponse<String> response) {
    assertEquals(200, response.statusCode(), response.body());
    return response;
  }
}
