package io.hubspotbeam.sandbox;

import java.util.Map;

/**
 * A call routed to an endpoint: the request, the path parameters, and the object types named in
 * the path ({type}, {from}, {to}) already resolved.
 */
record ApiCall(ApiRequest request, Map<String, String> pathParams,
    Map<String, PortalObject> objects, SandboxData data) {

  PortalObject object(String name) {
    return objects.get(name);
  }

  String pathParam(String name) {
    return pathParams.get(name);
  }

  RecordGenerator generator(String name) {
    return data.generator(object(name));
  }
}
