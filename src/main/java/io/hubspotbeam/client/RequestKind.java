package io.hubspotbeam.client;

/** The kinds of call this client makes; search has its own rate limit, the rest share one. */
public enum RequestKind {
  LIST,
  BATCH_READ,
  PROPERTIES,
  SEARCH,
  ASSOCIATIONS;

  public boolean isSearch() {
    return this == SEARCH;
  }
}
