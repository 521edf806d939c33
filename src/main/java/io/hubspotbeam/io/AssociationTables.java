package io.hubspotbeam.io;

import io.hubspotbeam.client.Association;
import io.hubspotbeam.client.AssociationType;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * The association table of a pair of objects, {@code {from}_{to}.csv}: one row per association
 * type of each associated pair of records.
 */
public final class AssociationTables {
  /** The columns of every association table. */
  public static final List<String> HEADER =
      List.of("fromId", "toId", "associationTypeId", "category", "label");

  private AssociationTables() {}

  /** {@code {from}_{to}}, the table's name (its file is that plus ".csv"). */
  public static String tableName(String fromType, String toType) {
    return fromType + "_" + toType;
  }

  /** The format writing association rows (as {@link TableRow}s) to these tables. */
  public static TableFormat<TableRow> format(List<String> tableNames) {
    Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
    for (String name : tableNames) {
      headers.put(name, HEADER);
    }
    return TableRow.format(headers);
  }

  /** Turns each association of {@code fromType} with {@code toType} into its rows. */
  public static PTransform<PCollection<Association>, PCollection<TableRow>> rows(
      String fromType, String toType) {
    String table = tableName(fromType, toType);
    return new PTransform<>() {
      @Override
      public PCollection<TableRow> expand(PCollection<Association> associations) {
        return associations.apply(ParDo.of(new ToRowsFn(table))).setCoder(TableRowCoder.of());
      }
    };
  }

  /** Turns each association into its rows, one per type. */
  private static final class ToRowsFn extends DoFn<Association, TableRow> {
    private final String table;

    ToRowsFn(String table) {
      this.table = table;
    }

    @ProcessElement
    public void process(@Element Association association, OutputReceiver<TableRow> out) {
      for (AssociationType type : association.types()) {
        out.output(new TableRow(table, new String[] {association.fromId(), association.toId(),
            Integer.toString(type.typeId()), type.category(), type.label()}));
      }
    }
  }
}
