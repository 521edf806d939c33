package io.hubspotbeam.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** Renders a record the way the v3 object endpoints do. */
final class RecordJson {
  private RecordJson() {}

  static ObjectNode of(RecordGenerator generator, long index, PropertySelection selection) {
    return of(generator, index, selection, null);
  }

  /**
   * {"id","properties":{...},"createdAt","updatedAt","archived"} plus "archivedAt" for an
   * archived record; search results never carry archivedAt since search has no archived records.
   * With a history selection (propertiesWithHistory was asked for), also
   * "propertiesWithHistory":{name:[version, ...]} right after "properties", newest version first.
   */
  static ObjectNode of(RecordGenerator generator, long index, PropertySelection selection,
      PropertySelection history) {
    ObjectNode node = Json.object();
    node.put("id", Long.toString(generator.ids().id(index)));
    ObjectNode properties = node.putObject("properties");
    ObjectSchema schema = generator.schema();
    for (int ordinal : selection.ordinals()) {
      properties.put(schema.spec(ordinal).name(), generator.value(index, ordinal));
    }
    if (history != null) {
      ObjectNode histories = node.putObject("propertiesWithHistory");
      for (int ordinal : history.ordinals()) {
        ArrayNode versions = histories.putArray(schema.spec(ordinal).name());
        for (HistoryVersion version : generator.history(index, ordinal)) {
          ObjectNode out = versions.addObject();
          out.put("value", version.value());
          out.put("timestamp", Timeline.iso(version.timestamp()));
          out.put("sourceType", version.sourceType());
          if (version.sourceId() != null) {
            out.put("sourceId", version.sourceId());
          }
          if (version.sourceLabel() != null) {
            out.put("sourceLabel", version.sourceLabel());
          }
          if (version.updatedByUserId() != null) {
            out.put("updatedByUserId", version.updatedByUserId());
          }
        }
      }
    }
    node.put("createdAt", Timeline.iso(generator.createdAt(index)));
    node.put("updatedAt", Timeline.iso(generator.updatedAt(index)));
    boolean archived = generator.archive().isArchived(index);
    node.put("archived", archived);
    if (archived) {
      node.put("archivedAt", Timeline.iso(generator.archivedAt(index)));
    }
    return node;
  }

  static void write(JsonGenerator out, RecordGenerator generator, long index,
      PropertySelection selection) throws IOException {
    write(out, generator, index, selection, null);
  }

  /**
   * The same JSON as {@link #of}, streamed: a search page of 200 records with hundreds of
   * properties is megabytes, and building a tree of it first doubles the server's work.
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
