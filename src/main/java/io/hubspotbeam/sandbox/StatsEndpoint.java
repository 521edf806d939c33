package io.hubspotbeam.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /__sandbox/stats[?reset=true]}: the sandbox's own path, not part of HubSpot's API.
 * Answers the {@link SandboxStats} counters and every object's current size as JSON, so that a
 * benchmark can read a standalone portal from another process. With reset=true the counters
 * are read and zeroed in one step (the answer holds the values before the reset). The handler
 * serves it before authentication, faults, latency and limits, and does not count it, so that
 * watching the portal never changes what is being watched.
 */
final class StatsEndpoint {
  static final String PATH = "/__sandbox/stats";

  private final SandboxStats stats;
  private final SandboxData data;

  StatsEndpoint(SandboxStats stats, SandboxData data) {
    this.stats = stats;
    this.data = data;
  }

  ApiResponse answer(String method, String rawQuery) {
    try {
      if (!method.equals("GET")) {
        throw ApiException.methodNotAllowed(method, List.of("GET"));
      }
      ApiRequest request = new ApiRequest(method, PATH, rawQuery, new byte[0], "");
      boolean reset = request.booleanParam("reset");
      SandboxStats.Snapshot snapshot = reset ? stats.snapshotAndReset() : stats.snapshot();
      return ApiResponse.json(200, body(snapshot, reset));
    } catch (ApiException e) {
      return ApiResponse.error(e);
    }
  }

  private ObjectNode body(SandboxStats.Snapshot snapshot, boolean reset) {
    ObjectNode body = Json.object();
    body.put("totalRequests", snapshot.totalRequests());
    body.put("rateLimited", snapshot.rateLimited());
    putAll(body.putObject("rateLimitedByPolicy"), snapshot.rateLimitedByPolicy());
    body.put("serverErrors", snapshot.serverErrors());
    body.put("connectionResets", snapshot.connectionResets());
    putAll(body.putObject("requestsByKind"), snapshot.requestsByKind());
    ObjectNode statuses = body.putObject("responsesByStatus");
    new java.util.TreeMap<>(snapshot.responsesByStatus())
        .forEach((status, count) -> statuses.put(Integer.toString(status), count));
    ObjectNode sizes = body.putObject("sizes");
    for (String type : data.objectTypes()) {
      sizes.put(type, data.size(type));
    }
    body.put("reset", reset);
    return body;
  }

  private static void putAll(ObjectNode node, Map<String, Long> counts) {
    new java.util.TreeMap<>(counts).forEach(node::put);
  }
}
