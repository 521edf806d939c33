package io.hubspotbeam.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.not;

import io.hubspotbeam.pipeline.ExtractMainTest.Run;
import io.hubspotbeam.sandbox.SandboxPortal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live progress and _report.html: the progress lines count up to the preflight's totals with an
 * ETA, and the report, opened offline in headless Chromium (Debian's package, which .ci/run
 * installs), draws its table and both charts.
 */
class RunReportTest {
  private static final String TOKEN_VARIABLE = "REPORT_TEST_TOKEN";
  static final String CHROMIUM = "/usr/bin/chromium";
  private static SandboxPortal portal;

  @TempDir Path output;
  @TempDir Path browserProfile;

  @BeforeAll
  static void startPortal() {
    // Slow enough answers that the run lasts a few seconds and progress has something to say.
    // (Readers use both endpoints' budgets, so a few thousand records take only seconds.)
    portal = SandboxPortal.builder().objectSize("deals", 5_000).objectSize("tickets", 900)
        .tenSecondlyLimit(100).latencyMillis(100).build().start();
  }

  @AfterAll
  static void stopPortal() {
    portal.close();
  }

  private Run run(String... extra) {
    List<String> args = new ArrayList<>(List.of("--baseUrl=" + portal.baseUrl(),
        "--tokenEnv=" + TOKEN_VARIABLE, "--output=" + output, "--count=all"));
    args.addAll(List.of(extra));
    return ExtractMainTest.extract(Map.of(TOKEN_VARIABLE, portal.token()),
        args.toArray(new String[0]));
  }

  @Test
  void progressCountsUpToThePreflightTotalsWithAnEta() {
    Run run = run("--objectList=deals,tickets", "--progress=plain",
        "--progressIntervalSeconds=1");
    assertThat(run.err(), run.exitCode(), equalTo(0));
    long deals = portal.data().count("deals", false);
    List<String> lines = run.err().lines().filter(l -> l.startsWith("progress ")).toList();
    assertThat(run.err(), lines.size(), greaterThan(4));
    assertThat(lines.stream().anyMatch(l -> l.contains(" / " + String.format("%,d", deals))
        && l.contains("ETA ") && !l.contains("ETA ?")), equalTo(true));
    String last = lines.stream().filter(l -> l.contains("deals")).reduce((a, b) -> b).get();
    assertThat(last, containsString(String.format("%,d / %,d  100%%", deals, deals)));
    assertThat(last, containsString("done"));
    assertThat(last, containsString("rate-limit wait"));
  }

  @Test
  void theReportOpensOfflineAndDrawsItsTableAndCharts() throws Exception {
    Run run = run("--objectList=deals,tickets", "--associations=deals:companies",
        "--progress=off");
    assertThat(run.err(), run.exitCode(), equalTo(0));
    Path report = output.resolve(RunReport.FILE);
    String html = Files.readString(report, StandardCharsets.UTF_8);
    assertThat("self-contained", html, not(containsString("src=")));
    assertThat("self-contained", html, not(containsString("href=")));
    assertThat("self-contained", html, not(containsString("@import")));
    assertThat(html, not(containsString(portal.token())));
    assertThat(html, containsString("<td>deals_companies</td>"));
    assertThat(html, containsString("Limited by"));

    String checked = renderCheck(report);
    assertThat(checked, containsString("table rows 3 height"));
    Matcher height = Pattern.compile("table rows 3 height (\\d+)").matcher(checked);
    assertThat(height.find() && Integer.parseInt(height.group(1)) > 30, equalTo(true));
    assertThat(checked, containsString("chart requests 720x240 series drawn 2 of 2"));
    assertThat(checked, containsString("chart records 720x240 series drawn 2 of 2"));
  }

  @Test
  void aFailedRunStillGetsAReport() throws Exception {
    try (SandboxPortal revoking = SandboxPortal.builder().objectSize("deals", 2_000)
        .revokeAfterCalls(8).build().start()) {
      Run run = ExtractMainTest.extract(Map.of(TOKEN_VARIABLE, revoking.token()),
          "--baseUrl=" + revoking.baseUrl(), "--tokenEnv=" + TOKEN_VARIABLE,
          "--output=" + output, "--objectList=deals", "--count=all", "--progress=off");
      assertThat(run.exitCode(), equalTo(ExtractMain.FAILED));
      String html = Files.readString(output.resolve(RunReport.FILE), StandardCharsets.UTF_8);
      assertThat(html, containsString("Failed: "));
      assertThat(html, containsString("401"));
      assertThat(Files.exists(output.resolve(RunManifest.FILE)), equalTo(false));
    }
  }

  /** Opens the page in headless Chromium and returns what its inline check measured. */
  private String renderCheck(Path page) throws Exception {
    assertThat("Chromium (Debian's chromium package, installed by .ci/run) is needed at "
        + CHROMIUM, Files.isExecutable(Path.of(CHROMIUM)), equalTo(true));
    Path dom = browserProfile.resolve("dom.html");
    Process chromium = new ProcessBuilder(CHROMIUM, "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + browserProfile.resolve("profile"), "--dump-dom",
        page.toUri().toString())
        .redirectOutput(dom.toFile())
        .redirectError(browserProfile.resolve("chromium.log").toFile())
        .start();
    assertThat("Chromium finished", chromium.waitFor(90, TimeUnit.SECONDS), equalTo(true));
    String text = Files.readString(dom, StandardCharsets.UTF_8);
    Matcher check = Pattern.compile("<pre id=\"render-check\"[^>]*>(.*?)</pre>", Pattern.DOTALL)
        .matcher(text);
    assertThat(text, check.find(), equalTo(true));
    return check.group(1);
  }
}
