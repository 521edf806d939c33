package io.hubspotbeam.io;

import io.hubspotbeam.client.CrmObject;
import io.hubspotbeam.client.HubSpotClient;
import io.hubspotbeam.client.RateBudget;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.transforms.splittabledofn.RestrictionTracker;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each object into its seeds: the object paired with each range of ids {@link RangePlanner}
 * plans for it, which the splittable reader then reads as its restriction. Planning is a step
 * of its own, once per object, so that the ranges can be spread over several readers (see
 * {@link HubSpotIO.Read}) that all read the same plan.
 *
 * <p>The boundary searches read a page of records each ({@link #RECORDS}), which join the
 * readers' records. The walk is itself splittable ({@link WalkTracker}): each search's ranges
 * and page leave as it is made, so readers start on a big object's first ranges while its later
 * boundaries are still being found, and no more than a page waits in memory. Its searches go
 * before the readers' ({@link RateBudget#searchesFirst()}).
 */
@DoFn.BoundedPerElement
final class PlanRangesFn extends DoFn<ObjectSpec, KV<ObjectSpec, ReadRange>> {
  private static final Logger LOG = LoggerFactory.getLogger(PlanRangesFn.class);

  /** The seeds: the object with one range each. */
  static final TupleTag<KV<ObjectSpec, ReadRange>> RANGES =
      new TupleTag<KV<ObjectSpec, ReadRange>>() {};
  /** The records the boundary searches read. */
  static final TupleTag<CrmObject> RECORDS = new TupleTag<CrmObject>() {};

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

  @GetInitialRestriction
  public RangePlanner.Walk initialRestriction(@Element ObjectSpec spec) {
    return RangePlanner.Walk.START;
  }

  @NewTracker
  public WalkTracker newTracker(@Restriction RangePlanner.Walk walk) {
    return new WalkTracker(walk);
  }

  @GetRestrictionCoder
  public Coder<RangePlanner.Walk> restrictionCoder() {
    return SerializableCoder.of(RangePlanner.Walk.class);
  }

  @ProcessElement
  public ProcessContinuation process(
      @Element ObjectSpec spec,
      RestrictionTracker<RangePlanner.Walk, RangePlanner.Walk> tracker,
      MultiOutputReceiver out) {
    RangePlanner planner = new RangePlanner(client);
    RangePlanner.Walk walk = tracker.currentRestriction();
    try (RateBudget.SearchesFirst first = client.rateBudget().searchesFirst()) {
      while (!walk.finished()) {
        if (tracker.currentRestriction().finished()) {
          return ProcessContinuation.stop(); // checkpointed: the rest is the residual's
        }
        RangePlanner.Step step = planner.next(spec, walk);
        if (!tracker.tryClaim(step.walk())) {
          return ProcessContinuation.stop();
        }
        for (ReadRange range : step.ranges()) {
          out.get(RANGES).output(KV.of(spec, range));
        }
        emit(spec, step, out);
        walk = step.walk();
      }
    }
    LOG.info("{}: about {} records in {} range(s), {} listed and {} searched, {} read while"
            + " planning (list cursors: {})", spec.tableName(), walk.wanted(), walk.ranges(),
        walk.ranges() - walk.searched(), walk.searched(), walk.read(), walk.cursors());
    return ProcessContinuation.stop();
  }

  private void emit(ObjectSpec spec, RangePlanner.Step step, MultiOutputReceiver out) {
    if (step.records().isEmpty()) {
      return;
    }
    int emitted = InFlightRecords.output(step.records(), record -> true, out.get(RECORDS)::output);
    metrics.records(spec.tableName(), emitted);
    ProgressLog.of(spec.tableName()).add(step.records().size());
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    connection.populateDisplayData(builder);
  }
}
