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
  private final String[] values;
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
   * one {@link PropertyNames}. The array is kept, not copied: the caller hands it over.
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
    this.values = values;
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
    return position < 0 ? null : values[position];
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
    return values[position];
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
    return objectType + "/" + id + " (" + values.length + " properties)";
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
      return values.length;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public int size() {
          return values.length;
        }

        @Override
        public Iterator<Entry<String, String>> iterator() {
          return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
              return next < values.length;
            }

            @Override
            public Entry<String, String> next() {
              if (next >= values.length) {
                throw new NoSuchElementException();
              }
              int position = next++;
              return new SimpleImmutableEntry<>(names.get(position), values[position]);
            }
          };
        }
      };
    }
  }
}
