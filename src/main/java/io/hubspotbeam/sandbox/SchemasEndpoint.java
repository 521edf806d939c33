package io.hubspotbeam.sandbox;

/**
 * {@code GET /crm/v3/schemas} and {@code GET /crm-object-schemas/2026-03/schemas}: the custom
 * object definitions. The sandbox has only the standard
 * objects, so the list is empty; served so a client that discovers custom objects works.
 */
final class SchemasEndpoint implements Endpoint {
  @Override
  public ApiResponse handle(ApiCall call) {
    com.fasterxml.jackson.databind.node.ObjectNode body = Json.object();
    body.putArray("results");
    return ApiResponse.json(200, body);
  }
}
