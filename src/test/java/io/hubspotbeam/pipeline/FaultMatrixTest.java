package io.hubspotbeam.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;

import io.hubspotbeam.pipeline.ExtractMainTest.Run;
import io.hubspotbeam.sandbox.PagingFault;
import io.hubspotbeam.sandbox.SandboxPortal;
import io.hubspotbeam.sandbox.SandboxStats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault matrix of docs/reliability.md: each case runs the whole extraction (DirectRunner,
 * production defaults for retries and the rate budget) against a sandbox portal with one fault
 * switched on, and ends one of two ways: every table equal to the portal's data, or a clear error,
 * exit code 1 and no table under a final name that is not whole. Each case records what it
 * measured in target/fault-matrix.md, the source of the table in docs/reliability.md.
 */
class FaultMatrixTest {
  private static final String TOKEN_VARIABLE = "FAULT_MATRIX_TOKEN";
  /** The preflight asks each object for its properties, one record and its count. */
  private static final int DISCOVERY_CALLS_PER_OBJECT = 3;
  private static final List<String> MEASURED = new ArrayList<>();

  @TempDir Path output;

  @AfterAll
  static void writeMeasurements() throws IOException {
    Path target = Paths.get("target");
    if (Files.isDirectory(target)) {
      Files.write(target.resolve("fault-matrix.md"), MEASURED, StandardCharsets.UTF_8);
    }
  }

  /** A finished case: what the run printed, how long it took, and the portal's counters. */
  private record Outcome(Run run, double seconds, SandboxStats stats) {
    double rateLimitedShare() {
      return (double) stats.rateLimited() / Math.max(1, stats.totalRequests());
    }
  }

  private Outcome extract(SandboxPortal portal, String... args) {
    List<String> all = new ArrayList<>(List.of("--baseUrl=" + portal.baseUrl(),
        "--tokenEnv=" + TOKEN_VARIABLE, "--output=" + output, "--count=all"));
    all.addAll(List.of(args));
    long start = System.nanoTime();
    Run run = ExtractMainTest.extract(Map.of(TOKEN_VARIABLE, portal.token()),
        all.toArray(new String[0]));
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(run.out() + run.err(), not(containsString(portal.token())));
    return new Outcome(run, seconds, portal.stats());
  }

  private static void measured(String fault, String injected, Outcome outcome, String result) {
    SandboxStats stats = outcome.stats();
    MEASURED.add(String.format("| %s | %s | exit %d in %.1f s; %d requests, %d answered 429 (%.2f%%)"
            + "; %s |", fault, injected, outcome.run().exitCode(), outcome.seconds(),
        stats.totalRequests(), stats.rateLimited(), 100 * outcome.rateLimitedShare(), result));
  }

  private void assertExact(SandboxPortal portal, Outcome outcome, String... objects)
      throws Exception {
    assertThat(outcome.run().err(), outcome.run().exitCode(), equalTo(ExtractMain.OK));
    for (String objectType : objects) {
      PortalTruth.assertWhole(portal, output.resolve(objectType + ".csv"), objectType);
    }
    assertThat("the manifest is written last", Files.exists(output.resolve(RunManifest.FILE)),
        equalTo(true));
  }

  /** 8,000 contacts with three columns, deals and tickets with all: about 130 requests. */
  private void assertThreeObjectsExact(SandboxPortal portal, Outcome outcome) throws Exception {
    assertExact(portal, outcome, "deals", "tickets");
    PortalTruth.assertTable(portal, output.resolve("contacts.csv"), "contacts",
        List.of("email", "firstname", "lastname"), Long.MAX_VALUE);
  }

  /**
   * A failed run: exit 1, the message, and no table or manifest under a final name; only the
   * run's report, when the pipeline had started.
   */
  private void assertCleanFailure(Outcome outcome, String message) throws IOException {
    assertThat(outcome.run().err(), outcome.run().exitCode(), equalTo(ExtractMain.FAILED));
    assertThat(outcome.run().err(), containsString(message));
    List<String> left = new ArrayList<>(files());
    left.remove(RunReport.FILE);
    assertThat(left, equalTo(List.of()));
  }

