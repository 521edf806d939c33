package io.hubspotbeam.io;

import io.hubspotbeam.client.AccessToken;
import io.hubspotbeam.client.ApiVersion;
import io.hubspotbeam.client.BaseUrl;
import io.hubspotbeam.client.HubSpotClient;
import io.hubspotbeam.client.RateBudget;
import io.hubspotbeam.client.RequestObserver;
import io.hubspotbeam.client.RetryPolicy;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.beam.sdk.transforms.display.DisplayData;

/**
 * How workers reach HubSpot: base URL, token, retries and rate limits. Travels with the transform
 * to every worker; its {@code toString} and display data name where the token came from, never
 * the token.
 */
public final class ConnectionConfig implements Serializable {
  private static final long serialVersionUID = 1L;

  /** One rate budget per portal and JVM, shared by every reader thread in it. */
  private static final ConcurrentMap<BudgetKey, RateBudget> BUDGETS = new ConcurrentHashMap<>();

  private final BaseUrl baseUrl;
  private final AccessToken token;
  private final RetryPolicy retryPolicy;
  private final int requestsPerTenSeconds;
  private final double searchPerSecond;
  private final double budgetShare;
  private final int maxUrlLength;
  private final Duration readTimeout;
  private final ApiVersion apiVersion;
  /** Custom objects' names to their objectTypeIds; see {@link #withObjectTypeIds}. */
  private final java.util.Map<String, String> objectTypeIds;

  private ConnectionConfig(
      BaseUrl baseUrl,
      AccessToken token,
      RetryPolicy retryPolicy,
      int requestsPerTenSeconds,
      double searchPerSecond,
      double budgetShare,
      int maxUrlLength,
      Duration readTimeout,
      ApiVersion apiVersion,
      java.util.Map<String, String> objectTypeIds) {
    this.baseUrl = baseUrl;
    this.token = token;
    this.retryPolicy = retryPolicy;
    this.requestsPerTenSeconds = requestsPerTenSeconds;
    this.searchPerSecond = searchPerSecond;
    this.budgetShare = budgetShare;
    this.maxUrlLength = maxUrlLength;
    this.readTimeout = readTimeout;
    this.apiVersion = apiVersion;
    this.objectTypeIds = objectTypeIds;
  }

  /**
   * A connection with default retries, the rate limit learned from HubSpot's headers, the whole
   * budget for this JVM, and the default URL length.
   */
  public static ConnectionConfig of(BaseUrl baseUrl, AccessToken token) {
    return new ConnectionConfig(
        Objects.requireNonNull(baseUrl, "baseUrl"),
        Objects.requireNonNull(token, "token"),
        RetryPolicy.defaults(),
        0,
        RateBudget.SEARCH_PER_SECOND,
        1.0,
        HubSpotClient.DEFAULT_MAX_URL_LENGTH,
        Duration.ofSeconds(60),
        ApiVersion.DEFAULT,
        java.util.Map.of());
  }

  /**
   * The portal's limit in requests per ten seconds; 0 (the default) adopts the limit HubSpot
   * announces in its rate-limit headers, starting from the Free tier's 100.
   */
  public ConnectionConfig withRequestsPerTenSeconds(int requests) {
    if (requests < 0) {
      throw new IllegalArgumentException(
          "requests per ten seconds must be 0 (learn from HubSpot) or positive, got " + requests);
    }
    return new ConnectionConfig(baseUrl, token, retryPolicy, requests, searchPerSecond,
        budgetShare, maxUrlLength, readTimeout, apiVersion, objectTypeIds);
  }

  /** The share of the portal's limits this JVM may use, for runs spread over several JVMs. */
  public ConnectionConfig withBudgetShare(double share) {
    if (!(share > 0 && share <= 1)) {
      throw new IllegalArgumentException("the budget share must be in (0, 1], got " + share);
    }
    return new ConnectionConfig(baseUrl, token, retryPolicy, requestsPerTenSeconds,
        searchPerSecond, share, maxUrlLength, readTimeout, apiVersion, objectTypeIds);
  }

