package io.hubspotbeam.client;

import java.util.Objects;

/**
 * One value a property of a record held, as {@code propertiesWithHistory} returns it: the value
 * (an empty string when it was cleared), when it was set, and by what ({@code sourceType} such
 * as CRM_UI, IMPORT, API, and {@code sourceId}, which HubSpot may leave out).
 */
public record PropertyVersion(String property, String value, String timestamp,
    String sourceType, String sourceId) {
  public PropertyVersion {
    Objects.requireNonNull(property, "property");
  }
}
