package io.hubspotbeam.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import io.hubspotbeam.pipeline.ExtractMainTest.Run;
import io.hubspotbeam.sandbox.SandboxPortal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --check answers the questions before a long run, in a few calls, and writes nothing. */
class PreflightTest {
  private static final String TOKEN_VARIABLE = "PREFLIGHT_TOKEN";

  @TempDir Path output;

  private Run run(SandboxPortal portal, String... extra) {
    List<String> args = new ArrayList<>(List.of("--baseUrl=" + portal.baseUrl(),
        "--tokenEnv=" + TOKEN_VARIABLE, "--output=" + output, "--progress=off"));
    args.addAll(List.of(extra));
    Run run = ExtractMainTest.extract(Map.of(TOKEN_VARIABLE, portal.token()),
        args.toArray(new String[0]));
    assertThat(run.out() + run.err(), not(containsString(portal.token())));
    return run;
  }

  private long live(SandboxPortal portal, String objectType) {
    return portal.data().count(objectType, false);
  }

  private void assertNothingWritten() throws Exception {
    try (Stream<Path> files = Files.list(output)) {
      assertThat(files.count(), equalTo(0L));
    }
  }

  @Test
  void checkAnswersEveryQuestionInAFewCalls() throws Exception {
    try (SandboxPortal portal = SandboxPortal.builder().objectSize("deals", 2_500)
        .objectSize("tickets", 1_500).tenSecondlyLimit(190).dailyLimit(250_000).build()
        .start()) {
      Run check = run(portal, "--check", "--objectList=deals,tickets", "--count=all",
          "--associations=deals:companies");
      assertThat(check.err(), check.exitCode(), equalTo(0));
      String out = check.out();
      assertThat(out, containsString("token:       works (from environment variable "
          + TOKEN_VARIABLE + ")"));
      assertThat(out, matchesPattern("(?s).*rate limits: 184 requests per 10 s \\(97% of the 190"
          + " HubSpot announces\\), search 4\\.\\d/s; daily limit 250,000, [\\d,]+ left today\n.*"));
      assertThat(out, matchesPattern("(?s).*\\ndeals +yes +"
          + portal.data().properties("deals").size() + " +"
          + String.format("%,d", live(portal, "deals")) + " +"
          + String.format("%,d", live(portal, "deals")) + "\\n.*"));
      assertThat(out, matchesPattern("(?s).*\\ncompanies +yes +\\d+ +[\\d,]+ +\\(associated\\)\\n.*"));
      assertThat(out, containsString("ready: the run would start"));
      // Three calls per object: properties, one record, the count.
      assertThat(portal.stats().totalRequests(), equalTo(9L));
      assertNothingWritten();

      // The estimate against the run itself.
      Matcher estimate = Pattern.compile("estimate: +([\\d,]+) requests").matcher(out);
      assertThat(estimate.find(), equalTo(true));
      long estimated = Long.parseLong(estimate.group(1).replace(",", ""));
      long before = portal.stats().totalRequests();
      Run extraction = run(portal, "--objectList=deals,tickets", "--count=all",
          "--associations=deals:companies");
      assertThat(extraction.err(), extraction.exitCode(), equalTo(0));
      assertThat(extraction.err(), containsString("preflight: token works"));
      long made = portal.stats().totalRequests() - before - 9;
      assertThat("estimated " + estimated + ", made " + made, (double) made,
          closeTo(estimated, estimated * 0.25));
      assertThat(out, containsString(String.format("%.1f%% of the daily limit",
          100.0 * estimated / 250_000)));
    }
  }

