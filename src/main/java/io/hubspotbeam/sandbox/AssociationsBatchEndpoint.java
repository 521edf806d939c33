package io.hubspotbeam.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /crm/v4/associations/{from}/{to}/batch/read} and
 * {@code POST /crm/associations/2026-03/{from}/{to}/batch/read}: up to 1,000 records at once, at
 * most 500 associations each per answer with a cursor per input. Records with no associations (or
 * that do not exist) are left out of the results and reported the way HubSpot does: a 207 with
 * one NO_ASSOCIATIONS_FOUND error per such input.
 */
final class AssociationsBatchEndpoint implements Endpoint {
  static final int MAX_INPUTS = 1_000;

  @Override
  public ApiResponse handle(ApiCall call) throws ApiException {
    String startedAt = Instant.now().toString();
    JsonNode inputs = call.request().json().get("inputs");
    if (inputs == null || !inputs.isArray()) {
      throw ApiException.validation("Invalid input JSON: 'inputs' must be an array.");
    }
    if (inputs.size() > MAX_INPUTS) {
      throw ApiException.validation("Too many inputs: " + inputs.size() + ". Association batch "
          + "read accepts at most " + MAX_INPUTS + " inputs.");
    }
    PortalObject from = call.object("from");
    PortalObject to = call.object("to");
    IdSequence fromIds = call.data().generator(from).ids();
    ObjectNode answer = Json.object();
    answer.put("status", "COMPLETE");
    ArrayNode results = answer.putArray("results");
    List<ObjectNode> errors = new ArrayList<>();
    for (JsonNode input : inputs) {
      JsonNode idNode = input.get("id");
      if (idNode == null || !(idNode.isTextual() || idNode.isIntegralNumber())) {
        throw ApiException.validation("Invalid input JSON: every input needs an 'id'.");
      }
      String id = idNode.asText();
      long fromIndex = id.matches("\\d{1,18}") ? fromIds.indexOf(Long.parseLong(id)) : -1;
      String after = input.path("after").isTextual() ? input.get("after").asText() : null;
      AssociationPage page = AssociationPage.read(call.data(), from, to, fromIndex, after,
          AssociationPage.MAX_LIMIT);
      if (page.isEmpty()) {
        errors.add(noAssociations(from, to, id));
        continue;
      }
      ObjectNode result = results.addObject();
      result.putObject("from").put("id", id);
      result.set("to", page.targets());
      if (page.nextCursor() != null) {
        result.putObject("paging").putObject("next").put("after", page.nextCursor());
      }
    }
    if (!errors.isEmpty()) {
      answer.put("numErrors", errors.size());
      answer.putArray("errors").addAll(errors);
    }
    answer.put("startedAt", startedAt);
    answer.put("completedAt", Instant.now().toString());
    return ApiResponse.json(errors.isEmpty() ? 200 : 207, answer);
  }

  private static ObjectNode noAssociations(PortalObject from, PortalObject to, String id) {
    ObjectNode error = Json.object();
    error.put("status", "error");
    error.put("category", "OBJECT_NOT_FOUND");
    error.put("subCategory", "crm.associations.NO_ASSOCIATIONS_FOUND");
    error.put("message", "No " + to.singular() + " is associated with " + from.singular() + " "
        + id + ".");
    ObjectNode context = error.putObject("context");
    context.putArray("fromObjectId").add(id);
    context.putArray("fromObjectType").add(from.singular());
    context.putArray("toObjectType").add(to.singular());
    return error;
  }
}
