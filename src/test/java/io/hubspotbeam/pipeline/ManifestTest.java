package io.hubspotbeam.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hubspotbeam.pipeline.ExtractMainTest.Run;
import io.hubspotbeam.sandbox.SandboxPortal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** _manifest.json describes every table exactly, and --resume keeps the tables it vouches for. */
class ManifestTest {
  private static final String TOKEN_VARIABLE = "MANIFEST_TEST_TOKEN";
  private static final String TOKEN = "pat-na1-7e57-manifest-token-recognisable";
  private static SandboxPortal portal;

  @TempDir Path output;

  @BeforeAll
  static void startPortal() {
    portal = SandboxPortal.builder().token(TOKEN).objectSize("deals", 300)
        .objectSize("tickets", 120).objectSize("companies", 80).build().start();
  }

  @AfterAll
  static void stopPortal() {
    portal.close();
  }

  private Run run(String... extra) {
    List<String> args = new ArrayList<>(List.of("--baseUrl=" + portal.baseUrl(),
        "--tokenEnv=" + TOKEN_VARIABLE, "--output=" + output, "--count=all"));
    args.addAll(List.of(extra));
    Run run = ExtractMainTest.extract(Map.of(TOKEN_VARIABLE, TOKEN), args.toArray(new String[0]));
    assertThat(run.out() + run.err(), not(containsString(TOKEN)));
    return run;
  }

  private Map<String, JsonNode> tables() throws Exception {
    String text = Files.readString(output.resolve(RunManifest.FILE), StandardCharsets.UTF_8);
    assertThat("the manifest never holds the token", text, not(containsString(TOKEN)));
    JsonNode root = new ObjectMapper().readTree(text);
    assertThat(root.path("complete").asBoolean(), equalTo(true));
    Map<String, JsonNode> tables = new LinkedHashMap<>();
    root.path("tables").forEach(t -> tables.put(t.path("table").asText(), t));
    return tables;
  }

  @Test
  void theManifestDescribesEveryTableExactly() throws Exception {
    Run run = run("--objectList=deals,tickets", "--associations=deals:companies",
        "--join=deals:companies");
    assertThat(run.err(), run.exitCode(), equalTo(0));
    Map<String, JsonNode> tables = tables();
    assertThat(new ArrayList<>(tables.keySet()), equalTo(List.of("deals", "tickets",
        "deals_companies", "deals_companies_joined")));
    for (JsonNode table : tables.values()) {
      Path file = output.resolve(table.path("file").asText());
      List<CSVRecord> rows = ExtractMainTest.readTable(file);
      assertThat(table.path("rows").asLong(), equalTo((long) rows.size() - 1));
      List<String> columns = new ArrayList<>();
      table.path("columns").forEach(c -> columns.add(c.asText()));
      assertThat(columns, equalTo(rows.get(0).toList()));
      assertThat(table.path("bytes").asLong(), equalTo(Files.size(file)));
      assertThat(table.path("sha256").asText(), equalTo(RunManifest.sha256(file)));
      assertThat(table.path("requests").asLong(), greaterThan(0L));
      Instant first = Instant.parse(table.path("firstAnswer").asText());
      Instant last = Instant.parse(table.path("lastAnswer").asText());
      assertThat(first, lessThanOrEqualTo(last));
    }
    JsonNode deals = tables.get("deals");
    assertThat(deals.path("kind").asText(), equalTo("object"));
    assertThat(deals.path("rows").asLong(), equalTo(portal.data().size("deals")
        - archived("deals")));
    assertThat(deals.path("propertyTypes").path("amount").asText(), equalTo("number"));
    assertThat(deals.path("propertyTypes").path("closedate").asText(), equalTo("datetime"));
    assertThat(tables.get("deals_companies").path("kind").asText(), equalTo("associations"));
    assertThat(tables.get("deals_companies_joined").path("kind").asText(), equalTo("joined"));
  }

  private static long archived(String objectType) {
    long n = 0;
    for (var ignored : portal.data().records(objectType, true)) {
      n++;
    }
    return n;
  }

