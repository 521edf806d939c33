package io.hubspotbeam.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * The schemas API: {@code GET /crm/v3/schemas} (also {@code /crm-object-schemas/v3/schemas} and
 * {@code /crm-object-schemas/2026-03/schemas}) lists the portal's custom objects, and
 * {@code GET .../schemas/{objectType}} answers one, named by objectTypeId, fullyQualifiedName or
 * "p_{name}" (404 otherwise; standard objects have no schema here). This is how a client
 * discovers custom objects, their properties and their association typeIds.
 */
final class SchemasEndpoint {
  private SchemasEndpoint() {}

  static Endpoint all() {
    return call -> {
      ObjectNode body = Json.object();
      ArrayNode results = body.putArray("results");
      for (CustomObjectDefinition definition : CustomObjectDefinition.ALL) {
        results.add(of(definition, call.data()));
      }
      return ApiResponse.json(200, body);
    };
  }

  static Endpoint one() {
    return call -> {
      String name = call.pathParam("objectType");
      PortalObject object = PortalObject.fromPath(name).filter(PortalObject::isCustom)
          .orElseThrow(() -> ApiException.notFound("Unable to find object schema for "
              + name.toLowerCase(Locale.ROOT) + "."));
      return ApiResponse.json(200, of(CustomObjectDefinition.of(object), call.data()));
    };
  }

  private static ObjectNode of(CustomObjectDefinition definition, SandboxData data) {
    PortalObject object = definition.object();
    ObjectNode node = Json.object();
    node.put("id", definition.id());
    node.put("objectTypeId", object.typeId());
    node.put("name", object.plural());
    node.put("fullyQualifiedName", object.fullyQualifiedName());
    ObjectNode labels = node.putObject("labels");
    labels.put("singular", definition.singularLabel());
    labels.put("plural", definition.pluralLabel());
    node.put("primaryDisplayProperty", definition.primaryDisplayProperty());
    definition.requiredProperties().forEach(node.putArray("requiredProperties")::add);
    definition.searchableProperties().forEach(node.putArray("searchableProperties")::add);
    definition.secondaryDisplayProperties()
        .forEach(node.putArray("secondaryDisplayProperties")::add);
    // The same definitions, in the same JSON, as the properties endpoint serves.
    ArrayNode properties = node.putArray("properties");
    for (SandboxProperty property : data.generator(object).schema().definitions()) {
      properties.add(PropertiesEndpoint.of(property));
    }
    // One definition per direction leaving the custom object; its id is that direction's typeId.
    ArrayNode associations = node.putArray("associations");
    for (AssociationPair pair : AssociationPair.ALL) {
      if (pair.child() == object || pair.parent() == object) {
        PortalObject other = pair.other(object);
        ObjectNode a = associations.addObject();
        a.put("id", Integer.toString(pair.defaultType(pair.child() == object).typeId()));
        a.put("fromObjectTypeId", object.typeId());
        a.put("toObjectTypeId", other.typeId());
        a.put("name", object.plural() + "_to_" + other.singular());
        a.put("createdAt", definition.createdAt());
        a.put("updatedAt", definition.createdAt());
      }
    }
    node.put("metaType", "PORTAL_SPECIFIC");
    node.put("allowsSensitiveProperties", false);
    node.put("archived", false);
    node.put("createdAt", definition.createdAt());
    node.put("updatedAt", definition.updatedAt());
    return node;
  }
}
