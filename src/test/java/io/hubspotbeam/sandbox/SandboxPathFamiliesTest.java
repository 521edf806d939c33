package io.hubspotbeam.sandbox;

import static io.hubspotbeam.sandbox.SandboxCalls.json;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The date-versioned 2026-03 paths answer exactly like their v3/v4 twins on the same portal:
 * same statuses, headers and JSON apart from batch timestamps and correlation ids, paging links
 * in the family of the request, the same stats kinds, scopes and limits.
 */
class SandboxPathFamiliesTest {
  /** Dated prefix to numbered prefix, to compare links that differ only in the family. */
  private static final Map<String, String> DATED_TO_NUMBERED = new LinkedHashMap<>();

  static {
    DATED_TO_NUMBERED.put("/crm/objects/2026-03/", "/crm/v3/objects/");
    DATED_TO_NUMBERED.put("/crm/properties/2026-03/", "/crm/v3/properties/");
    DATED_TO_NUMBERED.put("/crm/associations/2026-03/", "/crm/v4/associations/");
  }

  /** Values that differ from call to call whatever the path. */
  private static final Set<String> VOLATILE_FIELDS =
      Set.of("startedAt", "completedAt", "correlationId");

  private static SandboxPortal portal;
  private static SandboxCalls calls;
  private static SandboxData data;

  /** The two answers of one call made under both families. */
  private record Twins(JsonNode numbered, JsonNode dated) {}

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
  void listPagesAreTheSameAndTheirLinksStayInTheDatedFamily() {
    for (String query : List.of("contacts?limit=100&properties=email,firstname,no_such_one",
        "deals?limit=3&archived=true", "products")) {
      String numbered = "/crm/v3/objects/" + query;
      String dated = "/crm/objects/2026-03/" + query;
      String type = query.contains("?") ? query.substring(0, query.indexOf('?')) : query;
      int pages = 0;
      int records = 0;
      while (numbered != null) {
        Twins page = assertTwins(calls, "GET", numbered, dated, null);
        pages++;
        records += page.dated().get("results").size();
        JsonNode next = page.dated().at("/paging/next");
        if (next.isMissingNode()) {
          assertTrue(page.numbered().at("/paging").isMissingNode());
          numbered = null;
        } else {
          String link = next.get("link").asText();
          assertThat(link, startsWith(portal.baseUrl() + "/crm/objects/2026-03/" + type + "?"));
          assertThat(link, containsString("after=" + next.get("after").asText()));
          dated = link.substring(portal.baseUrl().length());
          numbered = page.numbered().at("/paging/next/link").asText()
              .substring(portal.baseUrl().length());
        }
      }
      assertThat(query, records, greaterThan(0));
      if (query.startsWith("contacts")) {
        assertThat(pages, greaterThan(1));
      }
    }
  }

  @Test
  void readsSearchesAndBatchReadsAreTheSame() {
    SandboxRecord ticket = data.record("tickets", 3);
    assertTwins(calls, "GET", "/crm/v3/objects/tickets/" + ticket.id() + "?properties=subject",
        "/crm/objects/2026-03/tickets/" + ticket.id() + "?properties=subject", null);
    SandboxRecord archived = data.records("companies", true).iterator().next();
    assertTwins(calls, "GET", "/crm/v3/objects/companies/" + archived.id() + "?archived=true",
        "/crm/objects/2026-03/companies/" + archived.id() + "?archived=true", null);
    String email = null;
    for (SandboxRecord contact : data.records("contacts", false)) {
      if (contact.properties().get("email") != null) {
        email = URLEncoder.encode(contact.properties().get("email"), StandardCharsets.UTF_8);
        break;
      }
    }
    Twins byEmail = assertTwins(calls, "GET",
        "/crm/v3/objects/contacts/" + email + "?idProperty=email&properties=email",
        "/crm/objects/2026-03/contacts/" + email + "?idProperty=email&properties=email", null);
    assertThat(byEmail.dated().get("id").asText(), not(emptyString()));
    assertTwins(calls, "GET", "/crm/v3/objects/0-5/999999999999",
        "/crm/objects/2026-03/0-5/999999999999", null);

    String search = "{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"hs_object_id\","
        + "\"operator\":\"GTE\",\"value\":\"" + data.id("contacts", 20) + "\"}]}],\"sorts\":[{"
        + "\"propertyName\":\"hs_object_id\",\"direction\":\"ASCENDING\"}],\"limit\":50,"
        + "\"after\":\"50\",\"properties\":[\"email\",\"lastname\"]}";
    Twins searched = assertTwins(calls, "POST", "/crm/v3/objects/contacts/search",
        "/crm/objects/2026-03/contacts/search", search);
    assertEquals(50, searched.dated().get("results").size());
    assertTwins(calls, "POST", "/crm/v3/objects/deals/search",
        "/crm/objects/2026-03/deals/search", "{}");

    SandboxRecord live = data.record("companies", 1);
    Twins partial = assertTwins(calls, "POST", "/crm/v3/objects/companies/batch/read",
        "/crm/objects/2026-03/companies/batch/read", "{\"inputs\":[{\"id\":\"" + live.id()
            + "\"},{\"id\":\"" + archived.id() + "\"},{\"id\":\"123456789012\"}],"
            + "\"properties\":[\"name\",\"domain\"]}");
    assertEquals("COMPLETE", partial.dated().get("status").asText());
    assertEquals("OBJECT_NOT_FOUND", partial.dated().at("/errors/0/category").asText());
    assertTwins(calls, "POST", "/crm/v3/objects/companies/batch/read?archived=true",
        "/crm/objects/2026-03/companies/batch/read?archived=true",
        "{\"inputs\":[{\"id\":\"" + archived.id() + "\"}]}");
  }

