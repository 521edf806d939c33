package io.hubspotbeam.pipeline;

import static io.hubspotbeam.pipeline.ExtractMainTest.extract;
import static io.hubspotbeam.pipeline.ExtractMainTest.readTable;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;

import io.hubspotbeam.io.AssociationTables;
import io.hubspotbeam.pipeline.ExtractMainTest.Run;
import io.hubspotbeam.sandbox.SandboxAssociation;
import io.hubspotbeam.sandbox.SandboxAssociationType;
import io.hubspotbeam.sandbox.SandboxPortal;
import io.hubspotbeam.sandbox.SandboxRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Association tables, joined tables and ready-made pipelines, end to end on the DirectRunner,
 * compared with the sandbox portal's own association data.
 */
class AssociationsTest {
  private static final String TOKEN_VARIABLE = "TEST_HUBSPOT_TOKEN";
  private static SandboxPortal portal;

  @TempDir Path output;

  @BeforeAll
  static void startPortal() {
    // 700 contacts: the hub deal has more than 500 of them, so its associations take several
    // pages. No line items: every deal's row in a join with them is the left join's empty side.
    portal = SandboxPortal.builder()
        .objectSize("deals", 260)
        .objectSize("contacts", 700)
        .objectSize("companies", 150)
        .objectSize("tickets", 45)
        .objectSize("line_items", 0)
        .build();
    portal.start();
  }

  @AfterAll
  static void stopPortal() {
    portal.close();
  }

  private Run run(String... args) {
    List<String> all = new ArrayList<>(List.of(
        "--baseUrl=" + portal.baseUrl(), "--tokenEnv=" + TOKEN_VARIABLE, "--output=" + output));
    all.addAll(List.of(args));
    Run run = extract(Map.of(TOKEN_VARIABLE, portal.token()), all.toArray(new String[0]));
    assertThat(run.out() + run.err(), not(containsString(portal.token())));
    return run;
  }

  private static List<CSVRecord> body(Path table) throws Exception {
    List<CSVRecord> rows = readTable(table);
    return rows.subList(1, rows.size());
  }

  private List<String> idsIn(String table) throws Exception {
    return body(output.resolve(table + ".csv")).stream().map(r -> r.get(0))
        .collect(Collectors.toList());
  }

  /** The association table the portal's data says these records have. */
  private static Set<String> expectedRows(String from, String to, List<String> fromIds) {
    Set<String> rows = new TreeSet<>();
    for (String id : fromIds) {
      for (SandboxAssociation a : portal.data().associations(from, to, Long.parseLong(id))) {
        for (SandboxAssociationType type : a.types()) {
          rows.add(String.join("|", id, Long.toString(a.toObjectId()),
              Integer.toString(type.typeId()), type.category(), String.valueOf(type.label())));
        }
      }
    }
    return rows;
  }

  private Set<String> rowsOf(String table) throws Exception {
    List<CSVRecord> rows = readTable(output.resolve(table + ".csv"));
    assertThat(rows.get(0).toList(), equalTo(AssociationTables.HEADER));
    Set<String> set = new TreeSet<>();
    for (CSVRecord row : rows.subList(1, rows.size())) {
      assertThat("no duplicate rows in " + table, set.add(String.join("|", row.get(0),
          row.get(1), row.get(2), row.get(3), String.valueOf(row.get(4)))), equalTo(true));
    }
    return set;
  }

