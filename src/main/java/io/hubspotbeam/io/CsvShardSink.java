package io.hubspotbeam.io;

import io.hubspotbeam.client.CrmObject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes the rows of one object's records into one shard file, without a header: shards are joined
 * under a single header by {@link AssembleTableFn}.
 */
final class CsvShardSink implements FileIO.Sink<CrmObject> {
  private static final long serialVersionUID = 1L;

  private final TableLayout layout;
  private transient CSVPrinter printer;
  private transient Counter rows;

  CsvShardSink(TableLayout layout) {
    this.layout = layout;
  }

  @Override
  public void open(WritableByteChannel channel) throws IOException {
    printer =
        new CSVPrinter(
            new BufferedWriter(
                new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8),
                1 << 16),
            TableLayout.CSV);
    rows = Metrics.counter(ReadMetrics.NAMESPACE, layout.objectType() + ".rowsWritten");
  }

  @Override
  public void write(CrmObject record) throws IOException {
    if (!record.objectType().equals(layout.objectType())) {
      throw new IllegalStateException(
          "a " + record.objectType() + " record reached the " + layout.objectType() + " table");
    }
    printer.printRecord(layout.row(record));
    rows.inc();
  }

  @Override
  public void flush() throws IOException {
    // FileIO closes the channel itself; closing the printer here would close it twice.
    printer.flush();
  }
}
