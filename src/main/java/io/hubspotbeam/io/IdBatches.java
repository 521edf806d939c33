package io.hubspotbeam.io;

import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.GroupIntoBatches;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Gathers record ids into batches of up to {@code size} for batch calls, spread over
 * {@code shards} keys so that that many batches fill (and are read) in parallel.
 */
final class IdBatches
    extends PTransform<PCollection<String>, PCollection<KV<Integer, Iterable<String>>>> {
  private final int size;
  private final int shards;

  IdBatches(int size, int shards) {
    this.size = size;
    this.shards = shards;
  }

  @Override
  public PCollection<KV<Integer, Iterable<String>>> expand(PCollection<String> ids) {
    int shardCount = shards;
    return ids
        .apply("Shard", MapElements
            .into(TypeDescriptors.kvs(TypeDescriptors.integers(), TypeDescriptors.strings()))
            .via((String id) -> KV.of(Math.floorMod(id.hashCode(), shardCount), id)))
        .setCoder(KvCoder.of(VarIntCoder.of(), StringUtf8Coder.of()))
        .apply("Batch", GroupIntoBatches.ofSize(size));
  }
}
