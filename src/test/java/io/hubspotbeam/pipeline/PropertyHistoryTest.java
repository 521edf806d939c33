package io.hubspotbeam.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import io.hubspotbeam.io.PropertyHistory;
import io.hubspotbeam.pipeline.ExtractMainTest.Run;
import io.hubspotbeam.sandbox.SandboxPortal;
import io.hubspotbeam.sandbox.SandboxPropertyVersion;
import io.hubspotbeam.sandbox.SandboxRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --propertiesWithHistory: every value each property held, exactly as the portal has it. */
class PropertyHistoryTest {
  private static final String TOKEN_VARIABLE = "HISTORY_TEST_TOKEN";
  private static SandboxPortal portal;

  @TempDir Path output;

  @BeforeAll
  static void startPortal() {
    // Over 10,000 contacts: the history read is planned into ranges listed in parallel.
    portal = SandboxPortal.builder().objectSize("contacts", 11_000).extraProperties("contacts", 0)
        .objectSize("deals", 400).build().start();
    // Bulk updates while the portal runs add versions, some clearing values.
    portal.data().modify("contacts", 0, 11_000, 5);
    portal.data().modify("contacts", 3, 11_000, 10);
    portal.data().modify("deals", 0, 400, 3);
  }

  @AfterAll
  static void stopPortal() {
    portal.close();
  }

  private Run extract(String... extra) {
    List<String> args = new ArrayList<>(List.of("--baseUrl=" + portal.baseUrl(),
        "--tokenEnv=" + TOKEN_VARIABLE, "--output=" + output, "--progress=off", "--count=all"));
    args.addAll(List.of(extra));
    return ExtractMainTest.extract(Map.of(TOKEN_VARIABLE, portal.token()),
        args.toArray(new String[0]));
  }

  /** The table, as (id, property) to its versions in file order, each as its five cells. */
  private static Map<List<String>, List<List<String>>> versions(Path file) throws Exception {
    List<CSVRecord> rows = ExtractMainTest.readTable(file);
    assertThat(rows.get(0).toList(), equalTo(PropertyHistory.HEADER));
    Map<List<String>, List<List<String>>> out = new HashMap<>();
    for (CSVRecord row : rows.subList(1, rows.size())) {
      out.computeIfAbsent(List.of(row.get(0), row.get(1)), k -> new ArrayList<>())
          .add(List.of(nullToEmpty(row.get(2)), row.get(3), row.get(4), nullToEmpty(row.get(5))));
    }
    return out;
  }

  private static String nullToEmpty(String value) {
    return value == null ? "<null>" : value;
  }

  /** What the portal holds for those properties of every live record. */
  private static Map<List<String>, List<List<String>>> truth(String type,
      List<String> properties) {
    Map<List<String>, List<List<String>>> out = new HashMap<>();
    for (SandboxRecord record : portal.data().records(type, false)) {
      long index = portal.data().indexOf(type, record.id());
      for (String property : properties) {
        List<List<String>> list = new ArrayList<>();
        for (SandboxPropertyVersion v : portal.data().history(type, index, property)) {
          list.add(List.of(nullToEmpty(v.value()), v.timestamp(), v.sourceType(),
              nullToEmpty(v.sourceId())));
        }
        if (!list.isEmpty()) {
          out.put(List.of(Long.toString(record.id()), property), list);
        }
      }
    }
    return out;
  }

  @Test
  void historyTablesHoldEveryVersionOfEveryRecordNewestFirst() throws Exception {
    Run run = extract("--objectList=contacts,deals", "--columns=contacts:email;deals:dealname",
        "--propertiesWithHistory=contacts:lifecyclestage,jobtitle;deals:dealstage,amount");
    assertThat(run.err(), run.exitCode(), equalTo(0));
    Map<List<String>, List<List<String>>> contacts =
        versions(output.resolve("contacts_property_history.csv"));
    Map<List<String>, List<List<String>>> expected =
        truth("contacts", List.of("lifecyclestage", "jobtitle"));
    assertThat(expected.values().stream().filter(v -> v.size() > 1).count(),
        greaterThan(1_000L));
    assertThat(contacts.size(), equalTo(expected.size()));
    assertThat(contacts, equalTo(expected));
    assertThat(versions(output.resolve("deals_property_history.csv")),
        equalTo(truth("deals", List.of("dealstage", "amount"))));
    // The object tables are there as ever, and the manifest knows the history tables.
    PortalTruth.assertTable(portal, output.resolve("contacts.csv"), "contacts",
        List.of("email"), Long.MAX_VALUE);
    assertThat(Files.readString(output.resolve(RunManifest.FILE)),
        containsString("\"kind\" : \"history\""));
  }

  @Test
  void namesWithoutAnObjectGoToEveryObjectThatHasThem() throws Exception {
    Run run = extract("--objectList=deals,companies", "--columns=deals:dealname;companies:name",
        "--propertiesWithHistory=dealstage");
    assertThat(run.err(), run.exitCode(), equalTo(0));
    assertThat(versions(output.resolve("deals_property_history.csv")),
        equalTo(truth("deals", List.of("dealstage"))));
    assertThat("companies have no dealstage",
        Files.exists(output.resolve("companies_property_history.csv")), equalTo(false));
  }

  @Test
  void aPropertyNoObjectHasIsRefused() {
    Run run = extract("--objectList=deals", "--propertiesWithHistory=deals:dealstage,nosuch");
    assertThat(run.exitCode(), equalTo(ExtractMain.INVALID_INPUT));
    assertThat(run.err(), containsString("deals has no property 'nosuch'"));
    Run bad = extract("--objectList=deals", "--propertiesWithHistory=tickets:subject");
    assertThat(bad.exitCode(), equalTo(ExtractMain.INVALID_INPUT));
    assertThat(bad.err(), containsString("--propertiesWithHistory names 'tickets', which is not"
        + " in --objectList"));
  }
}
