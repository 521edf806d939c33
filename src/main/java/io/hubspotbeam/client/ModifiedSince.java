package io.hubspotbeam.client;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A search filter on an object's modification time: records whose {@code property} is at or
 * after {@code since}. HubSpot names that property {@code lastmodifieddate} on contacts and
 * {@code hs_lastmodifieddate} on every other object ({@link #propertyOf}).
 */
public record ModifiedSince(String property, Instant since) implements Serializable {
  public ModifiedSince {
    Objects.requireNonNull(property, "property");
    Objects.requireNonNull(since, "since");
  }

  /** The filter on the object's own modification-time property. */
  public static ModifiedSince of(String objectType, Instant since) {
    return new ModifiedSince(propertyOf(objectType), since);
  }

  /** Contacts kept their pre-"hs_" name for the modification time; other objects did not. */
  public static String propertyOf(String objectType) {
    return objectType.equals("contacts") || objectType.equals("contact")
        || objectType.equals("0-1") ? "lastmodifieddate" : "hs_lastmodifieddate";
  }
}
