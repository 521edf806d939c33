package io.hubspotbeam.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code GET /crm/v4/associations/{from}/{to}/labels} and
 * {@code GET /crm/associations/2026-03/{from}/{to}/labels}: the association types of a direction.
 */
final class AssociationLabelsEndpoint implements Endpoint {
  @Override
  public ApiResponse handle(ApiCall call) {
    PortalObject from = call.object("from");
    PortalObject to = call.object("to");
    ObjectNode body = Json.object();
    ArrayNode results = body.putArray("results");
    AssociationPair.between(from, to).ifPresent(pair -> {
      for (SandboxAssociationType type : pair.typesFrom(from)) {
        ObjectNode t = results.addObject();
        t.put("category", type.category());
        t.put("typeId", type.typeId());
        t.put("label", type.label());
      }
    });
    return ApiResponse.json(200, body);
  }
}
