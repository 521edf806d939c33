package io.hubspotbeam.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code GET /crm/v3/properties/{type}} (all definitions, no paging) and
 * {@code GET /crm/v3/properties/{type}/{name}} (one definition), and their twins under
 * {@code /crm/properties/2026-03/}.
 */
final class PropertiesEndpoint {
  /** A fixed definition time, so the listing is identical from run to run. */
  static final String DEFINED_AT = "2019-01-01T00:00:00.000Z";

  private PropertiesEndpoint() {}

  static Endpoint all() {
    return call -> {
      ObjectNode body = Json.object();
      ArrayNode results = body.putArray("results");
      // The sandbox has no archived property definitions.
      if (!call.request().booleanParam("archived")) {
        for (SandboxProperty property : call.generator("type").schema().definitions()) {
          results.add(of(property));
        }
      }
      return ApiResponse.json(200, body);
    };
  }

  static Endpoint one() {
    return call -> {
      ObjectSchema schema = call.generator("type").schema();
      int ordinal = schema.ordinal(call.pathParam("name"));
      if (ordinal < 0) {
        throw ApiException.notFound("Unable to find property " + call.pathParam("name")
            + " for object type " + schema.object().typeId() + ".");
      }
      return ApiResponse.json(200, of(schema.spec(ordinal).definition()));
    };
  }

  static ObjectNode of(SandboxProperty property) {
    ObjectNode node = Json.object();
    node.put("updatedAt", DEFINED_AT);
    node.put("createdAt", DEFINED_AT);
    node.put("name", property.name());
    node.put("label", property.label());
    node.put("type", property.type());
    node.put("fieldType", property.fieldType());
    node.put("description", property.description());
    node.put("groupName", property.groupName());
    ArrayNode options = node.putArray("options");
    for (SandboxPropertyOption option : property.options()) {
      ObjectNode o = options.addObject();
      o.put("label", option.label());
      o.put("value", option.value());
      o.put("displayOrder", option.displayOrder());
      o.put("hidden", option.hidden());
    }
    node.put("displayOrder", property.displayOrder());
    node.put("calculated", property.calculated());
    node.put("externalOptions", property.externalOptions());
    node.put("hasUniqueValue", property.hasUniqueValue());
    node.put("hidden", property.hidden());
    node.put("hubspotDefined", property.hubspotDefined());
    ObjectNode modification = node.putObject("modificationMetadata");
    modification.put("archivable", !property.hubspotDefined());
    modification.put("readOnlyDefinition", property.hubspotDefined());
    modification.put("readOnlyValue", property.readOnlyValue());
    node.put("formField", property.formField());
    node.put("archived", false);
    return node;
  }
}
