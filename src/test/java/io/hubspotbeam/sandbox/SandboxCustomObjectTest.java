package io.hubspotbeam.sandbox;

import static io.hubspotbeam.sandbox.SandboxCalls.json;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The portal's custom object, licenses, over real HTTP: discovered through the schemas API,
 * read by objectTypeId and by fullyQualifiedName like any object, associated with companies
 * and contacts under the portal's own USER_DEFINED typeIds, and guarded by its own scope.
 */
class SandboxCustomObjectTest {
  private static final String TYPE_ID = "2-7350991";
  private static final String FULL_NAME = "p48213759_licenses";
  private static final String RECORD_PROPERTIES =
      "license_key,plan,status,seats,renewal_date,monthly_fee,licensee_name,notes";

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
  void theSchemasApiListsLicensesInHubSpotsShape() {
    JsonNode list = ok(calls.get("/crm/v3/schemas"));
    assertEquals(1, list.get("results").size());
    JsonNode schema = list.at("/results/0");
    assertEquals("7350991", schema.get("id").asText());
    assertEquals(TYPE_ID, schema.get("objectTypeId").asText());
    assertEquals("licenses", schema.get("name").asText());
    assertEquals(FULL_NAME, schema.get("fullyQualifiedName").asText());
    assertEquals("p" + SandboxPortal.PORTAL_ID + "_licenses", FULL_NAME);
    assertEquals("License", schema.at("/labels/singular").asText());
    assertEquals("Licenses", schema.at("/labels/plural").asText());
    assertEquals("license_key", schema.get("primaryDisplayProperty").asText());
    assertEquals(List.of("license_key"), texts(schema.get("requiredProperties")));
    assertThat(texts(schema.get("searchableProperties")), hasItem("license_key"));
    assertEquals(List.of("plan", "status"), texts(schema.get("secondaryDisplayProperties")));
    assertEquals("PORTAL_SPECIFIC", schema.get("metaType").asText());
    assertFalse(schema.get("archived").asBoolean());
    assertThat(schema.get("createdAt").asText(), matchesPattern("\\d{4}-.*Z"));
    assertThat(schema.get("updatedAt").asText(), matchesPattern("\\d{4}-.*Z"));

    // The property definitions are exactly what the properties endpoint serves.
    JsonNode properties = ok(calls.get("/crm/v3/properties/" + TYPE_ID)).get("results");
    assertEquals(properties, schema.get("properties"));
    assertEquals(data.properties(FULL_NAME).size(), properties.size());
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    properties.forEach(p -> byName.put(p.get("name").asText(), p));
    assertThat(byName.keySet(), hasItems("hs_object_id", "hs_createdate", "hs_lastmodifieddate",
        "license_key", "seats", "plan", "status", "renewal_date", "monthly_fee"));
    assertFalse(byName.containsKey("createdate"), "custom objects have hs_createdate");
    assertTrue(byName.get("license_key").get("hasUniqueValue").asBoolean());
    assertFalse(byName.get("license_key").get("hubspotDefined").asBoolean());
    assertEquals("number", byName.get("seats").get("type").asText());
    assertEquals("date", byName.get("renewal_date").get("type").asText());
    assertEquals(List.of("starter", "professional", "enterprise"),
        optionValues(byName.get("plan")));
    assertEquals(List.of("active", "cancelled", "expired"), optionValues(byName.get("status")));

    JsonNode associations = schema.get("associations");
    assertEquals(2, associations.size());
    Map<String, String> typeIdByTarget = new LinkedHashMap<>();
    associations.forEach(a -> {
      assertEquals(TYPE_ID, a.get("fromObjectTypeId").asText());
      assertTrue(a.get("name").asText().startsWith("licenses_to_"), a.toString());
      assertTrue(a.get("createdAt").isTextual());
      assertTrue(a.get("updatedAt").isTextual());
      typeIdByTarget.put(a.get("toObjectTypeId").asText(), a.get("id").asText());
    });
    assertEquals(Map.of("0-2", "1011", "0-1", "1013"), typeIdByTarget);
  }

