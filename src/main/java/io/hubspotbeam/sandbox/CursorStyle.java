package io.hubspotbeam.sandbox;

/**
 * What the list endpoint's {@code paging.next.after} cursor looks like. HubSpot documents the
 * cursor as opaque; in practice it is the id of the next page's first record, and extractors
 * are tempted to rely on that. {@link #OPAQUE} lets a test prove that an extractor does not.
 */
public enum CursorStyle {
  /** The id of the next page's first record, as HubSpot's cursors look today (the default). */
  ID,
  /**
   * A checksummed base64url token that is not a number. A numeric, malformed or tampered
   * {@code after} is answered 400 VALIDATION_ERROR, as HubSpot answers a bad cursor.
   */
  OPAQUE
}
