package io.hubspotbeam.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

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
    Timeline timeline = generator.timeline();
    node.put("createdAt", Timeline.iso(timeline.createdAt(index)));
    node.put("updatedAt", Timeline.iso(timeline.updatedAt(index)));
    boolean archived = generator.archive().isArchived(index);
    node.put("archived", archived);
    if (archived) {
      node.put("archivedAt", Timeline.iso(timeline.archivedAt(index)));
    }
    return node;
  }
}
