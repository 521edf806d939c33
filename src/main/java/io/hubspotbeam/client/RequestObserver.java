package io.hubspotbeam.client;

/**
 * Receives what happens to requests, so that a caller can count and report it (the Beam reader
 * turns these into metrics). Called from the requesting thread; implementations must be cheap and
 * thread-safe. Never receives the token.
 */
public interface RequestObserver {
  /** A response arrived (any status). */
  default void onResponse(String objectType, RequestKind kind, int status, long latencyNanos) {}

  /** A request is about to be retried after the given failure and pause. */
  default void onRetry(
      String objectType, RequestKind kind, HubSpotException failure, int attempt, long pauseMillis) {}

  /** The caller waited this long for the rate budget before sending. */
  default void onThrottled(String objectType, RequestKind kind, long waitedMillis) {}

  RequestObserver NONE = new RequestObserver() {};
}
