package io.hubspotbeam.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Set;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * How many JVMs will call HubSpot at once, so that each takes its share of the portal's rate
 * limits: one for the DirectRunner and the embedded Flink runner, the number of TaskManagers of a
 * Flink cluster (asked from its REST API, {@code GET /overview}) when the job is submitted to one.
 */
final class WorkerJvms {
  private static final Set<String> EMBEDDED = Set.of("[local]", "[auto]", "[collection]", "");

  private WorkerJvms() {}

  /** The share of the budget per JVM: {@code --budgetShare} if given, else 1 / worker JVMs. */
  static double budgetShare(ExtractOptions options) {
    double given = options.getBudgetShare();
    if (given != 0) {
      if (!(given > 0 && given <= 1)) {
        throw new InvalidInputException(
            "--budgetShare must be in (0, 1] (or 0 to decide from the runner), got " + given);
      }
      return given;
    }
    return 1.0 / count(options);
  }

  static int count(PipelineOptions options) {
    if (options.getRunner() == null
        || !options.getRunner().getSimpleName().equals("FlinkRunner")) {
      return 1;
    }
    String master = options.as(FlinkPipelineOptions.class).getFlinkMaster();
    if (master == null || EMBEDDED.contains(master.strip())) {
      return 1;
    }
    return taskManagers(master.strip());
  }

  /** The TaskManagers registered with the cluster whose REST API is at {@code master}. */
  static int taskManagers(String master) {
    String base = master.startsWith("http://") || master.startsWith("https://")
        ? master : "http://" + master;
    URI overview = URI.create(base.replaceAll("/+$", "") + "/overview");
    try {
      HttpURLConnection connection = (HttpURLConnection) overview.toURL().openConnection();
      connection.setConnectTimeout(5_000);
      connection.setReadTimeout(10_000);
      try (InputStream in = connection.getInputStream()) {
        JsonNode body = new ObjectMapper().readTree(in);
        int taskManagers = body.path("taskmanagers").asInt(0);
        if (taskManagers < 1) {
          throw new InvalidInputException("the Flink cluster at " + master
              + " has no TaskManager registered; start one (scripts/flink-cluster status)");
        }
        return taskManagers;
      } finally {
        connection.disconnect();
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidInputException("cannot ask the Flink cluster at " + master
          + " how many TaskManagers share the rate limit (" + e.getClass().getSimpleName() + ": "
          + e.getMessage() + "); is it running? Or set each TaskManager's share yourself, e.g. --budgetShare=0.5 for two");
    }
  }
}
