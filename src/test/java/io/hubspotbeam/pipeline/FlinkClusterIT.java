package io.hubspotbeam.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hubspotbeam.pipeline.ExtractMainTest.Run;
import io.hubspotbeam.sandbox.SandboxPortal;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on a real Flink session cluster: one JobManager and two TaskManagers started by
 * {@code scripts/flink-cluster} as separate JVMs, the job submitted by {@code scripts/submit-flink}
 * with the bundled jar (so this runs after {@code package}, as an integration test). The CSVs must
 * equal the DirectRunner's, both TaskManagers must have read, and the token must appear nowhere
 * in the job's configuration, its plan, the cluster's logs or the scripts' output.
 */
class FlinkClusterIT {
  private static final Path ROOT = Paths.get("").toAbsolutePath();
  private static final Path STATE = ROOT.resolve("target/flink-cluster-it");
  private static final int REST_PORT = 18_181;
  private static final String MASTER = "localhost:" + REST_PORT;
  private static final String TOKEN = "pat-na1-flinkit-0f7c2a9e-5b1d-4c3e-9a8f-secret";
  private static final String TOKEN_VARIABLE = "FLINK_IT_HUBSPOT_TOKEN";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static SandboxPortal portal;

  @TempDir Path work;

  @BeforeAll
  static void startPortalAndCluster() throws Exception {
    // 24,000 contacts: planned into ranges, so both TaskManagers get pieces of one object.
    portal = SandboxPortal.builder()
        .token(TOKEN)
        .objectSize("contacts", 24_000)
        .objectSize("deals", 3_000)
        .objectSize("companies", 800)
        .build();
    portal.start();
    // A cluster left behind by a test JVM that was killed: stop it first (a no-op otherwise).
    script(Map.of(), STATE.resolve("stop-leftover.out"), 120, "scripts/flink-cluster", "stop",
        "--stateDir=" + STATE);
    script(Map.of(), STATE.resolve("start.out"), 300, "scripts/flink-cluster", "start",
        "--taskManagers=2", "--slots=2", "--restPort=" + REST_PORT, "--rpcPort=16123", "--stateDir=" + STATE);
  }

  @AfterAll
  static void stopClusterAndPortal() throws Exception {
    try {
      script(Map.of(), STATE.resolve("stop.out"), 120, "scripts/flink-cluster", "stop",
          "--stateDir=" + STATE);
    } finally {
      if (portal != null) {
        portal.close();
      }
    }
  }