  @Test
  void resumeKeepsWholeTablesAndExtractsOnlyTheRest() throws Exception {
    Run first = run("--objectList=deals");
    assertThat(first.err(), first.exitCode(), equalTo(0));
    String dealsHash = RunManifest.sha256(output.resolve("deals.csv"));
    var dealsWritten = Files.getLastModifiedTime(output.resolve("deals.csv"));

    Run second = run("--objectList=deals,tickets", "--resume=true");
    assertThat(second.err(), second.exitCode(), equalTo(0));
    assertThat(second.err(), containsString("resuming: 1 table(s) kept from the earlier run"
        + " (deals), 1 to extract"));
    assertThat("deals.csv is not written again",
        Files.getLastModifiedTime(output.resolve("deals.csv")), equalTo(dealsWritten));
    Map<String, JsonNode> tables = tables();
    assertThat(tables.get("deals").path("reusedFromEarlierRun").asBoolean(), equalTo(true));
    assertThat(tables.get("deals").path("sha256").asText(), equalTo(dealsHash));
    assertThat(tables.get("tickets").path("reusedFromEarlierRun").asBoolean(), equalTo(false));
    PortalTruth.assertWhole(portal, output.resolve("tickets.csv"), "tickets");
    PortalTruth.assertWhole(portal, output.resolve("deals.csv"), "deals");

    Run third = run("--objectList=deals,tickets", "--resume=true");
    assertThat(third.err(), third.exitCode(), equalTo(0));
    assertThat(third.out(), containsString("nothing to extract"));
    assertThat(tables().keySet(), equalTo(java.util.Set.of("deals", "tickets")));
  }

  @Test
  void aTableChangedSinceTheRunIsExtractedAgain() throws Exception {
    Run first = run("--objectList=deals,tickets");
    assertThat(first.err(), first.exitCode(), equalTo(0));
    Files.writeString(output.resolve("tickets.csv"), "id\n1\n", StandardCharsets.UTF_8);
    Run second = run("--objectList=deals,tickets", "--resume=true");
    assertThat(second.err(), second.exitCode(), equalTo(0));
    assertThat(second.err(), containsString("kept from the earlier run (deals), 1 to extract"));
    PortalTruth.assertWhole(portal, output.resolve("tickets.csv"), "tickets");
  }

  @Test
  void aPairWhoseTableIsMissingReadsItsObjectAgain() throws Exception {
    Run first = run("--objectList=deals");
    assertThat(first.err(), first.exitCode(), equalTo(0));
    Run second = run("--objectList=deals", "--associations=deals:companies", "--resume=true");
    assertThat(second.err(), second.exitCode(), equalTo(0));
    // deals are needed for their ids, so deals.csv is written afresh beside deals_companies.csv.
    assertThat(second.err(), containsString("0 table(s) kept from the earlier run, 2 to extract"));
    assertThat(tables().keySet(), equalTo(java.util.Set.of("deals", "deals_companies")));
    PortalTruth.assertWhole(portal, output.resolve("deals.csv"), "deals");
  }

  @Test
  void tablesOfAnEarlierRunThatDoNotFitThisOneAreExtractedAgain() throws Exception {
    Run first = run("--objectList=deals,tickets", "--escapeFormulas=true");
    assertThat(first.err(), first.exitCode(), equalTo(0));
    Run otherSetting = run("--objectList=deals,tickets", "--resume=true");
    assertThat(otherSetting.err(), otherSetting.exitCode(), equalTo(0));
    assertThat(otherSetting.err(), containsString("do not fit this one (escapeFormulas was true,"
        + " now false)"));
    assertThat(otherSetting.err(), containsString("0 table(s) kept from the earlier run, 2 to"
        + " extract"));
    PortalTruth.assertWhole(portal, output.resolve("deals.csv"), "deals");

    Run otherColumns = run("--objectList=deals,tickets", "--columns=deals:dealname",
        "--resume=true");
    assertThat(otherColumns.err(), otherColumns.exitCode(), equalTo(0));
    assertThat(otherColumns.err(), containsString("deals.csv has other columns than this run"
        + " writes"));
    assertThat(otherColumns.err(), containsString("1 table(s) kept from the earlier run"
        + " (tickets), 1 to extract"));
    PortalTruth.assertTable(portal, output.resolve("deals.csv"), "deals", List.of("dealname"),
        Long.MAX_VALUE);
  }

  @Test
  void anUnreadableManifestStopsAResumeBeforeAnyRequest() throws Exception {
    Files.writeString(output.resolve(RunManifest.FILE), "{not json", StandardCharsets.UTF_8);
    long before = portal.stats().totalRequests();
    Run run = run("--objectList=deals", "--resume=true");
    assertThat(run.exitCode(), equalTo(ExtractMain.INVALID_INPUT));
    assertThat(run.err(), containsString("--resume: "));
    assertThat(run.err(), containsString("remove it to start afresh"));
    assertThat(portal.stats().totalRequests(), equalTo(before));
  }
}
