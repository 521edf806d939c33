package io.hubspotbeam.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a page of records (list, batch read and search answers share the shape) straight from
 * the response stream with Jackson's streaming parser. A contacts page is about 1.6 MB of JSON
 * for 100 records; building a tree of it first and decoding the body to a String cost a third of
 * the reader's CPU, and reading it into one array first made an object too big for the young
 * generation of a 512 MB heap (a "humongous" allocation) for every page.
 */
final class PageJson {
  private PageJson() {}

  /** The records, the {@code paging.next.after} cursor and the {@code total}, if present. */
  record Parsed(List<CrmObject> records, String nextAfter, long total) {}

  static Parsed parse(JsonFactory factory, String objectType, InputStream body)
      throws IOException {
    try (JsonParser parser = factory.createParser(body)) {
      expect(parser.nextToken(), JsonToken.START_OBJECT, "the answer");
      List<CrmObject> records = null;
      String next = null;
      long total = -1;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.getCurrentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "results":
            expect(value, JsonToken.START_ARRAY, "'results'");
            records = readRecords(parser, objectType);
            break;
          case "paging":
            next = readNextAfter(parser, value);
            break;
          case "total":
            total = value.isNumeric() ? parser.getLongValue() : -1;
            break;
          default:
            parser.skipChildren();
        }
      }
      if (records == null) {
        throw new IllegalArgumentException("the answer has no 'results' array");
      }
      return new Parsed(records, next == null || next.isEmpty() ? null : next,
          total < 0 ? records.size() : total);
    }
  }

  private static List<CrmObject> readRecords(JsonParser parser, String objectType)
      throws IOException {
    List<CrmObject> records = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<String> values = new ArrayList<>();
    PropertyNames shared = null;
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      expect(parser.currentToken(), JsonToken.START_OBJECT, "a result");
      String id = null;
      String createdAt = null;
      String updatedAt = null;
      String archivedAt = null;
      boolean archived = false;
      List<PropertyVersion> history = List.of();
      names.clear();
      values.clear();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.getCurrentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "id":
            id = scalar(parser, value);
            break;
          case "properties":
            expect(value, JsonToken.START_OBJECT, "'properties'");
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
              names.add(parser.getCurrentName());
              values.add(scalar(parser, parser.nextToken()));
            }
            break;
          case "createdAt":
            createdAt = scalar(parser, value);
            break;
          case "updatedAt":
            updatedAt = scalar(parser, value);
            break;
          case "archived":
            archived = value == JsonToken.VALUE_TRUE;
            break;
          case "archivedAt":
            archivedAt = scalar(parser, value);
            break;
          case "propertiesWithHistory":
            history = readHistory(parser, value);
            break;
          default:
            parser.skipChildren();
        }
      }
      if (id == null || id.isEmpty()) {
        throw new IllegalArgumentException("a result has no 'id'");
      }
      // Records of a page almost always carry the same properties: share one name index.
      if (shared == null || !shared.sameAs(names)) {
        shared = PropertyNames.of(names);
      }
      records.add(new CrmObject(objectType, id, shared, values.toArray(new String[0]), createdAt,
          updatedAt, archived, archivedAt, history));
    }
    return records;
  }

  /**
   * {@code {"prop": [{"value", "timestamp", "sourceType", "sourceId", ...}, ...], ...}}: every
   * version of every property, in the answer's order (HubSpot sends the newest first).
   */
  private static List<PropertyVersion> readHistory(JsonParser parser, JsonToken start)
      throws IOException {
    if (start != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return List.of();
    }
    List<PropertyVersion> versions = new ArrayList<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String property = parser.getCurrentName();
      expect(parser.nextToken(), JsonToken.START_ARRAY, "the history of '" + property + "'");
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        expect(parser.currentToken(), JsonToken.START_OBJECT, "a version of '" + property + "'");
        String value = null;
        String timestamp = null;
        String sourceType = null;
        String sourceId = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.getCurrentName();
          JsonToken token = parser.nextToken();
          switch (field) {
            case "value" -> value = scalar(parser, token);
            case "timestamp" -> timestamp = scalar(parser, token);
            case "sourceType" -> sourceType = scalar(parser, token);
            case "sourceId" -> sourceId = scalar(parser, token);
            default -> parser.skipChildren();
          }
        }
        versions.add(new PropertyVersion(property, value, timestamp, sourceType, sourceId));
      }
    }
    return versions;
  }

  static String readNextAfter(JsonParser parser, JsonToken paging) throws IOException {
    if (paging != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return null;
    }
    String after = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.getCurrentName();
      JsonToken value = parser.nextToken();
      if (field.equals("next") && value == JsonToken.START_OBJECT) {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String inner = parser.getCurrentName();
          JsonToken innerValue = parser.nextToken();
          if (inner.equals("after")) {
            after = scalar(parser, innerValue);
          } else {
            parser.skipChildren();
          }
        }
      } else {
        parser.skipChildren();
      }
    }
    return after;
  }

  /** A scalar as HubSpot's string form; null for JSON null. Objects and arrays are refused. */
  static String scalar(JsonParser parser, JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (token == null || !token.isScalarValue()) {
      throw new IllegalArgumentException("expected a value at " + parser.getCurrentName()
          + ", got " + token);
    }
    return parser.getText();
  }

  static void expect(JsonToken actual, JsonToken wanted, String what) {
    if (actual != wanted) {
      throw new IllegalArgumentException(what + " should be " + wanted + " but is " + actual);
    }
  }
}
