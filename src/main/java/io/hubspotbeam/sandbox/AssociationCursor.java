package io.hubspotbeam.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The v4 association paging cursor: base64 of "{toObjectTypeId}-{next toObjectId}", the shape
 * HubSpot's cursors have. It is opaque on purpose, so clients must pass it back as given.
 */
final class AssociationCursor {
  private AssociationCursor() {}

  static String encode(PortalObject to, long nextToId) {
    return Base64.getEncoder().encodeToString(
        (to.typeId() + "-" + nextToId).getBytes(StandardCharsets.UTF_8));
  }

  /** The toObjectId to resume at; Long.MIN_VALUE for a missing cursor. */
  static long decode(PortalObject to, String cursor) throws ApiException {
    if (cursor == null || cursor.isEmpty()) {
      return Long.MIN_VALUE;
    }
    try {
      String text = new String(Base64.getDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
      String prefix = to.typeId() + "-";
      if (text.startsWith(prefix)) {
        return Long.parseLong(text.substring(prefix.length()));
      }
    } catch (IllegalArgumentException e) {
      // falls through to the validation error (NumberFormatException is one too)
    }
    throw ApiException.validation("Invalid value for 'after': " + cursor
        + " is not a valid paging cursor.");
  }
}
