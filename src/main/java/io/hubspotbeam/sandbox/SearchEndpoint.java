package io.hubspotbeam.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code POST /crm/v3/objects/{type}/search}: live records only; paging "after" is a numeric
 * offset and the next page's cursor carries no link, as in HubSpot.
 */
final class SearchEndpoint implements Endpoint {
  @Override
  public ApiResponse handle(ApiCall call) throws ApiException {
    RecordGenerator generator = call.generator("type");
    SearchQuery query = SearchQuery.parse(call.request().json());
    SearchEngine.Outcome outcome = SearchEngine.run(generator, query);
    PropertySelection selection = PropertySelection.of(generator.schema(), query.properties());
    ObjectNode body = Json.object();
    body.put("total", outcome.total());
    ArrayNode results = body.putArray("results");
    for (long index : outcome.page()) {
      results.add(RecordJson.of(generator, index, selection));
    }
    long nextOffset = (long) query.offset() + outcome.page().size();
    if (nextOffset < outcome.total() && !outcome.page().isEmpty()) {
      body.putObject("paging").putObject("next").put("after", Long.toString(nextOffset));
    }
    return ApiResponse.json(200, body);
  }
}
