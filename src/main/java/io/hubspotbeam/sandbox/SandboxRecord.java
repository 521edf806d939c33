package io.hubspotbeam.sandbox;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One CRM record as the sandbox holds it: every property of the object's schema, in schema
 * order, with null for a property that has no value (distinct from the empty string). Times are
 * ISO-8601 UTC with milliseconds; archivedAt is null for live records.
 */
public record SandboxRecord(long id, Map<String, String> properties, String createdAt,
    String updatedAt, boolean archived, String archivedAt) {

  public SandboxRecord {
    // Map.copyOf refuses null values, and null is a value here: keep order and nulls.
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }
}
