package io.hubspotbeam.sandbox;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SandboxDataTest {
  private final SandboxData data = SandboxPortal.builder().build().data();

  @Test
  void listsTheThirteenStandardObjectsInOrderThenTheCustomObject() {
    List<String> standard = List.of("deals", "companies", "contacts", "feedback_submissions",
        "line_items", "products", "tickets", "quotes", "calls", "emails", "meetings", "notes",
        "tasks");
    assertEquals(standard, data.standardObjectTypes());
    List<String> all = new ArrayList<>(standard);
    all.add("p48213759_licenses");
    assertEquals(all, data.objectTypes());
    assertEquals(650, data.size("contacts"));
    assertEquals(650, data.size("0-1"));
    assertEquals(25, data.size("feedback_submissions"));
  }

  @Test
  void sameSeedGivesIdenticalDataAndAnotherSeedDoesNot() {
    SandboxData twin = SandboxPortal.builder().build().data();
    SandboxData other = SandboxPortal.builder().seed(2).build().data();
    for (String type : data.objectTypes()) {
      assertEquals(data.properties(type), twin.properties(type));
      for (long i = 0; i < data.size(type); i++) {
        assertEquals(data.record(type, i), twin.record(type, i), type + " #" + i);
      }
      assertEquals(data.associations(type, "contacts", data.id(type, 0)),
          twin.associations(type, "contacts", twin.id(type, 0)));
    }
    long differing = 0;
    for (long i = 0; i < 100; i++) {
      if (!data.record("contacts", i).equals(other.record("contacts", i))) {
        differing++;
      }
    }
    assertThat(differing, greaterThan(90L));
  }

  @Test
  void idsRiseStrictlyHaveVeryDifferentLengthsAndInvert() {
    SandboxData big = SandboxPortal.builder().objectSize("contacts", 5_000).build().data();
    long previous = 0;
    Set<Integer> lengths = new HashSet<>();
    List<String> asStrings = new ArrayList<>();
    for (long i = 0; i < 5_000; i++) {
      long id = big.id("contacts", i);
      assertThat(id, greaterThan(previous));
      previous = id;
      lengths.add(Long.toString(id).length());
      asStrings.add(Long.toString(id));
      assertEquals(i, big.indexOf("contacts", id));
      assertThat(big.indexOf("contacts", id + 1), anyOf(is(-1L), is(i + 1)));
    }
    assertThat(lengths, hasItems(1, 2, 4, 6, 9));
    List<String> sorted = new ArrayList<>(asStrings);
    sorted.sort(null);
    assertThat("string order must differ from numeric order", sorted, not(asStrings));
  }

  @Test
  void hugePortalsCostNothingUntilARecordIsAskedFor() {
    SandboxData huge = SandboxPortal.builder().objectSize("contacts", 50_000_000).build().data();
    SandboxRecord last = huge.record("contacts", 49_999_999);
    assertThat(Long.toString(last.id()).length(), lessThanOrEqualTo(11));
    assertEquals(49_999_999, huge.indexOf("contacts", last.id()));
    assertThat(huge.count("contacts", true), allOf(greaterThan(1_400_000L), lessThan(1_700_000L)));
  }

  @Test
  void everyRecordHasEveryPropertyWithValuesOfItsType() {
    for (String type : data.objectTypes()) {
      List<SandboxProperty> properties = data.properties(type);
      Map<String, SandboxProperty> byName = properties.stream()
          .collect(Collectors.toMap(SandboxProperty::name, p -> p));
      String created = PortalObject.require(type).creationProperty();
      String modified = type.equals("contacts") ? "lastmodifieddate" : "hs_lastmodifieddate";
      assertThat(byName.keySet(), hasItems(created, "hs_object_id", modified));
      for (long i = 0; i < data.size(type); i++) {
        SandboxRecord record = data.record(type, i);
        assertEquals(properties.size(), record.properties().size());
        assertEquals(Long.toString(record.id()), record.properties().get("hs_object_id"));
        assertEquals(record.createdAt(), record.properties().get(created));
        assertEquals(record.updatedAt(), record.properties().get(modified));
        assertThat(record.updatedAt().compareTo(record.createdAt()), greaterThanOrEqualTo(0));
        assertEquals(record.archived(), record.archivedAt() != null);
        record.properties().forEach((name, value) -> {
          if (value != null) {
            assertMatchesType(byName.get(name), value, type + " #" + record.id() + " " + name);
          }
        });
      }
    }
  }

  private static void assertMatchesType(SandboxProperty property, String value, String where) {
    switch (property.type()) {
      case "number" -> assertTrue(value.matches("-?\\d+(\\.\\d+)?"), where + ": " + value);
      case "date" -> assertTrue(value.matches("\\d{4}-\\d{2}-\\d{2}"), where + ": " + value);
      case "datetime" -> assertTrue(
          value.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z"), where + ": " + value);
      case "bool" -> assertThat(where, value, oneOf("true", "false"));
      case "enumeration" -> {
        Set<String> options = property.options().stream().map(SandboxPropertyOption::value)
            .collect(Collectors.toSet());
        for (String part : property.fieldType().equals("checkbox") ? value.split(";")
            : new String[] {value}) {
          assertThat(where, options, hasItem(part));
        }
      }
      case "string" -> { }
      default -> throw new AssertionError("unexpected type " + property.type());
    }
  }

  @Test
  void schemasAreWideAndRealistic() {
    assertThat(data.properties("contacts").size(), greaterThan(300));
    assertThat(data.properties("contacts").stream().map(SandboxProperty::name).toList(),
        hasItems("firstname", "lastname", "email", "phone", "company", "jobtitle",
            "lifecyclestage", "hs_lead_status", "city", "country", "notes_last_updated",
            "num_associated_deals"));
    List<SandboxProperty> contacts = data.properties("contacts");
    assertThat(contacts.get(contacts.size() - 1).name(), matchesPattern("custom_[a-z_]+_\\d{4}"));
    assertThat(data.properties("deals").stream().map(SandboxProperty::name).toList(),
        hasItems("dealname", "amount", "dealstage", "pipeline", "closedate"));
    assertThat(data.properties("notes").stream().map(SandboxProperty::name).toList(),
        hasItems("hs_timestamp", "hs_note_body"));
    Set<String> types = data.properties("contacts").stream().map(SandboxProperty::type)
        .collect(Collectors.toSet());
    assertThat(types, containsInAnyOrder("string", "number", "date", "datetime", "enumeration",
        "bool"));
    SandboxData narrow = SandboxPortal.builder().extraProperties("contacts", 0).build().data();
    assertThat(narrow.properties("contacts").size(), lessThan(40));
  }

  @Test
  void hardValuesAppearInEveryObject() {
    for (String type : data.objectTypes()) {
      List<String> values = new ArrayList<>();
      boolean nullSeen = false;
      for (SandboxRecord record : data.records(type, false)) {
        for (String value : record.properties().values()) {
          if (value == null) {
            nullSeen = true;
          } else {
            values.add(value);
          }
        }
      }
      EnumSet<HardValue> seen = EnumSet.noneOf(HardValue.class);
      Set<String> distinct = new HashSet<>(values);
      for (HardValue kind : HardValue.values()) {
        if (kind == HardValue.NULL ? nullSeen : distinct.contains(kind.text())) {
          seen.add(kind);
        }
      }
      assertEquals(EnumSet.allOf(HardValue.class), seen, type);
      assertTrue(values.stream().anyMatch(v -> v.length() >= 10_000), type + ": long text");
      assertTrue(values.stream().anyMatch(v -> v.contains("\uD83D\uDC4D\uD83C\uDFFD")),
          type + ": surrogate pairs");
      assertTrue(values.stream().anyMatch(v -> v.contains("\u200D")), type + ": ZWJ");
      assertTrue(values.stream().anyMatch(v -> v.contains("\r\n")), type + ": CRLF");
      assertTrue(values.stream().anyMatch(v -> v.contains(",") && v.contains("\"")),
          type + ": comma and quote");
      assertTrue(values.stream().anyMatch(v -> v.startsWith(" ") && v.endsWith(" ")),
          type + ": surrounding spaces");
      assertTrue(values.stream().anyMatch(v -> v.contains("\\")), type + ": backslash");
      assertTrue(values.stream().anyMatch(String::isEmpty), type + ": empty string");
      for (String start : List.of("=", "+", "-", "@")) {
        assertTrue(values.stream().anyMatch(v -> v.startsWith(start)),
            type + ": starts with " + start);
      }
    }
  }

  @Test
  void aboutThreePercentOfRecordsAreArchivedAndEveryObjectHasSome() {
    for (String type : data.objectTypes()) {
      long archived = 0;
      for (SandboxRecord record : data.records(type, true)) {
        assertTrue(record.archived());
        archived++;
      }
      assertThat(type, archived, greaterThanOrEqualTo(1L));
      assertEquals(data.count(type, true), archived);
      long live = 0;
      for (SandboxRecord record : data.records(type, false)) {
        assertTrue(!record.archived());
        live++;
      }
      assertEquals(data.size(type), live + archived);
    }
    SandboxData big = SandboxPortal.builder().objectSize("contacts", 100_000).build().data();
    double share = big.count("contacts", true) / 100_000.0;
    assertThat(share, allOf(greaterThan(0.025), lessThan(0.035)));
  }

  @Test
  void associationsAgreeInBothDirections() {
    for (AssociationPair pair : AssociationPair.ALL) {
      String child = pair.child().plural();
      String parent = pair.parent().plural();
      long edges = 0;
      for (SandboxRecord record : data.records(child, false)) {
        for (SandboxAssociation association : data.associations(child, parent, record.id())) {
          edges++;
          List<Long> back = data.associations(parent, child, association.toObjectId()).stream()
              .map(SandboxAssociation::toObjectId).toList();
          assertThat(child + " " + record.id() + " -> " + parent, back, hasItem(record.id()));
          // The unlabeled type is HubSpot's between its own objects, the portal's otherwise.
          String category = pair.involvesCustomObject() ? "USER_DEFINED" : "HUBSPOT_DEFINED";
          assertTrue(association.types().stream().anyMatch(t -> t.category().equals(category)
              && t.label() == null));
        }
      }
      long reverse = 0;
      for (SandboxRecord record : data.records(parent, false)) {
        reverse += data.associations(parent, child, record.id()).size();
      }
      assertEquals(edges, reverse, child + " <-> " + parent);
      assertThat(edges, greaterThan(0L));
    }
    assertThat(data.associations("products", "contacts", data.id("products", 0)), empty());
  }

  @Test
  void someRecordsHaveMoreThanFiveHundredAssociations() {
    long companyHub = data.id("companies", 0);
    assertThat(data.associations("companies", "contacts", companyHub).size(), greaterThan(500));
    long contactHub = data.id("contacts", 0);
    assertThat(data.associations("contacts", "line_items", contactHub), empty());
    SandboxData wide = SandboxPortal.builder().objectSize("companies", 900).build().data();
    assertThat(wide.associations("contacts", "companies", wide.id("contacts", 0)).size(),
        greaterThan(500));
  }

  @Test
  void associationTypesCarryHubSpotTypeIds() {
    Set<Integer> dealToCompany = new HashSet<>();
    Set<String> labels = new HashSet<>();
    for (SandboxRecord deal : data.records("deals", false)) {
      for (SandboxAssociation a : data.associations("deals", "companies", deal.id())) {
        a.types().forEach(t -> {
          dealToCompany.add(t.typeId());
          if (t.label() != null) {
            labels.add(t.label());
          }
        });
      }
    }
    assertThat(dealToCompany, containsInAnyOrder(5, 341, 1001));
    assertThat(labels, containsInAnyOrder("Primary", "Reseller"));
  }
}
