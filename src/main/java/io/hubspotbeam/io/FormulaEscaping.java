package io.hubspotbeam.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link TableFormat} whose cells cannot run as spreadsheet formulas: a cell that starts with
 * {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return (what Excel, LibreOffice
 * and Google Sheets treat as the start of a formula) gets a leading apostrophe, which those
 * programs show as text. This changes data ({@code -5} becomes {@code '-5}), so it is for tables
 * meant to be opened in a spreadsheet, not for loading into code.
 */
final class FormulaEscaping<T> implements TableFormat<T> {
  private static final long serialVersionUID = 1L;

  private final TableFormat<T> format;

  FormulaEscaping(TableFormat<T> format) {
    this.format = format;
  }

  /** The cell as a spreadsheet will show it as text; null stays null. */
  static String escape(String cell) {
    if (cell == null || cell.isEmpty()) {
      return cell;
    }
    char first = cell.charAt(0);
    boolean formula = first == '=' || first == '+' || first == '-' || first == '@'
        || first == '\t' || first == '\r';
    return formula ? "'" + cell : cell;
  }

  @Override
  public Map<String, List<String>> headers() {
    return format.headers();
  }

  @Override
  public String tableOf(T element) {
    return format.tableOf(element);
  }

  @Override
  public List<String> cells(T element) {
    List<String> cells = format.cells(element);
    List<String> escaped = new ArrayList<>(cells.size());
    for (String cell : cells) {
      escaped.add(escape(cell));
    }
    return escaped;
  }

  @Override
  public void written(T element) {
    format.written(element);
  }
}
