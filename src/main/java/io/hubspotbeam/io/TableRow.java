package io.hubspotbeam.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A row of a named table whose cells are computed (association and joined tables). */
public final class TableRow {
  private final String table;
  private final String[] cells;

  TableRow(String table, String[] cells) {
    this.table = Objects.requireNonNull(table, "table");
    this.cells = cells;
  }

  public static TableRow of(String table, List<String> cells) {
    return new TableRow(table, cells.toArray(new String[0]));
  }

  public String table() {
    return table;
  }

  public List<String> cells() {
    return Collections.unmodifiableList(Arrays.asList(cells));
  }

  String[] cellArray() {
    return cells;
  }

  /** The format that writes rows to the tables named in {@code headers}. */
  public static TableFormat<TableRow> format(Map<String, List<String>> headers) {
    Map<String, List<String>> copy = new java.util.LinkedHashMap<>();
    headers.forEach((table, header) -> copy.put(table, new ArrayList<>(header)));
    return new Format(copy);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TableRow row && row.table.equals(table)
        && Arrays.equals(row.cells, cells);
  }

  @Override
  public int hashCode() {
    return 31 * table.hashCode() + Arrays.hashCode(cells);
  }

  @Override
  public String toString() {
    return table + Arrays.toString(cells);
  }

  private static final class Format implements TableFormat<TableRow> {
    private static final long serialVersionUID = 1L;
    private final Map<String, List<String>> headers;

    Format(Map<String, List<String>> headers) {
      this.headers = headers;
    }

    @Override
    public Map<String, List<String>> headers() {
      return headers;
    }

    @Override
    public String tableOf(TableRow row) {
      return row.table;
    }

    @Override
    public List<String> cells(TableRow row) {
      List<String> header = headers.get(row.table);
      if (header != null && header.size() != row.cells.length) {
        throw new IllegalStateException("a row of " + row.table + " has " + row.cells.length
            + " cells for " + header.size() + " columns");
      }
      return Arrays.asList(row.cells);
    }
  }
}
