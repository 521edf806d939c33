package io.hubspotbeam.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.hubspotbeam.io.TableLayout;
import io.hubspotbeam.sandbox.SandboxPortal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole extraction on the DirectRunner against the sandbox portal, compared record by record
 * and field by field with the portal's own data.
 */
class ExtractMainTest {
  private static final String TOKEN_VARIABLE = "TEST_HUBSPOT_TOKEN";
  private static SandboxPortal portal;

  @TempDir Path output;

  @BeforeAll
  static void startPortal() {
    portal = SandboxPortal.builder()
        .objectSize("deals", 260)
        .objectSize("contacts", 230)
        .extraProperties("contacts", 320)
        .objectSize("companies", 0)
        .objectSize("tickets", 45)
        .build();
    portal.start();
  }

  @AfterAll
  static void stopPortal() {
    portal.close();
  }

  /** Exit code and what the run printed. */
  record Run(int exitCode, String out, String err) {}

  static Run extract(Map<String, String> environment, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ExtractMain.run(args, environment,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Run extractFromPortal(String... args) {
    List<String> all = new ArrayList<>(List.of(
        "--baseUrl=" + portal.baseUrl(),
        "--tokenEnv=" + TOKEN_VARIABLE,
        "--output=" + output));
    all.addAll(List.of(args));
    Run run = extract(Map.of(TOKEN_VARIABLE, portal.token()), all.toArray(new String[0]));
    assertThat(run.out() + run.err(), not(containsString(portal.token())));
    return run;
  }

  static List<CSVRecord> readTable(Path file) throws Exception {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = TableLayout.CSV.parse(reader)) {
      return parser.getRecords();
    }
  }

  private static List<String> sortedPropertyNames(String objectType) {
    return PortalTruth.allColumns(portal, objectType);
  }

  /** Compares a table with the portal's live records, the lowest {@code limit} ids. */
  private static void assertTableEqualsPortal(Path file, String objectType, List<String> columns,
      long limit) throws Exception {
    PortalTruth.assertTable(portal, file, objectType, columns, limit);
  }

  @Test
  void extractsEveryRecordAndPropertyExactly() throws Exception {
    Run run = extractFromPortal("--objectList=deals,contacts,companies,tickets", "--count=all");
    assertThat(run.err(), run.exitCode(), equalTo(0));
    assertTableEqualsPortal(output.resolve("deals.csv"), "deals", sortedPropertyNames("deals"),
        Long.MAX_VALUE);
    assertTableEqualsPortal(output.resolve("contacts.csv"), "contacts",
        sortedPropertyNames("contacts"), Long.MAX_VALUE);
    assertTableEqualsPortal(output.resolve("tickets.csv"), "tickets",
        sortedPropertyNames("tickets"), Long.MAX_VALUE);
    List<CSVRecord> companies = readTable(output.resolve("companies.csv"));
    assertThat("an empty object still gets its header", companies.size(), equalTo(1));
    assertThat(run.out(), containsString("deals"));
    try (Stream<Path> left = Files.list(output)) {
      assertThat("only the tables are left",
          left.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()),
          equalTo(List.of("_manifest.json", "_report.html", "companies.csv", "contacts.csv", "deals.csv",
              "tickets.csv")));
    }
  }

  @Test
  void aLargeObjectReadByManyRangesIsExact() throws Exception {
    try (SandboxPortal large = SandboxPortal.builder().objectSize("contacts", 31_000).build()) {
      large.start();
      Run run = extract(Map.of(TOKEN_VARIABLE, large.token()),
          "--baseUrl=" + large.baseUrl(), "--tokenEnv=" + TOKEN_VARIABLE, "--output=" + output,
          "--objectList=contacts", "--count=all", "--requestsPerTenSeconds=800");
      assertThat(run.err(), run.exitCode(), equalTo(0));
      // Contacts' list pages need a batch read, so search takes them first (about 110
      // searches here) and list the rest.
      assertThat("both list and search were used: " + large.stats().requestsByKind(),
          large.stats().requests("search") > 10 && large.stats().requests("list") > 20,
          equalTo(true));
      SandboxPortal previous = portal;
      portal = large;
      try {
        assertTableEqualsPortal(output.resolve("contacts.csv"), "contacts",
            sortedPropertyNames("contacts"), Long.MAX_VALUE);
      } finally {
        portal = previous;
      }
    }
  }

