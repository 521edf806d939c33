package io.hubspotbeam.sandbox;

/**
 * A fault in the list endpoint's paging, as buggy API gateways and caches have produced them, that
 * makes a naive client loop forever. Off by default.
 */
public enum PagingFault {
  /** Paging as HubSpot does it. */
  NONE,
  /** Every page after the first hands out the cursor it was asked with: the same page forever. */
  REPEATED_CURSOR,
  /**
   * The last page still carries {@code paging.next}, to a cursor past the end that answers an
   * empty page with a cursor further on, and so on without end (id cursors only).
   */
  ENDLESS
}
