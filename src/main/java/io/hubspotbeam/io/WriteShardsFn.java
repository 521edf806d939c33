package io.hubspotbeam.io;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.util.SerializableUtils;
import org.apache.beam.sdk.values.KV;

/**
 * Writes each bundle's rows into one new shard file per table (through the table's
 * {@link CsvShardSink}) and, when the bundle is done, emits the table's name and the shard's path.
 *
 * <p>This is what FileIO's runner-determined sharding does, done here because the DirectRunner
 * replaces that sharding with a fixed one behind a GroupByKey (its WriteWithShardingFactory),
 * which holds every record of the run in memory. Writing per bundle keeps memory bounded on every
 * runner. A bundle that fails leaves an orphan file in the staging directory and emits nothing,
 * so only shards of committed bundles are assembled.
 *
 * <p>The format is kept serialized, as one byte array, and deserialized in {@code @Setup}. For
 * every bundle the DirectRunner serializes and deserializes a ParDo's DoFn twice (to read the
 * step's schema information and side-input mapping from its portable form) and never uses those
 * copies: as objects, the column names of every table (over a thousand in the benchmark's
 * portal) were copied and rebuilt for each of thousands of bundles.
 */
final class WriteShardsFn<T> extends DoFn<T, KV<String, String>> {
  private final String stagingDirectory;
  private final byte[] serializedFormat;
  private transient TableFormat<T> format;
  private transient Map<String, OpenShard<T>> open;

  WriteShardsFn(String stagingDirectory, TableFormat<T> format) {
    this.stagingDirectory = stagingDirectory;
    this.serializedFormat = SerializableUtils.serializeToByteArray(format);
  }

  @Setup
  @SuppressWarnings("unchecked")
  public void setup() throws IOException {
    format = (TableFormat<T>) SerializableUtils.deserializeFromByteArray(serializedFormat,
        "the table format");
    Files.createDirectories(Paths.get(stagingDirectory));
  }

  @StartBundle
  public void startBundle() {
    open = new HashMap<>();
  }

  @ProcessElement
  public void process(@Element T element) throws IOException {
    String table = format.tableOf(element);
    OpenShard<T> shard = open.get(table);
    if (shard == null) {
      shard = openShard(table);
      open.put(table, shard);
    }
    shard.sink.write(element);
    format.written(element);
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext context) throws IOException {
    for (Map.Entry<String, OpenShard<T>> entry : open.entrySet()) {
      OpenShard<T> shard = entry.getValue();
      shard.sink.flush();
      shard.channel.close();
      context.output(KV.of(entry.getKey(), shard.path.toString()),
          GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
    }
    open = null;
  }

  @Teardown
  public void teardown() {
    // Only reached with shards open when a bundle failed: release the files, emit nothing.
    if (open != null) {
      for (OpenShard<T> shard : open.values()) {
        try {
          shard.channel.close();
        } catch (IOException ignored) {
          // The shard is abandoned either way.
        }
      }
    }
  }

  private OpenShard<T> openShard(String table) throws IOException {
    if (!format.headers().containsKey(table)) {
      throw new IllegalStateException("a row of " + table + " has no table to go to");
    }
    Path path = Paths.get(stagingDirectory, table + "-" + UUID.randomUUID() + ".csv.part");
    WritableByteChannel channel =
        Files.newByteChannel(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    CsvShardSink<T> sink = new CsvShardSink<>(table, format);
    sink.open(channel);
    return new OpenShard<>(path, channel, sink);
  }

  private record OpenShard<T>(Path path, WritableByteChannel channel, CsvShardSink<T> sink) {}
}