  @Test
  void oneSchemaByEveryNameUnderEveryPrefix() {
    JsonNode listed = ok(calls.get("/crm/v3/schemas")).at("/results/0");
    for (String prefix : List.of("/crm/v3/schemas/", "/crm-object-schemas/v3/schemas/",
        "/crm-object-schemas/2026-03/schemas/")) {
      for (String name : List.of(TYPE_ID, FULL_NAME, "p_licenses")) {
        assertEquals(listed, ok(calls.get(prefix + name)), prefix + name);
      }
    }
    assertEquals(listed, ok(calls.get("/crm-object-schemas/v3/schemas")).at("/results/0"));
  }

  @Test
  void unknownSchemasAre404AndUnknownOrBareNamesInObjectPathsAre400() {
    for (String name : List.of("2-999", "p_widgets", "contacts", "licenses")) {
      HttpResponse<String> response = calls.get("/crm/v3/schemas/" + name);
      assertEquals(404, response.statusCode(), name);
      JsonNode body = json(response);
      assertEquals("error", body.get("status").asText());
      assertEquals("OBJECT_NOT_FOUND", body.get("category").asText());
      assertThat(body.get("correlationId").asText(), matchesPattern("[0-9a-f-]{36}"));
    }
    // Records of a custom object are addressed by objectTypeId or fully qualified name only.
    for (String name : List.of("licenses", "license", "p_widgets", "2-999", "p1_licenses")) {
      HttpResponse<String> response = calls.get("/crm/v3/objects/" + name);
      assertEquals(400, response.statusCode(), name);
      assertEquals("VALIDATION_ERROR", json(response).get("category").asText());
      assertThat(json(response).get("message").asText(),
          containsString("Unable to infer object type from: " + name));
    }
  }

  @Test
  void listingByObjectTypeIdOrFullyQualifiedNameReturnsTheLiveRecords() {
    List<SandboxRecord> expected = new ArrayList<>();
    data.records(FULL_NAME, false).forEach(expected::add);
    assertThat(expected.size(), allOf(greaterThan(100), lessThanOrEqualTo(150)));
    for (String path : List.of("/crm/v3/objects/" + TYPE_ID, "/crm/v3/objects/" + FULL_NAME,
        "/crm/v3/objects/p_licenses", "/crm/objects/2026-03/" + TYPE_ID)) {
      List<JsonNode> listed = listAll(path + "?limit=100&properties=" + RECORD_PROPERTIES);
      assertEquals(expected.size(), listed.size(), path);
      for (int i = 0; i < expected.size(); i++) {
        assertMatches(expected.get(i), listed.get(i), path);
      }
    }
    JsonNode first = ok(calls.get("/crm/v3/objects/" + TYPE_ID + "?limit=1")).at("/results/0");
    List<String> defaults = new ArrayList<>();
    first.get("properties").fieldNames().forEachRemaining(defaults::add);
    assertEquals(List.of("hs_createdate", "hs_lastmodifieddate", "hs_object_id"), defaults);
    Set<String> keys = new HashSet<>();
    expected.forEach(r -> keys.add(r.properties().get("license_key")));
    assertEquals(expected.size(), keys.size(), "license keys are unique");
    assertThat(expected.get(0).properties().get("license_key"),
        matchesPattern("LK-[0-9A-Z]{4}-[0-9A-Z]{4}"));
  }

  @Test
  void searchAndBatchReadAnswerWhatSandboxDataHolds() {
    List<SandboxRecord> active = new ArrayList<>();
    data.records("licenses", false).forEach(r -> {
      if ("active".equals(r.properties().get("status"))) {
        active.add(r);
      }
    });
    assertThat(active, not(empty()));
    for (String type : List.of(TYPE_ID, FULL_NAME)) {
      JsonNode found = ok(calls.post("/crm/v3/objects/" + type + "/search",
          "{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"status\",\"operator\":\"EQ\","
              + "\"value\":\"active\"}]}],\"properties\":[\"license_key\",\"status\",\"seats\"],"
              + "\"limit\":200}"));
      assertEquals(active.size(), found.get("total").asInt(), type);
      assertEquals(active.size(), found.get("results").size(), type);
      for (int i = 0; i < active.size(); i++) {
        assertMatches(active.get(i), found.get("results").get(i), type);
      }
    }

    List<SandboxRecord> wanted = List.of(data.record(FULL_NAME, 1), data.record(FULL_NAME, 7),
        data.record(FULL_NAME, 60));
    StringBuilder inputs = new StringBuilder();
    for (SandboxRecord record : wanted) {
      inputs.append(inputs.length() == 0 ? "" : ",").append("{\"id\":\"").append(record.id())
          .append("\"}");
    }
    for (String type : List.of(TYPE_ID, FULL_NAME)) {
      HttpResponse<String> response = calls.post("/crm/v3/objects/" + type + "/batch/read",
          "{\"inputs\":[" + inputs + "],\"properties\":[\"license_key\",\"plan\","
              + "\"monthly_fee\",\"renewal_date\"]}");
      JsonNode body = json(response);
      Map<String, JsonNode> byId = new LinkedHashMap<>();
      body.get("results").forEach(r -> byId.put(r.get("id").asText(), r));
      for (SandboxRecord record : wanted) {
        if (record.archived()) {
          assertFalse(byId.containsKey(Long.toString(record.id())));
        } else {
          assertMatches(record, byId.get(Long.toString(record.id())), type);
        }
      }
      assertThat(byId.size(), greaterThanOrEqualTo(2));
    }
  }

