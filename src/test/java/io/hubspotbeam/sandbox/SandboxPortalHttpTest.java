package io.hubspotbeam.sandbox;

import static io.hubspotbeam.sandbox.SandboxCalls.json;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Calls a portal started in-process over real HTTP, as the extractor will. */
class SandboxPortalHttpTest {
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
  void pagingThroughEveryObjectReturnsExactlyTheLiveRecords() {
    for (String type : data.objectTypes()) {
      List<JsonNode> listed = listAll("/crm/v3/objects/" + type + "?limit=100");
      List<SandboxRecord> expected = new ArrayList<>();
      data.records(type, false).forEach(expected::add);
      assertEquals(expected.size(), listed.size(), type);
      for (int i = 0; i < expected.size(); i++) {
        SandboxRecord record = expected.get(i);
        JsonNode node = listed.get(i);
        assertEquals(Long.toString(record.id()), node.get("id").asText());
        assertEquals(record.createdAt(), node.get("createdAt").asText());
        assertEquals(record.updatedAt(), node.get("updatedAt").asText());
        assertFalse(node.get("archived").asBoolean());
        assertFalse(node.has("archivedAt"));
        node.get("properties").fields().forEachRemaining(p -> assertEquals(
            record.properties().get(p.getKey()),
            p.getValue().isNull() ? null : p.getValue().asText(), type + " " + p.getKey()));
      }
    }
  }

  @Test
  void requestedPropertiesComeBackExactlyIncludingHardValuesAndNulls() {
    String wanted = "firstname,lastname,company,jobtitle,city,message,email,no_such_property";
    List<JsonNode> listed = listAll("/crm/v3/objects/contacts?limit=100&properties=" + wanted);
    List<SandboxRecord> expected = new ArrayList<>();
    data.records("contacts", false).forEach(expected::add);
    assertEquals(expected.size(), listed.size());
    for (int i = 0; i < expected.size(); i++) {
      JsonNode properties = listed.get(i).get("properties");
      assertFalse(properties.has("no_such_property"));
      for (String name : List.of("firstname", "lastname", "company", "jobtitle", "city",
          "message", "email")) {
        assertTrue(properties.has(name), "requested properties appear even when null");
        String value = properties.get(name).isNull() ? null : properties.get(name).asText();
        assertEquals(expected.get(i).properties().get(name), value);
      }
    }
  }

  @Test
  void archivedTrueListsOnlyArchivedRecords() {
    List<JsonNode> listed = listAll("/crm/v3/objects/deals?limit=7&archived=true");
    List<String> expected = new ArrayList<>();
    data.records("deals", true).forEach(r -> expected.add(Long.toString(r.id())));
    assertThat(expected, not(empty()));
    assertEquals(expected, listed.stream().map(n -> n.get("id").asText()).toList());
    listed.forEach(n -> {
      assertTrue(n.get("archived").asBoolean());
      assertTrue(n.get("archivedAt").isTextual());
    });
  }

  @Test
  void readsOneRecordAndAnswers404ForUnknownIds() {
    SandboxRecord record = data.record("tickets", 3);
    JsonNode node = json(calls.get("/crm/v3/objects/tickets/" + record.id()
        + "?properties=subject,content"));
    assertEquals(record.properties().get("subject"), node.at("/properties/subject").asText());
    HttpResponse<String> missing = calls.get("/crm/v3/objects/0-5/999999999999");
    assertEquals(404, missing.statusCode());
    assertEquals("OBJECT_NOT_FOUND", json(missing).get("category").asText());
  }

  @Test
  void capsAnswer400() {
    assertValidationError(calls.get("/crm/v3/objects/contacts?limit=101"));
    assertValidationError(calls.get("/crm/v3/objects/contacts?after=abc"));
    assertValidationError(calls.get("/crm/v3/objects/widgets"));
    assertThat(json(calls.get("/crm/v3/objects/widgets")).get("message").asText(),
        containsString("Unable to infer object type from: widgets"));
    StringBuilder inputs = new StringBuilder();
    for (int i = 0; i < 101; i++) {
      inputs.append(i == 0 ? "" : ",").append("{\"id\":\"").append(i).append("\"}");
    }
    assertValidationError(calls.post("/crm/v3/objects/contacts/batch/read",
        "{\"inputs\":[" + inputs + "]}"));
    assertValidationError(search("contacts", "{\"limit\":201}"));
    assertValidationError(search("contacts", "{\"filterGroups\":[" + "{\"filters\":[]},".repeat(5)
        + "{\"filters\":[]}]}"));
    String filter = "{\"propertyName\":\"hs_object_id\",\"operator\":\"GT\",\"value\":\"1\"}";
    assertValidationError(search("contacts", "{\"filterGroups\":[{\"filters\":["
        + (filter + ",").repeat(6) + filter + "]}]}"));
    assertValidationError(search("contacts", "{\"limit\": 3,"));
    assertValidationError(calls.post("/crm/v4/associations/contacts/companies/batch/read",
        "{\"inputs\":[" + "{\"id\":\"1\"},".repeat(1000) + "{\"id\":\"2\"}]}"));
    assertValidationError(calls.get("/crm/v4/objects/contacts/1/associations/companies"
        + "?limit=501"));
  }