  /** Runs a script of the project; fails the test with its output unless it exits 0. */
  private static String script(Map<String, String> env, Path log, int timeoutSeconds,
      String... command) throws Exception {
    Files.createDirectories(log.getParent());
    ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not end within "
          + timeoutSeconds + " s:\n" + Files.readString(log));
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(String.join(" ", command) + ":\n" + output, process.exitValue(), equalTo(0));
    return output;
  }

  private static JsonNode rest(String path) throws IOException, InterruptedException {
    return JSON.readTree(restText(path));
  }

  private static String restText(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(
        HttpRequest.newBuilder(URI.create("http://" + MASTER + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(path, response.statusCode(), equalTo(200));
    return response.body();
  }

  private static final Set<String> OBJECT_RECORDS =
      Set.of("contacts.records", "deals.records", "companies.records");

  /** The names of the job's {@code hubspot/*} metrics, as Flink keeps them for its dashboard. */
  private static Set<String> metricNames(String jobId) throws Exception {
    Set<String> names = new java.util.TreeSet<>();
    for (JsonNode vertex : rest("/jobs/" + jobId).path("vertices")) {
      String base = "/jobs/" + jobId + "/vertices/" + vertex.path("id").asText();
      for (JsonNode subtask : rest(base + "/subtasks/accumulators").path("subtasks")) {
        for (JsonNode accumulator : subtask.path("user-accumulators")) {
          if (accumulator.path("name").asText().equals("__metricscontainers")) {
            JsonNode containers = JSON.readTree(accumulator.path("value").asText());
            for (JsonNode metric : containers.path("metrics").path("attempted")) {
              if (metric.path("labels").path("NAMESPACE").asText().equals("hubspot")) {
                names.add(metric.path("labels").path("NAME").asText());
              }
            }
          }
        }
      }
    }
    return names;
  }

  /** The sum of the objects' {@code hubspot/*.records} counters of each TaskManager's subtasks. */
  private static Map<String, Long> recordsPerTaskManager(String jobId) throws Exception {
    Map<String, Long> perTaskManager = new java.util.TreeMap<>();
    for (JsonNode vertex : rest("/jobs/" + jobId).path("vertices")) {
      String base = "/jobs/" + jobId + "/vertices/" + vertex.path("id").asText();
      Map<Integer, String> taskManagerOf = new java.util.HashMap<>();
      for (JsonNode subtask : rest(base).path("subtasks")) {
        taskManagerOf.put(subtask.path("subtask").asInt(), subtask.path("taskmanager-id").asText());
      }
      for (JsonNode subtask : rest(base + "/subtasks/accumulators").path("subtasks")) {
        for (JsonNode accumulator : subtask.path("user-accumulators")) {
          if (!accumulator.path("name").asText().equals("__metricscontainers")) {
            continue;
          }
          JsonNode containers = JSON.readTree(accumulator.path("value").asText());
          for (JsonNode metric : containers.path("metrics").path("attempted")) {
            JsonNode labels = metric.path("labels");
            if (labels.path("NAMESPACE").asText().equals("hubspot")
                && OBJECT_RECORDS.contains(labels.path("NAME").asText())
                && metric.path("type").asText().equals("beam:metrics:sum_int64:v1")) {
              perTaskManager.merge(taskManagerOf.get(subtask.path("subtask").asInt()),
                  varint(java.util.Base64.getDecoder().decode(metric.path("payload").asText())),
                  Long::sum);
            }
          }
        }
      }
    }
    return perTaskManager;
  }

  private static long varint(byte[] bytes) {
    long value = 0;
    int shift = 0;
    for (byte b : bytes) {
      value |= (long) (b & 0x7F) << shift;
      shift += 7;
      if ((b & 0x80) == 0) {
        break;
      }
    }
    return value;
  }

  private List<String> options(Path output) {
    return List.of("--baseUrl=" + portal.baseUrl(), "--tokenEnv=" + TOKEN_VARIABLE,
        "--output=" + output, "--objectList=contacts,deals,companies", "--count=all",
        "--associations=deals:companies");
  }

  @Test
  void theClusterExtractsWhatTheDirectRunnerDoesOnBothTaskManagersWithoutShowingTheToken()
      throws Exception {
    Set<String> jobsBefore = new TreeSet<>();
    rest("/jobs/overview").path("jobs").forEach(j -> jobsBefore.add(j.path("jid").asText()));

    Path onCluster = work.resolve("cluster");
    List<String> submit = new ArrayList<>(List.of("scripts/submit-flink", "--flinkMaster=" + MASTER));
    submit.addAll(options(onCluster));
    String submitted = script(Map.of(TOKEN_VARIABLE, TOKEN), work.resolve("submit.out"), 600,
        submit.toArray(new String[0]));
    assertThat(submitted, containsString("records in 3 tables"));

    Path onDirect = work.resolve("direct");
    Run direct = ExtractMainTest.extract(Map.of(TOKEN_VARIABLE, TOKEN),
        options(onDirect).toArray(new String[0]));
    assertThat(direct.err(), direct.exitCode(), equalTo(0));

    // The same tables, row for row.
    List<String> tables;
    try (Stream<Path> files = Files.list(onDirect)) {
      tables = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".csv")).sorted()
          .collect(Collectors.toList());
    }
    assertThat("both runs completed", Files.exists(onDirect.resolve(RunManifest.FILE))
        && Files.exists(onCluster.resolve(RunManifest.FILE)), equalTo(true));
    try (Stream<Path> files = Files.list(onCluster)) {
      assertThat(files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".csv"))
          .sorted().collect(Collectors.toList()), equalTo(tables));
    }
    for (String table : tables) {
      assertThat(table, EmbeddedFlinkTest.canonical(onCluster.resolve(table)),
          equalTo(EmbeddedFlinkTest.canonical(onDirect.resolve(table))));
    }
    assertThat(ExtractMainTest.readTable(onCluster.resolve("contacts.csv")).size() - 1L,
        equalTo(portal.data().count("contacts", false)));

    // The job that ran, and what the cluster shows of it.
    String jobId = null;
    for (JsonNode job : rest("/jobs/overview").path("jobs")) {
      if (!jobsBefore.contains(job.path("jid").asText())) {
        jobId = job.path("jid").asText();
        assertThat(job.path("state").asText(), equalTo("FINISHED"));
      }
    }
    assertThat("a new job ran on the cluster", jobId, not(equalTo(null)));
    for (String path : List.of("/jobs/" + jobId + "/config", "/jobs/" + jobId,
        "/jobs/" + jobId + "/plan", "/jobs/" + jobId + "/accumulators", "/jobmanager/config")) {
      assertThat(path, restText(path), not(containsString(TOKEN)));
    }
    // The job's configuration does list the pipeline options (Flink masks any option whose name
    // contains "token", so even the variable's name shows as stars).
    assertThat(restText("/jobs/" + jobId + "/config"), containsString("\"apiVersion\":\"2026-03\""));

    // Both TaskManagers read pieces of the portal (the readers are a few steps, each with a
    // share of the ranges).
    List<JsonNode> readers = new java.util.ArrayList<>();
    for (JsonNode vertex : rest("/jobs/" + jobId).path("vertices")) {
      if (vertex.path("name").asText().contains("ReadHubSpot/ListPages")) {
        readers.add(vertex);
      }
    }
    assertThat("the readers' vertices", readers.isEmpty(), equalTo(false));
    Set<String> busy = new TreeSet<>();
    for (JsonNode reader : readers) {
      for (JsonNode tm : rest("/jobs/" + jobId + "/vertices/" + reader.path("id").asText()
          + "/taskmanagers").path("taskmanagers")) {
        if (tm.path("metrics").path("read-records").asLong() > 0) {
          busy.add(tm.path("taskmanager-id").asText());
        }
      }
    }
    assertThat("TaskManagers that read pieces: " + busy, busy.size(), greaterThanOrEqualTo(2));
    // ... and CRM records: Beam's counters per subtask (hubspot/{object}.records), which Flink
    // keeps as each subtask's accumulators, summed per TaskManager.
    Map<String, Long> recordsPerTaskManager = recordsPerTaskManager(jobId);
    // The figures behind the progress lines are in the dashboard too.
    Set<String> metrics = metricNames(jobId);
    for (String figure : List.of("records", "expectedRecords", "requests")) {
      assertThat(metrics + " has contacts." + figure, metrics.contains("contacts." + figure),
          equalTo(true));
    }
    long rows = 0;
    for (String table : List.of("contacts.csv", "deals.csv", "companies.csv")) {
      rows += ExtractMainTest.readTable(onCluster.resolve(table)).size() - 1;
    }
    assertThat("records read per TaskManager: " + recordsPerTaskManager,
        recordsPerTaskManager.values().stream().filter(n -> n > 0).count(), greaterThanOrEqualTo(2L));
    assertThat(recordsPerTaskManager.values().stream().mapToLong(Long::longValue).sum(),
        equalTo(rows));

    // Nor in any log of the cluster, or what the scripts printed.
    List<Path> logs;
    try (Stream<Path> files = Files.walk(STATE)) {
      logs = files.filter(Files::isRegularFile)
          .filter(f -> f.toString().endsWith(".log") || f.toString().endsWith(".out"))
          .collect(Collectors.toList());
    }
    assertThat(logs.size(), greaterThan(2));
    for (Path log : logs) {
      assertThat(log.toString(), Files.readString(log, StandardCharsets.ISO_8859_1),
          not(containsString(TOKEN)));
    }
    assertThat(Files.readString(work.resolve("submit.out")), not(containsString(TOKEN)));
    for (String table : tables) {
      assertThat(table, Files.readString(onCluster.resolve(table), StandardCharsets.UTF_8),
          not(containsString(TOKEN)));
    }
  }
}