  @Test
  void propertiesAndSchemasAreTheSame() {
    Twins all = assertTwins(calls, "GET", "/crm/v3/properties/contacts",
        "/crm/properties/2026-03/contacts", null);
    assertEquals(data.properties("contacts").size(), all.dated().get("results").size());
    assertTwins(calls, "GET", "/crm/v3/properties/deals?archived=true",
        "/crm/properties/2026-03/deals?archived=true", null);
    assertTwins(calls, "GET", "/crm/v3/properties/deals/dealstage",
        "/crm/properties/2026-03/deals/dealstage", null);
    assertTwins(calls, "GET", "/crm/v3/properties/deals/no_such_property",
        "/crm/properties/2026-03/deals/no_such_property", null);
    Twins schemas = assertTwins(calls, "GET", "/crm/v3/schemas",
        "/crm-object-schemas/2026-03/schemas", null);
    assertEquals(1, schemas.dated().get("results").size());
    assertTwins(calls, "GET", "/crm-object-schemas/v3/schemas",
        "/crm-object-schemas/2026-03/schemas", null);
    assertTwins(calls, "GET", "/crm/v3/schemas/2-7350991",
        "/crm-object-schemas/2026-03/schemas/p48213759_licenses", null);
  }

  @Test
  void associationBatchReadsAndLabelsAreTheSame() {
    long hub = data.id("companies", 0);
    String cursor = null;
    int pages = 0;
    do {
      String input = "{\"id\":\"" + hub + "\"" + (cursor == null ? "" : ",\"after\":\"" + cursor
          + "\"") + "}";
      Twins page = assertTwins(calls, "POST", "/crm/v4/associations/companies/contacts/batch/read",
          "/crm/associations/2026-03/companies/contacts/batch/read",
          "{\"inputs\":[" + input + "]}");
      pages++;
      JsonNode after = page.dated().at("/results/0/paging/next/after");
      cursor = after.isMissingNode() ? null : after.asText();
    } while (cursor != null);
    assertThat(pages, greaterThan(1));

    List<String> inputs = new ArrayList<>();
    data.records("deals", false).forEach(r -> inputs.add("{\"id\":\"" + r.id() + "\"}"));
    assertTwins(calls, "POST", "/crm/v4/associations/deals/companies/batch/read",
        "/crm/associations/2026-03/deals/companies/batch/read",
        "{\"inputs\":[" + String.join(",", inputs) + "]}");
    Twins none = assertTwins(calls, "POST", "/crm/v4/associations/products/contacts/batch/read",
        "/crm/associations/2026-03/products/contacts/batch/read",
        "{\"inputs\":[{\"id\":\"" + data.id("products", 0) + "\"}]}");
    assertEquals("crm.associations.NO_ASSOCIATIONS_FOUND",
        none.dated().at("/errors/0/subCategory").asText());
    assertTwins(calls, "POST", "/crm/v4/associations/contacts/companies/batch/read",
        "/crm/associations/2026-03/contacts/companies/batch/read",
        "{\"inputs\":[" + "{\"id\":\"1\"},".repeat(1000) + "{\"id\":\"2\"}]}");

    for (String pair : List.of("contacts/companies", "deals/companies", "companies/companies",
        "products/contacts")) {
      assertTwins(calls, "GET", "/crm/v4/associations/" + pair + "/labels",
          "/crm/associations/2026-03/" + pair + "/labels", null);
    }
  }

