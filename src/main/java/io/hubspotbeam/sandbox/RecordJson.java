package io.hubspotbeam.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** Renders a record the way the v3 object endpoints do. */
final class RecordJson {
  private RecordJson() {}

  /**
   * {"id","properties":{...},"createdAt","updatedAt","archived"} plus "archivedAt" for an
   * archived record; search results never carry archivedAt since search has no archived records.
   */
  static ObjectNode of(RecordGenerator generator, long index, PropertySelection selection) {
    ObjectNode node = Json.object();
    node.put("id", Long.toString(generator.ids().id(index)));
    ObjectNode properties = node.putObject("properties");
    ObjectSchema schema = generator.schema();
    for (int ordinal : selection.ordinals()) {
      properties.put(schema.spec(ordinal).name(), generator.value(index, ordinal));
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

  /**
   * The same JSON as {@link #of}, streamed: a search page of 200 records with hundreds of
   * properties is megabytes, and building a tree of it first doubles the server's work.
   */
  static void write(JsonGenerator out, RecordGenerator generator, long index,
      PropertySelection selection) throws IOException {
    out.writeStartObject();
    out.writeStringField("id", Long.toString(generator.ids().id(index)));
    out.writeObjectFieldStart("properties");
    ObjectSchema schema = generator.schema();
    for (int ordinal : selection.ordinals()) {
      out.writeStringField(schema.spec(ordinal).name(), generator.value(index, ordinal));
    }
    out.writeEndObject();
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
