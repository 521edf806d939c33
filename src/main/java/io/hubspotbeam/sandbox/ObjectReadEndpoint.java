package io.hubspotbeam.sandbox;

/**
 * {@code GET /crm/v3/objects/{type}/{id}} and {@code GET /crm/objects/2026-03/{type}/{id}}: one
 * record by id (or by another unique property with idProperty). With archived=true only an
 * archived record is found, as with the list; propertiesWithHistory adds those properties'
 * histories.
 */
final class ObjectReadEndpoint implements Endpoint {
  @Override
  public ApiResponse handle(ApiCall call) throws ApiException {
    ApiRequest request = call.request();
    RecordGenerator generator = call.generator("type");
    boolean archived = request.booleanParam("archived");
    String id = call.pathParam("id");
    long index = RecordLookup.find(generator, request.param("idProperty"), id);
    if (index < 0 || generator.archive().isArchived(index) != archived) {
      throw ApiException.notFound("Object not found. objectId are usually numeric.");
    }
    PropertySelection selection =
        PropertySelection.of(generator.schema(), request.listParam("properties"));
    PropertySelection history = PropertySelection.withHistory(generator.schema(),
        request.listParam("propertiesWithHistory"));
    return ApiResponse.streamed(200,
        out -> RecordJson.write(out, generator, index, selection, history));
  }
}
