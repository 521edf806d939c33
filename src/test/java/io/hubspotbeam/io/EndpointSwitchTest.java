package io.hubspotbeam.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import io.hubspotbeam.client.AccessToken;
import io.hubspotbeam.client.BaseUrl;
import io.hubspotbeam.client.CrmObject;
import io.hubspotbeam.sandbox.SandboxPortal;
import io.hubspotbeam.sandbox.SandboxRecord;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;

/**
 * Readers move the unread rest of a range to the other endpoint when theirs is full and the
 * other has room, so neither rate limit idles while the other has work; no record is lost or
 * read twice across the moves and the runner's checkpoints.
 */
class EndpointSwitchTest {
  @Test
  void rangesMoveBetweenListAndSearchAndEveryRecordIsReadOnce() {
    try (SandboxPortal portal = SandboxPortal.builder().objectSize("contacts", 45_000)
        .extraProperties("contacts", 0).latencyMillis(5).build().start()) {
      // List paced at 15 requests/s (10 readers admitted), search at 4.5/s (5): the
      // plan splits 14 ranges between them, and whichever endpoint runs out of ranges first
      // takes over the other's rests.
      ConnectionConfig connection = ConnectionConfig.of(BaseUrl.parse(portal.baseUrl()),
          AccessToken.of(portal.token(), "the test portal")).withRequestsPerTenSeconds(150);
      DirectOptions options = PipelineOptionsFactory.create().as(DirectOptions.class);
      options.setTargetParallelism(16);
      Pipeline pipeline = Pipeline.create(options);
      PCollection<Long> ids = pipeline
          .apply(HubSpotIO.read().withConnection(connection)
              .withMinRunBeforeCheckpoint(Duration.ofMillis(300))
              .withObjects(List.of(ObjectSpec.of("contacts", List.of("hs_object_id", "email"),
                  ObjectSpec.ALL))))
          .apply(MapElements.into(TypeDescriptors.longs()).via(CrmObject::numericId));
      Set<Long> expected = new HashSet<>();
      for (SandboxRecord record : portal.data().records("contacts", false)) {
        expected.add(record.id());
      }
      PAssert.that(ids).satisfies(read -> {
        Set<Long> distinct = new HashSet<>();
        for (Long id : read) {
          assertThat("read twice: " + id, distinct.add(id), equalTo(true));
        }
        assertThat(distinct, equalTo(expected));
        return null;
      });
      PipelineResult result = pipeline.run();
      result.waitUntilFinish();
      long switched = 0;
      for (MetricResult<Long> counter : result.metrics().queryMetrics(MetricsFilter.builder()
          .addNameFilter(MetricNameFilter.named(HubSpotIO.METRICS_NAMESPACE,
              "contacts.switched")).build()).getCounters()) {
        switched += counter.getAttempted();
      }
      assertThat("ranges moved between endpoints", switched, greaterThan(0L));
      assertThat("both endpoints read", portal.stats().requests("search"), greaterThan(20L));
      assertThat(portal.stats().requests("list"), greaterThan(20L));
    }
  }
}
