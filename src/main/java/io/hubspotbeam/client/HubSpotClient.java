package io.hubspotbeam.client;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.api.client.http.ByteArrayContent;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpContent;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpRequestFactory;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.util.Sleeper;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client for the parts of HubSpot's CRM API that extraction needs: property discovery, paged
 * listing and batch reads, with retries, rate pacing and typed errors. Thread-safe; knows nothing
 * of Beam.
 *
 * <p><b>Many properties without HTTP 414.</b> A list call names its properties in the query string,
 * and HubSpot answers 414 once the URL passes about 8,000 characters, while portals often have
 * hundreds of properties per object. When the URL with every property would be longer than
 * {@link Builder#maxUrlLength}, {@link #listPage} lists just the ids of the page and reads the
 * properties with one {@code POST .../batch/read}, which carries them in the body. That costs two
 * requests per page of 100 whatever the number of properties; splitting the properties over several
 * GETs would cost one request per 8,000 characters of property names (three or more for a typical
 * contacts schema) and would have to stitch records from separate pages that can differ when
 * records change between the calls.
 */
public final class HubSpotClient {
  private static final Logger LOG = LoggerFactory.getLogger(HubSpotClient.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** HubSpot's largest page for list calls. */
  public static final int MAX_LIST_LIMIT = 100;
  /** HubSpot's largest search page. */
  public static final int MAX_SEARCH_LIMIT = 200;
  /** Search answers 400 beyond this many results of one query (offset plus limit). */
  public static final int SEARCH_RESULT_CAP = 10_000;
  /** HubSpot's largest batch read. */
  public static final int MAX_BATCH_READ = 100;
  /** Records per list page, and ids per batch read, when property history is asked for. */
  public static final int MAX_HISTORY_LIMIT = 50;
  /** HubSpot's largest association batch read. */
  public static final int MAX_ASSOCIATION_BATCH = 1_000;
  /**
   * Default longest URL sent: HubSpot has answered 414 from about 8,000 characters; stay well
   * below that, since proxies on the way may be stricter.
   */
  public static final int DEFAULT_MAX_URL_LENGTH = 6000;

  private final BaseUrl baseUrl;
  private final ApiVersion apiVersion;
  private final AccessToken token;
  private final HttpRequestFactory requests;
  private final RetryPolicy retryPolicy;
  private final RateBudget rateBudget;
  private final RequestObserver observer;
  private final Sleeper sleeper;
  private final int maxUrlLength;
  private final int connectTimeoutMillis;
  private final int readTimeoutMillis;
  /** Object names to the identifier record paths need (custom objects: the objectTypeId). */
  private final Map<String, String> pathNames;

  private HubSpotClient(Builder builder) {
    this.baseUrl = Objects.requireNonNull(builder.baseUrl, "baseUrl");
    this.apiVersion = builder.apiVersion;
    this.token = Objects.requireNonNull(builder.token, "token");
    this.requests = builder.transport.createRequestFactory();
    this.retryPolicy = builder.retryPolicy;
    this.rateBudget = builder.rateBudget;
    this.observer = builder.observer;
    this.sleeper = builder.sleeper;
    this.maxUrlLength = builder.maxUrlLength;
    this.connectTimeoutMillis = (int) builder.connectTimeout.toMillis();
    this.readTimeoutMillis = (int) builder.readTimeout.toMillis();
    this.pathNames = Map.copyOf(builder.pathNames);
  }

  /** The identifier the object's paths use: its objectTypeId for a custom object named so. */
  private String path(String objectType) {
    return pathNames.getOrDefault(objectType, objectType);
  }

  /**
   * The portal's custom objects ({@code GET /crm/v3/schemas}, or its 2026-03 twin); needs the
   * {@code crm.schemas.custom.read} scope. Empty on portals without custom objects.
   */
  public List<CustomObjectSchema> customObjectSchemas() {
    GenericUrl url = new GenericUrl(baseUrl.resolve(apiVersion.schemas()));
    return execute("schemas", RequestKind.PROPERTIES, "GET", url, null, tree(body -> {
      List<CustomObjectSchema> result = new ArrayList<>();
      for (JsonNode schema : body.path("results")) {
        result.add(new CustomObjectSchema(text(schema, "name"), text(schema, "objectTypeId"),
            text(schema, "fullyQualifiedName"), text(schema.path("labels"), "singular"),
            text(schema.path("labels"), "plural")));
      }
      return result;
    }));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Where the token came from, for messages. */
  public String tokenSource() {
    return token.source();
  }

  public RateBudget rateBudget() {
    return rateBudget;
  }

  /** The path family this client calls. */
  public ApiVersion apiVersion() {
    return apiVersion;
  }

  /** Every property of an object type, in HubSpot's order. */
  public List<PropertyDefinition> properties(String objectType) {
    String path = apiVersion.properties(path(objectType));
    GenericUrl url = new GenericUrl(baseUrl.resolve(path));
    return execute(
        objectType,
        RequestKind.PROPERTIES,
        "GET",
        url,
        null,
        tree(body -> {
          List<PropertyDefinition> result = new ArrayList<>();
          for (JsonNode p : body.path("results")) {
            result.add(
                new PropertyDefinition(
                    text(p, "name"),
                    text(p, "label"),
                    text(p, "type"),
                    text(p, "fieldType"),
                    text(p, "groupName"),
                    p.path("hidden").asBoolean(false),
                    p.path("calculated").asBoolean(false),
                    p.path("hubspotDefined").asBoolean(false)));
          }
          return result;
        }));
  }

  /**
   * One page of {@code GET /crm/objects/{version}/{objectType}} with the given properties.
   *
   * @param after the cursor from the previous page, or null for the first page
   * @param limit records per page, 1 to 100
   * @param properties the properties to return (every record gets each of them, null if unset)
   * @param archived true to list only archived records, false for live ones
   */
  public ObjectPage listPage(
      String objectType, String after, int limit, List<String> properties, boolean archived) {
    return listPage(objectType, after, limit, properties, archived, List.of());
  }

  /**
   * The same, each record also carrying every value the {@code withHistory} properties held
   * ({@link CrmObject#history()}); HubSpot then answers at most {@value #MAX_HISTORY_LIMIT}
   * records per page.
   */
  public ObjectPage listPage(String objectType, String after, int limit, List<String> properties,
      boolean archived, List<String> withHistory) {
    return listPage(objectType, after, limit, properties, archived, withHistory, objectType);
  }

  /**
   * The same, with the requests counted under {@code counterName} (a history table reads the
   * object's records but is a table of its own).
   */
  public ObjectPage listPage(String objectType, String after, int limit, List<String> properties,
      boolean archived, List<String> withHistory, String counterName) {
    int max = withHistory.isEmpty() ? MAX_LIST_LIMIT : MAX_HISTORY_LIMIT;
    if (limit < 1 || limit > max) {
      throw new IllegalArgumentException("limit must be 1.." + max + ", got " + limit);
    }
    GenericUrl full = listUrl(objectType, after, limit, properties, archived, withHistory);
    if (full.build().length() <= maxUrlLength) {
      PageJson.Parsed page = execute(counterName, RequestKind.LIST, "GET", full, null, page(objectType));
      return new ObjectPage(page.records(), page.nextAfter(), 0);
    }
    // Too many properties for a query string: list the ids, then read the properties by POST.
    GenericUrl idsOnly =
        listUrl(objectType, after, limit, List.of("hs_object_id"), archived, List.of());
    PageJson.Parsed idPage =
        execute(counterName, RequestKind.LIST, "GET", idsOnly, null, page(objectType));
    ObjectPage ids = new ObjectPage(idPage.records(), idPage.nextAfter(), 0);
    if (ids.records().isEmpty()) {
      return ids;
    }
    List<String> idList = new ArrayList<>();
    for (CrmObject record : ids.records()) {
      idList.add(record.id());
    }
    Map<String, CrmObject> byId = new HashMap<>();
    for (CrmObject record : batchRead(objectType, idList, properties, archived, withHistory, counterName)) {
      byId.put(record.id(), record);
    }
    List<CrmObject> merged = new ArrayList<>(idList.size());
    for (String id : idList) {
      CrmObject record = byId.get(id);
      if (record != null) {
        merged.add(record);
      }
    }
    int vanished = idList.size() - merged.size();
    if (vanished > 0) {
      LOG.info(
          "{}: {} record(s) listed but gone by the batch read that followed (deleted meanwhile)",
          objectType,
          vanished);
    }
    return new ObjectPage(merged, ids.nextAfter(), vanished);
  }

  /**
   * {@code POST /crm/objects/{version}/{objectType}/batch/read}: the records with these ids. Ids HubSpot
   * does not find (deleted, or archived when {@code archived} is false) are left out of the result.
   */
  public List<CrmObject> batchRead(
      String objectType, List<String> ids, List<String> properties, boolean archived) {
    return batchRead(objectType, ids, properties, archived, List.of());
  }

  /** The same, with the history of the {@code withHistory} properties (at most 50 ids then). */
  public List<CrmObject> batchRead(String objectType, List<String> ids, List<String> properties,
      boolean archived, List<String> withHistory) {
    return batchRead(objectType, ids, properties, archived, withHistory, objectType);
  }

  private List<CrmObject> batchRead(String objectType, List<String> ids, List<String> properties,
      boolean archived, List<String> withHistory, String counterName) {
    if (ids.isEmpty()) {
      return List.of();
    }
    int max = withHistory.isEmpty() ? MAX_BATCH_READ : MAX_HISTORY_LIMIT;
    if (ids.size() > max) {
      throw new IllegalArgumentException(
          "at most " + max + " ids per batch read, got " + ids.size());
    }
    GenericUrl url = new GenericUrl(baseUrl.resolve(apiVersion.batchRead(path(objectType))));
    url.put("archived", Boolean.toString(archived));
    ObjectNode body = JSON.createObjectNode();
    ArrayNode inputs = body.putArray("inputs");
    for (String id : ids) {
      inputs.addObject().put("id", id);
    }
    ArrayNode names = body.putArray("properties");
    properties.forEach(names::add);
    if (!withHistory.isEmpty()) {
      ArrayNode history = body.putArray("propertiesWithHistory");
      withHistory.forEach(history::add);
    }
    return execute(
        counterName,
        RequestKind.BATCH_READ,
        "POST",
        url,
        jsonBody(body),
        page(objectType)).records();
  }

  /**
   * {@code POST /crm/associations/{version}/{fromType}/{toType}/batch/read} (v4 in the v3
   * family): the associations of up to {@value #MAX_ASSOCIATION_BATCH} records of
   * {@code fromType} with records of {@code toType}. HubSpot answers at most 500 associations per
   * record and call; a record with more gets a cursor in {@link AssociationBatch#nextAfter()},
   * to be passed back here as its value in {@code inputs}. Records without associations are
   * simply absent from the answer.
   *
   * @param inputs record id to cursor: null for a record's first call
   * @param counterName the name requests are counted under (the association table's name)
   */
  public AssociationBatch readAssociations(
      String fromType, String toType, Map<String, String> inputs, String counterName) {
    if (inputs.isEmpty()) {
      return new AssociationBatch(List.of(), Map.of());
    }
    if (inputs.size() > MAX_ASSOCIATION_BATCH) {
      throw new IllegalArgumentException("at most " + MAX_ASSOCIATION_BATCH
          + " records per association batch read, got " + inputs.size());
    }
    GenericUrl url =
        new GenericUrl(baseUrl.resolve(apiVersion.associationsBatchRead(path(fromType), path(toType))));
    ObjectNode body = JSON.createObjectNode();
    ArrayNode array = body.putArray("inputs");
    inputs.forEach((id, after) -> {
      ObjectNode input = array.addObject().put("id", id);
      if (after != null) {
        input.put("after", after);
      }
    });
    AssociationJson.Parsed parsed = execute(counterName, RequestKind.ASSOCIATIONS, "POST", url,
        jsonBody(body), in -> AssociationJson.parse(JSON.getFactory(), in));
    if (!parsed.errors().isEmpty()) {
      throw new HubSpotException.Other(
          ErrorBody.of(null, parsed.errors().size() + " input(s) failed, e.g. "
              + parsed.errors().get(0)),
          "POST " + url.getRawPath(), 207);
    }
    return parsed.batch();
  }

  /** Whether a list page with these properties fits in one GET (else it costs a batch read too). */
  public boolean listFitsInOneRequest(String objectType, int limit, List<String> properties) {
    return listUrl(objectType, "99999999999", limit, properties, false, List.of()).build()
        .length()
        <= maxUrlLength;
  }

  /**
   * {@code POST /crm/objects/{version}/{objectType}/search} for the records whose id lies in
   * {@code [fromId, toId)}, sorted by id. Search never returns archived records, has its own rate
   * limit (about five per second) and answers at most {@link #SEARCH_RESULT_CAP} results per
   * query, so callers page by moving {@code fromId} rather than by offset where they can.
   *
   * @param toId exclusive upper bound; {@link Long#MAX_VALUE} for none
   * @param offset the result offset ({@code after}), 0 for the first page
   * @param properties the properties to return (in the body: no URL length limit)
   */
  public SearchPage searchByIdRange(
      String objectType,
      long fromId,
      long toId,
      boolean descending,
      int limit,
      int offset,
      List<String> properties) {
    return searchByIdRange(objectType, fromId, toId, descending, limit, offset, properties, null);
  }

  /**
   * The same, of the records modified since a time only ({@code since} null: all records).
   * Paging by id within the filter is what lets an incremental read pass the 10,000-result cap
   * even when more than 10,000 records share one modification time.
   */
  public SearchPage searchByIdRange(
      String objectType,
      long fromId,
      long toId,
      boolean descending,
      int limit,
      int offset,
      List<String> properties,
      ModifiedSince since) {
    if (limit < 1 || limit > MAX_SEARCH_LIMIT) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_SEARCH_LIMIT + ", got " + limit);
    }
    if (offset < 0 || offset + limit > SEARCH_RESULT_CAP) {
      throw new IllegalArgumentException(
          "offset + limit must stay within " + SEARCH_RESULT_CAP + ", got " + offset + " + " + limit);
    }
    ObjectNode body = JSON.createObjectNode();
    ArrayNode filters = body.putArray("filterGroups").addObject().putArray("filters");
    filters.addObject()
        .put("propertyName", "hs_object_id")
        .put("operator", "GTE")
        .put("value", Long.toString(fromId));
    if (toId != Long.MAX_VALUE) {
      filters.addObject()
          .put("propertyName", "hs_object_id")
          .put("operator", "LT")
          .put("value", Long.toString(toId));
    }
    if (since != null) {
      // Search takes datetime values as epoch milliseconds.
      filters.addObject()
          .put("propertyName", since.property())
          .put("operator", "GTE")
          .put("value", Long.toString(since.since().toEpochMilli()));
    }
    body.putArray("sorts").addObject()
        .put("propertyName", "hs_object_id")
        .put("direction", descending ? "DESCENDING" : "ASCENDING");
    ArrayNode names = body.putArray("properties");
    properties.forEach(names::add);
    body.put("limit", limit);
    body.put("after", Integer.toString(offset));
    GenericUrl url = new GenericUrl(baseUrl.resolve(apiVersion.search(path(objectType))));
    PageJson.Parsed found = execute(
        objectType,
        RequestKind.SEARCH,
        "POST",
        url,
        jsonBody(body),
        page(objectType));
    return new SearchPage(found.records(), found.total(), found.nextAfter());
  }

  private GenericUrl listUrl(String objectType, String after, int limit, List<String> properties,
      boolean archived, List<String> withHistory) {
    GenericUrl url = new GenericUrl(baseUrl.resolve(apiVersion.objects(path(objectType))));
    url.put("limit", Integer.toString(limit));
    if (after != null) {
      url.put("after", after);
    }
    if (!properties.isEmpty()) {
      url.put("properties", String.join(",", properties));
    }
    if (!withHistory.isEmpty()) {
      url.put("propertiesWithHistory", String.join(",", withHistory));
    }
    url.put("archived", Boolean.toString(archived));
    return url;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  /**
   * Sends a request until it succeeds, retrying what may pass (5xx, transport errors, malformed
   * bodies, rate limits other than DAILY) and failing at once on what will not (400, 401, 403, 404,
   * 414, DAILY).
   */
  private static HttpContent jsonBody(ObjectNode body) {
    try {
      return new ByteArrayContent("application/json", JSON.writeValueAsBytes(body));
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a request body", e);
    }
  }

  /**
   * Turns a successful answer's body, read as it arrives, into a result: a
   * {@link JsonProcessingException} for bodies that are not JSON, a {@link RuntimeException}
   * for JSON not of the expected shape; any other IOException is the connection's.
   */
  @FunctionalInterface
  private interface BodyParser<T> {
    T parse(InputStream body) throws IOException;
  }

  /** A parser for answers read as a JSON tree (small ones: properties). */
  private static <T> BodyParser<T> tree(Function<JsonNode, T> read) {
    return in -> {
      JsonNode body = JSON.readTree(in);
      if (body == null || !body.isObject()) {
        throw new JsonParseException(null, "not a JSON object");
      }
      return read.apply(body);
    };
  }

  /** A parser for pages of records, streamed. */
  private static BodyParser<PageJson.Parsed> page(String objectType) {
    return in -> PageJson.parse(JSON.getFactory(), objectType, in);
  }

  private <T> T execute(
      String objectType,
      RequestKind kind,
      String method,
      GenericUrl url,
      HttpContent content,
      BodyParser<T> parse) {
    String request = method + " " + url.getRawPath();
    int failures = 0;
    int rateLimitWaits = 0;
    while (true) {
      HubSpotException failure;
      try {
        long waited = rateBudget.acquire(kind);
        if (waited > 0) {
          observer.onThrottled(objectType, kind, waited);
        }
        return sendOnce(objectType, kind, method, url, content, request, parse);
      } catch (HubSpotException e) {
        failure = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new HubSpotException.Transport(request, e);
      }

      long pause;
      if (failure instanceof HubSpotException.RateLimited && failure.isTransient()) {
        rateLimitWaits++;
        if (rateLimitWaits > retryPolicy.maxRateLimitWaits()) {
          throw failure.afterAttempts(failures + rateLimitWaits);
        }
        RateLimitPolicy policy = ((HubSpotException.RateLimited) failure).policy();
        // The pause is taken inside the next acquire(), where it is counted as throttling.
        pause = rateBudget.pauseAfterRateLimit(policy, rateLimitWaits);
        observer.onRetry(objectType, kind, failure, failures + rateLimitWaits, pause);
        LOG.debug("{} {}: rate limited ({}), pausing {} ms", objectType, request, policy, pause);
        continue;
      }
      if (!failure.isTransient()) {
        throw failure;
      }
      failures++;
      if (failures >= retryPolicy.maxAttempts()) {
        throw failure.afterAttempts(failures + rateLimitWaits);
      }
      pause = retryPolicy.backoffMillis(failures);
      observer.onRetry(objectType, kind, failure, failures, pause);
      LOG.warn("{}: {}; retry {} in {} ms", objectType, failure.getMessage(), failures, pause);
      try {
        sleeper.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failure;
      }
    }
  }

  private <T> T sendOnce(
      String objectType,
      RequestKind kind,
      String method,
      GenericUrl url,
      HttpContent content,
      String request,
      BodyParser<T> parse) {
    long start = System.nanoTime();
    long sentAt = rateBudget.clockNanos();
    HttpResponse response;
    try {
      HttpRequest http = requests.buildRequest(method, url, content);
      HttpHeaders headers = new HttpHeaders();
      headers.setAuthorization("Bearer " + token.secret());
      headers.setAccept("application/json");
      headers.setUserAgent("hubspot-beam-extractor");
      http.setHeaders(headers);
      http.setThrowExceptionOnExecuteError(false);
      http.setNumberOfRetries(0);
      http.setConnectTimeout(connectTimeoutMillis);
      http.setReadTimeout(readTimeoutMillis);
      http.setLoggingEnabled(false);
      response = http.execute();
    } catch (IOException e) {
      throw new HubSpotException.Transport(request, e);
    }
    int status = response.getStatusCode();
    try {
      rateBudget.observe(kind, response.getHeaders(), sentAt);
      if (status >= 200 && status < 300) {
        // Parsed as it arrives: pages of contacts run to megabytes, and an array that size for
        // each one kept a 512 MB heap's collector busy. A body that turns out malformed still
        // counts as an answer.
        try {
          return parseBody(response, status, request, parse);
        } finally {
          observer.onResponse(objectType, kind, status, System.nanoTime() - start);
        }
      }
      String text;
      try {
        text = new String(readBody(response), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new HubSpotException.Transport(request, e);
      }
      observer.onResponse(objectType, kind, status, System.nanoTime() - start);
      throw classify(status, ErrorBody.parse(JSON, text), request, url);
    } finally {
      try {
        response.disconnect();
      } catch (IOException ignored) {
        // The body is read; a failure to release the connection changes nothing for the caller.
      }
    }
  }

  private static <T> T parseBody(HttpResponse response, int status, String request,
      BodyParser<T> parse) {
    InputStream content;
    try {
      content = response.getContent();
    } catch (IOException e) {
      throw new HubSpotException.Transport(request, e);
    }
    try (InputStream stream = content == null ? InputStream.nullInputStream() : content) {
      // Parsers close what they read; this one stays open to read the rest after them.
      CountingInputStream body = new CountingInputStream(stream);
      T result;
      try {
        result = parse.parse(body);
      } catch (JsonProcessingException e) {
        throw new HubSpotException.MalformedResponse(request, status,
            "the body is not the JSON expected (" + describeBody(response, body) + ")", null);
      } catch (RuntimeException e) {
        throw new HubSpotException.MalformedResponse(
            request, status, "unexpected JSON: " + e.getMessage(), e);
      }
      // The rest (whitespace, at most): read to the end, so that the connection can be reused.
      body.transferTo(OutputStream.nullOutputStream());
      return result;
    } catch (IOException e) {
      throw new HubSpotException.Transport(request, e);
    }
  }

  /**
   * Counts the bytes read through it, for messages about bodies read as they arrive. Closing it
   * leaves the stream it reads open.
   */
  private static final class CountingInputStream extends FilterInputStream {
    private long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    @Override
    public void close() {
      // The caller closes the response's stream once the rest is read.
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count += Math.max(0, skipped);
      return skipped;
    }

    long count() {
      return count;
    }
  }

  private HubSpotException classify(int status, ErrorBody body, String request, GenericUrl url) {
    switch (status) {
      case 400:
        return new HubSpotException.BadRequest(body, request);
      case 401:
        return new HubSpotException.Unauthorized(body, request, token.source());
      case 403:
        return new HubSpotException.MissingScopes(body, request);
      case 404:
        return new HubSpotException.NotFound(body, request);
      case 414:
        return new HubSpotException.UriTooLong(body, request, url.build().length());
      case 429:
        return new HubSpotException.RateLimited(
            body, request, RateLimitPolicy.from(body.policyName, body.message));
      default:
        if (status >= 500) {
          return new HubSpotException.ServerError(body, request, status);
        }
        return new HubSpotException.Other(body, request, status);
    }
  }

  private static byte[] readBody(HttpResponse response) throws IOException {
    InputStream in = response.getContent();
    if (in == null) {
      return new byte[0];
    }
    try (in) {
      return in.readAllBytes();
    }
  }

  private static String describeBody(HttpResponse response, CountingInputStream body) {
    String type = response.getContentType();
    return (type == null ? "no content type" : type) + ", not JSON within the first "
        + body.count() + " bytes read";
  }

  /** Configures a {@link HubSpotClient}. */
  public static final class Builder {
    private BaseUrl baseUrl = BaseUrl.parse(BaseUrl.HUBSPOT);
    private ApiVersion apiVersion = ApiVersion.DEFAULT;
    private AccessToken token;
    private HttpTransport transport = new NetHttpTransport();
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private RateBudget rateBudget = RateBudget.learning(1);
    private RequestObserver observer = RequestObserver.NONE;
    private Sleeper sleeper = Sleeper.DEFAULT;
    private int maxUrlLength = DEFAULT_MAX_URL_LENGTH;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(60);
    private Map<String, String> pathNames = Map.of();

    private Builder() {}

    /**
     * Names the client is called with mapped to the identifier HubSpot's paths take, for custom
     * objects known by their bare name ("licenses" to "2-7350991").
     */
    public Builder pathNames(Map<String, String> pathNames) {
      this.pathNames = Objects.requireNonNull(pathNames, "pathNames");
      return this;
    }

    public Builder baseUrl(BaseUrl baseUrl) {
      this.baseUrl = Objects.requireNonNull(baseUrl);
      return this;
    }

    /** The path family of every call (default {@link ApiVersion#DEFAULT}). */
    public Builder apiVersion(ApiVersion apiVersion) {
      this.apiVersion = Objects.requireNonNull(apiVersion);
      return this;
    }

    public Builder token(AccessToken token) {
      this.token = Objects.requireNonNull(token);
      return this;
    }

    public Builder transport(HttpTransport transport) {
      this.transport = Objects.requireNonNull(transport);
      return this;
    }

    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy);
      return this;
    }

    public Builder rateBudget(RateBudget rateBudget) {
      this.rateBudget = Objects.requireNonNull(rateBudget);
      return this;
    }

    public Builder observer(RequestObserver observer) {
      this.observer = Objects.requireNonNull(observer);
      return this;
    }

    Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper);
      return this;
    }

    /** The longest URL a list call may use before properties move into a batch read body. */
    public Builder maxUrlLength(int maxUrlLength) {
      if (maxUrlLength < 200) {
        throw new IllegalArgumentException("maxUrlLength must be at least 200, got " + maxUrlLength);
      }
      this.maxUrlLength = maxUrlLength;
      return this;
    }

    public Builder timeouts(Duration connect, Duration read) {
      if (connect.isNegative() || connect.isZero() || read.isNegative() || read.isZero()) {
        throw new IllegalArgumentException("timeouts must be positive");
      }
      this.connectTimeout = connect;
      this.readTimeout = read;
      return this;
    }

    public HubSpotClient build() {
      if (token == null) {
        throw new IllegalStateException("a HubSpotClient needs an access token");
      }
      return new HubSpotClient(this);
    }
  }
}
