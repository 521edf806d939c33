package io.hubspotbeam.sandbox;

/** One operation of the API, called once authentication, limits and scopes have passed. */
@FunctionalInterface
interface Endpoint {
  ApiResponse handle(ApiCall call) throws ApiException;
}
