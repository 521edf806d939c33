package io.hubspotbeam.sandbox;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Live counters of what the portal served, for tests and benchmarks. Endpoint kinds: "list",
 * "read" (one record), "search", "batchRead", "properties", "associations" (v4 per record),
 * "associationsBatchRead", "associationLabels", "schemas", and "unknown" for unmatched paths.
 * A call is counted under its kind whatever its outcome (429, injected fault, error...).
 */
public final class SandboxStats {
  private final LongAdder total = new LongAdder();
  private final LongAdder rateLimited = new LongAdder();
  private final LongAdder serverErrors = new LongAdder();
  private final LongAdder connectionResets = new LongAdder();
  private final Map<String, LongAdder> byKind = new ConcurrentHashMap<>();
  private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();

  public long totalRequests() {
    return total.sum();
  }

  public long requests(String endpointKind) {
    LongAdder adder = byKind.get(endpointKind);
    return adder == null ? 0 : adder.sum();
  }

  /** Calls answered 429, by any of the limits. */
  public long rateLimited() {
    return rateLimited.sum();
  }

  /** Injected 502/503/504 answers. */
  public long serverErrors() {
    return serverErrors.sum();
  }

  /** Connections dropped without an answer. */
  public long connectionResets() {
    return connectionResets.sum();
  }

  /** Answers sent with the HTTP status (dropped connections have none). */
  public long responses(int status) {
    LongAdder adder = byStatus.get(status);
    return adder == null ? 0 : adder.sum();
  }

  /** A snapshot of the per-kind counts, sorted by kind. */
  public Map<String, Long> requestsByKind() {
    Map<String, Long> snapshot = new TreeMap<>();
    byKind.forEach((kind, adder) -> snapshot.put(kind, adder.sum()));
    return snapshot;
  }

  @Override
  public String toString() {
    return "SandboxStats{total=" + totalRequests() + ", byKind=" + requestsByKind()
        + ", rateLimited=" + rateLimited() + ", serverErrors=" + serverErrors()
        + ", connectionResets=" + connectionResets() + "}";
  }

  void request(String kind) {
    total.increment();
    byKind.computeIfAbsent(kind, k -> new LongAdder()).increment();
  }

  void answered(int status) {
    byStatus.computeIfAbsent(status, k -> new LongAdder()).increment();
    if (status == 429) {
      rateLimited.increment();
    }
  }

  void serverError() {
    serverErrors.increment();
  }

  void connectionReset() {
    connectionResets.increment();
  }
}
