package io.hubspotbeam.sandbox;

import java.util.List;

/**
 * What the schemas API says about a custom object beyond its properties: its labels, which
 * property names a record, which are required, searchable and shown under the name, and when
 * the schema was created and last changed. The properties themselves are in
 * {@link CustomSchemas}; the associations in {@link AssociationPair}.
 */
record CustomObjectDefinition(PortalObject object, String singularLabel, String pluralLabel,
    String primaryDisplayProperty, List<String> requiredProperties,
    List<String> searchableProperties, List<String> secondaryDisplayProperties, String createdAt,
    String updatedAt) {

  /** One per custom object of the portal, in {@link PortalObject} order. */
  static final List<CustomObjectDefinition> ALL = List.of(
      // Created with the portal's first records (properties carry the same time), edited since.
      new CustomObjectDefinition(PortalObject.LICENSES, "License", "Licenses", "license_key",
          List.of("license_key"), List.of("license_key", "licensee_name"),
          List.of("plan", "status"), PropertiesEndpoint.DEFINED_AT, "2024-03-12T09:41:27.310Z"));

  static CustomObjectDefinition of(PortalObject object) {
    return ALL.stream().filter(definition -> definition.object == object).findFirst()
        .orElseThrow(() -> new IllegalStateException("no schema definition for " + object));
  }

  /** The unique part of the objectTypeId ("7350991" of "2-7350991"), the schema's own id. */
  String id() {
    String typeId = object.typeId();
    return typeId.substring(typeId.indexOf('-') + 1);
  }
}