  @Test
  void errorsForBadInputWrongMethodsAndUnknownTypesAreTheSame() {
    assertTwins(calls, "GET", "/crm/v3/objects/contacts?limit=101",
        "/crm/objects/2026-03/contacts?limit=101", null);
    assertTwins(calls, "GET", "/crm/v3/objects/contacts?after=abc",
        "/crm/objects/2026-03/contacts?after=abc", null);
    assertTwins(calls, "GET", "/crm/v3/objects/widgets", "/crm/objects/2026-03/widgets", null);
    assertTwins(calls, "GET", "/crm/v3/properties/widgets", "/crm/properties/2026-03/widgets",
        null);
    assertTwins(calls, "POST", "/crm/v3/objects/contacts/search",
        "/crm/objects/2026-03/contacts/search", "{\"limit\":201}");
    assertTwins(calls, "POST", "/crm/v3/objects/contacts/search",
        "/crm/objects/2026-03/contacts/search", "{\"limit\":200,\"after\":\"9801\"}");
    assertTwins(calls, "POST", "/crm/v3/objects/contacts/batch/read",
        "/crm/objects/2026-03/contacts/batch/read", "{\"inputs\": [");
    Twins wrongMethod = assertTwins(calls, "GET", "/crm/v3/objects/contacts/search",
        "/crm/objects/2026-03/contacts/search", null);
    assertEquals("VALIDATION_ERROR", wrongMethod.dated().get("category").asText());
    assertTwins(calls, "GET", "/crm/v3/objects/contacts/batch/read",
        "/crm/objects/2026-03/contacts/batch/read", null);
    assertTwins(calls, "POST", "/crm/v3/objects/contacts", "/crm/objects/2026-03/contacts", "{}");
    assertTwins(calls, "GET", "/crm/v4/associations/contacts/companies/batch/read",
        "/crm/associations/2026-03/contacts/companies/batch/read", null);
    assertTwins(calls, "POST", "/crm/v3/schemas", "/crm-object-schemas/2026-03/schemas", "{}");
  }

  @Test
  void unknownVersionSegmentsAre404LikeAnyUnknownPath() {
    try (SandboxPortal fresh = SandboxPortal.builder().build().start()) {
      SandboxCalls freshCalls = new SandboxCalls(fresh);
      JsonNode reference = json(freshCalls.get("/crm/v2/nothing"));
      long contact = fresh.data().id("contacts", 0);
      List<HttpResponse<String>> unknown = List.of(
          freshCalls.get("/crm/objects/2099-01/contacts"),
          freshCalls.get("/crm/objects/2099-01/contacts/" + contact),
          freshCalls.post("/crm/objects/2099-01/contacts/search", "{}"),
          freshCalls.get("/crm/properties/2099-01/contacts"),
          freshCalls.get("/crm-object-schemas/2099-01/schemas"),
          freshCalls.post("/crm/associations/2099-01/contacts/companies/batch/read",
              "{\"inputs\":[]}"),
          freshCalls.get("/crm/associations/2099-01/contacts/companies/labels"),
          freshCalls.get("/crm/objects/v3/contacts"),
          // Not in HubSpot's 2026-03 specs: the per-record association list is v4 only.
          freshCalls.get("/crm/objects/2026-03/contacts/" + contact + "/associations/companies"));
      for (HttpResponse<String> response : unknown) {
        String path = response.uri().getRawPath();
        assertEquals(404, response.statusCode(), path);
        JsonNode body = json(response);
        assertEquals(fieldNames(reference), fieldNames(body), path);
        assertEquals("error", body.get("status").asText());
        assertEquals(reference.get("category").asText(), body.get("category").asText());
        assertEquals("No endpoint matches " + path + ".", body.get("message").asText());
      }
      assertEquals(unknown.size() + 1, fresh.stats().requests("unknown"));
      assertEquals(unknown.size() + 1, fresh.stats().totalRequests());
      assertEquals(200, freshCalls.get("/crm/v4/objects/contacts/" + contact
          + "/associations/companies").statusCode());
    }
  }