  @Test
  void theTokenAppearsInNoLogLineMessageOrFile() throws Exception {
    String token = "pat-na1-0badc0de-5ec2-4e7a-9f00-recognisable";
    PrintStream realErr = System.err;
    PrintStream realOut = System.out;
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(logs, true, StandardCharsets.UTF_8);
    // Faults make the client log its retries; the properties call of a second run fails.
    try (SandboxPortal flaky = SandboxPortal.builder().token(token).objectSize("deals", 400)
        .serverErrorRate(0.2).connectionResetRate(0.05).build()) {
      flaky.start();
      System.setErr(capture);
      System.setOut(capture);
      Run ok;
      Run rejected;
      try {
        ok = extract(Map.of(TOKEN_VARIABLE, token), "--baseUrl=" + flaky.baseUrl(),
            "--tokenEnv=" + TOKEN_VARIABLE, "--output=" + output, "--objectList=deals",
            "--count=all");
        flaky.revokeToken();
        rejected = extract(Map.of(TOKEN_VARIABLE, token), "--baseUrl=" + flaky.baseUrl(),
            "--tokenEnv=" + TOKEN_VARIABLE, "--output=" + output.resolve("second"),
            "--objectList=deals");
      } finally {
        System.setErr(realErr);
        System.setOut(realOut);
      }
      assertThat(ok.err(), ok.exitCode(), equalTo(0));
      assertThat(rejected.exitCode(), equalTo(ExtractMain.FAILED));
      String everything = logs.toString(StandardCharsets.UTF_8) + ok.out() + ok.err()
          + rejected.out() + rejected.err();
      assertThat("the faults were logged", everything, containsString("retry"));
      assertThat(everything, not(containsString(token)));
      assertThat(everything, not(containsString("0badc0de")));
      try (Stream<Path> files = Files.walk(output)) {
        for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
          assertThat(file.toString(), Files.readString(file, StandardCharsets.UTF_8),
              not(containsString(token)));
        }
      }
    }
  }

  @Test
  void countMeansTheLowestIds() throws Exception {
    Run run = extractFromPortal("--objectList=deals,tickets", "--count=117");
    assertThat(run.err(), run.exitCode(), equalTo(0));
    assertTableEqualsPortal(output.resolve("deals.csv"), "deals", sortedPropertyNames("deals"), 117);
    assertTableEqualsPortal(output.resolve("tickets.csv"), "tickets",
        sortedPropertyNames("tickets"), 117);
  }

  @Test
  void chosenColumnsComeInTheGivenOrder() throws Exception {
    Run run = extractFromPortal("--objectList=deals,contacts", "--count=30",
        "--columns=deals:dealstage,amount,dealname;contacts:email");
    assertThat(run.err(), run.exitCode(), equalTo(0));
    assertTableEqualsPortal(output.resolve("deals.csv"), "deals",
        List.of("dealstage", "amount", "dealname"), 30);
    assertTableEqualsPortal(output.resolve("contacts.csv"), "contacts", List.of("email"), 30);
  }

  @Test
  void anUnknownColumnIsNamed() {
    Run run = extractFromPortal("--objectList=deals", "--columns=deals:dealname,no_such_thing");
    assertThat(run.exitCode(), equalTo(ExtractMain.INVALID_INPUT));
    assertThat(run.err(), containsString("no_such_thing"));
    assertThat(Files.exists(output.resolve("deals.csv")), equalTo(false));
  }

  @Test
  void aRejectedTokenFailsWithItsSourceAndWritesNothing() throws Exception {
    Run run = extract(Map.of(TOKEN_VARIABLE, "pat-na1-revoked-token-value"),
        "--baseUrl=" + portal.baseUrl(), "--tokenEnv=" + TOKEN_VARIABLE, "--output=" + output,
        "--objectList=deals");
    assertThat(run.exitCode(), equalTo(ExtractMain.FAILED));
    assertThat(run.err(), containsString("401"));
    assertThat(run.err(), containsString("environment variable " + TOKEN_VARIABLE));
    assertThat(run.err(), not(containsString("pat-na1-revoked-token-value")));
    try (Stream<Path> left = Files.list(output)) {
      assertThat(left.collect(Collectors.toList()), empty());
    }
  }

  @Test
  void aFailureDuringListingLeavesNoTableUnderItsFinalName() throws Exception {
    // A maximum URL above the portal's makes every contacts page fail with 414 after discovery.
    Run run = extractFromPortal("--objectList=contacts", "--count=all", "--maxUrlLength=1000000");
    assertThat(run.exitCode(), equalTo(ExtractMain.FAILED));
    assertThat(run.err(), containsString("414"));
    try (Stream<Path> left = Files.list(output)) {
      assertThat("only the run's report", left.map(p -> p.getFileName().toString())
          .collect(Collectors.toList()), equalTo(List.of("_report.html")));
    }
  }

  @Test
  void theBuiltInSandboxWritesAllThirteenTables() throws Exception {
    Run run = extract(Map.of(), "--sandbox", "--output=" + output);
    assertThat(run.err(), run.exitCode(), equalTo(0));
    for (String objectType : ObjectTypes.DEFAULT) {
      Path table = output.resolve(objectType + ".csv");
      assertThat(objectType, Files.exists(table), equalTo(true));
      List<CSVRecord> rows = readTable(table);
      assertThat(rows.get(0).get(0), startsWith("id"));
      assertThat(objectType + " has records", rows.size() > 1, equalTo(true));
      assertThat("--count defaults to 500", rows.size() <= 501, equalTo(true));
    }
  }

  @Test
  void escapeFormulasDefusesCellsThatSpreadsheetsWouldRun() throws Exception {
    Run plain = extractFromPortal("--objectList=contacts", "--count=40",
        "--columns=contacts:phone,email");
    assertThat(plain.err(), plain.exitCode(), equalTo(0));
    List<CSVRecord> raw = readTable(output.resolve("contacts.csv"));
    Run escaped = extractFromPortal("--objectList=contacts", "--count=40",
        "--columns=contacts:phone,email", "--escapeFormulas=true");
    assertThat(escaped.err(), escaped.exitCode(), equalTo(0));
    Map<String, CSVRecord> byId = readTable(output.resolve("contacts.csv")).stream()
        .skip(1).collect(Collectors.toMap(r -> r.get(0), r -> r));
    int phones = 0;
    for (CSVRecord row : raw.subList(1, raw.size())) {
      CSVRecord after = byId.get(row.get(0));
      String phone = row.get(1);
      if (phone != null && phone.startsWith("+")) {
        phones++;
        assertThat(after.get(1), equalTo("'" + phone));
      } else {
        assertThat(after.get(1), equalTo(phone));
      }
      assertThat("other cells unchanged", after.get(2), equalTo(row.get(2)));
    }
    assertThat("the sandbox's phone numbers start with +", phones > 0, equalTo(true));
  }
}
