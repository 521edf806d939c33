package io.hubspotbeam.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One CRM record as HubSpot returns it: its object type, id, property values (each a string or
 * null, as HubSpot sends them), timestamps and archived state.
 */
public final class CrmObject {
  private final String objectType;
  private final String id;
  private final Map<String, String> properties;
  private final String createdAt;
  private final String updatedAt;
  private final boolean archived;
  private final String archivedAt;

  /**
   * @param properties property name to value; values may be null (HubSpot's "no value"), which is
   *     different from the empty string. Iteration order is kept.
   */
  public CrmObject(
      String objectType,
      String id,
      Map<String, String> properties,
      String createdAt,
      String updatedAt,
      boolean archived,
      String archivedAt) {
    this.objectType = Objects.requireNonNull(objectType, "objectType");
    this.id = Objects.requireNonNull(id, "id");
    this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    this.createdAt = createdAt;
    this.updatedAt = updatedAt;
    this.archived = archived;
    this.archivedAt = archivedAt;
  }

  public String objectType() {
    return objectType;
  }

  /** The record id as HubSpot sends it (a decimal number in a string). */
  public String id() {
    return id;
  }

  /** The id as a number, for ordering: ids have very different lengths, so never sort them as text. */
  public long numericId() {
    return Long.parseLong(id);
  }

  /** Property values by name; a value may be null. */
  public Map<String, String> properties() {
    return properties;
  }

  public String createdAt() {
    return createdAt;
  }

  public String updatedAt() {
    return updatedAt;
  }

  public boolean archived() {
    return archived;
  }

  /** When the record was archived, or null for live records. */
  public String archivedAt() {
    return archivedAt;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof CrmObject)) {
      return false;
    }
    CrmObject other = (CrmObject) o;
    return objectType.equals(other.objectType)
        && id.equals(other.id)
        && properties.equals(other.properties)
        && Objects.equals(createdAt, other.createdAt)
        && Objects.equals(updatedAt, other.updatedAt)
        && archived == other.archived
        && Objects.equals(archivedAt, other.archivedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(objectType, id, properties, createdAt, updatedAt, archived, archivedAt);
  }

  @Override
  public String toString() {
    return objectType + "/" + id + " (" + properties.size() + " properties)";
  }
}
