package io.hubspotbeam.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;

/** Encodes a {@link TableRow}: table name, cell count, then each cell (null allowed). */
final class TableRowCoder extends AtomicCoder<TableRow> {
  private static final TableRowCoder INSTANCE = new TableRowCoder();
  private static final StringUtf8Coder TEXT = StringUtf8Coder.of();
  private static final NullableCoder<String> CELL = NullableCoder.of(TEXT);
  private static final VarIntCoder COUNT = VarIntCoder.of();

  static TableRowCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(TableRow row, OutputStream out) throws IOException {
    TEXT.encode(row.table(), out);
    String[] cells = row.cellArray();
    COUNT.encode(cells.length, out);
    for (String cell : cells) {
      CELL.encode(cell, out);
    }
  }

  @Override
  public TableRow decode(InputStream in) throws IOException {
    String table = TEXT.decode(in);
    int count = COUNT.decode(in);
    if (count < 0) {
      throw new IOException("a negative cell count: " + count);
    }
    String[] cells = new String[count];
    for (int i = 0; i < count; i++) {
      cells[i] = CELL.decode(in);
    }
    return new TableRow(table, cells);
  }
}
