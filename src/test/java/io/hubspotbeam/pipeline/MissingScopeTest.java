package io.hubspotbeam.pipeline;

import static io.hubspotbeam.pipeline.ExtractMainTest.extract;
import static io.hubspotbeam.pipeline.ExtractMainTest.readTable;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.hubspotbeam.pipeline.ExtractMainTest.Run;
import io.hubspotbeam.sandbox.SandboxPortal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A token without the tickets scope: the run fails by default, or skips tickets when asked. */
class MissingScopeTest {
  private static final String TOKEN_VARIABLE = "TEST_HUBSPOT_TOKEN";
  private static SandboxPortal portal;

  @TempDir Path output;

  @BeforeAll
  static void startPortal() {
    // Every scope but the tickets ones: the properties of tickets stay readable (schema scope),
    // their records do not.
    portal = SandboxPortal.builder()
        .objectSize("deals", 120)
        .objectSize("tickets", 30)
        .grantedScopes(Set.of("crm.objects.deals.read", "crm.schemas.deals.read",
            "crm.objects.contacts.read", "crm.objects.companies.read", "crm.schemas.tickets.read"))
        .build();
    portal.start();
  }

  @AfterAll
  static void stopPortal() {
    portal.close();
  }

  private Run run(String... extra) {
    List<String> args = new ArrayList<>(List.of("--baseUrl=" + portal.baseUrl(),
        "--tokenEnv=" + TOKEN_VARIABLE, "--output=" + output, "--objectList=deals,tickets",
        "--count=all", "--associations=deals:companies,deals:tickets"));
    args.addAll(List.of(extra));
    return extract(Map.of(TOKEN_VARIABLE, portal.token()), args.toArray(new String[0]));
  }

  private List<String> files() throws Exception {
    try (Stream<Path> files = Files.list(output)) {
      return files.map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  @Test
  void byDefaultTheRunStopsBeforeExtractingNamingTheObjectAndTheScope() throws Exception {
    Run run = run();
    assertThat(run.err(), run.exitCode(), equalTo(ExtractMain.FAILED));
    assertThat(run.err(), containsString("tickets: the token lacks tickets"));
    assertThat(run.err(), containsString("--onMissingScope=skip"));
    assertThat(files(), equalTo(List.of()));
  }

  @Test
  void skipLeavesTheObjectAndItsAssociationsOutWithADistinctExitCode() throws Exception {
    Run run = run("--onMissingScope=skip");
    assertThat(run.err(), run.exitCode(), equalTo(ExtractMain.PARTIAL));
    assertThat(run.err(), containsString("warning: skipping tickets: the token lacks tickets"));
    assertThat(run.err(), containsString("warning: no deals_tickets.csv"));
    assertThat(run.out(), containsString("skipped for missing scopes: tickets (add tickets)"));
    assertThat(files(), equalTo(List.of("_manifest.json", "_report.html", "deals.csv",
        "deals_companies.csv")));
    assertThat(readTable(output.resolve("deals.csv")).size() - 1L,
        equalTo(portal.data().count("deals", false)));
  }

  @Test
  void anUnknownChoiceIsRefused() {
    Run run = run("--onMissingScope=maybe");
    assertThat(run.exitCode(), equalTo(ExtractMain.INVALID_INPUT));
    assertThat(run.err(), containsString("--onMissingScope must be fail or skip, got 'maybe'"));
  }
}
