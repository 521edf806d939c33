package io.hubspotbeam.io;

import io.hubspotbeam.client.Association;
import io.hubspotbeam.client.CrmObject;
import io.hubspotbeam.client.HubSpotClient;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Partition;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Beam transforms that read a HubSpot portal's CRM objects.
 *
 * <pre>{@code
 * PCollection<CrmObject> records = pipeline.apply(
 *     HubSpotIO.read()
 *         .withConnection(ConnectionConfig.of(BaseUrl.parse("https://api.hubapi.com"), token))
 *         .withObjects(List.of(ObjectSpec.of("deals", List.of("dealname", "amount"), ObjectSpec.ALL))));
 * }</pre>
 *
 * <p>Each object is planned into seeds, the object with one range of its ids each (the planning
 * searches read a page of records each, which join the readers'); splittable readers page
 * through the ranges, drawing on one rate budget per portal and JVM. Failures are
 * not swallowed: a request that still fails after its retries fails the pipeline with HubSpot's
 * category, message and correlation id.
 */
public final class HubSpotIO {
  /**
   * The namespace of the Beam metrics the reads and the CSV sinks report, named
   * "{table}.{what}": requests, searches, requestMillis (time spent waiting for answers),
   * records, retries, rateLimited, throttledMillis (time spent waiting on the rate limit),
   * rowsWritten, the gauge expectedRecords (the count found before the run), and
   * the distribution answeredAt (epoch ms of each HubSpot answer).
   */
  public static final String METRICS_NAMESPACE = "hubspot";

  private HubSpotIO() {}

  /** A read of nothing yet: set the connection and the objects. */
  public static Read read() {
    return new Read(null, List.of(), DEFAULT_MIN_RUN_BEFORE_CHECKPOINT);
  }

  /** A read of associations of nothing yet: set the connection and the pair of objects. */
  public static ReadAssociations readAssociations() {
    return new ReadAssociations(null, null, null, HubSpotClient.MAX_ASSOCIATION_BATCH,
        DEFAULT_ASSOCIATION_SHARDS);
  }

  /** Batches of ids read at once, at most; enough for both TaskManagers of a small cluster. */
  public static final int DEFAULT_ASSOCIATION_SHARDS = 16;

  /**
   * Ids per shard aimed at when the number of ids is known: below HubSpot's 1,000 per batch read,
   * so that the ids a hash gives one shard above the average still fit in one batch.
   */
  static final int IDS_PER_SHARD = 800;

  /**
   * Shards for reading the associations of about {@code expectedIds} records: one per
   * {@link #IDS_PER_SHARD} ids, at most {@link #DEFAULT_ASSOCIATION_SHARDS}; that many when the
   * number is not known (negative). Every shard with an id costs at least one batch read, so 50
   * changed deals spread over 16 shards cost 16 requests where one holds them all.
   */
  public static int associationShards(long expectedIds) {
    if (expectedIds < 0) {
      return DEFAULT_ASSOCIATION_SHARDS;
    }
    long shards = (expectedIds + IDS_PER_SHARD - 1) / IDS_PER_SHARD;
    return (int) Math.max(1, Math.min(DEFAULT_ASSOCIATION_SHARDS, shards));
  }

  /**
   * Readers of the seeds, each a step of its own that gets about a quarter of the ranges. The
   * DirectRunner resumes the checkpointed readers of one step together, after the last of them
   * has stopped: with all ranges in one step the list endpoint idled about a second in every
   * four while the slowest reader finished its page (18% of a Professional-limits run). Readers
   * in different steps stop and resume independently, so the budget always has readers.
   */
  static final int READER_LANES = 4;

  /** See {@link Read#withMinRunBeforeCheckpoint}. */
  static final Duration DEFAULT_MIN_RUN_BEFORE_CHECKPOINT = Duration.ofSeconds(2);

  /** Reads the records of the configured objects. Immutable: each {@code withX} returns a copy. */
  public static final class Read extends PTransform<PBegin, PCollection<CrmObject>> {
    private final ConnectionConfig connection;
    private final List<ObjectSpec> objects;
    private final Duration minRunBeforeCheckpoint;

    private Read(ConnectionConfig connection, List<ObjectSpec> objects,
        Duration minRunBeforeCheckpoint) {
      this.connection = connection;
      this.objects = objects;
      this.minRunBeforeCheckpoint = minRunBeforeCheckpoint;
    }

    public Read withConnection(ConnectionConfig connection) {
      return new Read(Objects.requireNonNull(connection, "connection"), objects,
          minRunBeforeCheckpoint);
    }

    /**
     * How long a reader works before it accepts a runner's checkpoint (default 2 s). The
     * DirectRunner holds a reader's output in memory until it checkpoints, and resumes the rest
     * about a second later: longer runs cost memory, shorter ones idle time (hidden when there
     * are more pieces to read than threads). Zero accepts every checkpoint, which tests use to
     * exercise resumption hard.
     */
    public Read withMinRunBeforeCheckpoint(Duration duration) {
      if (duration.isNegative()) {
        throw new IllegalArgumentException(
            "withMinRunBeforeCheckpoint must not be negative, got " + duration);
      }
      return new Read(connection, objects, duration);
    }

    /** The objects to read, each at most once. */
    public Read withObjects(List<ObjectSpec> objects) {
      Objects.requireNonNull(objects, "objects");
      long distinct =
          objects.stream().map(o -> o.objectType() + "/" + o.archived()).distinct().count();
      if (distinct != objects.size()) {
        throw new IllegalArgumentException("withObjects: an object type is listed twice: " + objects);
      }
      return new Read(connection, List.copyOf(objects), minRunBeforeCheckpoint);
    }

    @Override
    public PCollection<CrmObject> expand(PBegin input) {
      if (connection == null) {
        throw new IllegalStateException("HubSpotIO.read() needs withConnection(...)");
      }
      if (objects.isEmpty()) {
        throw new IllegalStateException("HubSpotIO.read() needs at least one object in withObjects(...)");
      }
      PCollectionTuple planned = input
          .apply("Objects", Create.of(objects).withCoder(SerializableCoder.of(ObjectSpec.class)))
          .apply("PlanRanges", ParDo.of(new PlanRangesFn(connection))
              .withOutputTags(PlanRangesFn.RANGES, TupleTagList.of(PlanRangesFn.RECORDS)));
      PCollection<CrmObject> readPlanning =
          planned.get(PlanRangesFn.RECORDS).setCoder(CrmObjectCoder.of());
      PCollectionList<KV<ObjectSpec, ReadRange>> lanes = planned.get(PlanRangesFn.RANGES)
          .setCoder(KvCoder.of(SerializableCoder.of(ObjectSpec.class),
              SerializableCoder.of(ReadRange.class)))
          .apply("SpreadSeeds", Reshuffle.viaRandomKey())
          .apply("Lanes", Partition.of(READER_LANES, (seed, n) -> Math.floorMod(
              Objects.hash(seed.getKey().objectType(), seed.getValue().fromId()), n)));
      PCollectionList<CrmObject> read = PCollectionList.of(readPlanning);
      for (int lane = 0; lane < READER_LANES; lane++) {
        read = read.and(lanes.get(lane)
            .apply("ListPages" + (lane == 0 ? "" : "-" + lane),
                ParDo.of(new ReadObjectFn(connection, minRunBeforeCheckpoint)))
            .setCoder(CrmObjectCoder.of()));
      }
      return read.apply("AllRecords", Flatten.pCollections());
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      super.populateDisplayData(builder);
      if (connection != null) {
        connection.populateDisplayData(builder);
      }
      builder.add(
          DisplayData.item(
                  "objects",
                  objects.stream().map(ObjectSpec::toString).collect(Collectors.joining(", ")))
              .withLabel("Objects"));
    }
  }

  /**
   * Reads every association of the given records of one object with records of another: the ids
   * are gathered into batches of up to 1,000 (HubSpot's limit for one association batch read,
   * so a million records cost about a thousand requests), and each record's cursor is followed
   * until its associations are complete. Input: record ids of the from-object; output: one
   * {@link Association} per associated pair, with all its types.
   */
  public static final class ReadAssociations
      extends PTransform<PCollection<String>, PCollection<Association>> {
    private final ConnectionConfig connection;
    private final String fromType;
    private final String toType;
    private final int batchSize;
    private final int shards;

    private ReadAssociations(ConnectionConfig connection, String fromType, String toType,
        int batchSize, int shards) {
      this.connection = connection;
      this.fromType = fromType;
      this.toType = toType;
      this.batchSize = batchSize;
      this.shards = shards;
    }

    public ReadAssociations withConnection(ConnectionConfig connection) {
      return new ReadAssociations(Objects.requireNonNull(connection, "connection"), fromType,
          toType, batchSize, shards);
    }

    /** The associations of records of {@code fromType} with records of {@code toType}. */
    public ReadAssociations between(String fromType, String toType) {
      return new ReadAssociations(connection, Objects.requireNonNull(fromType, "fromType"),
          Objects.requireNonNull(toType, "toType"), batchSize, shards);
    }

    /** Records per batch read, 1 to 1,000 (default 1,000). */
    public ReadAssociations withBatchSize(int batchSize) {
      if (batchSize < 1 || batchSize > HubSpotClient.MAX_ASSOCIATION_BATCH) {
        throw new IllegalArgumentException("the association batch size must be 1.."
            + HubSpotClient.MAX_ASSOCIATION_BATCH + ", got " + batchSize);
      }
      return new ReadAssociations(connection, fromType, toType, batchSize, shards);
    }

    /**
     * Batches filled and read in parallel, 1 to {@link #DEFAULT_ASSOCIATION_SHARDS} (the
     * default). Each shard that receives an id costs at least one request, so a read of few
     * ids wants few shards: see {@link HubSpotIO#associationShards(long)}.
     */
    public ReadAssociations withShards(int shards) {
      if (shards < 1 || shards > DEFAULT_ASSOCIATION_SHARDS) {
        throw new IllegalArgumentException("the association shards must be 1.."
            + DEFAULT_ASSOCIATION_SHARDS + ", got " + shards);
      }
      return new ReadAssociations(connection, fromType, toType, batchSize, shards);
    }

    @Override
    public PCollection<Association> expand(PCollection<String> ids) {
      if (connection == null || fromType == null) {
        throw new IllegalStateException(
            "HubSpotIO.readAssociations() needs withConnection(...) and between(...)");
      }
      return ids
          .apply("Batches", new IdBatches(batchSize, shards))
          .apply("ReadAssociations", ParDo.of(new ReadAssociationsFn(connection, fromType,
              toType)))
          .setCoder(AssociationCoder.of());
    }

    @Override
    public void populateDisplayData(DisplayData.Builder builder) {
      super.populateDisplayData(builder);
      if (connection != null) {
        connection.populateDisplayData(builder);
      }
      builder.addIfNotNull(DisplayData.item("from", fromType).withLabel("From object"))
          .addIfNotNull(DisplayData.item("to", toType).withLabel("To object"))
          .add(DisplayData.item("batchSize", batchSize).withLabel("Records per batch read"))
          .add(DisplayData.item("shards", shards).withLabel("Batches read in parallel"));
    }
  }
}
