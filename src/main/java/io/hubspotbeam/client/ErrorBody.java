package io.hubspotbeam.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The parts of a HubSpot error body this client uses. Every field is optional: a proxy may answer
 * with HTML, and HubSpot's own bodies vary by endpoint.
 */
final class ErrorBody {
  final String category;
  final String message;
  final String correlationId;
  final String policyName;
  final List<String> requiredScopes;

  private ErrorBody(
      String category,
      String message,
      String correlationId,
      String policyName,
      List<String> requiredScopes) {
    this.category = category;
    this.message = message;
    this.correlationId = correlationId;
    this.policyName = policyName;
    this.requiredScopes = requiredScopes;
  }

  /** An error described by this client rather than read from a body. */
  static ErrorBody of(String category, String message) {
    return new ErrorBody(category, message, null, null, List.of());
  }

  static final ErrorBody EMPTY = new ErrorBody(null, null, null, null, List.of());

  /** Parses what it can; never throws. Non-JSON bodies keep a short excerpt as the message. */
  static ErrorBody parse(ObjectMapper json, String body) {
    if (body == null || body.isBlank()) {
      return EMPTY;
    }
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (Exception notJson) {
      return new ErrorBody(null, excerpt(body), null, null, List.of());
    }
    if (root == null || !root.isObject()) {
      return new ErrorBody(null, excerpt(body), null, null, List.of());
    }
    Set<String> scopes = new LinkedHashSet<>();
    for (JsonNode error : root.path("errors")) {
      JsonNode context = error.path("context");
      for (String field : List.of("requiredScopes", "requiredGranularScopes")) {
        for (JsonNode scope : context.path(field)) {
          if (scope.isTextual()) {
            scopes.add(scope.asText());
          }
        }
      }
    }
    return new ErrorBody(
        text(root, "category"),
        text(root, "message"),
        text(root, "correlationId"),
        text(root, "policyName"),
        new ArrayList<>(scopes));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** A short single-line excerpt of a non-JSON body, enough to recognise an HTML error page. */
  private static String excerpt(String body) {
    String flat = body.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").strip();
    return flat.length() <= 160 ? flat : flat.substring(0, 160) + "...";
  }
}
