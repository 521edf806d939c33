package io.hubspotbeam.io;

import io.hubspotbeam.client.HubSpotClient;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.KV;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each object into its seeds: the object paired with each range of ids {@link RangePlanner}
 * plans for it, which the splittable reader then reads as its restriction. Planning is a step
 * of its own, once per object, so that the ranges can be spread over several readers (see
 * {@link HubSpotIO.Read}) that all read the same plan.
 */
final class PlanRangesFn extends DoFn<ObjectSpec, KV<ObjectSpec, ReadRange>> {
  private static final Logger LOG = LoggerFactory.getLogger(PlanRangesFn.class);

  private final ConnectionConfig connection;
  private transient HubSpotClient client;
  private transient ReadMetrics metrics;

  PlanRangesFn(ConnectionConfig connection) {
    this.connection = connection;
  }

  @Setup
  public void setup() {
    metrics = new ReadMetrics();
    client = connection.newClient(metrics);
  }

  @ProcessElement
  public void process(@Element ObjectSpec spec, OutputReceiver<KV<ObjectSpec, ReadRange>> out) {
    RangePlanner.Plan plan;
    try (ActiveReaders.Planning searchesFirst =
        ActiveReaders.of(client.rateBudget(), ReadRange.Mode.SEARCH).planning()) {
      plan = new RangePlanner(client).plan(spec);
    }
    long searched = plan.ranges().stream().filter(r -> r.mode() == ReadRange.Mode.SEARCH).count();
    LOG.info("{}: about {} records in {} range(s), {} listed and {} searched (list cursors: {})",
        spec.tableName(), plan.estimatedRecords(), plan.ranges().size(),
        plan.ranges().size() - searched, searched, plan.cursors());
    for (ReadRange range : plan.ranges()) {
      out.output(KV.of(spec, range));
    }
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    connection.populateDisplayData(builder);
  }
}
