package io.hubspotbeam.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code GET /crm/v3/objects/{type}}: one page of live (or, with archived=true, only archived)
 * records in ascending id order. The cursor is the id of the next page's first record, which is
 * what HubSpot's "opaque" cursor looks like in practice; records with id >= after are returned.
 */
final class ObjectListEndpoint implements Endpoint {
  static final int DEFAULT_LIMIT = 10;
  static final int MAX_LIMIT = 100;

  @Override
  public ApiResponse handle(ApiCall call) throws ApiException {
    ApiRequest request = call.request();
    RecordGenerator generator = call.generator("type");
    int limit = request.intParam("limit", DEFAULT_LIMIT, MAX_LIMIT);
    boolean archived = request.booleanParam("archived");
    PropertySelection selection =
        PropertySelection.of(generator.schema(), request.listParam("properties"));
    IdSequence ids = generator.ids();
    long index = ids.ceilingIndex(cursor(request.param("after")));
    ObjectNode body = Json.object();
    ArrayNode results = body.putArray("results");
    index = skipTo(generator, index, archived);
    while (index < ids.size() && results.size() < limit) {
      results.add(RecordJson.of(generator, index, selection));
      index = skipTo(generator, index + 1, archived);
    }
    if (index < ids.size()) {
      String after = Long.toString(ids.id(index));
      ObjectNode next = body.putObject("paging").putObject("next");
      next.put("after", after);
      next.put("link", request.linkWith("after", after));
    }
    return ApiResponse.json(200, body);
  }

  /** The first index at or after {@code from} whose archived flag is the wanted one. */
  static long skipTo(RecordGenerator generator, long from, boolean archived) {
    long index = from;
    long size = generator.ids().size();
    while (index < size && generator.archive().isArchived(index) != archived) {
      index++;
    }
    return index;
  }

  private static long cursor(String after) throws ApiException {
    if (after == null || after.isEmpty()) {
      return Long.MIN_VALUE;
    }
    try {
      return Long.parseLong(after.trim());
    } catch (NumberFormatException e) {
      throw ApiException.validation("Invalid value for 'after': " + after
          + " is not a valid paging cursor.");
    }
  }
}