  @Test
  void theEstimateSearchesTheCostliestRecordsFirst() {
    // Professional limits as paced: 18.4 list and 4.5 search requests a second.
    long[] oneRange = Preflight.searchedRecords(List.of(
        new Preflight.Reading(7_890, 2, true), new Preflight.Reading(2_914, 1, false)), 18.4, 4.5);
    assertThat("one range of two-request pages is searched whole", oneRange[0], equalTo(7_890L));
    assertThat("search is busy until list is done", oneRange[1], equalTo(0L));
    long[] shared = Preflight.searchedRecords(List.of(
        new Preflight.Reading(232_500, 2, false), new Preflight.Reading(60_000, 1, false)),
        18.4, 4.5);
    // Both end together: 900 searched records a second, and 18.4 list requests a second for
    // the rest of the contacts (two per 100) and the other 60,000 (one per 100).
    double seconds = shared[0] / 900.0;
    assertThat((232_500 - shared[0]) * 0.02 + 600, closeTo(18.4 * seconds, 1));
    assertThat(shared[1], equalTo(0L));
    assertThat("an unpaced list outruns search", Preflight.searchedRecords(List.of(
        new Preflight.Reading(232_500, 2, false)), 0, 4.5)[0], equalTo(0L));
  }

  @Test
  void objectsAreCheckedSeveralAtATimeAndReportedInOrder() throws Exception {
    try (SandboxPortal portal = SandboxPortal.builder().objectSize("deals", 300)
        .latencyMillis(50).build().start()) {
      String objects = "deals,companies,contacts,tickets,products,line_items,notes,tasks,calls";
      Run check = run(portal, "--check", "--objectList=" + objects);
      assertThat(check.err(), check.exitCode(), equalTo(0));
      // One object alone first (the token and HubSpot's limits), then the others at once.
      assertThat(portal.stats().peakConcurrentRequests() > 1, equalTo(true));
      assertThat(portal.stats().totalRequests(), equalTo(27L));
      String out = check.out();
      int at = -1;
      for (String objectType : objects.split(",")) {
        int row = out.indexOf("\n" + objectType + " ");
        assertThat(objectType + " after the object before it:\n" + out, row > at, equalTo(true));
        at = row;
      }
    }
  }

  @Test
  void aMissingScopeIsNamedAndTheRunWouldNotStart() throws Exception {
    try (SandboxPortal portal = SandboxPortal.builder().objectSize("deals", 40)
        .objectSize("tickets", 20).grantedScopes(Set.of("crm.objects.deals.read",
            "crm.schemas.deals.read", "crm.schemas.tickets.read")).build().start()) {
      Run check = run(portal, "--check", "--objectList=deals,tickets");
      assertThat(check.exitCode(), equalTo(ExtractMain.FAILED));
      assertThat(check.out(), allOf(containsString("tickets"),
          containsString("NO: the token lacks tickets"),
          containsString("not ready: 1 object(s) cannot be read (tickets)"),
          containsString("--onMissingScope=skip")));
      Run skipping = run(portal, "--check", "--objectList=deals,tickets",
          "--onMissingScope=skip");
      assertThat(skipping.exitCode(), equalTo(0));
      assertThat(skipping.out(), containsString("ready: the run would start, leaving out tickets"));
      assertNothingWritten();
    }
  }

  @Test
  void aRejectedTokenIsSaidFirstWithItsSource() throws Exception {
    try (SandboxPortal portal = SandboxPortal.builder().build().start()) {
      portal.revokeToken();
      Run check = run(portal, "--check", "--objectList=deals,tickets");
      assertThat(check.exitCode(), equalTo(ExtractMain.FAILED));
      assertThat(check.out(), containsString("token:       REJECTED (from environment variable "
          + TOKEN_VARIABLE + ")"));
      assertThat(portal.stats().totalRequests(), lessThanOrEqualTo(1L));
    }
  }

  @Test
  void aRunLargerThanWhatIsLeftTodayIsWarnedOf() throws Exception {
    try (SandboxPortal portal = SandboxPortal.builder().objectSize("deals", 3_000)
        .dailyLimit(20).build().start()) {
      Run check = run(portal, "--check", "--objectList=deals", "--count=all");
      assertThat(check.exitCode(), equalTo(0));
      assertThat(check.out(), containsString("WARNING: only 17 left today"));
    }
  }
}
