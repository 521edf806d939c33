package io.hubspotbeam.io;

import io.hubspotbeam.client.CrmObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;

/**
 * Writes records as one CSV table per object type, {@code {objectType}.csv} in a directory, with
 * the columns of each object's {@link TableLayout}.
 *
 * <p>Each bundle writes its records into shard files in a staging directory, through the
 * {@link org.apache.beam.sdk.io.FileIO.Sink} of each object ({@link WriteShardsFn}: no GroupByKey
 * over the records, so no runner holds them all in memory); when every shard is final, the shards
 * of each object are joined under one header and renamed into place. Output is the object type
 * and final path of each table.
 */
public final class CsvTables extends PTransform<PCollection<CrmObject>, PCollection<KV<String, String>>> {
  /** The staging directory's name inside the output directory; removed after a successful run. */
  public static final String STAGING_PREFIX = ".hubspot-staging-";

  private final String outputDirectory;
  private final String stagingDirectory;
  private final Map<String, TableLayout> layouts;

  private CsvTables(String outputDirectory, String stagingDirectory, Map<String, TableLayout> layouts) {
    this.outputDirectory = outputDirectory;
    this.stagingDirectory = stagingDirectory;
    this.layouts = layouts;
  }

  /**
   * @param outputDirectory an existing local directory
   * @param stagingDirectory where shards are written before assembly (inside the output directory
   *     so that the final rename stays on one file system)
   * @param layouts one layout per object type to write; every one gets a table, even if empty
   */
  public static CsvTables to(
      String outputDirectory, String stagingDirectory, List<TableLayout> layouts) {
    Objects.requireNonNull(outputDirectory, "outputDirectory");
    Objects.requireNonNull(stagingDirectory, "stagingDirectory");
    Map<String, TableLayout> byObject = new LinkedHashMap<>();
    for (TableLayout layout : layouts) {
      if (byObject.put(layout.objectType(), layout) != null) {
        throw new IllegalArgumentException("two table layouts for " + layout.objectType());
      }
    }
    if (byObject.isEmpty()) {
      throw new IllegalArgumentException("no tables to write");
    }
    return new CsvTables(outputDirectory, stagingDirectory, byObject);
  }

  @Override
  public PCollection<KV<String, String>> expand(PCollection<CrmObject> records) {
    PCollection<KV<String, String>> shards =
        records
            .apply("WriteShards", ParDo.of(new WriteShardsFn(stagingDirectory, layouts)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));

    // One empty marker per object, so that objects without records still get a table.
    List<KV<String, String>> markers = new ArrayList<>();
    for (String objectType : layouts.keySet()) {
      markers.add(KV.of(objectType, ""));
    }
    PCollection<KV<String, String>> everyObject =
        records
            .getPipeline()
            .apply("EveryObject", Create.of(markers)
                .withCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())));

    return PCollectionList.of(shards)
        .and(everyObject)
        .apply("AllShards", Flatten.pCollections())
        .apply("ShardsPerObject", GroupByKey.create())
        .apply("AssembleTables", ParDo.of(new AssembleTableFn(outputDirectory, layouts)));
  }
}
