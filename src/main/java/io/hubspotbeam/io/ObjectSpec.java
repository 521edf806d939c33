package io.hubspotbeam.io;

import io.hubspotbeam.client.ModifiedSince;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What to read of one object type: which properties, and how many records.
 *
 * <p>{@code maxRecords} counts from the lowest id, so that a limited run is reproducible: the
 * list endpoint returns records in ascending id order.
 */
public final class ObjectSpec implements Serializable {
  private static final long serialVersionUID = 1L;

  /** No limit on the number of records. */
  public static final long ALL = Long.MAX_VALUE;

  private final String objectType;
  private final List<String> properties;
  private final long maxRecords;
  private final boolean archived;
  private final long knownRecords;
  private final ModifiedSince modifiedSince;
  private final List<String> withHistory;

  private ObjectSpec(String objectType, List<String> properties, long maxRecords, boolean archived,
      long knownRecords, ModifiedSince modifiedSince, List<String> withHistory) {
    this.objectType = objectType;
    this.properties = properties;
    this.maxRecords = maxRecords;
    this.archived = archived;
    this.knownRecords = knownRecords;
    this.modifiedSince = modifiedSince;
    this.withHistory = withHistory;
  }

  /**
   * @param properties the properties to read, in column order; must not be empty
   * @param maxRecords the number of records (lowest ids first), or {@link #ALL}
   */
  public static ObjectSpec of(String objectType, List<String> properties, long maxRecords) {
    Objects.requireNonNull(objectType, "objectType");
    if (properties == null || properties.isEmpty()) {
      throw new IllegalArgumentException(objectType + ": at least one property is needed");
    }
    if (maxRecords < 0) {
      throw new IllegalArgumentException(
          objectType + ": the record count must not be negative, got " + maxRecords);
    }
    return new ObjectSpec(objectType, List.copyOf(properties), maxRecords, false, -1, null, List.of());
  }

  /** The same, reading archived records only. */
  public ObjectSpec archivedOnly() {
    return new ObjectSpec(objectType, properties, maxRecords, true, knownRecords, modifiedSince, withHistory);
  }

  /**
   * The same, with the object's record count as found just before the run (search's total),
   * which spares the planner asking again when the object is small enough to read in one range.
   * Only an estimate: records created meanwhile are still read.
   */
  public ObjectSpec withKnownRecords(long records) {
    return new ObjectSpec(objectType, properties, maxRecords, archived, records, modifiedSince, withHistory);
  }

  /**
   * The same, reading only what changed at or after {@code since}: live records whose
   * modification time is that late (through search, filtered on the object's modification-time
   * property and paged by id), or, for archived records, those archived that late (the archived
   * listing cannot be filtered, so it is read whole and filtered here).
   */
  public ObjectSpec changedSince(Instant since) {
    return new ObjectSpec(objectType, properties, maxRecords, archived, knownRecords,
        ModifiedSince.of(objectType, since), withHistory);
  }

  /**
   * The same object read for the history of these properties ({@code propertiesWithHistory}):
   * each record carries every value they held. Only the list endpoint returns history, 50
   * records a page, so such a read is listed, in parallel ranges where the portal's cursors
   * allow.
   */
  public ObjectSpec withHistoryOf(List<String> historyProperties) {
    if (historyProperties.isEmpty()) {
      throw new IllegalArgumentException(objectType + ": no properties to read the history of");
    }
    return new ObjectSpec(objectType, properties, maxRecords, archived, knownRecords,
        modifiedSince, List.copyOf(historyProperties));
  }

  /** The properties whose history is read, or empty. */
  public List<String> withHistory() {
    return withHistory;
  }

  /** The table the read's records go to, and the name its figures are counted under. */
  public String tableName() {
    return withHistory.isEmpty() ? objectType : PropertyHistory.tableName(objectType);
  }

  /** The change filter of {@link #changedSince}, or null for every record. */
  public ModifiedSince modifiedSince() {
    return modifiedSince;
  }

  /** The record count found before the run, or -1 when unknown. */
  public long knownRecords() {
    return knownRecords;
  }

  public String objectType() {
    return objectType;
  }

  public List<String> properties() {
    return properties;
  }

  public long maxRecords() {
    return maxRecords;
  }

  public boolean archived() {
    return archived;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ObjectSpec)) {
      return false;
    }
    ObjectSpec other = (ObjectSpec) o;
    return objectType.equals(other.objectType)
        && properties.equals(other.properties)
        && maxRecords == other.maxRecords
        && archived == other.archived
        && knownRecords == other.knownRecords
        && Objects.equals(modifiedSince, other.modifiedSince)
        && withHistory.equals(other.withHistory);
  }

  @Override
  public int hashCode() {
    return Objects.hash(objectType, properties, maxRecords, archived, knownRecords, modifiedSince,
        withHistory);
  }

  @Override
  public String toString() {
    return objectType + "(" + properties.size() + " properties, "
        + (maxRecords == ALL ? "all records" : maxRecords + " records")
        + (archived ? ", archived" : "")
        + (modifiedSince == null ? "" : ", changed since " + modifiedSince.since())
        + (withHistory.isEmpty() ? "" : ", history of " + withHistory) + ")";
  }
}
