package io.hubspotbeam.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import io.hubspotbeam.io.TableLayout;
import io.hubspotbeam.pipeline.ExtractMainTest.Run;
import io.hubspotbeam.sandbox.SandboxPortal;
import io.hubspotbeam.sandbox.SandboxRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --archived: live records, archived ones, or both, with when each was archived. */
class ArchivedTest {
  private static final String TOKEN_VARIABLE = "ARCHIVED_TEST_TOKEN";
  private static final List<String> COLUMNS = List.of("dealname", "amount");
  private static SandboxPortal portal;

  @TempDir Path output;

  @BeforeAll
  static void startPortal() {
    portal = SandboxPortal.builder().objectSize("deals", 1_500).build().start();
  }

  @AfterAll
  static void stopPortal() {
    portal.close();
  }

  private Run run(String... extra) {
    List<String> args = new ArrayList<>(List.of("--baseUrl=" + portal.baseUrl(),
        "--tokenEnv=" + TOKEN_VARIABLE, "--output=" + output, "--objectList=deals",
        "--columns=deals:dealname,amount", "--progress=off"));
    args.addAll(List.of(extra));
    Run run = ExtractMainTest.extract(Map.of(TOKEN_VARIABLE, portal.token()),
        args.toArray(new String[0]));
    assertThat(run.err(), run.exitCode(), equalTo(0));
    return run;
  }

  /** The portal's records of the kind, lowest ids first, at most {@code limit}. */
  private static List<SandboxRecord> portalRecords(boolean archived, long limit) {
    List<SandboxRecord> records = new ArrayList<>();
    for (SandboxRecord record : portal.data().records("deals", archived)) {
      if (records.size() == limit) {
        break;
      }
      records.add(record);
    }
    return records;
  }

  /** The table equals these records exactly, archivedAt included. */
  private void assertTable(List<SandboxRecord> expected) throws Exception {
    List<CSVRecord> rows = ExtractMainTest.readTable(output.resolve("deals.csv"));
    List<String> header = new ArrayList<>(List.of("id", "dealname", "amount"));
    header.addAll(TableLayout.TRAILING_COLUMNS);
    header.add(TableLayout.ARCHIVED_AT);
    assertThat(rows.get(0).toList(), equalTo(header));
    Map<Long, CSVRecord> byId = new TreeMap<>();
    for (CSVRecord row : rows.subList(1, rows.size())) {
      assertThat("once: " + row.get(0), byId.put(Long.parseLong(row.get(0)), row), equalTo(null));
    }
    assertThat(byId.size(), equalTo(expected.size()));
    for (SandboxRecord want : expected) {
      CSVRecord got = byId.get(want.id());
      assertThat("deal " + want.id(), got != null, equalTo(true));
      for (int c = 0; c < COLUMNS.size(); c++) {
        assertThat(got.get(c + 1), equalTo(want.properties().get(COLUMNS.get(c))));
      }
      assertThat(got.get(header.indexOf("updatedAt")), equalTo(want.updatedAt()));
      assertThat(got.get(header.indexOf("archived")), equalTo(Boolean.toString(want.archived())));
      assertThat(got.get(header.indexOf(TableLayout.ARCHIVED_AT)), equalTo(want.archivedAt()));
    }
  }

  @Test
  void includeReadsLiveAndArchivedRecordsIntoOneTable() throws Exception {
    List<SandboxRecord> archived = portalRecords(true, Long.MAX_VALUE);
    assertThat("the sandbox has archived deals", archived.size(), greaterThan(10));
    run("--archived=include", "--count=all");
    List<SandboxRecord> all = new ArrayList<>(portalRecords(false, Long.MAX_VALUE));
    all.addAll(archived);
    assertTable(all);
  }

  @Test
  void onlyReadsArchivedRecords() throws Exception {
    Run run = run("--archived=only", "--count=all");
    assertTable(portalRecords(true, Long.MAX_VALUE));
    assertThat(run.err(), containsString("preflight: token works"));
  }

  @Test
  void countAppliesToLiveAndToArchivedRecordsEach() throws Exception {
    run("--archived=include", "--count=25");
    List<SandboxRecord> expected = new ArrayList<>(portalRecords(false, 25));
    expected.addAll(portalRecords(true, 25));
    assertTable(expected);
  }

  @Test
  void theDefaultTableHasNoArchivedAtColumn() throws Exception {
    run("--count=10");
    List<String> header = ExtractMainTest.readTable(output.resolve("deals.csv")).get(0).toList();
    assertThat(header.contains(TableLayout.ARCHIVED_AT), equalTo(false));
    assertThat(header.get(header.size() - 1), equalTo("archived"));
  }

  @Test
  void checkSaysArchivedRecordsAreNotCounted() {
    Run run = run("--check", "--archived=only");
    assertThat(run.out(), containsString("archived:    read too (--archived=only), but not"
        + " counted beforehand"));
    assertThat(run.out(), containsString("archived only"));
  }
}