  @ParameterizedTest(name = "--apiVersion={0}")
  @ValueSource(strings = {"2026-03", "v3"})
  void associationTablesHoldEveryAssociationOfEveryExtractedRecord(String version)
      throws Exception {
    Run run = run("--apiVersion=" + version, "--objectList=deals,tickets", "--count=all",
        "--associations=deals:contacts,deals:companies,tickets:deals");
    assertThat(run.err(), run.exitCode(), equalTo(0));
    List<String> deals = idsIn("deals");
    assertThat(deals.size(), equalTo((int) portal.data().count("deals", false)));
    Set<String> dealContacts = rowsOf("deals_contacts");
    assertThat(dealContacts, equalTo(expectedRows("deals", "contacts", deals)));
    Map<String, Integer> perDeal = new HashMap<>();
    dealContacts.forEach(r -> perDeal.merge(r.split("\\|")[0], 1, Integer::sum));
    assertThat("a deal with more than 500 associations was read to the end",
        perDeal.values().stream().mapToInt(Integer::intValue).max().orElse(0), greaterThan(500));
    assertThat(rowsOf("deals_companies"), equalTo(expectedRows("deals", "companies", deals)));
    assertThat(rowsOf("tickets_deals"),
        equalTo(expectedRows("tickets", "deals", idsIn("tickets"))));
    assertThat(run.out(), containsString("association rows in 3 tables"));
    // 260 deals need one batch read per shard they fall in, plus the hub deal's follow-ups: far
    // fewer requests than records.
    assertThat(portal.stats().requests("associationsBatchRead"), greaterThan(0L));
  }

  @Test
  void associationsFollowTheCountOfTheirObject() throws Exception {
    long batchReads = portal.stats().requests("associationsBatchRead");
    Run run = run("--objectList=deals", "--count=40", "--associations=deals:companies");
    assertThat(run.err(), run.exitCode(), equalTo(0));
    // 40 ids fit one batch read: one shard, not a request for each of 16 shards.
    assertThat(portal.stats().requests("associationsBatchRead") - batchReads, equalTo(1L));
    List<String> deals = idsIn("deals");
    assertThat(deals.size(), equalTo(40));
    assertThat(rowsOf("deals_companies"), equalTo(expectedRows("deals", "companies", deals)));
  }

  /** "fromId|toId|typeIds" of each joined row whose to-side is filled. */
  private static Set<String> expectedPairs(String from, String to, List<String> fromIds) {
    Set<String> pairs = new TreeSet<>();
    for (String id : fromIds) {
      for (SandboxAssociation a : portal.data().associations(from, to, Long.parseLong(id))) {
        StringJoiner types = new StringJoiner(";");
        a.types().forEach(t -> types.add(Integer.toString(t.typeId())));
        pairs.add(id + "|" + a.toObjectId() + "|" + types);
      }
    }
    return pairs;
  }

