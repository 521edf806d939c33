package io.hubspotbeam.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code GET /crm/v4/objects/{from}/{id}/associations/{to}}: one record's associations, 500 per
 * page at most, toObjectId as a JSON number. No 2026-03 twin: HubSpot's 2026-03 associations spec
 * has no per-record list, only the batch read.
 */
final class AssociationsEndpoint implements Endpoint {
  @Override
  public ApiResponse handle(ApiCall call) throws ApiException {
    ApiRequest request = call.request();
    int limit = request.intParam("limit", AssociationPage.MAX_LIMIT, AssociationPage.MAX_LIMIT);
    String id = call.pathParam("id");
    if (!id.matches("\\d{1,18}")) {
      throw ApiException.validation("Invalid value for 'objectId': " + id + " is not a number.");
    }
    PortalObject from = call.object("from");
    long fromIndex = call.data().generator(from).ids().indexOf(Long.parseLong(id));
    AssociationPage page = AssociationPage.read(call.data(), from, call.object("to"), fromIndex,
        request.param("after"), limit);
    ObjectNode body = Json.object();
    body.set("results", page.targets());
    if (page.nextCursor() != null) {
      ObjectNode next = body.putObject("paging").putObject("next");
      next.put("after", page.nextCursor());
      next.put("link", request.linkWith("after", page.nextCursor()));
    }
    return ApiResponse.json(200, body);
  }
}