  public ConnectionConfig withRetryPolicy(RetryPolicy policy) {
    return new ConnectionConfig(baseUrl, token, Objects.requireNonNull(policy),
        requestsPerTenSeconds, searchPerSecond, budgetShare, maxUrlLength, readTimeout, apiVersion, objectTypeIds);
  }

  public ConnectionConfig withMaxUrlLength(int length) {
    if (length < 200) {
      throw new IllegalArgumentException("the maximum URL length must be at least 200, got " + length);
    }
    return new ConnectionConfig(baseUrl, token, retryPolicy, requestsPerTenSeconds,
        searchPerSecond, budgetShare, length, readTimeout, apiVersion, objectTypeIds);
  }

  public ConnectionConfig withReadTimeout(Duration timeout) {
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("the read timeout must be positive, got " + timeout);
    }
    return new ConnectionConfig(baseUrl, token, retryPolicy, requestsPerTenSeconds,
        searchPerSecond, budgetShare, maxUrlLength, timeout, apiVersion, objectTypeIds);
  }

  /** The path family of every call (default {@link ApiVersion#DEFAULT}). */
  public ConnectionConfig withApiVersion(ApiVersion version) {
    return new ConnectionConfig(baseUrl, token, retryPolicy, requestsPerTenSeconds,
        searchPerSecond, budgetShare, maxUrlLength, readTimeout, Objects.requireNonNull(version),
        objectTypeIds);
  }

  /**
   * Custom objects called by their bare name ("licenses") mapped to the objectTypeId their
   * record paths take ("2-7350991"), as the portal's schemas say.
   */
  public ConnectionConfig withObjectTypeIds(java.util.Map<String, String> ids) {
    return new ConnectionConfig(baseUrl, token, retryPolicy, requestsPerTenSeconds,
        searchPerSecond, budgetShare, maxUrlLength, readTimeout, apiVersion,
        java.util.Map.copyOf(ids));
  }

  public ApiVersion apiVersion() {
    return apiVersion;
  }

  public BaseUrl baseUrl() {
    return baseUrl;
  }

  public AccessToken token() {
    return token;
  }

  /** A client for this connection, drawing on the JVM's shared budget for the portal. */
  public HubSpotClient newClient(RequestObserver observer) {
    return HubSpotClient.builder()
        .baseUrl(baseUrl)
        .apiVersion(apiVersion)
        .token(token)
        .retryPolicy(retryPolicy)
        .rateBudget(BUDGETS.computeIfAbsent(budgetKey(), ConnectionConfig::newBudget))
        .observer(observer)
        .maxUrlLength(maxUrlLength)
        .timeouts(Duration.ofSeconds(10), readTimeout)
        .pathNames(objectTypeIds)
        .build();
  }

  private BudgetKey budgetKey() {
    return new BudgetKey(baseUrl, token, requestsPerTenSeconds, searchPerSecond, budgetShare);
  }

  private static RateBudget newBudget(BudgetKey key) {
    return key.requestsPerTenSeconds == 0
        ? RateBudget.learning(key.share)
        : RateBudget.fixed(key.requestsPerTenSeconds, key.searchPerSecond, key.share);
  }

  void populateDisplayData(DisplayData.Builder builder) {
    builder
        .add(DisplayData.item("baseUrl", baseUrl.toString()).withLabel("HubSpot API"))
        .add(DisplayData.item("apiVersion", apiVersion.label()).withLabel("API paths"))
        .add(DisplayData.item("tokenSource", token.source()).withLabel("Access token from"))
        .add(DisplayData.item("requestsPerTenSeconds", requestsPerTenSeconds == 0
            ? "learned from HubSpot's headers" : Integer.toString(requestsPerTenSeconds))
            .withLabel("Rate limit"))
        .add(DisplayData.item("budgetShare", budgetShare).withLabel("Share of the rate limit"));
  }

  @Override
  public String toString() {
    return "ConnectionConfig(" + baseUrl + ", token from " + token.source() + ")";
  }

  /** Identifies one portal's budget; its toString hides the token like AccessToken's does. */
  private record BudgetKey(
      BaseUrl baseUrl,
      AccessToken token,
      int requestsPerTenSeconds,
      double searchPerSecond,
      double share) {}
}
