package io.hubspotbeam.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hubspotbeam.io.TableLayout;
import io.hubspotbeam.pipeline.ExtractMainTest.Run;
import io.hubspotbeam.sandbox.SandboxPortal;
import io.hubspotbeam.sandbox.SandboxRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --since, --state and scripts/merge against the sandbox portal, whose records change while it
 * serves: a full run, changes, an incremental run and a merge give exactly the portal's data.
 */
class IncrementalTest {
  private static final String TOKEN_VARIABLE = "INCREMENTAL_TEST_TOKEN";
  private static final List<String> CONTACT_COLUMNS =
      List.of("email", "firstname", "lastname", "jobtitle", "city", "lifecyclestage",
          "lastmodifieddate");
  private static final List<String> DEAL_COLUMNS =
      List.of("dealname", "amount", "dealstage", "closedate", "hs_lastmodifieddate");

  @TempDir Path work;

  private static Run extract(SandboxPortal portal, Path output, String... extra) {
    List<String> args = new ArrayList<>(List.of("--baseUrl=" + portal.baseUrl(),
        "--tokenEnv=" + TOKEN_VARIABLE, "--output=" + output, "--progress=off"));
    args.addAll(List.of(extra));
    List<String> columns = new ArrayList<>();
    if (args.stream().anyMatch(a -> a.startsWith("--objectList=") && a.contains("contacts"))) {
      columns.add("contacts:" + String.join(",", CONTACT_COLUMNS));
    }
    if (args.stream().anyMatch(a -> a.startsWith("--objectList=") && a.contains("deals"))) {
      columns.add("deals:" + String.join(",", DEAL_COLUMNS));
    }
    if (!columns.isEmpty()) {
      args.add("--columns=" + String.join(";", columns));
    }
    return ExtractMainTest.extract(Map.of(TOKEN_VARIABLE, portal.token()),
        args.toArray(new String[0]));
  }

  private static Run ok(Run run) {
    assertThat(run.err(), run.exitCode(), equalTo(0));
    return run;
  }

  private static String merge(Path into, Path changes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = MergeMain.run(new String[] {"--into=" + into, "--changes=" + changes},
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(err.toString(StandardCharsets.UTF_8), code, equalTo(0));
    return out.toString(StandardCharsets.UTF_8);
  }

  private static void assertMergeRefused(Path into, Path changes, String message) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = MergeMain.run(new String[] {"--into=" + into, "--changes=" + changes},
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code, equalTo(ExtractMain.INVALID_INPUT));
    assertThat(err.toString(StandardCharsets.UTF_8), containsString(message));
  }

  /** Table rows by id, each as column name to cell; fails on an id seen twice. */
  private static Map<Long, Map<String, String>> rowsById(Path file) throws Exception {
    List<CSVRecord> rows = ExtractMainTest.readTable(file);
    List<String> header = rows.get(0).toList();
    Map<Long, Map<String, String>> byId = new TreeMap<>();
    for (CSVRecord row : rows.subList(1, rows.size())) {
      Map<String, String> cells = new java.util.HashMap<>();
      for (int c = 0; c < header.size(); c++) {
        cells.put(header.get(c), row.get(c));
      }
      assertThat("once: " + row.get(0), byId.put(Long.parseLong(row.get(0)), cells),
          equalTo(null));
    }
    return byId;
  }

  /** The ids of the object's live records modified at or after the time. */
  private static Set<Long> liveChangedSince(SandboxPortal portal, String type, Instant since) {
    Set<Long> ids = new HashSet<>();
    for (SandboxRecord record : portal.data().records(type, false)) {
      if (!Instant.parse(record.updatedAt()).isBefore(since)) {
        ids.add(record.id());
      }
    }
    return ids;
  }

  private static JsonNode state(Path file) throws Exception {
    return new ObjectMapper().readTree(file.toFile());
  }

