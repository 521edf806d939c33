package io.hubspotbeam.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.hubspotbeam.sandbox.SandboxPortal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input: one clear line, exit code 2, and not a single request to the portal. */
class BadInputTest {
  private static SandboxPortal portal;

  @TempDir Path output;

  @BeforeAll
  static void startPortal() {
    portal = SandboxPortal.builder().build();
    portal.start();
  }

  @AfterAll
  static void stopPortal() {
    portal.close();
  }

  private ExtractMainTest.Run run(Map<String, String> environment, String... extra) {
    List<String> args = new ArrayList<>(List.of("--tokenEnv=TOKEN"));
    if (!String.join(" ", extra).contains("--output=")) {
      args.add("--output=" + output);
    }
    if (!String.join(" ", extra).contains("--baseUrl")) {
      args.add("--baseUrl=" + portal.baseUrl());
    }
    args.addAll(List.of(extra));
    return ExtractMainTest.extract(environment, args.toArray(new String[0]));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "--objectList=deals,Uni-corns | unknown object type 'Uni-corns'",
      "--objectList=Deals | object types are lower case",
      "--objectList= | --objectList is empty",
      "--objectList=deals,,contacts | has an empty entry",
      "--objectList=deals,deals | names 'deals' twice",
      "--count=-5 | --count must be a positive whole number or 'all', got -5",
      "--count=0 | --count must be a positive whole number",
      "--count=lots | --count must be a positive whole number or 'all', got 'lots'",
      "--count=1e3 | --count must be a positive whole number",
      "--columns=tickets:subject | not in --objectList",
      "--columns=deals | should be OBJECT:property",
      "--columns=deals:amount,,dealname | empty property name",
      "--columns=deals:amount;deals:dealname | names 'deals' twice",
      "--baseUrl=http://example.com | not loopback",
      "--baseUrl=ftp://127.0.0.1 | must be https://",
      "--requestsPerTenSeconds=-1 | --requestsPerTenSeconds",
      "--maxUrlLength=10 | --maxUrlLength must be at least 200",
      "--noSuchOption=1 | noSuchOption",
      "--output=/tmp --output=/tmp | --output is given twice",
      "--budgetShare=1.5 | --budgetShare must be in (0, 1]",
      "--budgetShare=-0.5 | --budgetShare must be in (0, 1]",
      "--runner=FlinkRunner --flinkMaster=127.0.0.1:9 | cannot ask the Flink cluster at 127.0.0.1:9",
      "--runner=NoSuchRunner | NoSuchRunner",
      "--apiVersion=2025-09 | unknown API version '2025-09'",
      "--readTimeoutSeconds=0 | --readTimeoutSeconds must be from 1 to 600, got 0",
      "--readTimeoutSeconds=soon | --readTimeoutSeconds must be a whole number, got 'soon'",
      "--requestsPerTenSeconds=abc | --requestsPerTenSeconds must be a whole number, got 'abc'",
      "--escapeFormulas=maybe | --escapeFormulas must be true or false, got 'maybe'",
      "--resume=perhaps | --resume must be true or false, got 'perhaps'",
      "--budgetShare=half | --budgetShare must be a number, got 'half'",
      "--onMissingScope=ignore | --onMissingScope must be fail or skip, got 'ignore'",
      "--output=/proc/hubspot-out | --output /proc/hubspot-out: cannot create the directory",
      "--pipeline=no-such-pipeline | no-such-pipeline",
      "--progress=sometimes | --progress must be auto, live, plain or off, got 'sometimes'",
      "--progressIntervalSeconds=0 | --progressIntervalSeconds must be from 1 to 3600, got 0",
      "--check=perhaps | --check must be true or false, got 'perhaps'",
      "--archived=deleted | --archived must be exclude, include or only, got 'deleted'",
  })
  void isRefusedBeforeAnyRequest(String option, String message) {
    long before = portal.stats().totalRequests();
    List<String> args = new ArrayList<>(List.of(option.split(" ")));
    args.add(option.startsWith("--objectList") ? "--count=1" : "--objectList=deals");
    ExtractMainTest.Run result = run(Map.of("TOKEN", portal.token()), args.toArray(new String[0]));
    assertThat(result.exitCode(), equalTo(ExtractMain.INVALID_INPUT));
    assertThat(result.err(), startsWith("error: "));
    assertThat(result.err(), containsString(message));
    assertThat("one line", result.err().strip().lines().count(), equalTo(1L));
    assertThat(portal.stats().totalRequests(), equalTo(before));
  }

  @Test
  void aMissingTokenSaysWhereItWasLookedFor() {
    ExtractMainTest.Run result = run(Map.of(), "--objectList=deals");
    assertThat(result.exitCode(), equalTo(ExtractMain.INVALID_INPUT));
    assertThat(result.err(), containsString("environment variable TOKEN is not set"));
  }

  @Test
  void anOutputThatIsAFileIsRefused() throws Exception {
    Path file = Files.createFile(output.resolve("not-a-directory"));
    ExtractMainTest.Run result = ExtractMainTest.extract(Map.of("TOKEN", portal.token()),
        "--baseUrl=" + portal.baseUrl(), "--tokenEnv=TOKEN", "--output=" + file);
    assertThat(result.exitCode(), equalTo(ExtractMain.INVALID_INPUT));
    assertThat(result.err(), containsString("is not a directory"));
  }

  @Test
  void aMissingTokenFileIsNamed() {
    ExtractMainTest.Run result = run(Map.of(), "--tokenFile=/nonexistent/token");
    assertThat(result.exitCode(), equalTo(ExtractMain.INVALID_INPUT));
    assertThat(result.err(), containsString("/nonexistent/token"));
  }

  @Test
  void sandboxAndBaseUrlTogetherAreRefused() {
    ExtractMainTest.Run result = ExtractMainTest.extract(Map.of(), "--sandbox",
        "--baseUrl=http://127.0.0.1:1", "--output=" + output);
    assertThat(result.exitCode(), equalTo(ExtractMain.INVALID_INPUT));
    assertThat(result.err(), containsString("--sandbox"));
  }
}
