package io.hubspotbeam.sandbox;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The objects of the sandbox portal, in the order {@link SandboxData#objectTypes()} lists them:
 * the thirteen standard CRM objects, then the one custom object the portal defines (as an
 * Enterprise portal may). HubSpot accepts a standard object in a path by its plural name, its
 * singular name or its objectTypeId ("0-1"), and a custom object by its objectTypeId ("2-...") or
 * its fullyQualifiedName (see {@link #fromPath}). New objects go at the end: the ordinal seeds
 * each object's data, so the order keeps every existing record as it was.
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
      List.of("createdate", "hs_lastmodifieddate", "hs_object_id")),
  /**
   * The portal's custom object. Its objectTypeId is the portal-specific "2-" id HubSpot assigned
   * when the schema was created; its record scope is the one all custom objects share.
   */
  LICENSES("licenses", "license", "2-7350991", 150, 20, List.of("crm.objects.custom.read"),
      "crm.schemas.custom.read",
      List.of("hs_createdate", "hs_lastmodifieddate", "hs_object_id"));

  /** How HubSpot's object type ids start for objects a portal defined itself. */
  private static final String CUSTOM_TYPE_PREFIX = "2-";

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

  /** The plural name; for a custom object, the name its schema was created with. */
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

  /** Standard objects keep the old "createdate"; HubSpot gives custom objects "hs_createdate". */
  String creationProperty() {
    return isCustom() ? "hs_createdate" : "createdate";
  }

  /** Defined by the portal rather than by HubSpot. */
  boolean isCustom() {
    return typeId.startsWith(CUSTOM_TYPE_PREFIX);
  }

  /**
   * A custom object's unique name across HubSpot, "p{portalId}_{name}"; standard objects have
   * none.
   */
  String fullyQualifiedName() {
    if (!isCustom()) {
      throw new IllegalStateException(plural + " is a standard object");
    }
    return "p" + SandboxPortal.PORTAL_ID + "_" + plural;
  }

  /**
   * The name {@link SandboxData#objectTypes()} lists the object under, one that every path of
   * the API accepts too: the plural name of a standard object, the fullyQualifiedName of a
   * custom one.
   */
  String apiName() {
    return isCustom() ? fullyQualifiedName() : plural;
  }

  static List<PortalObject> standard() {
    return Arrays.stream(values()).filter(object -> !object.isCustom()).toList();
  }

  /**
   * The object an API path names, as HubSpot resolves it. A standard object by plural name,
   * singular name or objectTypeId. A custom object by objectTypeId, fullyQualifiedName or the
   * "p_{name}" short form, but not by its bare name: HubSpot's custom object guides address
   * records only as /crm/v3/objects/{objectTypeId} or by the fully qualified name, and its
   * schemas guide adds p_{name}; a bare name is documented nowhere, and a portal may name a
   * custom object like a standard one or like an object HubSpot adds later, which is why custom
   * names carry the "p" prefix at all. So "licenses" in a path is HubSpot's 400 "Unable to infer
   * object type".
   */
  static Optional<PortalObject> fromPath(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String wanted = name.toLowerCase(Locale.ROOT);
    for (PortalObject object : values()) {
      boolean named = object.isCustom()
          ? object.fullyQualifiedName().equals(wanted) || ("p_" + object.plural).equals(wanted)
          : object.plural.equals(wanted) || object.singular.equals(wanted);
      if (named || object.typeId.equals(wanted)) {
        return Optional.of(object);
      }
    }
    return Optional.empty();
  }

  /**
   * The object a caller of the sandbox's own Java API or command line names: anything a path
   * accepts, and a custom object's bare name too ({@code objectSize("licenses", 500)}), since
   * the sandbox has no standard object that name could be confused with.
   */
  static Optional<PortalObject> resolve(String name) {
    Optional<PortalObject> inPath = fromPath(name);
    if (inPath.isPresent() || name == null) {
      return inPath;
    }
    String wanted = name.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(o -> o.isCustom() && o.plural.equals(wanted))
        .findFirst();
  }

  static PortalObject require(String name) {
    return resolve(name).orElseThrow(
        () -> new IllegalArgumentException("not an object type of the portal: '" + name + "'"));
  }
}