  @Test
  void aFullRunChangesAndAnIncrementalRunMergeIntoExactlyThePortal() throws Exception {
    try (SandboxPortal portal = SandboxPortal.builder().objectSize("contacts", 8_000)
        .extraProperties("contacts", 0).objectSize("deals", 800).objectSize("companies", 300)
        .build().start()) {
      Path stateFile = work.resolve("state.json");
      Path full = work.resolve("full");
      Path changes = work.resolve("changes");
      ok(extract(portal, full, "--objectList=contacts,deals", "--count=all",
          "--associations=deals:contacts", "--state=" + stateFile));
      long fullReads = reads(portal.stats().snapshotAndReset());
      JsonNode first = state(stateFile);
      assertThat(first.at("/objects/contacts/lastRun").asText(), equalTo("full"));
      Instant mark = Instant.parse(first.at("/objects/contacts/highWaterMark").asText());

      // A bulk update of one contact in seven (one timestamp for all), a hundred deals, fifty
      // new contacts, and some contacts and deals deleted.
      portal.data().modify("contacts", 0, 8_000, 7);
      portal.data().modify("deals", 100, 200, 1);
      portal.data().grow("contacts", 50);
      portal.data().archive("contacts", 3, 8_000, 97);
      portal.data().archive("deals", 5, 800, 41);
      Set<Long> changedContacts = liveChangedSince(portal, "contacts", mark);
      assertThat(changedContacts.size(), greaterThan(1_000));

      Run run = ok(extract(portal, changes, "--objectList=contacts,deals", "--count=all",
          "--associations=deals:contacts", "--state=" + stateFile, "--archived=include"));
      assertThat(run.err(), containsString("contacts changed since"));
      long incrementalReads = reads(portal.stats().snapshot());
      // The changes only: their ids, nothing else, each once; the deleted ones flagged.
      Set<Long> expectedContacts = new HashSet<>(changedContacts);
      expectedContacts.addAll(archivedSince(portal, "contacts", mark));
      Map<Long, Map<String, String>> contactRows = rowsById(changes.resolve("contacts.csv"));
      assertThat(contactRows.keySet(), equalTo(expectedContacts));
      for (long id : archivedSince(portal, "contacts", mark)) {
        assertThat(contactRows.get(id).get("archived"), equalTo("true"));
      }
      Set<Long> expectedDeals = liveChangedSince(portal, "deals", mark);
      expectedDeals.addAll(archivedSince(portal, "deals", mark));
      assertThat(rowsById(changes.resolve("deals.csv")).keySet(), equalTo(expectedDeals));
      // Requests follow the changes, not the portal: searches of 200 changes each, and a few
      // to plan and check; the full run read all 8,800 records.
      long changeCount = changedContacts.size() + liveChangedSince(portal, "deals", mark).size();
      long searches = portal.stats().requests("search");
      assertThat("searches " + searches + " for " + changeCount + " changes", searches,
          lessThan(changeCount / 200 + 8));
      // Association batch reads included: the reader takes a shard per 800 ids it expects.
      assertThat("record reads " + incrementalReads + " vs " + fullReads,
          incrementalReads, lessThan(fullReads / 2));
      JsonNode second = state(stateFile);
      assertThat(second.at("/objects/contacts/lastRun").asText(), equalTo("incremental"));
      assertThat(Instant.parse(second.at("/objects/contacts/highWaterMark").asText()),
          greaterThan(mark));
      assertThat(second.at("/objects/contacts/changesSince").asText(),
          equalTo(mark.minusSeconds(600).toString()));

      // A changed file in the changes, or the same directory twice, merges nothing.
      java.nio.file.Files.copy(changes.resolve("deals.csv"), work.resolve("deals.bak"));
      java.nio.file.Files.writeString(changes.resolve("deals.csv"), "\r\n",
          java.nio.file.StandardOpenOption.APPEND);
      assertMergeRefused(full, changes, "deals no longer match the SHA-256");
      java.nio.file.Files.move(work.resolve("deals.bak"), changes.resolve("deals.csv"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      assertMergeRefused(changes, changes, "are the same directory");
      String merged = merge(full, changes);
      assertThat(merged, containsString("contacts.csv: "));
      PortalTruth.assertTable(portal, full.resolve("contacts.csv"), "contacts", CONTACT_COLUMNS,
          Long.MAX_VALUE);
      PortalTruth.assertTable(portal, full.resolve("deals.csv"), "deals", DEAL_COLUMNS,
          Long.MAX_VALUE);
      // Every live deal's associations with live contacts, nothing of a deleted record.
      Set<List<String>> expectedPairs = new HashSet<>();
      Set<Long> deletedContacts = archivedIds(portal, "contacts");
      for (SandboxRecord deal : portal.data().records("deals", false)) {
        portal.data().associations("deals", "contacts", deal.id()).forEach(a -> {
          if (!deletedContacts.contains(a.toObjectId())) {
            expectedPairs.add(List.of(Long.toString(deal.id()), Long.toString(a.toObjectId())));
          }
        });
      }
      Set<List<String>> pairs = new HashSet<>();
      for (List<String> row : rows(full.resolve("deals_contacts.csv"))) {
        if (!row.get(0).equals("fromId")) {
          pairs.add(List.of(row.get(0), row.get(1)));
        }
      }
      assertThat(pairs, equalTo(expectedPairs));
    }
  }

  private static Set<Long> archivedSince(SandboxPortal portal, String type, Instant since) {
    Set<Long> ids = new HashSet<>();
    for (SandboxRecord record : portal.data().records(type, true)) {
      if (!Instant.parse(record.archivedAt()).isBefore(since)) {
        ids.add(record.id());
      }
    }
    return ids;
  }

  private static Set<Long> archivedIds(SandboxPortal portal, String type) {
    Set<Long> ids = new HashSet<>();
    portal.data().records(type, true).forEach(r -> ids.add(r.id()));
    return ids;
  }

  private static List<List<String>> rows(Path file) throws Exception {
    return rows(ExtractMainTest.readTable(file));
  }

  private static List<List<String>> rows(List<CSVRecord> records) {
    List<List<String>> out = new ArrayList<>();
    records.forEach(r -> out.add(r.toList()));
    return out;
  }

  @Test
  void moreThanTenThousandRecordsSharingOneTimestampAreEachReadOnce() throws Exception {
    try (SandboxPortal portal = SandboxPortal.builder().objectSize("contacts", 12_500)
        .extraProperties("contacts", 0).build().start()) {
      long at = portal.data().modify("contacts", 0, 12_500, 1);
      Set<Long> changed = liveChangedSince(portal, "contacts", Instant.ofEpochMilli(at));
      assertThat(changed.size(), greaterThan(12_000));
      Path output = work.resolve("same-time");
      Run run = ok(extract(portal, output, "--objectList=contacts", "--count=all",
          "--since=" + Instant.ofEpochMilli(at)));
      assertThat(run.err(), containsString("contacts changed since"));
      Map<Long, Map<String, String>> rows = rowsById(output.resolve("contacts.csv"));
      assertThat(rows.keySet(), equalTo(changed));
      for (SandboxRecord record : portal.data().records("contacts", false)) {
        Map<String, String> row = rows.get(record.id());
        assertThat(row.get("email"), equalTo(record.properties().get("email")));
        assertThat(Instant.parse(row.get("updatedAt")).toEpochMilli(), equalTo(at));
        assertThat(row.get("updatedAt"), equalTo(record.updatedAt()));
      }
      // The id-paged search never asks past the 10,000-result cap.
      assertThat(portal.stats().responses(400), equalTo(0L));
    }
  }

  @Test
  void aRecordChangedDuringARunIsReadByTheNextOne() throws Exception {
    try (SandboxPortal portal = SandboxPortal.builder().objectSize("contacts", 3_000)
        .extraProperties("contacts", 0).latencyMillis(40).build().start()) {
      Path stateFile = work.resolve("state.json");
      Path full = work.resolve("full");
      ok(extract(portal, full, "--objectList=contacts", "--count=all", "--state=" + stateFile));
      portal.data().modify("contacts", 0, 3_000, 2);
      long searchesBefore = portal.stats().requests("search");
      // Once the next run is reading (its second search), a third of the records change again,
      // some of them below the ids it has passed.
      Thread changer = new Thread(() -> {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (portal.stats().requests("search") < searchesBefore + 3
            && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
        portal.data().modify("contacts", 1, 3_000, 3);
      });
      changer.start();
      Path second = work.resolve("second");
      ok(extract(portal, second, "--objectList=contacts", "--count=all",
          "--state=" + stateFile));
      changer.join();
      rowsById(second.resolve("contacts.csv")); // no id twice
      Path third = work.resolve("third");
      ok(extract(portal, third, "--objectList=contacts", "--count=all", "--state=" + stateFile));
      assertThat("the third run reads what changed during the second",
          rowsById(third.resolve("contacts.csv")).size(), greaterThan(500));
      merge(full, second);
      merge(full, third);
      PortalTruth.assertTable(portal, full.resolve("contacts.csv"), "contacts", CONTACT_COLUMNS,
          Long.MAX_VALUE);
    }
  }

  @Test
  void archivedIncludeAddsTheRecordsArchivedSinceAndMergeRemovesThem() throws Exception {
    try (SandboxPortal portal = SandboxPortal.builder().objectSize("deals", 1_200).build()
        .start()) {
      Instant since = Instant.parse("2025-06-01T00:00:00Z");
      Path output = work.resolve("archived");
      ok(extract(portal, output, "--objectList=deals", "--count=all", "--since=2025-06-01",
          "--archived=include"));
      Set<Long> expected = liveChangedSince(portal, "deals", since);
      Set<Long> archivedSince = new HashSet<>();
      for (SandboxRecord record : portal.data().records("deals", true)) {
        if (!Instant.parse(record.archivedAt()).isBefore(since)) {
          archivedSince.add(record.id());
        }
      }
      assertThat(archivedSince.size(), greaterThan(3));
      expected.addAll(archivedSince);
      Map<Long, Map<String, String>> rows = rowsById(output.resolve("deals.csv"));
      assertThat(rows.keySet(), equalTo(expected));
      for (long id : archivedSince) {
        assertThat(rows.get(id).get("archived"), equalTo("true"));
        assertThat(rows.get(id).get(TableLayout.ARCHIVED_AT).isEmpty(), equalTo(false));
      }

      // Merged into a full copy taken before any archiving, those rows go.
      Path full = work.resolve("full");
      ok(extract(portal, full, "--objectList=deals", "--count=all"));
      Path base = full.resolve("deals.csv");
      List<String> lines = new ArrayList<>(Files.readAllLines(base));
      int before = lines.size();
      String out = merge(full, output);
      assertThat(out, containsString("0 removed")); // archived deals were never in the copy
      assertThat(Files.readAllLines(base).size(), equalTo(before));
      PortalTruth.assertTable(portal, base, "deals", DEAL_COLUMNS, Long.MAX_VALUE);
    }
  }

  @Test
  void badIncrementalInputsAreRefusedBeforeAnyRequest() throws Exception {
    try (SandboxPortal portal = SandboxPortal.builder().build().start()) {
      Path output = work.resolve("bad");
      Path stateFile = work.resolve("state.json");
      assertRefused(extract(portal, output, "--state=" + stateFile),
          "--state needs --count=all");
      assertRefused(extract(portal, output, "--since=yesterday"),
          "--since must be an ISO-8601 time");
      assertRefused(extract(portal, output, "--since=2999-01-01"), "is in the future");
      assertRefused(extract(portal, output, "--since=2025-01-01", "--resume"),
          "--resume cannot be combined with --since or --state");
      assertRefused(extract(portal, output, "--since=2025-01-01", "--lookbackMinutes=-5"),
          "--lookbackMinutes must be from 0 to 1440");
      assertRefused(extract(portal, output, "--count=all", "--state=" + work),
          "is a directory");
      Files.writeString(stateFile, "{not json");
      assertRefused(extract(portal, output, "--count=all", "--state=" + stateFile),
          "is not a state file this tool wrote");
      Files.writeString(stateFile, "{\"format\":1,\"baseUrl\":\"https://api.hubapi.com\","
          + "\"objects\":{}}");
      assertRefused(extract(portal, output, "--count=all", "--state=" + stateFile),
          "belongs to the portal at https://api.hubapi.com");
      assertThat("nothing was asked of HubSpot", portal.stats().totalRequests(), equalTo(0L));
    }
  }

  private static void assertRefused(Run run, String message) {
    assertThat(run.err(), run.exitCode(), equalTo(ExtractMain.INVALID_INPUT));
    assertThat(run.err(), containsString(message));
  }

  /** Requests that read records: lists, searches and batch reads. */
  private static long reads(io.hubspotbeam.sandbox.SandboxStats.Snapshot stats) {
    java.util.Map<String, Long> kinds = stats.requestsByKind();
    return kinds.getOrDefault("list", 0L) + kinds.getOrDefault("search", 0L)
        + kinds.getOrDefault("batchRead", 0L) + kinds.getOrDefault("associationsBatchRead", 0L);
  }
}
