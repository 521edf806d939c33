package io.hubspotbeam.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.commons.csv.CSVPrinter;

/**
 * Joins one table's shard files under a single header into {@code {table}.csv}.
 *
 * <p>The table is first written as {@code {object}.csv.partial} and then renamed, atomically where
 * the file system allows, so a file under the final name is always complete. An object without
 * rows still gets its table, header only.
 */
final class AssembleTableFn extends DoFn<KV<String, Iterable<String>>, KV<String, String>> {
  private final String outputDirectory;
  private final Map<String, List<String>> headers;

  AssembleTableFn(String outputDirectory, Map<String, List<String>> headers) {
    this.outputDirectory = outputDirectory;
    this.headers = headers;
  }

  @ProcessElement
  public void process(
      @Element KV<String, Iterable<String>> shards, OutputReceiver<KV<String, String>> out)
      throws IOException {
    String table = shards.getKey();
    List<String> header = headers.get(table);
    if (header == null) {
      throw new IllegalStateException("no header for the table " + table);
    }
    List<Path> parts = new ArrayList<>();
    for (String shard : shards.getValue()) {
      if (!shard.isEmpty()) {
        parts.add(Paths.get(shard));
      }
    }
    parts.sort(null); // a stable order of shards, whatever order they were grouped in
    Path directory = Paths.get(outputDirectory);
    Path target = directory.resolve(table + ".csv");
    Path partial = directory.resolve(table + ".csv.partial");
    try (OutputStream file = Files.newOutputStream(partial)) {
      Writer writer = new OutputStreamWriter(file, StandardCharsets.UTF_8);
      CSVPrinter printer = new CSVPrinter(writer, TableLayout.CSV);
      printer.printRecord(header);
      printer.flush();
      for (Path part : parts) {
        Files.copy(part, file);
      }
    }
    try {
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
    }
    for (Path part : parts) {
      Files.deleteIfExists(part);
    }
    out.output(KV.of(table, target.toString()));
  }
}