  @ParameterizedTest(name = "--apiVersion={0}")
  @ValueSource(strings = {"2026-03", "v3"})
  void joinedTablesPairEveryAssociationWithBothRecordsAndKeepRecordsWithoutAny(String version)
      throws Exception {
    // 60 deals and 60 companies: the hub deal is associated with all 150 companies, so most of
    // its companies lie outside --count and must be fetched for the join.
    Run run = run("--apiVersion=" + version, "--objectList=deals,companies", "--count=60",
        "--columns=deals:dealname,amount;companies:name,domain;tickets:subject",
        "--join=deals:companies,deals:tickets,deals:line_items");
    assertThat(run.err(), run.exitCode(), equalTo(0));
    List<String> deals = idsIn("deals");
    Map<String, CSVRecord> dealRows = new HashMap<>();
    body(output.resolve("deals.csv")).forEach(r -> dealRows.put(r.get(0), r));

    List<CSVRecord> joined = readTable(output.resolve("deals_companies_joined.csv"));
    assertThat(joined.get(0).toList(), equalTo(List.of("deals.id", "deals.dealname",
        "deals.amount", "deals.createdAt", "deals.updatedAt", "deals.archived", "companies.id",
        "companies.name", "companies.domain", "companies.createdAt", "companies.updatedAt",
        "companies.archived", "associationTypeIds", "associationLabels")));
    Set<String> pairs = new TreeSet<>();
    Set<String> companiesSeen = new TreeSet<>();
    for (CSVRecord row : joined.subList(1, joined.size())) {
      assertThat("the deal's columns are its row in deals.csv",
          row.toList().subList(0, 6), equalTo(dealRows.get(row.get(0)).toList()));
      SandboxRecord company = portal.data().record("companies",
          portal.data().indexOf("companies", Long.parseLong(row.get(6))));
      assertThat(row.get(7), equalTo(company.properties().get("name")));
      assertThat(row.get(8), equalTo(company.properties().get("domain")));
      assertThat(row.get(9), equalTo(company.createdAt()));
      assertThat(pairs.add(row.get(0) + "|" + row.get(6) + "|" + row.get(12)), equalTo(true));
      companiesSeen.add(row.get(6));
    }
    assertThat(pairs, equalTo(expectedPairs("deals", "companies", deals)));
    Set<String> extractedCompanies = new TreeSet<>(idsIn("companies"));
    assertThat("companies outside --count were fetched for the join",
        companiesSeen.stream().filter(c -> !extractedCompanies.contains(c)).count(),
        greaterThan(0L));

    // deals:tickets: tickets are not extracted at all; deals without tickets still get a row.
    List<CSVRecord> withTicketsTable = readTable(output.resolve("deals_tickets_joined.csv"));
    int typeIds = withTicketsTable.get(0).toList().indexOf("associationTypeIds");
    assertThat(typeIds, equalTo(11));
    List<CSVRecord> withTickets = withTicketsTable.subList(1, withTicketsTable.size());
    Set<String> ticketPairs = new TreeSet<>();
    Set<String> dealsWithoutTickets = new TreeSet<>();
    for (CSVRecord row : withTickets) {
      if (row.get(6) == null) {
        assertThat("an unassociated deal appears once", dealsWithoutTickets.add(row.get(0)),
            equalTo(true));
        for (int c = 6; c < row.size(); c++) {
          assertThat(row.get(c), equalTo(null));
        }
      } else {
        ticketPairs.add(row.get(0) + "|" + row.get(6) + "|" + row.get(typeIds));
      }
    }
    assertThat(ticketPairs, equalTo(expectedPairs("deals", "tickets", deals)));
    Set<String> expectedWithout = deals.stream()
        .filter(d -> portal.data().associations("deals", "tickets", Long.parseLong(d)).isEmpty())
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(dealsWithoutTickets, equalTo(expectedWithout));
    // deals:line_items: no deal has one; each deal appears once, with empty line item columns.
    List<CSVRecord> withLineItems = body(output.resolve("deals_line_items_joined.csv"));
    assertThat(withLineItems.stream().map(r -> r.get(0)).sorted().collect(Collectors.toList()),
        equalTo(deals.stream().sorted().collect(Collectors.toList())));
    for (CSVRecord row : withLineItems) {
      assertThat(row.toList().subList(0, 6), equalTo(dealRows.get(row.get(0)).toList()));
      for (int c = 6; c < row.size(); c++) {
        assertThat(row.get(c), equalTo(null));
      }
    }
    assertThat("no tickets.csv: tickets were only joined", Files.exists(
        output.resolve("tickets.csv")), equalTo(false));
  }

  @Test
  void anIdListWritesTheAssociationsOfThoseRecordsOnly() throws Exception {
    List<String> ids = List.of(Long.toString(portal.data().id("deals", 0)),
        Long.toString(portal.data().id("deals", 7)), Long.toString(portal.data().id("deals", 200)));
    Run run = run("--associationIdList=" + String.join(",", ids), "--objectType=deals",
        "--toObjectType=contacts");
    assertThat(run.err(), run.exitCode(), equalTo(0));
    assertThat(rowsOf("deals_contacts"), equalTo(expectedRows("deals", "contacts", ids)));
    try (var files = Files.list(output)) {
      assertThat(files.map(f -> f.getFileName().toString()).sorted()
          .collect(Collectors.toList()), equalTo(List.of("_manifest.json", "_report.html", "deals_contacts.csv")));
    }
  }

