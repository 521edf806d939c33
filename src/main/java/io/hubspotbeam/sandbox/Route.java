package io.hubspotbeam.sandbox;

import java.util.List;

/**
 * A method and path pattern ("/crm/v3/objects/{type}/search"), the kind it is counted under (the
 * same in every path family),
 * which scopes it needs, and the endpoint that answers it. Path parameters named type, from or
 * to are object types.
 */
record Route(String method, List<String> segments, String kind, Access access, Endpoint endpoint) {
  /** Which scopes a route needs for the objects in its path. */
  enum Access { RECORDS, PROPERTIES, CUSTOM_SCHEMAS }

  static Route of(String method, String pattern, String kind, Access access, Endpoint endpoint) {
    return new Route(method, List.of(pattern.substring(1).split("/")), kind, access, endpoint);
  }

  boolean isSearch() {
    return "search".equals(kind);
  }

  long literalCount() {
    return segments.stream().filter(s -> !s.startsWith("{")).count();
  }
}
