package io.hubspotbeam.io;

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
 * Writes the rows of one table into one shard file, without a header: shards are joined under a
 * single header by {@link AssembleTableFn}.
 */
final class CsvShardSink<T> implements FileIO.Sink<T> {
  private static final long serialVersionUID = 1L;

  private final String table;
  private final TableFormat<T> format;
  private transient CSVPrinter printer;
  private transient Counter rows;

  CsvShardSink(String table, TableFormat<T> format) {
    this.table = table;
    this.format = format;
  }

  @Override
  public void open(WritableByteChannel channel) throws IOException {
    printer =
        new CSVPrinter(
            new BufferedWriter(
                new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8),
                1 << 16),
            TableLayout.CSV);
    rows = Metrics.counter(ReadMetrics.NAMESPACE, table + ".rowsWritten");
  }

  @Override
  public void write(T element) throws IOException {
    String elementTable = format.tableOf(element);
    if (!elementTable.equals(table)) {
      throw new IllegalStateException("a row of " + elementTable + " reached the " + table
          + " table");
    }
    printer.printRecord(format.cells(element));
    rows.inc();
  }

  @Override
  public void flush() throws IOException {
    // FileIO closes the channel itself; closing the printer here would close it twice.
    printer.flush();
  }
}