  @Test
  void searchStopsAtTenThousandResults() {
    assertEquals(200, search("contacts", "{\"limit\":200,\"after\":\"9800\"}").statusCode());
    HttpResponse<String> beyond = search("contacts", "{\"limit\":200,\"after\":\"9801\"}");
    assertValidationError(beyond);
    assertThat(json(beyond).get("message").asText(), containsString("10000"));
  }

  @Test
  void searchByIdRangePagesThroughLiveRecordsInIdOrder() {
    long from = data.id("contacts", 30);
    List<String> found = new ArrayList<>();
    String after = "0";
    long total = -1;
    while (after != null) {
      JsonNode page = json(search("contacts", "{\"filterGroups\":[{\"filters\":[{\"propertyName\":"
          + "\"hs_object_id\",\"operator\":\"GTE\",\"value\":\"" + from + "\"}]}],\"sorts\":[{"
          + "\"propertyName\":\"hs_object_id\",\"direction\":\"ASCENDING\"}],\"limit\":200,"
          + "\"after\":\"" + after + "\",\"properties\":[\"email\"]}"));
      total = page.get("total").asLong();
      page.get("results").forEach(r -> found.add(r.get("id").asText()));
      after = page.at("/paging/next/after").isMissingNode() ? null
          : page.at("/paging/next/after").asText();
    }
    List<String> expected = new ArrayList<>();
    data.records("contacts", false).forEach(r -> {
      if (r.id() >= from) {
        expected.add(Long.toString(r.id()));
      }
    });
    assertEquals(expected, found);
    assertEquals(expected.size(), total);
  }

  @Test
  void searchFiltersAndSortsByModificationTime() {
    long since = 1_735_689_600_000L; // 2025-01-01
    JsonNode page = json(search("deals", "{\"filterGroups\":[{\"filters\":[{\"propertyName\":"
        + "\"hs_lastmodifieddate\",\"operator\":\"GTE\",\"value\":\"" + since + "\"}]}],"
        + "\"sorts\":[{\"propertyName\":\"hs_lastmodifieddate\",\"direction\":\"DESCENDING\"}],"
        + "\"limit\":200}"));
    List<SandboxRecord> expected = new ArrayList<>();
    data.records("deals", false).forEach(r -> {
      if (java.time.Instant.parse(r.updatedAt()).toEpochMilli() >= since) {
        expected.add(r);
      }
    });
    assertEquals(expected.size(), page.get("total").asInt());
    List<String> times = new ArrayList<>();
    page.get("results").forEach(r -> times.add(r.get("updatedAt").asText()));
    List<String> sorted = new ArrayList<>(times);
    sorted.sort(java.util.Comparator.reverseOrder());
    assertEquals(sorted, times);
    assertThat(times.size(), is(Math.min(200, expected.size())));
  }

  @Test
  void batchReadAnswers207ForMissingAndArchivedIds() {
    SandboxRecord live = data.record("companies", 1);
    SandboxRecord archived = data.records("companies", true).iterator().next();
    HttpResponse<String> response = calls.post("/crm/v3/objects/companies/batch/read",
        "{\"inputs\":[{\"id\":\"" + live.id() + "\"},{\"id\":\"" + archived.id() + "\"},"
        + "{\"id\":\"123456789012\"}],\"properties\":[\"name\",\"domain\"]}");
    assertEquals(207, response.statusCode());
    JsonNode body = json(response);
    assertEquals("COMPLETE", body.get("status").asText());
    assertEquals(1, body.get("results").size());
    assertEquals(live.properties().get("name"), body.at("/results/0/properties/name").asText());
    assertEquals("OBJECT_NOT_FOUND", body.at("/errors/0/category").asText());
    assertThat(body.at("/errors/0/context/ids").toString(),
        allOf(containsString(Long.toString(archived.id())), containsString("123456789012")));
    HttpResponse<String> archivedRead = calls.post(
        "/crm/v3/objects/companies/batch/read?archived=true",
        "{\"inputs\":[{\"id\":\"" + archived.id() + "\"}]}");
    assertEquals(200, archivedRead.statusCode());
    assertTrue(json(archivedRead).at("/results/0/archived").asBoolean());
  }

