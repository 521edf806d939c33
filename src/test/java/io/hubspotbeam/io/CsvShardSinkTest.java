package io.hubspotbeam.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvShardSinkTest {
  private static final List<String> HEADER = List.of("id", "name", "note", "empty");

  /** Rows whose cells need every kind of care: quotes, separators, line breaks, nulls. */
  private static final List<TableRow> ROWS = List.of(
      TableRow.of("t", List.of("1", "plain", "a \"quoted\" word", "")),
      TableRow.of("t", Arrays.asList("2", "comma, inside", "line\r\nbreak\nand\rreturn", null)),
      TableRow.of("t", Arrays.asList("3", null, "\"", "ü ☃ 𝄞")),
      TableRow.of("t", Arrays.asList("4", "  spaces  ", "=1+2", "\t")));

  @TempDir Path dir;

  @Test
  void writesTheSameBytesAsPrintingStraightIntoTheFile() throws IOException {
    Path shard = write(ROWS);

    StringWriter expected = new StringWriter();
    try (CSVPrinter printer = new CSVPrinter(expected, TableLayout.CSV)) {
      for (TableRow row : ROWS) {
        printer.printRecord(row.cells());
      }
    }
    assertThat(Files.readString(shard, StandardCharsets.UTF_8), equalTo(expected.toString()));
  }

  @Test
  void rowsReadBackCellForCellWithNullsApartFromEmptyStrings() throws IOException {
    Path shard = write(ROWS);

    List<List<String>> read = new ArrayList<>();
    try (CSVParser parser = CSVParser.parse(
        new StringReader(Files.readString(shard, StandardCharsets.UTF_8)), TableLayout.CSV)) {
      for (CSVRecord record : parser) {
        read.add(record.toList());
      }
    }
    assertThat(read, contains(
        List.of("1", "plain", "a \"quoted\" word", ""),
        Arrays.asList("2", "comma, inside", "line\r\nbreak\nand\rreturn", null),
        Arrays.asList("3", null, "\"", "ü ☃ 𝄞"),
        List.of("4", "  spaces  ", "=1+2", "\t")));
  }

  @Test
  void aRowOfAnotherTableIsRefused() throws IOException {
    CsvShardSink<TableRow> sink = new CsvShardSink<>("t", TableRow.format(Map.of("t", HEADER)));
    try (FileChannel channel = FileChannel.open(dir.resolve("shard.csv"),
        StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      sink.open(channel);
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> sink.write(TableRow.of("other", List.of("1", "a", "b", "c"))));
      assertThat(e.getMessage(), equalTo("a row of other reached the t table"));
    }
  }

  private Path write(List<TableRow> rows) throws IOException {
    Path shard = dir.resolve("shard.csv");
    CsvShardSink<TableRow> sink = new CsvShardSink<>("t", TableRow.format(Map.of("t", HEADER)));
    try (FileChannel channel = FileChannel.open(shard,
        StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      sink.open(channel);
      for (TableRow row : rows) {
        sink.write(row);
      }
      sink.flush();
    }
    return shard;
  }
}
