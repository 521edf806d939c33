package io.hubspotbeam.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the route for a path. When several patterns fit, the most specific (most literal
 * segments) wins, so {@code GET .../contacts/search} is a wrong method on search (405) rather
 * than a read of a record with id "search".
 */
final class Router {
  /** The outcome: a route with its parameters, a path whose route wants another method, or none. */
  record Match(Route route, Map<String, String> params, List<String> allowedMethods,
      String kind) {
    boolean found() {
      return route != null;
    }
  }

  private final List<Route> routes;

  Router(List<Route> routes) {
    this.routes = List.copyOf(routes);
  }

  Match match(String method, String path) {
    List<String> segments = segments(path);
    long best = -1;
    List<Route> candidates = new ArrayList<>();
    for (Route route : routes) {
      if (fits(route, segments)) {
        long literals = route.literalCount();
        if (literals > best) {
          best = literals;
          candidates.clear();
        }
        if (literals == best) {
          candidates.add(route);
        }
      }
    }
    if (candidates.isEmpty()) {
      return new Match(null, Map.of(), List.of(), "unknown");
    }
    for (Route route : candidates) {
      if (route.method().equals(method)) {
        return new Match(route, params(route, segments), List.of(), route.kind());
      }
    }
    return new Match(null, Map.of(), candidates.stream().map(Route::method).distinct().toList(),
        candidates.get(0).kind());
  }

  private static boolean fits(Route route, List<String> segments) {
    if (route.segments().size() != segments.size()) {
      return false;
    }
    for (int i = 0; i < segments.size(); i++) {
      String pattern = route.segments().get(i);
      if (!pattern.startsWith("{") && !pattern.equals(segments.get(i))) {
        return false;
      }
      if (segments.get(i).isEmpty()) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, String> params(Route route, List<String> segments) {
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < segments.size(); i++) {
      String pattern = route.segments().get(i);
      if (pattern.startsWith("{")) {
        params.put(pattern.substring(1, pattern.length() - 1), segments.get(i));
      }
    }
    return params;
  }

  private static List<String> segments(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    if (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return List.of(trimmed.split("/", -1));
  }
}