  @Test
  void propertiesListTheWholeSchema() {
    JsonNode body = json(calls.get("/crm/v3/properties/contacts"));
    List<SandboxProperty> expected = data.properties("contacts");
    assertEquals(expected.size(), body.get("results").size());
    JsonNode lifecycle = null;
    for (JsonNode property : body.get("results")) {
      if (property.get("name").asText().equals("lifecyclestage")) {
        lifecycle = property;
      }
    }
    assertEquals("enumeration", lifecycle.get("type").asText());
    assertEquals("select", lifecycle.get("fieldType").asText());
    assertThat(lifecycle.get("options").size(), greaterThan(3));
    assertTrue(lifecycle.has("modificationMetadata"));
    assertFalse(body.has("paging"));
  }

  @Test
  void listingEveryPropertyOverflowsTheUrlLimit() {
    String all = data.properties("contacts").stream().map(SandboxProperty::name)
        .collect(Collectors.joining(","));
    HttpResponse<String> response = calls.get("/crm/v3/objects/contacts?limit=100&properties="
        + URLEncoder.encode(all, StandardCharsets.UTF_8));
    assertEquals(414, response.statusCode());
    assertThat(response.headers().firstValue("Content-Type").orElse(""),
        startsWith("text/html"));
    assertThat(response.body(), containsString("414 Request-URI Too Large"));
  }

  @Test
  void associationsPageBeyondFiveHundredAndMatchTheData() {
    long hub = data.id("companies", 0);
    List<Long> expected = data.associations("companies", "contacts", hub).stream()
        .map(SandboxAssociation::toObjectId).toList();
    assertThat(expected.size(), greaterThan(500));
    List<Long> viaGet = new ArrayList<>();
    String next = "/crm/v4/objects/companies/" + hub + "/associations/contacts?limit=500";
    int pages = 0;
    while (next != null) {
      JsonNode page = json(calls.get(next));
      pages++;
      page.get("results").forEach(r -> {
        assertTrue(r.get("toObjectId").isNumber(), "toObjectId is a JSON number");
        viaGet.add(r.get("toObjectId").asLong());
      });
      JsonNode after = page.at("/paging/next/after");
      next = after.isMissingNode() ? null : "/crm/v4/objects/companies/" + hub
          + "/associations/contacts?limit=500&after="
          + URLEncoder.encode(after.asText(), StandardCharsets.UTF_8);
    }
    assertThat(pages, greaterThan(1));
    assertEquals(expected, viaGet);

    List<Long> viaBatch = new ArrayList<>();
    String cursor = null;
    do {
      String input = "{\"id\":\"" + hub + "\"" + (cursor == null ? "" : ",\"after\":\"" + cursor
          + "\"") + "}";
      JsonNode body = json(calls.post("/crm/v4/associations/companies/contacts/batch/read",
          "{\"inputs\":[" + input + "]}"));
      JsonNode result = body.at("/results/0");
      assertEquals(Long.toString(hub), result.at("/from/id").asText());
      assertThat(result.get("to").size(), lessThanOrEqualTo(500));
      result.get("to").forEach(t -> viaBatch.add(t.get("toObjectId").asLong()));
      JsonNode after = result.at("/paging/next/after");
      cursor = after.isMissingNode() ? null : after.asText();
    } while (cursor != null);
    assertEquals(expected, viaBatch);
  }

