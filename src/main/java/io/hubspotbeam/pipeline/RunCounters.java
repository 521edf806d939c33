package io.hubspotbeam.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.DistributionResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/**
 * The extraction's own Beam metrics (namespace "hubspot", names "{table}.{what}") as read from a
 * finished or failed pipeline: counters summed over steps, and the first and last moments of the
 * "{table}.answeredAt" distributions (epoch milliseconds of HubSpot's answers).
 */
final class RunCounters {
  private static final String NAMESPACE = io.hubspotbeam.io.HubSpotIO.METRICS_NAMESPACE;

  private final Map<String, Long> counters;
  private final Map<String, long[]> spans;

  private RunCounters(Map<String, Long> counters, Map<String, long[]> spans) {
    this.counters = counters;
    this.spans = spans;
  }

  /** No figures: a runner that keeps none after a failure. */
  static RunCounters none() {
    return new RunCounters(Map.of(), Map.of());
  }

  /** Committed values where the runner has them, attempted ones otherwise. */
  static RunCounters of(PipelineResult result) {
    Map<String, Long> counters = new LinkedHashMap<>();
    Map<String, long[]> spans = new LinkedHashMap<>();
    MetricQueryResults metrics = result.metrics().queryMetrics(
        MetricsFilter.builder().addNameFilter(MetricNameFilter.inNamespace(NAMESPACE)).build());
    for (MetricResult<Long> counter : metrics.getCounters()) {
      counters.merge(counter.getName().getName(), value(counter), Long::sum);
    }
    for (MetricResult<DistributionResult> distribution : metrics.getDistributions()) {
      DistributionResult value = value(distribution);
      if (value == null || value.getCount() == 0) {
        continue;
      }
      spans.merge(distribution.getName().getName(), new long[] {value.getMin(), value.getMax()},
          (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
    }
    return new RunCounters(counters, spans);
  }

  private static <T> T value(MetricResult<T> metric) {
    try {
      return metric.getCommitted();
    } catch (UnsupportedOperationException e) {
      return metric.getAttempted();
    }
  }

  /** One figure summed over every table. */
  long total(String what) {
    long sum = 0;
    for (Map.Entry<String, Long> counter : counters.entrySet()) {
      if (counter.getKey().endsWith("." + what)) {
        sum += counter.getValue();
      }
    }
    return sum;
  }

  long get(String table, String what) {
    return counters.getOrDefault(table + "." + what, 0L);
  }

  /** The first and last answer HubSpot gave for the table, epoch ms, or null if none. */
  long[] answeredBetween(String table) {
    return spans.get(table + ".answeredAt");
  }

  boolean isEmpty() {
    return counters.isEmpty();
  }
}
