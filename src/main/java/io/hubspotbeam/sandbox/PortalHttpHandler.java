package io.hubspotbeam.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Every call goes through the same steps, in the order HubSpot's edge and API apply them:
 * latency, the URL-length limit of the load balancer (414), injected faults (dropped connection,
 * 502/503/504), authentication (401), rate limits (429), routing (404/405), object types (400),
 * scopes (403), then the endpoint. The sandbox's own {@code /__sandbox/stats} path skips all of
 * that (see {@link StatsEndpoint}).
 *
 * <p>The operations are served under two path families, the numbered one ({@code /crm/v3/...},
 * {@code /crm/v4/...}) and HubSpot's date-versioned 2026-03 one ({@code /crm/objects/2026-03/...},
 * {@code /crm/properties/2026-03/...}, {@code /crm-object-schemas/2026-03/schemas},
 * {@code /crm/associations/2026-03/...}), identically (see {@code PathFamily}); only the v4
 * per-record association list has no dated twin. The numbered family answers the schemas API
 * under both of HubSpot's documented prefixes, {@code /crm/v3/schemas} and
 * {@code /crm-object-schemas/v3/schemas}. Paging links repeat the request's own path, so
 * they stay in the family the client called.
 */
final class PortalHttpHandler implements HttpHandler {
  /** Thrown to make the JDK server drop the connection without writing any answer. */
  static final class DroppedConnection extends RuntimeException {
    DroppedConnection() {
      super("connection dropped on purpose", null, false, false);
    }
  }

  private static final String URI_TOO_LONG = "<html>\r\n<head><title>414 Request-URI Too Large"
      + "</title></head>\r\n<body>\r\n<center><h1>414 Request-URI Too Large</h1></center>\r\n"
      + "<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n";

  private final SandboxData data;
  private final Router router;
  private final AccessPolicy access;
  private final RateLimits limits;
  private final FaultPlan faults;
  private final SandboxStats stats;
  private final long latencyMillis;
  private final int maxUrlLength;
  private final long revokeAfterCalls;
  private final StatsEndpoint statsEndpoint;
  private final java.util.concurrent.atomic.AtomicLong callNumbers =
      new java.util.concurrent.atomic.AtomicLong();
  private volatile String baseUrl = "";

  /** {@code revokeAfterCalls}: the token stops working from that call number on (0 = never). */
  PortalHttpHandler(SandboxData data, AccessPolicy access, RateLimits limits, FaultPlan faults,
      SandboxStats stats, long latencyMillis, int maxUrlLength, ListPaging paging,
      long revokeAfterCalls) {
    this.data = data;
    this.access = access;
    this.limits = limits;
    this.faults = faults;
    this.stats = stats;
    this.latencyMillis = latencyMillis;
    this.maxUrlLength = maxUrlLength;
    this.revokeAfterCalls = revokeAfterCalls;
    this.statsEndpoint = new StatsEndpoint(stats, data);
    this.router = new Router(routes(paging));
  }

  RateLimits limits() {
    return limits;
  }

  void baseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /**
   * The prefixes of one path family. HubSpot serves the same read operations, with the same JSON,
   * under the numbered paths ({@code /crm/v3/...} for objects, properties and schemas,
   * {@code /crm/v4/...} for associations) and under date-versioned ones; the sandbox registers
   * every endpoint once per family, with the same kind, scopes and endpoint instance, so both
   * answer, count and limit alike. The 2026-03 paths are those of HubSpot's 2026-03 OpenAPI
   * specs, whose associations spec has no per-record association list
   * ({@code GET .../{from}/{id}/associations/{to}}): that route is in the numbered family only.
   * HubSpot documents the v3 schemas API under two prefixes, the short {@code /crm/v3/schemas}
   * of its custom object guides and {@code /crm-object-schemas/v3/schemas} of its reference, so
   * the numbered family has both.
   */
  private record PathFamily(String objects, String properties, List<String> schemas,
      String recordAssociations, String associations) {
    static final PathFamily NUMBERED = new PathFamily("/crm/v3/objects", "/crm/v3/properties",
        List.of("/crm/v3/schemas", "/crm-object-schemas/v3/schemas"), "/crm/v4/objects",
        "/crm/v4/associations");
    static final PathFamily DATED_2026_03 = new PathFamily("/crm/objects/2026-03",
        "/crm/properties/2026-03", List.of("/crm-object-schemas/2026-03/schemas"), null,
        "/crm/associations/2026-03");
  }

