package io.hubspotbeam.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An error answer in HubSpot's shape: {@code {"status":"error","message":...,"correlationId":...,
 * "category":...}} plus whatever context the error kind carries. Thrown by endpoints and turned
 * into the response by the handler.
 */
final class ApiException extends Exception {
  private final int status;
  private final ObjectNode body;
  private final Map<String, String> headers;

  private ApiException(int status, ObjectNode body, Map<String, String> headers) {
    super(body.path("message").asText(), null, false, false);
    this.status = status;
    this.body = body;
    this.headers = Map.copyOf(headers);
  }

  int status() {
    return status;
  }

  ObjectNode body() {
    return body;
  }

  Map<String, String> headers() {
    return headers;
  }

  ApiException withHeaders(Map<String, String> extra) {
    java.util.Map<String, String> all = new java.util.LinkedHashMap<>(headers);
    all.putAll(extra);
    return new ApiException(status, body, all);
  }

  static ApiException validation(String message) {
    return new ApiException(400, standard(message, "VALIDATION_ERROR"), Map.of());
  }

  static ApiException notFound(String message) {
    return new ApiException(404, standard(message, "OBJECT_NOT_FOUND"), Map.of());
  }

  static ApiException unknownObjectType(String name) {
    return validation("Unable to infer object type from: " + name);
  }

  static ApiException unauthorized() {
    return new ApiException(401, standard("Authentication credentials not found. This API "
        + "supports OAuth 2.0 authentication and you can find more details at "
        + "https://developers.hubspot.com/docs/methods/auth/oauth-overview",
        "INVALID_AUTHENTICATION"), Map.of());
  }

  static ApiException missingScopes(List<String> alternatives) {
    ObjectNode body = head("This app hasn't been granted all required scopes to make this call. "
        + "Read more about required scopes here: https://developers.hubspot.com/scopes.");
    ArrayNode errors = body.putArray("errors");
    ObjectNode error = errors.addObject();
    error.put("message", "One or more of the following scopes are required.");
    ArrayNode scopes = error.putObject("context").putArray("requiredGranularScopes");
    alternatives.forEach(scopes::add);
    body.putObject("links").put("scopes", "https://developers.hubspot.com/scopes");
    body.put("category", "MISSING_SCOPES");
    return new ApiException(403, body, Map.of());
  }

  static ApiException methodNotAllowed(String method, List<String> allowed) {
    return new ApiException(405, standard("HTTP method " + method + " is not supported by this "
        + "endpoint; use " + String.join(" or ", allowed) + ".", "VALIDATION_ERROR"),
        Map.of("Allow", String.join(", ", allowed)));
  }

  static ApiException routeNotFound(String path) {
    return new ApiException(404, standard("No endpoint matches " + path + ".",
        "OBJECT_NOT_FOUND"), Map.of());
  }

  /** The general API's ten-second and daily limits answer in this older shape, without category. */
  static ApiException rateLimited(String policyName, String message) {
    ObjectNode body = Json.object();
    body.put("status", "error");
    body.put("message", message);
    body.put("errorType", "RATE_LIMIT");
    body.put("correlationId", UUID.randomUUID().toString());
    body.put("policyName", policyName);
    return new ApiException(429, body, Map.of());
  }

  /** Search's own per-second limit answers in the standard shape. */
  static ApiException searchRateLimited() {
    return new ApiException(429, standard("You have reached your secondly limit.",
        "RATE_LIMITS"), Map.of());
  }

  static ApiException of(int status, ObjectNode body) {
    return new ApiException(status, body, Map.of());
  }

  static ObjectNode standard(String message, String category) {
    ObjectNode body = head(message);
    body.put("category", category);
    return body;
  }

  private static ObjectNode head(String message) {
    ObjectNode body = Json.object();
    body.put("status", "error");
    body.put("message", message);
    body.put("correlationId", UUID.randomUUID().toString());
    return body;
  }
}