  @Test
  void aMissingScopeOnTheAssociatedObjectFailsClearlyAndLeavesNoTable() throws Exception {
    try (SandboxPortal limited = SandboxPortal.builder()
        .objectSize("deals", 30)
        .objectSize("companies", 10)
        .grantedScopes(Set.of("crm.objects.deals.read", "crm.schemas.deals.read"))
        .build()) {
      limited.start();
      Run run = extract(Map.of(TOKEN_VARIABLE, limited.token()),
          "--baseUrl=" + limited.baseUrl(), "--tokenEnv=" + TOKEN_VARIABLE,
          "--output=" + output, "--objectList=deals", "--associations=deals:companies");
      assertThat(run.err(), run.exitCode(), equalTo(ExtractMain.FAILED));
      assertThat(run.err(), containsString("companies"));
      assertThat(run.err(), containsString("crm.objects.companies.read"));
      assertThat(Files.exists(output.resolve("deals_companies.csv")), equalTo(false));
    }
  }

  @Test
  void badAssociationOptionsAreRefusedBeforeAnyRequest() {
    long before = portal.stats().totalRequests();
    String[][] cases = {
        {"--associations=deals:companies", "--objectList=contacts"},
        {"--associations=deals-companies"},
        {"--associations=deals:Wid!gets"},
        {"--associations=deals:companies,deals:companies"},
        {"--join=deals:Companies"},
        {"--associationIdList=12,abc", "--objectType=deals", "--toObjectType=contacts"},
        {"--associationIdList=12,12", "--objectType=deals", "--toObjectType=contacts"},
        {"--associationIdList=12"},
        {"--objectType=deals"},
        {"--apiVersion=v4"},
        {"--pipeline=no-such-pipeline"},
        {"--associationIdList=12", "--objectType=deals", "--toObjectType=companies",
            "--objectList=deals", "--associations=deals:companies"},
    };
    String[] expected = {
        "deals is not in --objectList", "should be FROM:TO", "unknown object type 'Wid!gets'",
        "names deals:companies twice", "object types are lower case", "'abc' is not a record id",
        "names 12 twice", "needs --objectType", "go with --associationIdList",
        "unknown API version 'v4'", "no pipeline named 'no-such-pipeline'",
        "would get those records' rows twice"};
    for (int i = 0; i < cases.length; i++) {
      Run run = run(cases[i]);
      assertThat(String.join(" ", cases[i]), run.exitCode(), equalTo(ExtractMain.INVALID_INPUT));
      assertThat(run.err(), containsString(expected[i]));
      assertThat(run.err().strip().lines().count(), lessThanOrEqualTo(1L));
    }
    assertThat(portal.stats().totalRequests(), equalTo(before));
  }

  @Test
  void aReadyMadePipelineRunsByNameAndCommandLineOptionsOverrideIt() throws Exception {
    Run run = run("--pipeline=churn-training", "--count=25");
    assertThat(run.err(), run.exitCode(), equalTo(0));
    for (String table : List.of("companies", "contacts", "deals", "tickets",
        "contacts_companies", "companies_deals", "companies_tickets", "contacts_deals",
        "contacts_tickets", "companies_deals_joined", "companies_tickets_joined",
        "contacts_deals_joined", "contacts_tickets_joined")) {
      assertThat(table, Files.exists(output.resolve(table + ".csv")), equalTo(true));
    }
    assertThat("--count=25 replaced the definition's --count=all", idsIn("contacts").size(),
        equalTo(25));
    assertThat(readTable(output.resolve("deals.csv")).get(0).toList(), hasItem("dealstage"));
    List<String> contacts = idsIn("contacts");
    assertThat(rowsOf("contacts_deals"), equalTo(expectedRows("contacts", "deals", contacts)));
  }
}