  @Test
  void licensesAndCompaniesAssociateBothWaysUnderThePortalsTypeIds() {
    SandboxRecord license = firstLive(FULL_NAME);
    List<SandboxAssociation> toCompanies = data.associations(FULL_NAME, "companies",
        license.id());
    assertThat(toCompanies, not(empty()));
    JsonNode forward = ok(calls.get("/crm/v4/objects/" + TYPE_ID + "/" + license.id()
        + "/associations/companies?limit=500"));
    assertEquals(toCompanies.size(), forward.get("results").size());
    for (int i = 0; i < toCompanies.size(); i++) {
      JsonNode result = forward.get("results").get(i);
      assertEquals(toCompanies.get(i).toObjectId(), result.get("toObjectId").asLong());
      assertEquals("USER_DEFINED", result.at("/associationTypes/0/category").asText());
      assertEquals(1011, result.at("/associationTypes/0/typeId").asInt());
      assertTrue(result.at("/associationTypes/0/label").isNull());
    }

    long company = toCompanies.get(0).toObjectId();
    List<Long> expectedBack = data.associations("companies", FULL_NAME, company).stream()
        .map(SandboxAssociation::toObjectId).toList();
    assertThat(expectedBack, hasItem(license.id()));
    for (String path : List.of("/crm/v4/associations/companies/" + FULL_NAME + "/batch/read",
        "/crm/v4/associations/0-2/p_licenses/batch/read",
        "/crm/associations/2026-03/companies/" + TYPE_ID + "/batch/read")) {
      JsonNode back = ok(calls.post(path, "{\"inputs\":[{\"id\":\"" + company + "\"}]}"));
      JsonNode to = back.at("/results/0/to");
      List<Long> ids = new ArrayList<>();
      to.forEach(t -> {
        ids.add(t.get("toObjectId").asLong());
        assertEquals("USER_DEFINED", t.at("/associationTypes/0/category").asText());
        assertEquals(1012, t.at("/associationTypes/0/typeId").asInt());
      });
      assertEquals(expectedBack, ids, path);
    }

    for (String path : List.of("/crm/v4/associations/" + TYPE_ID + "/companies/labels",
        "/crm/associations/2026-03/" + FULL_NAME + "/0-2/labels")) {
      JsonNode labels = ok(calls.get(path)).get("results");
      assertEquals(1, labels.size(), path);
      assertEquals("USER_DEFINED", labels.at("/0/category").asText());
      assertEquals(1011, labels.at("/0/typeId").asInt());
      assertTrue(labels.at("/0/label").isNull());
    }
    JsonNode contactLabels = ok(calls.get("/crm/v4/associations/contacts/" + TYPE_ID
        + "/labels")).get("results");
    assertEquals(1014, contactLabels.at("/0/typeId").asInt());
    assertThat(data.associations(FULL_NAME, "contacts", license.id()), not(empty()));
  }

