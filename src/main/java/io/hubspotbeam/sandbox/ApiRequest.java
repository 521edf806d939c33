package io.hubspotbeam.sandbox;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One incoming call: method, path, decoded query parameters and body, as the endpoints see it. */
final class ApiRequest {
  private final String method;
  private final String path;
  private final String rawQuery;
  private final Map<String, List<String>> query;
  private final byte[] body;
  private final String baseUrl;

  ApiRequest(String method, String path, String rawQuery, byte[] body, String baseUrl) {
    this.method = method;
    this.path = path;
    this.rawQuery = rawQuery;
    this.query = parseQuery(rawQuery);
    this.body = body;
    this.baseUrl = baseUrl;
  }

  String method() {
    return method;
  }

  String path() {
    return path;
  }

  String baseUrl() {
    return baseUrl;
  }

  /** The first value of a query parameter, or null. */
  String param(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /**
   * A list parameter, which HubSpot takes both as a comma list and as a repeated parameter;
   * null when absent.
   */
  List<String> listParam(String name) {
    List<String> values = query.get(name);
    if (values == null) {
      return null;
    }
    List<String> items = new ArrayList<>();
    for (String value : values) {
      for (String item : value.split(",")) {
        if (!item.isBlank()) {
          items.add(item.trim());
        }
      }
    }
    return items;
  }

  int intParam(String name, int fallback, int max) throws ApiException {
    String text = param(name);
    if (text == null) {
      return fallback;
    }
    int value;
    try {
      value = Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw ApiException.validation("Invalid value for '" + name + "': " + text
          + " is not a number.");
    }
    if (value < 1 || value > max) {
      throw ApiException.validation("Invalid value for '" + name + "': " + value
          + " must be between 1 and " + max + ".");
    }
    return value;
  }

  boolean booleanParam(String name) throws ApiException {
    String text = param(name);
    if (text == null || text.isEmpty()) {
      return false;
    }
    switch (text.toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw ApiException.validation("Invalid value for '" + name + "': " + text
            + " is not true or false.");
    }
  }

  /** The body as JSON; a missing or malformed body is HubSpot's 400 "Invalid input JSON". */
  JsonNode json() throws ApiException {
    if (body.length == 0) {
      throw ApiException.validation("Invalid input JSON: the request has no body.");
    }
    try {
      JsonNode node = Json.MAPPER.readTree(body);
      if (node == null || !node.isObject()) {
        throw ApiException.validation("Invalid input JSON: expected a JSON object.");
      }
      return node;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " on line " + at.getLineNr() + ", column "
          + at.getColumnNr();
      throw ApiException.validation("Invalid input JSON" + where + ": " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw ApiException.validation("Invalid input JSON: " + e.getMessage());
    }
  }

  /** The URL of this same call with one query parameter replaced (for paging links). */
  String linkWith(String name, String value) {
    StringBuilder query = new StringBuilder();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        String key = URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8);
        if (!key.equals(name)) {
          query.append(query.length() == 0 ? "" : "&").append(pair);
        }
      }
    }
    query.append(query.length() == 0 ? "" : "&").append(name).append('=')
        .append(java.net.URLEncoder.encode(value, StandardCharsets.UTF_8));
    return baseUrl + path + "?" + query;
  }

  private static Map<String, List<String>> parseQuery(String rawQuery) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      String[] parts = pair.split("=", 2);
      String key = decode(parts[0]);
      String value = parts.length > 1 ? decode(parts[1]) : "";
      params.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return params;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      // A stray '%' is kept literally rather than failing the whole call.
      return text;
    }
  }
}
