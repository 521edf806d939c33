package io.hubspotbeam.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** Renders a record the way the v3 object endpoints do. */
final class RecordJson {
  private RecordJson() {}

  static void write(JsonGenerator out, RecordGenerator generator, long index,
      PropertySelection selection) throws IOException {
    write(out, generator, index, selection, null);
  }

  /**
   * {"id","properties":{...},"createdAt","updatedAt","archived"} plus "archivedAt" for an
   * archived record; search results never carry archivedAt since search has no archived records.
   * With a history selection (propertiesWithHistory was asked for), also
   * "propertiesWithHistory":{name:[version, ...]} right after "properties", newest version first.
   */
  static void write(JsonGenerator out, RecordGenerator generator, long index,
      PropertySelection selection, PropertySelection history) throws IOException {
    out.writeStartObject();
    out.writeStringField("id", Long.toString(generator.ids().id(index)));
    out.writeObjectFieldStart("properties");
    ObjectSchema schema = generator.schema();
    for (int ordinal : selection.ordinals()) {
      out.writeStringField(schema.spec(ordinal).name(), generator.value(index, ordinal));
    }
    out.writeEndObject();
    if (history != null) {
      out.writeObjectFieldStart("propertiesWithHistory");
      for (int ordinal : history.ordinals()) {
        out.writeArrayFieldStart(schema.spec(ordinal).name());
        for (HistoryVersion version : generator.history(index, ordinal)) {
          out.writeStartObject();
          out.writeStringField("value", version.value());
          out.writeStringField("timestamp", Timeline.iso(version.timestamp()));
          out.writeStringField("sourceType", version.sourceType());
          if (version.sourceId() != null) {
            out.writeStringField("sourceId", version.sourceId());
          }
          if (version.sourceLabel() != null) {
            out.writeStringField("sourceLabel", version.sourceLabel());
          }
          if (version.updatedByUserId() != null) {
            out.writeNumberField("updatedByUserId", version.updatedByUserId());
          }
          out.writeEndObject();
        }
        out.writeEndArray();
      }
      out.writeEndObject();
    }
    out.writeStringField("createdAt", Timeline.iso(generator.createdAt(index)));
    out.writeStringField("updatedAt", Timeline.iso(generator.updatedAt(index)));
    boolean archived = generator.archive().isArchived(index);
    out.writeBooleanField("archived", archived);
    if (archived) {
      out.writeStringField("archivedAt", Timeline.iso(generator.archivedAt(index)));
    }
    out.writeEndObject();
  }
}
