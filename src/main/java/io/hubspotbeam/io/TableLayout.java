package io.hubspotbeam.io;

import io.hubspotbeam.client.CrmObject;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;

/**
 * The columns of one object's CSV table and how a record fills them.
 *
 * <p>Columns: {@code id}, then one column per property named exactly as the HubSpot property, in
 * the order given, then {@code createdAt}, {@code updatedAt}, {@code archived}, and for tables
 * that hold archived records {@code archivedAt} (empty for live records).
 *
 * <p>Cells follow RFC 4180 (comma, double quotes, CRLF between records, UTF-8 without BOM). Every
 * value is quoted; a property with no value (null in HubSpot's JSON) is an empty unquoted cell, so
 * it stays distinguishable from an empty string, which is written as {@code ""}.
 */
public final class TableLayout implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The CSV dialect of every table; also the right one to read them back with Commons CSV. */
  public static final CSVFormat CSV =
      CSVFormat.RFC4180.builder()
          .setQuoteMode(QuoteMode.ALL_NON_NULL)
          .setNullString("")
          .setRecordSeparator("\r\n")
          .get();

  public static final String ID = "id";
  public static final List<String> TRAILING_COLUMNS = List.of("createdAt", "updatedAt", "archived");
  /** The last column of tables that hold archived records: when each was archived. */
  public static final String ARCHIVED_AT = "archivedAt";

  private final String objectType;
  private final List<String> properties;
  private final boolean archivedAt;

  private TableLayout(String objectType, List<String> properties, boolean archivedAt) {
    this.objectType = objectType;
    this.properties = properties;
    this.archivedAt = archivedAt;
  }

  public static TableLayout of(String objectType, List<String> properties) {
    List<String> reserved = new ArrayList<>(TRAILING_COLUMNS);
    reserved.add(ID);
    reserved.add(ARCHIVED_AT);
    for (String property : properties) {
      if (reserved.contains(property)) {
        throw new IllegalArgumentException(
            objectType + ": a property named '" + property + "' would clash with the column of the"
                + " same name");
      }
    }
    return new TableLayout(objectType, List.copyOf(properties), false);
  }

  /** The same layout with an {@code archivedAt} column last, for tables with archived records. */
  public TableLayout withArchivedAt() {
    return new TableLayout(objectType, properties, true);
  }

  public boolean hasArchivedAt() {
    return archivedAt;
  }

  public String objectType() {
    return objectType;
  }

  public List<String> properties() {
    return properties;
  }

  /** The header row. */
  public List<String> header() {
    List<String> header = new ArrayList<>(properties.size() + 5);
    header.add(ID);
    header.addAll(properties);
    header.addAll(TRAILING_COLUMNS);
    if (archivedAt) {
      header.add(ARCHIVED_AT);
    }
    return Collections.unmodifiableList(header);
  }

  /** The cells of one record, aligned with {@link #header()}; null cells are HubSpot nulls. */
  public List<String> row(CrmObject record) {
    List<String> row = new ArrayList<>(properties.size() + 5);
    row.add(record.id());
    for (String property : properties) {
      row.add(record.property(property));
    }
    row.add(record.createdAt());
    row.add(record.updatedAt());
    row.add(Boolean.toString(record.archived()));
    if (archivedAt) {
      row.add(record.archivedAt());
    }
    return row;
  }

  /**
   * The format that writes each record to its object's table. Rows written release the record's
   * values from {@link InFlightRecords}, which holds readers back while writers are behind.
   */
  public static TableFormat<CrmObject> format(List<TableLayout> layouts) {
    Map<String, TableLayout> byObject = new LinkedHashMap<>();
    for (TableLayout layout : layouts) {
      if (byObject.put(layout.objectType(), layout) != null) {
        throw new IllegalArgumentException("two table layouts for " + layout.objectType());
      }
    }
    return new RecordFormat(byObject);
  }

  private static final class RecordFormat implements TableFormat<CrmObject> {
    private static final long serialVersionUID = 1L;
    private final Map<String, TableLayout> layouts;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();

    RecordFormat(Map<String, TableLayout> layouts) {
      this.layouts = layouts;
      layouts.forEach((object, layout) -> headers.put(object, new ArrayList<>(layout.header())));
    }

    @Override
    public Map<String, List<String>> headers() {
      return headers;
    }

    @Override
    public String tableOf(CrmObject record) {
      return record.objectType();
    }

    @Override
    public List<String> cells(CrmObject record) {
      TableLayout layout = layouts.get(record.objectType());
      if (layout == null) {
        throw new IllegalStateException("a " + record.objectType() + " record has no table");
      }
      return layout.row(record);
    }

    @Override
    public void written(CrmObject record) {
      InFlightRecords.written(InFlightRecords.valuesOf(record));
    }
  }

  /** The final file name of the table. */
  public String fileName() {
    return objectType + ".csv";
  }
}
