package io.hubspotbeam.sandbox;

/**
 * {@code POST /crm/v3/objects/{type}/search} and {@code POST /crm/objects/2026-03/{type}/search}:
 * live records only; paging "after" is a numeric
 * offset and the next page's cursor carries no link, as in HubSpot. The answer is streamed
 * rather than built as a tree: an extractor reads id ranges through search with hundreds of
 * properties, 200 records a page, and each answer is megabytes.
 */
final class SearchEndpoint implements Endpoint {
  @Override
  public ApiResponse handle(ApiCall call) throws ApiException {
    RecordGenerator generator = call.generator("type");
    SearchQuery query = SearchQuery.parse(call.request().json());
    SearchEngine.Outcome outcome = SearchEngine.run(generator, query);
    PropertySelection selection = PropertySelection.of(generator.schema(), query.properties());
    long nextOffset = (long) query.offset() + outcome.page().size();
    return ApiResponse.streamed(200, out -> {
      out.writeStartObject();
      out.writeNumberField("total", outcome.total());
      out.writeArrayFieldStart("results");
      for (long index : outcome.page()) {
        RecordJson.write(out, generator, index, selection);
      }
      out.writeEndArray();
      if (nextOffset < outcome.total() && !outcome.page().isEmpty()) {
        out.writeObjectFieldStart("paging");
        out.writeObjectFieldStart("next");
        out.writeStringField("after", Long.toString(nextOffset));
        out.writeEndObject();
        out.writeEndObject();
      }
      out.writeEndObject();
    });
  }
}
