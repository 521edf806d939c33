package io.hubspotbeam.io;

import io.hubspotbeam.client.CrmObject;
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
import org.apache.beam.sdk.values.KV;

/**
 * Writes each bundle's records into one new shard file per object type (through the object's
 * {@link CsvShardSink}) and, when the bundle is done, emits the shard's path.
 *
 * <p>This is what FileIO's runner-determined sharding does, done here because the DirectRunner
 * replaces that sharding with a fixed one behind a GroupByKey (its WriteWithShardingFactory),
 * which holds every record of the run in memory. Writing per bundle keeps memory bounded on every
 * runner. A bundle that fails leaves an orphan file in the staging directory and emits nothing,
 * so only shards of committed bundles are assembled.
 */
final class WriteShardsFn extends DoFn<CrmObject, KV<String, String>> {
  private final String stagingDirectory;
  private final Map<String, TableLayout> layouts;
  private transient Map<String, OpenShard> open;

  WriteShardsFn(String stagingDirectory, Map<String, TableLayout> layouts) {
    this.stagingDirectory = stagingDirectory;
    this.layouts = layouts;
  }

  @Setup
  public void setup() throws IOException {
    Files.createDirectories(Paths.get(stagingDirectory));
  }

  @StartBundle
  public void startBundle() {
    open = new HashMap<>();
  }

  @ProcessElement
  public void process(@Element CrmObject record) throws IOException {
    OpenShard shard = open.get(record.objectType());
    if (shard == null) {
      shard = openShard(record.objectType());
      open.put(record.objectType(), shard);
    }
    shard.sink.write(record);
    InFlightRecords.written(InFlightRecords.valuesOf(record));
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext context) throws IOException {
    for (Map.Entry<String, OpenShard> entry : open.entrySet()) {
      OpenShard shard = entry.getValue();
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
      for (OpenShard shard : open.values()) {
        try {
          shard.channel.close();
        } catch (IOException ignored) {
          // The shard is abandoned either way.
        }
      }
    }
  }

  private OpenShard openShard(String objectType) throws IOException {
    TableLayout layout = layouts.get(objectType);
    if (layout == null) {
      throw new IllegalStateException("a " + objectType + " record has no table to go to");
    }
    Path path = Paths.get(stagingDirectory, objectType + "-" + UUID.randomUUID() + ".csv.part");
    WritableByteChannel channel =
        Files.newByteChannel(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    CsvShardSink sink = new CsvShardSink(layout);
    sink.open(channel);
    return new OpenShard(path, channel, sink);
  }

  private record OpenShard(Path path, WritableByteChannel channel, CsvShardSink sink) {}
}
