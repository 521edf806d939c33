package io.hubspotbeam.io;

import io.hubspotbeam.client.HubSpotException;
import io.hubspotbeam.client.RequestKind;
import io.hubspotbeam.client.RequestObserver;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;

/**
 * Beam counters for what the reader does, per object type: requests, records, retries and 429s,
 * the moments of its first and last answers, plus the runner-wide throttling counter that Beam runners read as back-pressure.
 */
final class ReadMetrics implements RequestObserver {
  /** Namespace of this project's counters; names are "{objectType}.{what}". */
  static final String NAMESPACE = HubSpotIO.METRICS_NAMESPACE;

  private final Counter throttlingMillis =
      Metrics.counter(Metrics.THROTTLE_TIME_NAMESPACE, Metrics.THROTTLE_TIME_COUNTER_NAME);
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, Distribution> answeredAt = new ConcurrentHashMap<>();

  Counter counter(String objectType, String what) {
    return counters.computeIfAbsent(
        objectType + "." + what, name -> Metrics.counter(NAMESPACE, name));
  }

  /**
   * The records the run expects of the object (the count found before the run, capped by
   * --count), as a gauge: the total that progress compares with, also in Flink's dashboard.
   */
  void expectedRecords(String objectType, long n) {
    Metrics.gauge(NAMESPACE, objectType + ".expectedRecords").set(n);
  }

  void records(String objectType, long n) {
    counter(objectType, "records").inc(n);
  }

  @Override
  public void onResponse(String objectType, RequestKind kind, int status, long latencyNanos) {
    counter(objectType, "requests").inc();
    counter(objectType, "requestMillis").inc(latencyNanos / 1_000_000);
    if (kind.isSearch()) {
      counter(objectType, "searches").inc();
    }
    // When the object's first and last answers came (min and max), for the run's manifest.
    answeredAt.computeIfAbsent(objectType,
        type -> Metrics.distribution(NAMESPACE, type + ".answeredAt"))
        .update(System.currentTimeMillis());
    if (status == 429) {
      counter(objectType, "rateLimited").inc();
    }
  }

  @Override
  public void onRetry(
      String objectType, RequestKind kind, HubSpotException failure, int attempt, long pauseMillis) {
    counter(objectType, "retries").inc();
  }

  @Override
  public void onThrottled(String objectType, RequestKind kind, long waitedMillis) {
    throttlingMillis.inc(waitedMillis);
    counter(objectType, "throttledMillis").inc(waitedMillis);
  }
}
