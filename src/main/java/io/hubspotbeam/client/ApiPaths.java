package io.hubspotbeam.client;

/**
 * The URL paths of the CRM calls this client makes. Kept in one place because HubSpot is moving
 * from the v3/v4 paths to date-versioned ones with the same operations and JSON shapes.
 */
final class ApiPaths {
  private ApiPaths() {}

  static String objects(String objectType) {
    return "/crm/v3/objects/" + segment(objectType);
  }

  static String batchRead(String objectType) {
    return objects(objectType) + "/batch/read";
  }

  static String search(String objectType) {
    return objects(objectType) + "/search";
  }

  static String properties(String objectType) {
    return "/crm/v3/properties/" + segment(objectType);
  }

  /**
   * Object types are names like "contacts", "2-1234" or "p_my_object": anything else is refused
   * before it reaches a URL.
   */
  static String segment(String objectType) {
    if (objectType == null || !objectType.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException("not an object type: '" + objectType + "'");
    }
    return objectType;
  }
}
