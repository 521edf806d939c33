package io.hubspotbeam.io;

import io.hubspotbeam.client.CrmObject;
import io.hubspotbeam.client.PropertyVersion;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * The {@code {object}_property_history} tables: one row per value a property held, as
 * {@code --propertiesWithHistory} asks (columns id, property, value, timestamp, sourceType,
 * sourceId; newest first within a record's property, as HubSpot answers).
 */
public final class PropertyHistory {
  /** The columns of every history table. */
  public static final List<String> HEADER =
      List.of("id", "property", "value", "timestamp", "sourceType", "sourceId");

  private PropertyHistory() {}

  /** {@code {object}_property_history}. */
  public static String tableName(String objectType) {
    return objectType + "_property_history";
  }

  /** Turns each record read with history into its history rows. */
  public static PTransform<PCollection<CrmObject>, PCollection<TableRow>> rows() {
    return new PTransform<>() {
      @Override
      public PCollection<TableRow> expand(PCollection<CrmObject> records) {
        return records.apply(ParDo.of(new ToRowsFn())).setCoder(TableRowCoder.of());
      }
    };
  }

  private static final class ToRowsFn extends DoFn<CrmObject, TableRow> {
    @ProcessElement
    public void process(@Element CrmObject record, OutputReceiver<TableRow> out) {
      String table = tableName(record.objectType());
      for (PropertyVersion version : record.history()) {
        out.output(new TableRow(table, new String[] {record.id(), version.property(),
            version.value(), version.timestamp(), version.sourceType(), version.sourceId()}));
      }
    }
  }
}