  @Test
  void statsCountDatedCallsUnderTheSameKindsAsTheirTwins() {
    try (SandboxPortal fresh = SandboxPortal.builder().searchPerSecond(0).build().start()) {
      SandboxCalls freshCalls = new SandboxCalls(fresh);
      long contact = fresh.data().id("contacts", 0);
      Map<String, Integer> expected = new LinkedHashMap<>();
      for (boolean dated : new boolean[] {true, false}) {
        String objects = dated ? "/crm/objects/2026-03/" : "/crm/v3/objects/";
        String properties = dated ? "/crm/properties/2026-03/" : "/crm/v3/properties/";
        String associations = dated ? "/crm/associations/2026-03/" : "/crm/v4/associations/";
        String schemas = dated ? "/crm-object-schemas/2026-03/schemas" : "/crm/v3/schemas";
        freshCalls.get(objects + "contacts?limit=1");
        freshCalls.get(objects + "contacts/" + contact);
        freshCalls.post(objects + "contacts/search", "{\"limit\":1}");
        freshCalls.post(objects + "contacts/batch/read", "{\"inputs\":[{\"id\":\"" + contact
            + "\"}]}");
        freshCalls.get(properties + "contacts");
        freshCalls.get(properties + "contacts/email");
        freshCalls.get(schemas);
        freshCalls.post(associations + "contacts/companies/batch/read", "{\"inputs\":[{\"id\":\""
            + contact + "\"}]}");
        freshCalls.get(associations + "contacts/companies/labels");
        // A refused call still counts under its kind.
        freshCalls.get(objects + "contacts?limit=0");
        for (String kind : List.of("list", "list", "read", "search", "batchRead", "properties",
            "properties", "schemas", "associationsBatchRead", "associationLabels")) {
          expected.merge(kind, 1, Integer::sum);
        }
        for (Map.Entry<String, Integer> kind : expected.entrySet()) {
          assertEquals((long) kind.getValue(), fresh.stats().requests(kind.getKey()),
              (dated ? "dated " : "numbered ") + kind.getKey());
        }
        assertEquals(0, fresh.stats().requests("unknown"));
        assertEquals(0, fresh.stats().requests("associations"));
      }
      assertEquals(20, fresh.stats().totalRequests());
      JsonNode overHttp = json(freshCalls.withToken(null).get("/__sandbox/stats"));
      assertEquals(4, overHttp.at("/requestsByKind/list").asLong());
      assertEquals(4, overHttp.at("/requestsByKind/properties").asLong());
      assertEquals(2, overHttp.at("/responsesByStatus/400").asLong());
    }
  }

  @Test
  void authenticationAndScopesAreCheckedAlike() {
    try (SandboxPortal scoped = SandboxPortal.builder()
        .grantedScopes(Set.of("crm.objects.contacts.read")).build().start()) {
      SandboxCalls scopedCalls = new SandboxCalls(scoped);
      long contact = scoped.data().id("contacts", 0);
      assertTwins(scopedCalls.withToken(null), "GET", "/crm/v3/objects/contacts",
          "/crm/objects/2026-03/contacts", null);
      assertTwins(scopedCalls.withToken("pat-na1-wrong"), "POST",
          "/crm/v3/objects/contacts/search", "/crm/objects/2026-03/contacts/search", "{}");
      Twins deals = assertTwins(scopedCalls, "GET", "/crm/v3/objects/deals",
          "/crm/objects/2026-03/deals", null);
      assertEquals("MISSING_SCOPES", deals.dated().get("category").asText());
      assertEquals("crm.objects.deals.read",
          deals.dated().at("/errors/0/context/requiredGranularScopes/0").asText());
      assertTwins(scopedCalls, "GET", "/crm/v3/objects/contacts?limit=2",
          "/crm/objects/2026-03/contacts?limit=2", null);
      assertTwins(scopedCalls, "GET", "/crm/v3/properties/contacts",
          "/crm/properties/2026-03/contacts", null);
      assertTwins(scopedCalls, "GET", "/crm/v3/schemas", "/crm-object-schemas/2026-03/schemas",
          null);
      Twins both = assertTwins(scopedCalls, "POST",
          "/crm/v4/associations/contacts/companies/batch/read",
          "/crm/associations/2026-03/contacts/companies/batch/read",
          "{\"inputs\":[{\"id\":\"" + contact + "\"}]}");
      assertEquals("MISSING_SCOPES", both.dated().get("category").asText(),
          "both sides' scopes are needed");
      assertTwins(scopedCalls, "GET", "/crm/v4/associations/contacts/companies/labels",
          "/crm/associations/2026-03/contacts/companies/labels", null);
      scoped.revokeToken();
      assertTwins(scopedCalls, "GET", "/crm/v3/properties/contacts/email",
          "/crm/properties/2026-03/contacts/email", null);
    }
  }

