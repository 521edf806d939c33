package io.hubspotbeam.sandbox;

import static io.hubspotbeam.sandbox.ValueShape.*;

import java.util.ArrayList;
import java.util.List;

/**
 * The properties of each custom object, in schema order: the fields the portal's admins defined
 * with the schema (portal-defined, so {@code hubspotDefined} false), then the ones HubSpot gives
 * every custom object. The sibling of {@link StandardSchemas}.
 */
final class CustomSchemas {
  private CustomSchemas() {}

  static List<PropertySpec> of(PortalObject object) {
    // HubSpot names a custom object's default property group "{name}_information".
    String group = object.plural() + "_information";
    SchemaDraft own = new SchemaDraft(false);
    switch (object) {
      case LICENSES -> own
          .code("license_key", "License key", group, LICENSE_KEY, 1.0)
          .select("plan", "Plan", group, 0.98, "starter", "professional", "enterprise")
          .select("status", "Status", group, 0.99, "active", "cancelled", "expired")
          .number("seats", "Seats", group, QUANTITY, 0.95)
          .number("monthly_fee", "Monthly fee", group, MONEY, 0.9)
          .date("renewal_date", "Renewal date", group, 0.85)
          // Free text: where the hard values of early records land (see ObjectSchema).
          .text("licensee_name", "Licensee", group, COMPANY_NAME, 0.8)
          .textarea("notes", "Notes", group, PARAGRAPH, 0.4);
      default -> throw new IllegalStateException(object + " is not a custom object");
    }
    SchemaDraft hubspot = new SchemaDraft(true)
        .owner(group, 0.6)
        .number("hs_object_id", "Record ID", group, OBJECT_ID, 1.0)
        .datetime(object.creationProperty(), "Object create date/time", group, CREATED, 1.0)
        .datetime(object.modificationProperty(), "Object last modified date/time", group,
            MODIFIED, 1.0);
    List<PropertySpec> specs = new ArrayList<>(own.specs());
    specs.addAll(hubspot.specs());
    return List.copyOf(specs);
  }
}
