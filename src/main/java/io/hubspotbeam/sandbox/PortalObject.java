package io.hubspotbeam.sandbox;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The thirteen standard CRM objects the sandbox serves, in the order {@link SandboxData#objectTypes()}
 * lists them. HubSpot accepts an object in a path by its plural name, its singular name or its
 * objectTypeId ("0-1"), so all three resolve here.
 */
enum PortalObject {
  DEALS("deals", "deal", "0-3", 240, 120, List.of("crm.objects.deals.read"), "crm.schemas.deals.read",
      List.of("amount", "closedate", "createdate", "dealname", "dealstage", "hs_lastmodifieddate",
          "hs_object_id", "pipeline")),
  COMPANIES("companies", "company", "0-2", 180, 180, List.of("crm.objects.companies.read"),
      "crm.schemas.companies.read",
      List.of("createdate", "domain", "hs_lastmodifieddate", "hs_object_id", "name")),
  CONTACTS("contacts", "contact", "0-1", 650, 300, List.of("crm.objects.contacts.read"),
      "crm.schemas.contacts.read",
      List.of("createdate", "email", "firstname", "hs_object_id", "lastmodifieddate", "lastname")),
  FEEDBACK_SUBMISSIONS("feedback_submissions", "feedback_submission", "0-19", 25, 20,
      List.of("crm.objects.feedback_submissions.read"), null,
      List.of("createdate", "hs_lastmodifieddate", "hs_object_id", "hs_survey_name")),
  LINE_ITEMS("line_items", "line_item", "0-8", 300, 20,
      List.of("crm.objects.line_items.read", "e-commerce"), null,
      List.of("createdate", "hs_lastmodifieddate", "hs_object_id", "hs_product_id", "name", "price",
          "quantity")),
  PRODUCTS("products", "product", "0-7", 40, 20, List.of("crm.objects.products.read", "e-commerce"),
      null,
      List.of("createdate", "description", "hs_lastmodifieddate", "hs_object_id", "name", "price")),
  TICKETS("tickets", "ticket", "0-5", 120, 60, List.of("tickets"), null,
      List.of("content", "createdate", "hs_lastmodifieddate", "hs_object_id", "hs_pipeline",
          "hs_pipeline_stage", "hs_ticket_category", "hs_ticket_priority", "subject")),
  QUOTES("quotes", "quote", "0-14", 30, 20, List.of("crm.objects.quotes.read", "e-commerce"), null,
      List.of("createdate", "hs_expiration_date", "hs_lastmodifieddate", "hs_object_id",
          "hs_title")),
  CALLS("calls", "call", "0-48", 70, 20, List.of("crm.objects.contacts.read"), null,
      List.of("createdate", "hs_lastmodifieddate", "hs_object_id")),
  EMAILS("emails", "email", "0-49", 80, 20,
      List.of("crm.objects.contacts.read", "sales-email-read"), null,
      List.of("createdate", "hs_lastmodifieddate", "hs_object_id")),
  MEETINGS("meetings", "meeting", "0-47", 60, 20, List.of("crm.objects.contacts.read"), null,
      List.of("createdate", "hs_lastmodifieddate", "hs_object_id")),
  NOTES("notes", "note", "0-46", 110, 20, List.of("crm.objects.contacts.read"), null,
      List.of("createdate", "hs_lastmodifieddate", "hs_object_id")),
  TASKS("tasks", "task", "0-27", 90, 20, List.of("crm.objects.contacts.read"), null,
      List.of("createdate", "hs_lastmodifieddate", "hs_object_id"));

  private final String plural;
  private final String singular;
  private final String typeId;
  private final long defaultSize;
  private final int defaultExtraProperties;
  private final List<String> readScopes;
  private final String schemaScope;
  private final List<String> defaultProperties;

  PortalObject(String plural, String singular, String typeId, long defaultSize,
      int defaultExtraProperties, List<String> readScopes, String schemaScope,
      List<String> defaultProperties) {
    this.plural = plural;
    this.singular = singular;
    this.typeId = typeId;
    this.defaultSize = defaultSize;
    this.defaultExtraProperties = defaultExtraProperties;
    this.readScopes = readScopes;
    this.schemaScope = schemaScope;
    this.defaultProperties = defaultProperties;
  }

  String plural() {
    return plural;
  }

  String singular() {
    return singular;
  }

  String typeId() {
    return typeId;
  }

  long defaultSize() {
    return defaultSize;
  }

  int defaultExtraProperties() {
    return defaultExtraProperties;
  }

  /** Any one of these grants read access to the records (HubSpot lists them as alternatives). */
  List<String> readScopes() {
    return readScopes;
  }

  /** The property definitions can also be read with the object's schema scope, where it has one. */
  List<String> propertyScopes() {
    if (schemaScope == null) {
      return readScopes;
    }
    return java.util.stream.Stream.concat(readScopes.stream(), java.util.stream.Stream.of(schemaScope))
        .toList();
  }

  /** What a list, read or search returns when the caller names no properties. */
  List<String> defaultProperties() {
    return defaultProperties;
  }

  /** Contacts kept their pre-"hs_" name for the modification time; every other object did not. */
  String modificationProperty() {
    return this == CONTACTS ? "lastmodifieddate" : "hs_lastmodifieddate";
  }

  static Optional<PortalObject> resolve(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String wanted = name.toLowerCase(Locale.ROOT);
    for (PortalObject object : values()) {
      if (object.plural.equals(wanted) || object.singular.equals(wanted)
          || object.typeId.equals(wanted)) {
        return Optional.of(object);
      }
    }
    return Optional.empty();
  }

  static PortalObject require(String name) {
    return resolve(name).orElseThrow(
        () -> new IllegalArgumentException("not a standard object type: '" + name + "'"));
  }
}