  @Test
  void bothFamiliesShareTheRateLimits() {
    try (SandboxPortal limited = SandboxPortal.builder().tenSecondlyLimit(4).searchPerSecond(0)
        .build().start()) {
      SandboxCalls limitedCalls = new SandboxCalls(limited);
      assertEquals(200, limitedCalls.get("/crm/v3/objects/notes?limit=1").statusCode());
      HttpResponse<String> dated = limitedCalls.get("/crm/objects/2026-03/notes?limit=1");
      assertEquals(200, dated.statusCode());
      assertEquals("2", dated.headers().firstValue("X-HubSpot-RateLimit-Remaining").orElseThrow());
      assertEquals(200, limitedCalls.get("/crm/properties/2026-03/notes").statusCode());
      assertEquals(200, limitedCalls.get("/crm/v3/properties/notes").statusCode());
      HttpResponse<String> refused = limitedCalls.get("/crm/objects/2026-03/notes?limit=1");
      assertEquals(429, refused.statusCode());
      assertEquals("TEN_SECONDLY_ROLLING", json(refused).get("policyName").asText());
      assertEquals(429, limitedCalls.get("/crm/v3/objects/notes?limit=1").statusCode());
      // Search is exempt from the ten-second window in both families.
      assertEquals(200, limitedCalls.post("/crm/objects/2026-03/notes/search", "{}").statusCode());
      assertEquals(2, limited.stats().rateLimited());
    }
    try (SandboxPortal daily = SandboxPortal.builder().dailyLimit(2).searchPerSecond(0).build()
        .start()) {
      SandboxCalls dailyCalls = new SandboxCalls(daily);
      assertEquals(200, dailyCalls.get("/crm/v3/objects/tasks").statusCode());
      HttpResponse<String> search = dailyCalls.post("/crm/objects/2026-03/tasks/search", "{}");
      assertEquals(200, search.statusCode());
      assertEquals("0", search.headers().firstValue("X-HubSpot-RateLimit-Daily-Remaining")
          .orElseThrow());
      HttpResponse<String> refused = dailyCalls.get("/crm/objects/2026-03/tasks");
      assertEquals(429, refused.statusCode());
      assertEquals("DAILY", json(refused).get("policyName").asText());
    }
  }

  /**
   * Makes the same call under both families and checks the answers match: status, content type,
   * Allow header and JSON body, apart from the volatile fields and the family in paging links
   * (each dated link must itself be in the dated family).
   */
  private static Twins assertTwins(SandboxCalls client, String method, String numberedPath,
      String datedPath, String body) {
    HttpResponse<String> numbered = call(client, method, numberedPath, body);
    HttpResponse<String> dated = call(client, method, datedPath, body);
    String what = method + " " + datedPath;
    assertEquals(numbered.statusCode(), dated.statusCode(), what + ": " + dated.body());
    for (String header : List.of("Content-Type", "Allow")) {
      assertEquals(numbered.headers().firstValue(header), dated.headers().firstValue(header),
          what + " " + header);
    }
    JsonNode numberedJson = json(numbered);
    JsonNode datedJson = json(dated);
    String datedRoot = datedPath.contains("?") ? datedPath.substring(0, datedPath.indexOf('?'))
        : datedPath;
    for (JsonNode link : datedJson.findValues("link")) {
      assertThat(what, link.asText(), startsWith(client.baseUrl() + datedRoot + "?"));
    }
    assertEquals(comparable(numberedJson, false), comparable(datedJson, true), what);
    return new Twins(numberedJson, datedJson);
  }

  private static HttpResponse<String> call(SandboxCalls client, String method, String path,
      String body) {
    return switch (method) {
      case "GET" -> client.get(path);
      case "POST" -> client.post(path, body);
      default -> throw new IllegalArgumentException(method);
    };
  }

  /** A copy without the volatile fields, with dated links rewritten to the numbered family. */
  private static JsonNode comparable(JsonNode node, boolean dated) {
    JsonNode copy = node.deepCopy();
    strip(copy, dated);
    return copy;
  }

  private static void strip(JsonNode node, boolean dated) {
    if (node instanceof ObjectNode object) {
      object.remove(VOLATILE_FIELDS);
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      List<String> links = new ArrayList<>();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (dated && field.getKey().equals("link") && field.getValue().isTextual()) {
          links.add(field.getKey());
        } else {
          strip(field.getValue(), dated);
        }
      }
      for (String name : links) {
        String link = object.get(name).asText();
        for (Map.Entry<String, String> prefix : DATED_TO_NUMBERED.entrySet()) {
          link = link.replace(prefix.getKey(), prefix.getValue());
        }
        object.set(name, new TextNode(link));
      }
    } else if (node instanceof ArrayNode array) {
      array.forEach(item -> strip(item, dated));
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    names.sort(null);
    return names;
  }
}
