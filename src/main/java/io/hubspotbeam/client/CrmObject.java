package io.hubspotbeam.client;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * One CRM record as HubSpot returns it: its object type, id, property values (each a string or
 * null, as HubSpot sends them), timestamps and archived state.
 */
public final class CrmObject {
  private final String objectType;
  private final String id;
  private final PropertyNames names;
  /**
   * The property values end to end in one string, and where each ends: {@code ends[i]} is the
   * end of value i in {@code packed}, or {@code -end - 1} when the value is null. A contact of
   * 330 properties held as 330 strings took about 75 bytes a value (a string and its array,
   * each with a header); packed it takes the characters and four bytes. Records wait in memory
   * between the reader and the CSV writer, and how many can wait is what a 512 MB heap allows.
   */
  private final String packed;
  private final int[] ends;
  private final String createdAt;
  private final String updatedAt;
  private final boolean archived;
  private final String archivedAt;
  /** Each asked property's values over time, newest first per property; usually empty. */
  private final List<PropertyVersion> history;

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
    this(objectType, id, PropertyNames.of(List.copyOf(properties.keySet())),
        properties.values().toArray(new String[0]), createdAt, updatedAt, archived, archivedAt);
  }

  /**
   * A record whose property values are aligned with {@code names}; records of one page share
   * one {@link PropertyNames}. The values are copied into one string, end to end.
   */
  public CrmObject(
      String objectType,
      String id,
      PropertyNames names,
      String[] values,
      String createdAt,
      String updatedAt,
      boolean archived,
      String archivedAt) {
    this(objectType, id, names, values, createdAt, updatedAt, archived, archivedAt, List.of());
  }

  /** The same, with the history of the properties asked for with {@code propertiesWithHistory}. */
  public CrmObject(
      String objectType,
      String id,
      PropertyNames names,
      String[] values,
      String createdAt,
      String updatedAt,
      boolean archived,
      String archivedAt,
      List<PropertyVersion> history) {
    if (names.size() != values.length) {
      throw new IllegalArgumentException(
          names.size() + " property names but " + values.length + " values");
    }
    this.objectType = Objects.requireNonNull(objectType, "objectType");
    this.id = Objects.requireNonNull(id, "id");
    this.names = names;
    int length = 0;
    for (String value : values) {
      length += value == null ? 0 : value.length();
    }
    // Sized up front: grown from the default size, a contact's 10 KB of values was copied about
    // ten times over.
    StringBuilder text = new StringBuilder(length);
    int[] valueEnds = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      String value = values[i];
      if (value == null) {
        valueEnds[i] = -text.length() - 1;
      } else {
        text.append(value);
        valueEnds[i] = text.length();
      }
    }
    this.ends = valueEnds;
    this.packed = text.toString();
    this.createdAt = createdAt;
    this.updatedAt = updatedAt;
    this.archived = archived;
    this.archivedAt = archivedAt;
    this.history = List.copyOf(history);
  }

  /**
   * The values the properties asked for with {@code propertiesWithHistory} held, grouped by
   * property in the order HubSpot sent them, newest first within each; empty otherwise.
   */
  public List<PropertyVersion> history() {
    return history;
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

  /** Property values by name, in HubSpot's order; a value may be null. A read-only view. */
  public Map<String, String> properties() {
    return new PropertiesView();
  }

  /** The value of one property: null if it has no value or the record does not carry it. */
  public String property(String name) {
    int position = names.indexOf(name);
    return position < 0 ? null : propertyAt(position);
  }

  /** Whether the record carries the property (possibly with a null value). */
  public boolean hasProperty(String name) {
    return names.indexOf(name) >= 0;
  }

  public PropertyNames propertyNames() {
    return names;
  }

  /** The value at a position of {@link #propertyNames()}. */
  public String propertyAt(int position) {
    int end = ends[position];
    if (end < 0) {
      return null;
    }
    return packed.substring(position == 0 ? 0 : endOf(ends[position - 1]), end);
  }

  private static int endOf(int end) {
    return end < 0 ? -end - 1 : end;
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
        && properties().equals(other.properties())
        && Objects.equals(createdAt, other.createdAt)
        && Objects.equals(updatedAt, other.updatedAt)
        && archived == other.archived
        && Objects.equals(archivedAt, other.archivedAt)
        && history.equals(other.history);
  }

  @Override
  public int hashCode() {
    return Objects.hash(objectType, id, properties(), createdAt, updatedAt, archived, archivedAt);
  }

  @Override
  public String toString() {
    return objectType + "/" + id + " (" + ends.length + " properties)";
  }

  /** The properties as a map without copying them. */
  private final class PropertiesView extends AbstractMap<String, String> {
    @Override
    public String get(Object key) {
      return key instanceof String ? property((String) key) : null;
    }

    @Override
    public boolean containsKey(Object key) {
      return key instanceof String && hasProperty((String) key);
    }

    @Override
    public int size() {
      return ends.length;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public int size() {
          return ends.length;
        }

        @Override
        public Iterator<Entry<String, String>> iterator() {
          return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
              return next < ends.length;
            }

            @Override
            public Entry<String, String> next() {
              if (next >= ends.length) {
                throw new NoSuchElementException();
              }
              int position = next++;
              return new SimpleImmutableEntry<>(names.get(position), propertyAt(position));
            }
          };
        }
      };
    }
  }
}