  @Test
  void readingLicensesNeedsTheCustomObjectScope() {
    Set<String> withoutCustomRead = new HashSet<>(SandboxPortal.ALL_READ_SCOPES);
    assertTrue(withoutCustomRead.remove("crm.objects.custom.read"));
    try (SandboxPortal scoped = SandboxPortal.builder().grantedScopes(withoutCustomRead).build()
        .start()) {
      SandboxCalls limited = new SandboxCalls(scoped);
      assertEquals(200, limited.get("/crm/v3/objects/contacts").statusCode());
      long license = scoped.data().id(FULL_NAME, 0);
      for (HttpResponse<String> response : List.of(
          limited.get("/crm/v3/objects/" + TYPE_ID),
          limited.get("/crm/v3/objects/" + FULL_NAME + "/" + license),
          limited.post("/crm/v3/objects/" + TYPE_ID + "/search", "{}"),
          limited.post("/crm/v3/objects/" + FULL_NAME + "/batch/read",
              "{\"inputs\":[{\"id\":\"" + license + "\"}]}"),
          limited.post("/crm/v4/associations/companies/" + TYPE_ID + "/batch/read",
              "{\"inputs\":[{\"id\":\"1\"}]}"))) {
        assertEquals(403, response.statusCode(), response.body());
        JsonNode body = json(response);
        assertEquals("MISSING_SCOPES", body.get("category").asText());
        assertEquals("crm.objects.custom.read",
            body.at("/errors/0/context/requiredGranularScopes/0").asText());
      }
      // The schema scope still reads the definitions, as for standard objects.
      assertEquals(200, limited.get("/crm/v3/schemas").statusCode());
      assertEquals(200, limited.get("/crm/v3/properties/" + TYPE_ID).statusCode());
    }
    try (SandboxPortal recordsOnly = SandboxPortal.builder()
        .grantedScopes(Set.of("crm.objects.custom.read")).build().start()) {
      SandboxCalls limited = new SandboxCalls(recordsOnly);
      assertEquals(200, limited.get("/crm/v3/objects/" + TYPE_ID).statusCode());
      HttpResponse<String> schemas = limited.get("/crm/v3/schemas/" + TYPE_ID);
      assertEquals(403, schemas.statusCode());
      assertEquals("crm.schemas.custom.read",
          json(schemas).at("/errors/0/context/requiredGranularScopes/0").asText());
    }
  }

  @Test
  void sizedLikeAnyOtherObjectByTheBuilderAndTheCommandLine() throws Exception {
    SandboxData sized = SandboxPortal.builder().objectSize("licenses", 40)
        .extraProperties("licenses", 0).build().data();
    assertEquals(40, sized.size(FULL_NAME));
    assertEquals(40, sized.size(TYPE_ID));
    assertThat(sized.properties("licenses").size(), lessThan(20));
    assertThat(sized.properties("licenses").stream().map(SandboxProperty::name).toList(),
        not(hasItem(startsWith("hs_analytics"))));
    assertEquals(650, sized.size("contacts"), "the standard objects keep their sizes");
    assertEquals(150, data.size("licenses"));
    SandboxData fromCommandLine = SandboxMain.configure(SandboxMain.options(
        new String[] {"--size=licenses=75"})).build().data();
    assertEquals(75, fromCommandLine.size("p_licenses"));
  }

  private static void assertMatches(SandboxRecord expected, JsonNode node, String where) {
    assertEquals(Long.toString(expected.id()), node.get("id").asText(), where);
    assertEquals(expected.createdAt(), node.get("createdAt").asText(), where);
    assertEquals(expected.updatedAt(), node.get("updatedAt").asText(), where);
    assertEquals(expected.createdAt(), node.at("/properties/hs_createdate").asText(), where);
    node.get("properties").fields().forEachRemaining(p -> assertEquals(
        expected.properties().get(p.getKey()),
        p.getValue().isNull() ? null : p.getValue().asText(), where + " " + p.getKey()));
  }

  private static SandboxRecord firstLive(String type) {
    return data.records(type, false).iterator().next();
  }

  private static JsonNode ok(HttpResponse<String> response) {
    assertEquals(200, response.statusCode(), response.body());
    return json(response);
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<String> optionValues(JsonNode property) {
    List<String> out = new ArrayList<>();
    property.get("options").forEach(o -> out.add(o.get("value").asText()));
    return out;
  }

  private static List<JsonNode> listAll(String firstPage) {
    List<JsonNode> all = new ArrayList<>();
    String path = firstPage;
    while (path != null) {
      JsonNode page = ok(calls.get(path));
      page.get("results").forEach(all::add);
      JsonNode next = page.at("/paging/next/link");
      path = next.isMissingNode() ? null : next.asText().substring(portal.baseUrl().length());
    }
    return all;
  }
}