  @Test
  void associationsAreSymmetricOverHttp() {
    Map<Long, List<Long>> dealToCompanies = new HashMap<>();
    List<String> inputs = new ArrayList<>();
    data.records("deals", false).forEach(r -> inputs.add("{\"id\":\"" + r.id() + "\"}"));
    JsonNode body = json(calls.post("/crm/v4/associations/deals/companies/batch/read",
        "{\"inputs\":[" + String.join(",", inputs) + "]}"));
    body.get("results").forEach(r -> {
      List<Long> to = new ArrayList<>();
      r.get("to").forEach(t -> to.add(t.get("toObjectId").asLong()));
      dealToCompanies.put(r.at("/from/id").asLong(), to);
    });
    assertThat(dealToCompanies.size(), greaterThan(100));
    dealToCompanies.forEach((deal, companies) -> {
      for (long company : companies) {
        JsonNode back = json(calls.get("/crm/v4/objects/companies/" + company
            + "/associations/deals?limit=500"));
        Set<Long> deals = new java.util.HashSet<>();
        back.get("results").forEach(t -> deals.add(t.get("toObjectId").asLong()));
        if (!back.at("/paging").isMissingNode()) {
          deals.addAll(data.associations("companies", "deals", company).stream()
              .map(SandboxAssociation::toObjectId).toList());
        }
        assertThat(deals, hasItem(deal));
      }
    });
  }

  @Test
  void recordsWithoutAssociationsAreReportedAsErrors() {
    HttpResponse<String> response = calls.post("/crm/v4/associations/products/contacts/batch/read",
        "{\"inputs\":[{\"id\":\"" + data.id("products", 0) + "\"}]}");
    assertEquals(207, response.statusCode());
    JsonNode body = json(response);
    assertEquals(0, body.get("results").size());
    assertEquals("crm.associations.NO_ASSOCIATIONS_FOUND", body.at("/errors/0/subCategory")
        .asText());
  }

  @Test
  void unknownPathsAre404AndWrongMethodsAre405() {
    HttpResponse<String> unknown = calls.get("/crm/v2/nothing");
    assertEquals(404, unknown.statusCode());
    assertEquals("error", json(unknown).get("status").asText());
    HttpResponse<String> wrongMethod = calls.get("/crm/v3/objects/contacts/search");
    assertEquals(405, wrongMethod.statusCode());
    assertThat(json(wrongMethod).get("correlationId").asText(), not(emptyString()));
  }

  @Test
  void everyAnswerCarriesTheRateLimitHeaders() {
    HttpResponse<String> list = calls.get("/crm/v3/objects/notes?limit=1");
    for (String header : List.of("X-HubSpot-RateLimit-Daily", "X-HubSpot-RateLimit-Daily-Remaining",
        "X-HubSpot-RateLimit-Interval-Milliseconds", "X-HubSpot-RateLimit-Max",
        "X-HubSpot-RateLimit-Remaining", "X-HubSpot-RateLimit-Secondly",
        "X-HubSpot-RateLimit-Secondly-Remaining")) {
      assertTrue(list.headers().firstValue(header).isPresent(), header);
    }
    assertEquals("application/json;charset=utf-8",
        list.headers().firstValue("Content-Type").orElse(""));
    HttpResponse<String> search = search("notes", "{}");
    assertTrue(search.headers().firstValue("X-HubSpot-RateLimit-Daily").isPresent());
    assertFalse(search.headers().firstValue("X-HubSpot-RateLimit-Max").isPresent());
  }

  @Test
  void statsCountCallsByKind() {
    long before = portal.stats().requests("properties");
    calls.get("/crm/v3/properties/deals");
    assertEquals(before + 1, portal.stats().requests("properties"));
    assertThat(portal.stats().totalRequests(), greaterThan(0L));
  }

  private static HttpResponse<String> search(String type, String body) {
    return calls.post("/crm/v3/objects/" + type + "/search", body);
  }

  private static void assertValidationError(HttpResponse<String> response) {
    assertEquals(400, response.statusCode(), response.body());
    JsonNode body = json(response);
    assertEquals("error", body.get("status").asText());
    assertEquals("VALIDATION_ERROR", body.get("category").asText());
    assertThat(body.get("correlationId").asText(), not(emptyString()));
  }

  /** Follows paging.next.after to the end, checking the link each page offers. */
  private static List<JsonNode> listAll(String firstPage) {
    List<JsonNode> all = new ArrayList<>();
    String path = firstPage;
    while (path != null) {
      HttpResponse<String> response = calls.get(path);
      assertEquals(200, response.statusCode(), response.body());
      JsonNode page = json(response);
      page.get("results").forEach(all::add);
      JsonNode next = page.at("/paging/next");
      if (next.isMissingNode()) {
        path = null;
      } else {
        String link = next.get("link").asText();
        assertThat(link, startsWith(portal.baseUrl()));
        assertThat(link, containsString("after=" + next.get("after").asText()));
        path = link.substring(portal.baseUrl().length());
      }
    }
    return all;
  }
}
