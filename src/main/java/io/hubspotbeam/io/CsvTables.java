package io.hubspotbeam.io;

import io.hubspotbeam.client.CrmObject;
import java.util.ArrayList;
import java.util.List;
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
 * Writes a PCollection as CSV tables, {@code {table}.csv} in a directory: records as one table per
 * object type ({@link #to}), or any elements through a {@link TableFormat} ({@link #of}).
 *
 * <p>Each bundle writes its rows into shard files in a staging directory, through the
 * {@link org.apache.beam.sdk.io.FileIO.Sink} of each table ({@link WriteShardsFn}: no GroupByKey
 * over the rows, so no runner holds them all in memory); when every shard is final, the shards
 * of each table are joined under one header and renamed into place. Output is the name and final
 * path of each table.
 */
public final class CsvTables<T> extends PTransform<PCollection<T>, PCollection<KV<String, String>>> {
  /** The staging directory's name inside the output directory; removed after a successful run. */
  public static final String STAGING_PREFIX = ".hubspot-staging-";

  private final String outputDirectory;
  private final String stagingDirectory;
  private final TableFormat<T> format;

  private CsvTables(String outputDirectory, String stagingDirectory, TableFormat<T> format) {
    this.outputDirectory = outputDirectory;
    this.stagingDirectory = stagingDirectory;
    this.format = format;
  }

  /**
   * Records, one table per object type.
   *
   * @param outputDirectory an existing local directory
   * @param stagingDirectory where shards are written before assembly (inside the output directory
   *     so that the final rename stays on one file system)
   * @param layouts one layout per object type to write; every one gets a table, even if empty
   */
  public static CsvTables<CrmObject> to(
      String outputDirectory, String stagingDirectory, List<TableLayout> layouts) {
    return of(outputDirectory, stagingDirectory, TableLayout.format(layouts));
  }

  /** Any elements, to the tables of {@code format}; every one gets a table, even if empty. */
  public static <T> CsvTables<T> of(
      String outputDirectory, String stagingDirectory, TableFormat<T> format) {
    Objects.requireNonNull(outputDirectory, "outputDirectory");
    Objects.requireNonNull(stagingDirectory, "stagingDirectory");
    if (format.headers().isEmpty()) {
      throw new IllegalArgumentException("no tables to write");
    }
    return new CsvTables<>(outputDirectory, stagingDirectory, format);
  }

  /**
   * The same tables with spreadsheet formulas defused: cells starting with = + - @ (or a tab or
   * carriage return) get a leading apostrophe. Off unless asked for, because it changes data.
   */
  public CsvTables<T> withFormulaEscaping() {
    return new CsvTables<>(outputDirectory, stagingDirectory, new FormulaEscaping<>(format));
  }

  @Override
  public PCollection<KV<String, String>> expand(PCollection<T> rows) {
    PCollection<KV<String, String>> shards =
        rows
            .apply("WriteShards", ParDo.of(new WriteShardsFn<>(stagingDirectory, format)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));

    // One empty marker per table, so that tables without rows still get a file.
    List<KV<String, String>> markers = new ArrayList<>();
    for (String table : format.headers().keySet()) {
      markers.add(KV.of(table, ""));
    }
    PCollection<KV<String, String>> everyTable =
        rows
            .getPipeline()
            .apply("EveryTable", Create.of(markers)
                .withCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())));

    return PCollectionList.of(shards)
        .and(everyTable)
        .apply("AllShards", Flatten.pCollections())
        .apply("ShardsPerTable", GroupByKey.create())
        .apply("AssembleTables",
            ParDo.of(new AssembleTableFn(outputDirectory, format.headers())));
  }
}