  private static List<Route> routes(ListPaging paging) {
    Route.Access records = Route.Access.RECORDS;
    Endpoint list = new ObjectListEndpoint(paging);
    Endpoint read = new ObjectReadEndpoint();
    Endpoint search = new SearchEndpoint();
    Endpoint batchRead = new BatchReadEndpoint();
    Endpoint allProperties = PropertiesEndpoint.all();
    Endpoint oneProperty = PropertiesEndpoint.one();
    Endpoint allSchemas = SchemasEndpoint.all();
    Endpoint oneSchema = SchemasEndpoint.one();
    Endpoint recordAssociations = new AssociationsEndpoint();
    Endpoint associationsBatch = new AssociationsBatchEndpoint();
    Endpoint labels = new AssociationLabelsEndpoint();
    List<Route> routes = new ArrayList<>();
    for (PathFamily family : List.of(PathFamily.NUMBERED, PathFamily.DATED_2026_03)) {
      String objects = family.objects();
      routes.add(Route.of("GET", objects + "/{type}", "list", records, list));
      routes.add(Route.of("GET", objects + "/{type}/{id}", "read", records, read));
      routes.add(Route.of("POST", objects + "/{type}/search", "search", records, search));
      routes.add(Route.of("POST", objects + "/{type}/batch/read", "batchRead", records,
          batchRead));
      routes.add(Route.of("GET", family.properties() + "/{type}", "properties",
          Route.Access.PROPERTIES, allProperties));
      routes.add(Route.of("GET", family.properties() + "/{type}/{name}", "properties",
          Route.Access.PROPERTIES, oneProperty));
      for (String schemas : family.schemas()) {
        routes.add(Route.of("GET", schemas, "schemas", Route.Access.CUSTOM_SCHEMAS, allSchemas));
        // {objectType}, not {type}: an unknown schema is a 404 of the schemas API, not the 400
        // an unknown object type gets elsewhere.
        routes.add(Route.of("GET", schemas + "/{objectType}", "schemas",
            Route.Access.CUSTOM_SCHEMAS, oneSchema));
      }
      if (family.recordAssociations() != null) {
        routes.add(Route.of("GET", family.recordAssociations() + "/{from}/{id}/associations/{to}",
            "associations", records, recordAssociations));
      }
      routes.add(Route.of("POST", family.associations() + "/{from}/{to}/batch/read",
          "associationsBatchRead", records, associationsBatch));
      routes.add(Route.of("GET", family.associations() + "/{from}/{to}/labels",
          "associationLabels", records, labels));
    }
    return routes;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (StatsEndpoint.PATH.equals(exchange.getRequestURI().getPath())) {
        readBody(exchange.getRequestBody());
        send(exchange, statsEndpoint.answer(exchange.getRequestMethod(),
            exchange.getRequestURI().getRawQuery()), false);
        return;
      }
      stats.started();
      try {
        ApiResponse response = answer(exchange);
        send(exchange, response, true);
      } finally {
        stats.finished();
      }
    }
  }

  private ApiResponse answer(HttpExchange exchange) throws IOException {
    long callNumber = callNumbers.getAndIncrement();
    String method = exchange.getRequestMethod();
    String rawPath = exchange.getRequestURI().getRawPath();
    String path = exchange.getRequestURI().getPath();
    Router.Match match = router.match(method, path == null ? "" : path);
    stats.request(match.kind());
    pause();
    int requestLineLength = method.length() + 1 + exchange.getRequestURI().toString().length()
        + 1 + exchange.getProtocol().length();
    if (requestLineLength > maxUrlLength) {
      return ApiResponse.text(414, "text/html", URI_TOO_LONG);
    }
    FaultPlan.Fault fault = faults.draw(callNumber);
    switch (fault) {
      case CONNECTION_RESET -> {
        stats.connectionReset();
        throw new DroppedConnection();
      }
      case SERVER_ERROR -> {
        stats.serverError();
        return faults.serverError(callNumber);
      }
      case SLOW -> {
        stats.slowResponse();
        sleep(faults.slowMillis());
      }
      default -> {
        // a normal answer, unless MALFORMED_BODY spoils it below
      }
    }
    if (revokeAfterCalls > 0 && callNumber >= revokeAfterCalls) {
      access.revoke();
    }
    ApiResponse answer = respond(exchange, method, rawPath, match);
    if (fault == FaultPlan.Fault.MALFORMED_BODY && answer.status() / 100 == 2) {
      stats.malformedBody();
      return faults.malformed(answer, callNumber);
    }
    return answer;
  }

  private ApiResponse respond(HttpExchange exchange, String method, String rawPath,
      Router.Match match) throws IOException {
    byte[] body = readBody(exchange.getRequestBody());
    Map<String, String> rateHeaders = Map.of();
    try {
      access.authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
      boolean search = match.found() && match.route().isSearch();
      rateHeaders = limits.admit(search, System.nanoTime(), System.currentTimeMillis());
      if (!match.found()) {
        if (!match.allowedMethods().isEmpty()) {
          throw ApiException.methodNotAllowed(method, match.allowedMethods());
        }
        throw ApiException.routeNotFound(rawPath);
      }
      ApiRequest request = new ApiRequest(method, rawPath,
          exchange.getRequestURI().getRawQuery(), body, baseUrl);
      ApiCall call = new ApiCall(request, match.params(), objectsOf(match), data);
      authorize(match.route(), call);
      return match.route().endpoint().handle(call).withHeaders(rateHeaders);
    } catch (ApiException e) {
      return ApiResponse.error(e).withHeaders(rateHeaders);
    } catch (RuntimeException e) {
      // A bug in the sandbox should look like what it is, not like a dropped connection.
      ApiException internal = ApiException.of(500, ApiException.standard(
          "internal error: " + e, "INTERNAL_ERROR"));
      return ApiResponse.error(internal).withHeaders(rateHeaders);
    }
  }

  private Map<String, PortalObject> objectsOf(Router.Match match) throws ApiException {
    Map<String, PortalObject> objects = new LinkedHashMap<>();
    for (String name : List.of("type", "from", "to")) {
      String value = match.params().get(name);
      if (value != null) {
        objects.put(name, PortalObject.fromPath(value)
            .orElseThrow(() -> ApiException.unknownObjectType(value)));
      }
    }
    return objects;
  }

  private void authorize(Route route, ApiCall call) throws ApiException {
    switch (route.access()) {
      case CUSTOM_SCHEMAS -> access.requireAny(List.of("crm.schemas.custom.read"));
      case PROPERTIES -> access.requireAny(call.object("type").propertyScopes());
      case RECORDS -> {
        for (PortalObject object : call.objects().values()) {
          access.requireAny(object.readScopes());
        }
      }
      default -> throw new IllegalStateException("unknown access " + route.access());
    }
  }

  private void pause() {
    sleep(latencyMillis);
  }

  private static void sleep(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void send(HttpExchange exchange, ApiResponse response, boolean counted)
      throws IOException {
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", response.contentType());
    headers.set("X-HubSpot-Correlation-Id", UUID.randomUUID().toString());
    response.headers().forEach(headers::set);
    byte[] body = response.body();
    if (counted) {
      stats.answered(response.status());
    }
    exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static byte[] readBody(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }
}
