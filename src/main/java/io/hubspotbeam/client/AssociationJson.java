package io.hubspotbeam.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an association batch-read answer with Jackson's streaming parser:
 * {@code {"status":..,"results":[{"from":{"id":"1"},"to":[{"toObjectId":2,"associationTypes":
 * [{"category":..,"typeId":..,"label":..}]}],"paging":{"next":{"after":".."}}}],"errors":[..]}}.
 * An answer for 1,000 records with hundreds of associations each runs to megabytes, so no tree is
 * built; the handful of distinct association types are shared between associations.
 *
 * <p>HubSpot answers 207 and lists an error for each input without associations; those errors
 * (category {@code OBJECT_NOT_FOUND}) mean "none" and are dropped. Any other error is reported.
 */
final class AssociationJson {
  private AssociationJson() {}

  /** What a batch answer holds: the associations, the follow-up cursors, and real errors. */
  record Parsed(AssociationBatch batch, List<String> errors) {}

  static Parsed parse(JsonFactory factory, InputStream body) throws IOException {
    try (JsonParser parser = factory.createParser(body)) {
      PageJson.expect(parser.nextToken(), JsonToken.START_OBJECT, "the answer");
      List<Association> associations = null;
      Map<String, String> next = new LinkedHashMap<>();
      List<String> errors = new ArrayList<>();
      Map<AssociationType, AssociationType> types = new HashMap<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.getCurrentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "results" -> {
            PageJson.expect(value, JsonToken.START_ARRAY, "'results'");
            associations = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
              readResult(parser, associations, next, types);
            }
          }
          case "errors" -> {
            PageJson.expect(value, JsonToken.START_ARRAY, "'errors'");
            while (parser.nextToken() != JsonToken.END_ARRAY) {
              readError(parser, errors);
            }
          }
          default -> parser.skipChildren();
        }
      }
      if (associations == null) {
        throw new IllegalArgumentException("the answer has no 'results' array");
      }
      return new Parsed(new AssociationBatch(associations, next), errors);
    }
  }

  private static void readResult(JsonParser parser, List<Association> into,
      Map<String, String> next, Map<AssociationType, AssociationType> types) throws IOException {
    PageJson.expect(parser.currentToken(), JsonToken.START_OBJECT, "a result");
    String fromId = null;
    String after = null;
    List<String> toIds = new ArrayList<>();
    List<List<AssociationType>> toTypes = new ArrayList<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.getCurrentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "from" -> {
          PageJson.expect(value, JsonToken.START_OBJECT, "'from'");
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String inner = parser.getCurrentName();
            JsonToken innerValue = parser.nextToken();
            if (inner.equals("id")) {
              fromId = PageJson.scalar(parser, innerValue);
            } else {
              parser.skipChildren();
            }
          }
        }
        case "to" -> {
          PageJson.expect(value, JsonToken.START_ARRAY, "'to'");
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            readTarget(parser, toIds, toTypes, types);
          }
        }
        case "paging" -> after = PageJson.readNextAfter(parser, value);
        default -> parser.skipChildren();
      }
    }
    if (fromId == null || fromId.isEmpty()) {
      throw new IllegalArgumentException("a result has no 'from.id'");
    }
    for (int i = 0; i < toIds.size(); i++) {
      into.add(new Association(fromId, toIds.get(i), toTypes.get(i)));
    }
    if (after != null && !after.isEmpty()) {
      next.put(fromId, after);
    }
  }

  private static void readTarget(JsonParser parser, List<String> toIds,
      List<List<AssociationType>> toTypes, Map<AssociationType, AssociationType> shared)
      throws IOException {
    PageJson.expect(parser.currentToken(), JsonToken.START_OBJECT, "an associated record");
    String toId = null;
    List<AssociationType> types = new ArrayList<>(2);
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.getCurrentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "toObjectId" -> toId = PageJson.scalar(parser, value);
        case "associationTypes" -> {
          PageJson.expect(value, JsonToken.START_ARRAY, "'associationTypes'");
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            AssociationType type = readType(parser);
            types.add(shared.computeIfAbsent(type, t -> t));
          }
        }
        default -> parser.skipChildren();
      }
    }
    if (toId == null || toId.isEmpty()) {
      throw new IllegalArgumentException("an associated record has no 'toObjectId'");
    }
    if (types.isEmpty()) {
      throw new IllegalArgumentException("the association with " + toId + " has no types");
    }
    toIds.add(toId);
    toTypes.add(List.copyOf(types));
  }

  private static AssociationType readType(JsonParser parser) throws IOException {
    PageJson.expect(parser.currentToken(), JsonToken.START_OBJECT, "an association type");
    Integer typeId = null;
    String category = null;
    String label = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.getCurrentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "typeId" -> {
          if (value != JsonToken.VALUE_NUMBER_INT) {
            throw new IllegalArgumentException("an association typeId is not a whole number");
          }
          typeId = parser.getIntValue();
        }
        case "category" -> category = PageJson.scalar(parser, value);
        case "label" -> label = PageJson.scalar(parser, value);
        default -> parser.skipChildren();
      }
    }
    if (typeId == null || category == null) {
      throw new IllegalArgumentException("an association type lacks 'typeId' or 'category'");
    }
    return new AssociationType(typeId, category, label);
  }

  /** Keeps errors other than "this record has no associations", as one line each. */
  private static void readError(JsonParser parser, List<String> errors) throws IOException {
    PageJson.expect(parser.currentToken(), JsonToken.START_OBJECT, "an error");
    String category = null;
    String subCategory = null;
    String message = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.getCurrentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "category" -> category = PageJson.scalar(parser, value);
        case "subCategory" -> {
          if (value.isScalarValue()) {
            subCategory = parser.getText();
          } else {
            parser.skipChildren();
          }
        }
        case "message" -> message = PageJson.scalar(parser, value);
        default -> parser.skipChildren();
      }
    }
    boolean none = "OBJECT_NOT_FOUND".equals(category)
        || (subCategory != null && subCategory.endsWith("NO_ASSOCIATIONS_FOUND"));
    if (!none) {
      errors.add((category == null ? "ERROR" : category) + ": " + message);
    }
  }
}
