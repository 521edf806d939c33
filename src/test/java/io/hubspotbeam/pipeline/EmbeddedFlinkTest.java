package io.hubspotbeam.pipeline;

import static io.hubspotbeam.pipeline.ExtractMainTest.extract;
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
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same extraction on the embedded FlinkRunner ({@code --flinkMaster=[local]}) and on the
 * DirectRunner: every table, association table and joined table has the same header and the
 * same rows (in any order).
 */
class EmbeddedFlinkTest {
  private static final String TOKEN_VARIABLE = "TEST_HUBSPOT_TOKEN";
  private static SandboxPortal portal;

  @TempDir Path direct;
  @TempDir Path flink;

  @BeforeAll
  static void startPortal() {
    portal = SandboxPortal.builder()
        .objectSize("deals", 400)
        .objectSize("contacts", 1_500)
        .objectSize("companies", 120)
        .build();
    portal.start();
  }

  @AfterAll
  static void stopPortal() {
    portal.close();
  }

  private Run run(Path output, String... runner) {
    List<String> args = new ArrayList<>(List.of("--baseUrl=" + portal.baseUrl(),
        "--tokenEnv=" + TOKEN_VARIABLE, "--output=" + output,
        "--objectList=deals,contacts,companies", "--count=all",
        "--columns=companies:name,domain,industry",
        "--associations=deals:contacts,contacts:companies", "--join=deals:companies"));
    args.addAll(List.of(runner));
    Run run = extract(Map.of(TOKEN_VARIABLE, portal.token()), args.toArray(new String[0]));
    assertThat(run.out() + run.err(), not(containsString(portal.token())));
    return run;
  }

  /** Header, then the other lines sorted: tables are equal whatever order rows came in. */
  static List<String> canonical(Path table) throws Exception {
    // Values may hold line breaks inside quotes, so compare parsed records, not raw lines.
    List<String> rows = ExtractMainTest.readTable(table).stream()
        .map(r -> String.join("\u0001", r.toList().stream()
            .map(c -> c == null ? "\u0000" : c).collect(Collectors.toList())))
        .collect(Collectors.toList());
    List<String> body = new ArrayList<>(rows.subList(1, rows.size()));
    body.sort(null);
    List<String> all = new ArrayList<>();
    all.add(rows.get(0));
    all.addAll(body);
    return all;
  }

  @Test
  void theEmbeddedFlinkRunnerWritesTheSameTablesAsTheDirectRunner() throws Exception {
    Run onDirect = run(direct);
    assertThat(onDirect.err(), onDirect.exitCode(), equalTo(0));
    Run onFlink = run(flink, "--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2");
    assertThat(onFlink.err(), onFlink.exitCode(), equalTo(0));

    List<String> tables;
    try (Stream<Path> files = Files.list(direct)) {
      tables = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".csv")).sorted()
          .collect(Collectors.toList());
    }
    assertThat("both runs completed", Files.exists(direct.resolve(RunManifest.FILE))
        && Files.exists(flink.resolve(RunManifest.FILE)), equalTo(true));
    assertThat(tables, equalTo(List.of("companies.csv", "contacts.csv", "contacts_companies.csv",
        "deals.csv", "deals_companies_joined.csv", "deals_contacts.csv")));
    try (Stream<Path> files = Files.list(flink)) {
      assertThat(files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".csv"))
          .sorted().collect(Collectors.toList()), equalTo(tables));
    }
    for (String table : tables) {
      List<String> expected = canonical(direct.resolve(table));
      assertThat(table + " has rows", expected.size(), greaterThan(1));
      assertThat(table, canonical(flink.resolve(table)), equalTo(expected));
    }
    assertThat(Files.readString(flink.resolve("deals.csv"), StandardCharsets.UTF_8),
        not(containsString(portal.token())));
  }
}
