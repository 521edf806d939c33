package io.hubspotbeam.sandbox;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Live counters of what the portal served, for tests and benchmarks. Endpoint kinds: "list",
 * "read" (one record), "search", "batchRead", "properties", "associations" (v4 per record),
 * "associationsBatchRead", "associationLabels", "schemas", and "unknown" for unmatched paths; a
 * call under the 2026-03 paths counts under the same kind as its v3/v4 twin.
 * A call is counted under its kind whatever its outcome (429, injected fault, error...).
 * The sandbox's own {@code /__sandbox/stats} path is never counted. The standalone portal serves
 * these counters as JSON there, so benchmarks in another process can read them.
 */
public final class SandboxStats {
  /** Which limit refused a call: keys of {@link #rateLimitedByPolicy()}. */
  enum Policy {
    /** The rolling ten-second window of the general API (TEN_SECONDLY_ROLLING). */
    TEN_SECONDLY("tenSecondly"),
    /** Search's own per-second limit. */
    SECONDLY("secondly"),
    /** The daily count shared by every call. */
    DAILY("daily");

    private final String key;

    Policy(String key) {
      this.key = key;
    }

    String key() {
      return key;
    }
  }

  /**
   * The counters at one moment, as plain values (a benchmark's before and after). Sums are taken
   * counter by counter, so calls in flight may show in one count and not yet in another.
   */
  public record Snapshot(long totalRequests, long rateLimited,
      Map<String, Long> rateLimitedByPolicy, long serverErrors, long connectionResets,
      Map<String, Long> requestsByKind, Map<Integer, Long> responsesByStatus) {
    public Snapshot {
      rateLimitedByPolicy = Map.copyOf(rateLimitedByPolicy);
      requestsByKind = Map.copyOf(requestsByKind);
      responsesByStatus = Map.copyOf(responsesByStatus);
    }
  }

  private final LongAdder total = new LongAdder();
  private final LongAdder rateLimited = new LongAdder();
  private final LongAdder serverErrors = new LongAdder();
  private final LongAdder connectionResets = new LongAdder();
  private final LongAdder malformedBodies = new LongAdder();
  private final LongAdder slowResponses = new LongAdder();
  private final LongAdder otherAppCalls = new LongAdder();
  private final Map<String, LongAdder> byKind = new ConcurrentHashMap<>();
  private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
  private final Map<Policy, LongAdder> byPolicy = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicInteger inFlight =
      new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.atomic.AtomicInteger peakInFlight =
      new java.util.concurrent.atomic.AtomicInteger();

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

  /**
   * Calls answered 429 by each limit: "tenSecondly", "secondly" (search) and "daily", every key
   * present.
   */
  public Map<String, Long> rateLimitedByPolicy() {
    Map<String, Long> snapshot = new TreeMap<>();
    for (Policy policy : Policy.values()) {
      LongAdder adder = byPolicy.get(policy);
      snapshot.put(policy.key(), adder == null ? 0 : adder.sum());
    }
    return snapshot;
  }

  /** Injected 502/503/504 answers. */
  public long serverErrors() {
    return serverErrors.sum();
  }

  /** Connections dropped without an answer. */
  public long connectionResets() {
    return connectionResets.sum();
  }

  /** Successful answers spoiled on purpose: cut in half, or a proxy's HTML page. */
  public long malformedBodies() {
    return malformedBodies.sum();
  }

  /** Answers held back on purpose for the slow-response delay. */
  public long slowResponses() {
    return slowResponses.sum();
  }

  /** Calls the simulated other integration made on the same limits (not in totalRequests). */
  public long otherAppCalls() {
    return otherAppCalls.sum();
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

  /** Every counter now, in one value. */
  public Snapshot snapshot() {
    return snapshot(false);
  }

  /**
   * Every counter now, each set back to zero as it is read, so that no call is lost between
   * the reading and the reset (a call is counted either in this snapshot or after it).
   */
  public Snapshot snapshotAndReset() {
    return snapshot(true);
  }

  /**
   * The most API calls the portal was answering at one moment since it started (not reset by
   * {@link #reset()}): whether a client overlaps its calls.
   */
  public int peakConcurrentRequests() {
    return peakInFlight.get();
  }

  void started() {
    peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
  }

  void finished() {
    inFlight.decrementAndGet();
  }

  /** Sets every counter back to zero, e.g. between two benchmark runs on one portal. */
  public void reset() {
    snapshot(true);
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

  void rateLimitedBy(Policy policy) {
    byPolicy.computeIfAbsent(policy, k -> new LongAdder()).increment();
  }

  void serverError() {
    serverErrors.increment();
  }

  void connectionReset() {
    connectionResets.increment();
  }

  void malformedBody() {
    malformedBodies.increment();
  }

  void slowResponse() {
    slowResponses.increment();
  }

  void otherAppCalls(int calls) {
    otherAppCalls.add(calls);
  }

  private Snapshot snapshot(boolean reset) {
    if (reset) {
      malformedBodies.reset();
      slowResponses.reset();
      otherAppCalls.reset();
    }
    Map<String, Long> kinds = new TreeMap<>();
    byKind.forEach((kind, adder) -> kinds.put(kind, read(adder, reset)));
    Map<Integer, Long> statuses = new TreeMap<>();
    byStatus.forEach((status, adder) -> statuses.put(status, read(adder, reset)));
    Map<String, Long> policies = new TreeMap<>();
    for (Policy policy : Policy.values()) {
      LongAdder adder = byPolicy.get(policy);
      policies.put(policy.key(), adder == null ? 0 : read(adder, reset));
    }
    return new Snapshot(read(total, reset), read(rateLimited, reset), policies,
        read(serverErrors, reset), read(connectionResets, reset), kinds, statuses);
  }

  private static long read(LongAdder adder, boolean reset) {
    return reset ? adder.sumThenReset() : adder.sum();
  }
}