  private List<String> files() throws IOException {
    try (Stream<Path> files = Files.list(output)) {
      return files.map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  private static SandboxPortal.Builder portal() {
    return SandboxPortal.builder().objectSize("deals", 2_500).objectSize("tickets", 1_500);
  }

  @Test
  void tenSecondlyBurstsFromAnotherAppAreWaitedOut() throws Exception {
    // Professional limit; another integration takes 20 calls at once every 2 s, half the budget.
    try (SandboxPortal portal = portal().objectSize("contacts", 8_000).tenSecondlyLimit(190)
        .otherAppBurst(20).build().start()) {
      Outcome outcome = extract(portal, "--objectList=contacts,deals,tickets",
          "--columns=contacts:email,firstname,lastname");
      assertThreeObjectsExact(portal, outcome);
      assertThat(portal.stats().otherAppCalls(), greaterThan(0L));
      assertThat(outcome.rateLimitedShare(), lessThan(0.01));
      measured("429 TEN_SECONDLY in bursts", "limit 190/10 s; another app takes 20 calls at once"
          + " every 2 s (" + portal.stats().otherAppCalls() + " calls)", outcome, "exact");
    }
  }

  @Test
  void searchSecondlyLimitIsKept() throws Exception {
    // Free-tier limits make search as fast as list, so the 20,000 contacts are planned into
    // ranges of which about half are searched, by several readers at once.
    try (SandboxPortal portal = SandboxPortal.builder().objectSize("contacts", 20_000)
        .tenSecondlyLimit(100).searchPerSecond(5).build().start()) {
      Outcome outcome = extract(portal, "--objectList=contacts",
          "--columns=contacts:email,firstname,lastname");
      assertThat(outcome.run().err(), outcome.run().exitCode(), equalTo(0));
      PortalTruth.assertTable(portal, output.resolve("contacts.csv"), "contacts",
          List.of("email", "firstname", "lastname"), Long.MAX_VALUE);
      assertThat(portal.stats().requests("search"), greaterThan(10L));
      assertThat(outcome.rateLimitedShare(), lessThan(0.01));
      measured("429 SECONDLY (search)", "limits 100/10 s and search 5/s; 20,000 contacts read by"
          + " list and search ranges in parallel (" + portal.stats().requests("search")
          + " searches)", outcome, "exact");
    }
  }

  @Test
  void theDailyLimitStopsTheRunSayingHowFarEachObjectGot() throws Exception {
    // Enough for discovery, the whole of tickets (15 pages, first in line) and part of deals.
    int budget = 2 * DISCOVERY_CALLS_PER_OBJECT + 30;
    SandboxPortal.Builder settings = portal().objectSize("deals", 6_000).dailyLimit(budget);
    Outcome outcome;
    try (SandboxPortal portal = settings.build().start()) {
      outcome = extract(portal, "--objectList=deals,tickets");
      assertThat(outcome.run().exitCode(), equalTo(ExtractMain.FAILED));
      String err = outcome.run().err();
      assertThat(err, containsString("daily"));
      assertThat(err, containsString("midnight"));
      assertThat(err, containsString("records read in"));
      assertThat(portal.stats().rateLimitedByPolicy().get("daily"), greaterThan(0L));
      // Only whole tables are left; the resume file lists exactly those.
      for (String file : files()) {
        if (file.endsWith(".csv")) {
          String objectType = file.substring(0, file.length() - 4);
          PortalTruth.assertWhole(portal, output.resolve(file), objectType);
          assertThat(err, containsString("whole: " + file));
        }
      }
      assertThat(files(), not(org.hamcrest.Matchers.hasItem(RunManifest.FILE)));
      measured("429 DAILY mid-run", "daily limit " + budget + " calls", outcome,
          "clear error naming the reset and each object's progress; whole tables kept: "
              + files().stream().filter(f -> f.endsWith(".csv")).collect(Collectors.toList()));
    }
    // The next day (a fresh window, same data): --resume finishes the rest.
    boolean someWhole = files().contains(RunManifest.RESUME_FILE);
    try (SandboxPortal portal = settings.dailyLimit(0).build().start()) {
      Outcome resumed = extract(portal, "--objectList=deals,tickets", "--resume=true");
      assertExact(portal, resumed, "deals", "tickets");
      if (someWhole) {
        assertThat(resumed.run().err(), containsString("resuming: 1 table(s) kept"));
      }
      assertThat(files(), not(org.hamcrest.Matchers.hasItem(RunManifest.RESUME_FILE)));
    }
  }

  @Test
  void serverErrorsResetsAndSlowAnswersAreRetriedToAnExactResult() throws Exception {
    try (SandboxPortal portal = portal().objectSize("contacts", 8_000).serverErrorRate(0.05)
        .connectionResetRate(0.02).slowResponses(0.02, 2_500).seed(7).build().start()) {
      Outcome outcome = extract(portal, "--objectList=contacts,deals,tickets",
          "--columns=contacts:email,firstname,lastname", "--readTimeoutSeconds=1");
      assertThreeObjectsExact(portal, outcome);
      SandboxStats stats = portal.stats();
      assertThat(stats.serverErrors(), greaterThan(0L));
      assertThat(stats.connectionResets(), greaterThan(0L));
      assertThat(stats.slowResponses(), greaterThan(0L));
      measured("502/503/504, resets, timeouts", "5% 5xx, 2% dropped connections, 2% answers"
          + " after 2.5 s with a 1 s read timeout (" + stats.serverErrors() + " 5xx, "
          + stats.connectionResets() + " resets, " + stats.slowResponses() + " slow)", outcome,
          "exact");
    }
  }

  @Test
  void truncatedAndHtmlBodiesAreRetriedToAnExactResult() throws Exception {
    try (SandboxPortal portal = portal().objectSize("contacts", 8_000).malformedBodyRate(0.05)
        .seed(3).build().start()) {
      Outcome outcome = extract(portal, "--objectList=contacts,deals,tickets",
          "--columns=contacts:email,firstname,lastname");
      assertThreeObjectsExact(portal, outcome);
      assertThat(portal.stats().malformedBodies(), greaterThan(0L));
      measured("truncated JSON / HTML with 200", "5% of successful answers ("
          + portal.stats().malformedBodies() + ")", outcome, "exact");
    }
  }

  @Test
  void bodiesThatAreNeverJsonEndInAClearError() throws Exception {
    try (SandboxPortal spoiled = portal().malformedBodyRate(1).build().start()) {
      Outcome outcome = extract(spoiled, "--objectList=deals");
      assertCleanFailure(outcome, "not the JSON expected");
      assertThat(spoiled.stats().totalRequests(), equalTo(6L));
      measured("every body malformed", "100% of successful answers", outcome,
          "clear error after 6 attempts, no table");
    }
  }

  @Test
  void aRepeatedCursorIsAClearErrorNotALoop() throws Exception {
    try (SandboxPortal portal = portal().pagingFault(PagingFault.REPEATED_CURSOR).build()
        .start()) {
      Outcome outcome = extract(portal, "--objectList=deals");
      assertCleanFailure(outcome, "a second time");
      assertThat(portal.stats().requests("list"), lessThanOrEqualTo(10L));
      measured("repeated cursor", "every page after the first repeats its cursor", outcome,
          "clear error, no table");
    }
  }

  @Test
  void endlessEmptyPagesAreAClearErrorNotALoop() throws Exception {
    try (SandboxPortal portal = portal().pagingFault(PagingFault.ENDLESS).build().start()) {
      Outcome outcome = extract(portal, "--objectList=deals");
      assertCleanFailure(outcome, "empty pages in a row");
      assertThat(portal.stats().requests("list"), lessThan(100L));
      measured("endless paging", "the last page links to ever further empty pages", outcome,
          "clear error after 25 empty pages in a row, no table");
    }
  }

  @Test
  void shortAndEmptyPagesMidStreamAreExact() throws Exception {
    try (SandboxPortal portal = portal().shortPageRate(0.3).build().start()) {
      Outcome outcome = extract(portal, "--objectList=deals,tickets");
      assertExact(portal, outcome, "deals", "tickets");
      measured("short and empty pages", "30% of list pages short (some empty) with paging.next",
          outcome, "exact");
    }
  }

  @Test
  void aThousandPropertiesNeverCauseA414() throws Exception {
    try (SandboxPortal portal = SandboxPortal.builder().objectSize("contacts", 800)
        .extraProperties("contacts", 1_000).build().start()) {
      Outcome outcome = extract(portal, "--objectList=contacts");
      assertExact(portal, outcome, "contacts");
      assertThat(portal.stats().responses(414), equalTo(0L));
      assertThat(PortalTruth.allColumns(portal, "contacts").size(), greaterThan(1_000));
      measured("414 URI too long", "contacts with " + PortalTruth.allColumns(portal, "contacts")
          .size() + " properties", outcome, "exact, no 414 sent");
    }
  }

  @Test
  void aTokenRevokedMidRunStopsAtOnceWithoutRetries() throws Exception {
    try (SandboxPortal portal = portal().revokeAfterCalls(DISCOVERY_CALLS_PER_OBJECT + 4).build()
        .start()) {
      Outcome outcome = extract(portal, "--objectList=deals");
      assertCleanFailure(outcome, "401");
      assertThat(outcome.run().err(), containsString("environment variable " + TOKEN_VARIABLE));
      assertThat("no retries of a 401", portal.stats().responses(401), equalTo(1L));
      measured("401 mid-run", "token revoked at call " + (DISCOVERY_CALLS_PER_OBJECT + 4),
          outcome, "clear error naming the token's source, one 401, no retry, no table");
    }
  }
}
