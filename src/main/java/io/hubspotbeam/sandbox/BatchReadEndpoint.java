package io.hubspotbeam.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /crm/v3/objects/{type}/batch/read} and
 * {@code POST /crm/objects/2026-03/{type}/batch/read}: up to 100 records by id, properties in the
 * body (so no URL length problem); with propertiesWithHistory in the body, up to 50 records with
 * those properties' histories. Ids that name no record (or an archived one when
 * archived=false) make the answer a 207 with an OBJECT_NOT_FOUND error listing them.
 */
final class BatchReadEndpoint implements Endpoint {
  static final int MAX_INPUTS = 100;
  /**
   * The input limit when the body asks for propertiesWithHistory. HubSpot answers more with 400
   * VALIDATION_ERROR "The maximum number of inputs supported in a batch request for property
   * histories is 50..." (seen by activepieces/activepieces#9359), so the sandbox does the same.
   */
  static final int MAX_INPUTS_WITH_HISTORY = 50;

  @Override
  public ApiResponse handle(ApiCall call) throws ApiException {
    String startedAt = Instant.now().toString();
    ApiRequest request = call.request();
    RecordGenerator generator = call.generator("type");
    boolean archived = request.booleanParam("archived");
    JsonNode body = request.json();
    JsonNode inputs = body.get("inputs");
    if (inputs == null || !inputs.isArray()) {
      throw ApiException.validation("Invalid input JSON: 'inputs' must be an array.");
    }
    if (inputs.size() > MAX_INPUTS) {
      throw ApiException.validation("Too many inputs: " + inputs.size() + ". Batch read accepts "
          + "at most " + MAX_INPUTS + " inputs.");
    }
    List<String> withHistory = stringList(body.get("propertiesWithHistory"),
        "propertiesWithHistory");
    if (withHistory != null && !withHistory.isEmpty()
        && inputs.size() > MAX_INPUTS_WITH_HISTORY) {
      throw ApiException.validation("The maximum number of inputs supported in a batch request "
          + "for property histories is " + MAX_INPUTS_WITH_HISTORY + ". Please reduce the "
          + "number of items and try again");
    }
    LinkedHashSet<String> ids = new LinkedHashSet<>();
    for (JsonNode input : inputs) {
      JsonNode id = input.get("id");
      if (id == null || id.isNull() || !(id.isTextual() || id.isIntegralNumber())) {
        throw ApiException.validation("Invalid input JSON: every input needs an 'id'.");
      }
      ids.add(id.asText());
    }
    String idProperty = body.path("idProperty").isTextual() ? body.get("idProperty").asText()
        : null;
    PropertySelection selection =
        PropertySelection.of(generator.schema(), stringList(body.get("properties"), "properties"));
    PropertySelection history = PropertySelection.withHistory(generator.schema(), withHistory);
    Map<String, Long> found =
        RecordLookup.findAll(generator, idProperty, new ArrayList<>(ids));
    List<Long> results = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String id : ids) {
      Long index = found.get(id);
      if (index == null || generator.archive().isArchived(index) != archived) {
        missing.add(id);
      } else {
        results.add(index);
      }
    }
    return ApiResponse.streamed(missing.isEmpty() ? 200 : 207, out -> {
      out.writeStartObject();
      out.writeStringField("status", "COMPLETE");
      out.writeArrayFieldStart("results");
      for (long index : results) {
        RecordJson.write(out, generator, index, selection, history);
      }
      out.writeEndArray();
      if (!missing.isEmpty()) {
        out.writeNumberField("numErrors", 1);
        out.writeArrayFieldStart("errors");
        out.writeStartObject();
        out.writeStringField("status", "error");
        out.writeStringField("category", "OBJECT_NOT_FOUND");
        out.writeStringField("message", "Could not get some " + generator.schema().object()
            .singular().toUpperCase(java.util.Locale.ROOT) + " objects, they may be deleted or"
            + " not exist. Check that ids are valid.");
        out.writeObjectFieldStart("context");
        out.writeArrayFieldStart("ids");
        for (String id : missing) {
          out.writeString(id);
        }
        out.writeEndArray();
        out.writeEndObject();
        out.writeEndObject();
        out.writeEndArray();
      }
      out.writeStringField("startedAt", startedAt);
      out.writeStringField("completedAt", Instant.now().toString());
      out.writeEndObject();
    });
  }

  static List<String> stringList(JsonNode node, String field) throws ApiException {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isArray()) {
      throw ApiException.validation("Invalid input JSON: '" + field + "' must be an array.");
    }
    List<String> names = new ArrayList<>();
    node.forEach(item -> names.add(item.asText()));
    return names;
  }
}
