package io.hubspotbeam.client;

import java.util.List;

/**
 * An error from the HubSpot API, or from talking to it, with what HubSpot said about it.
 *
 * <p>HubSpot's error bodies carry a {@code category}, a {@code message} and a {@code correlationId}
 * (the identifier HubSpot support asks for); each is kept when present. The nested subclasses let
 * callers react to the kinds that need different handling: authentication and missing scopes are
 * the user's to fix, rate limits are waited out, server and transport errors are retried.
 *
 * <p>Messages name the request by method and path only, never the query string or headers, so they
 * cannot carry the access token.
 */
public class HubSpotException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int httpStatus;
  private final String category;
  private final String hubSpotMessage;
  private final String correlationId;
  private final String request;
  private int attempts = 1;

  HubSpotException(
      String request,
      int httpStatus,
      String category,
      String hubSpotMessage,
      String correlationId,
      String explanation,
      Throwable cause) {
    super(describe(request, httpStatus, category, hubSpotMessage, correlationId, explanation), cause);
    this.request = request;
    this.httpStatus = httpStatus;
    this.category = category;
    this.hubSpotMessage = hubSpotMessage;
    this.correlationId = correlationId;
  }

  private static String describe(
      String request,
      int status,
      String category,
      String hubSpotMessage,
      String correlationId,
      String explanation) {
    StringBuilder text = new StringBuilder();
    text.append(request).append(": ");
    if (status > 0) {
      text.append("HTTP ").append(status);
      if (category != null) {
        text.append(' ').append(category);
      }
    }
    if (hubSpotMessage != null && !hubSpotMessage.isBlank()) {
      text.append(status > 0 ? ": " : "").append(hubSpotMessage.strip());
    }
    if (explanation != null) {
      text.append(status > 0 || hubSpotMessage != null ? " (" : "").append(explanation);
      text.append(status > 0 || hubSpotMessage != null ? ")" : "");
    }
    if (correlationId != null) {
      text.append(" [correlationId ").append(correlationId).append(']');
    }
    return text.toString();
  }

  /** Records that this is the last of several attempts, for the message. */
  HubSpotException afterAttempts(int attempts) {
    this.attempts = attempts;
    return this;
  }

  /** How many times the request was sent before giving up. */
  public int attempts() {
    return attempts;
  }

  @Override
  public String getMessage() {
    String message = super.getMessage();
    return attempts > 1 ? message + " (gave up after " + attempts + " attempts)" : message;
  }

  /** The HTTP status HubSpot answered with, or 0 when no response was received. */
  public int httpStatus() {
    return httpStatus;
  }

  /** HubSpot's error category (e.g. MISSING_SCOPES), or null when the body had none. */
  public String category() {
    return category;
  }

  /** HubSpot's own message, or null. */
  public String hubSpotMessage() {
    return hubSpotMessage;
  }

  /** HubSpot's correlation id for support requests, or null. */
  public String correlationId() {
    return correlationId;
  }

  /** The request, as "METHOD /path" without query string. */
  public String request() {
    return request;
  }

  /** Whether retrying the same request may succeed. */
  public boolean isTransient() {
    return false;
  }

  /** HTTP 400: the request was malformed or asked for something HubSpot refuses. */
  public static final class BadRequest extends HubSpotException {
    private static final long serialVersionUID = 1L;

    BadRequest(ErrorBody body, String request) {
      super(request, 400, body.category, body.message, body.correlationId, null, null);
    }
  }

  /** HTTP 401: the token is wrong, expired or revoked. Never retried. */
  public static final class Unauthorized extends HubSpotException {
    private static final long serialVersionUID = 1L;

    Unauthorized(ErrorBody body, String request, String tokenSource) {
      super(
          request,
          401,
          body.category,
          body.message,
          body.correlationId,
          "the access token from " + tokenSource + " was rejected: check that it is current and"
              + " belongs to the portal you mean",
          null);
    }
  }

  /** HTTP 403 MISSING_SCOPES (or another 403): the token lacks a scope the call needs. */
  public static final class MissingScopes extends HubSpotException {
    private static final long serialVersionUID = 1L;
    private final List<String> requiredScopes;

    MissingScopes(ErrorBody body, String request) {
      super(
          request,
          403,
          body.category,
          body.message,
          body.correlationId,
          body.requiredScopes.isEmpty()
              ? null
              : "add the scope " + String.join(" or ", body.requiredScopes)
                  + " to the private app and use its new token",
          null);
      this.requiredScopes = List.copyOf(body.requiredScopes);
    }

    /** The scopes HubSpot said the call needs (may be empty). */
    public List<String> requiredScopes() {
      return requiredScopes;
    }
  }

  /** HTTP 404: the object type or record does not exist. */
  public static final class NotFound extends HubSpotException {
    private static final long serialVersionUID = 1L;

    NotFound(ErrorBody body, String request) {
      super(request, 404, body.category, body.message, body.correlationId, null, null);
    }
  }

  /** HTTP 414: the URL was too long (the client avoids this by moving properties into a body). */
  public static final class UriTooLong extends HubSpotException {
    private static final long serialVersionUID = 1L;

    UriTooLong(ErrorBody body, String request, int urlLength) {
      super(
          request,
          414,
          body.category,
          body.message,
          body.correlationId,
          "the URL was " + urlLength + " characters; lower the client's maximum URL length",
          null);
    }
  }

  /** HTTP 429: a rate limit was hit. {@link #policy()} says which one. */
  public static final class RateLimited extends HubSpotException {
    private static final long serialVersionUID = 1L;
    private final RateLimitPolicy policy;

    RateLimited(ErrorBody body, String request, RateLimitPolicy policy) {
      super(
          request,
          429,
          body.category,
          body.message,
          body.correlationId,
          policy == RateLimitPolicy.DAILY
              ? "the portal's daily API limit is used up; it resets at midnight in the portal's"
                  + " time zone"
              : null,
          null);
      this.policy = policy;
    }

    public RateLimitPolicy policy() {
      return policy;
    }

    @Override
    public boolean isTransient() {
      return policy != RateLimitPolicy.DAILY;
    }
  }

  /** HTTP 5xx: HubSpot or a proxy in front of it failed; retried with backoff. */
  public static final class ServerError extends HubSpotException {
    private static final long serialVersionUID = 1L;

    ServerError(ErrorBody body, String request, int status) {
      super(request, status, body.category, body.message, body.correlationId, null, null);
    }

    @Override
    public boolean isTransient() {
      return true;
    }
  }

  /** No usable HTTP response: connection refused or reset, timeout. Retried with backoff. */
  public static final class Transport extends HubSpotException {
    private static final long serialVersionUID = 1L;

    Transport(String request, Throwable cause) {
      super(request, 0, null, null, null, "no response: " + safeDescription(cause), cause);
    }

    @Override
    public boolean isTransient() {
      return true;
    }
  }

  /**
   * A response that is not the JSON HubSpot documents (an HTML page from a proxy, a truncated body).
   * Retried, since such answers are usually passing.
   */
  public static final class MalformedResponse extends HubSpotException {
    private static final long serialVersionUID = 1L;

    MalformedResponse(String request, int status, String what, Throwable cause) {
      super(request, status, null, null, null, what, cause);
    }

    @Override
    public boolean isTransient() {
      return true;
    }
  }

  /** Any other status (e.g. 405, 409): not retried. */
  public static final class Other extends HubSpotException {
    private static final long serialVersionUID = 1L;

    Other(ErrorBody body, String request, int status) {
      super(request, status, body.category, body.message, body.correlationId, null, null);
    }
  }

  private static String safeDescription(Throwable cause) {
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
