package io.hubspotbeam.client;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The property names of a record, in order, with a lookup index. Records of one page share one
 * instance: a contacts record carries hundreds of properties, and a map entry per property per
 * record doubled the memory a page of records needed.
 */
public final class PropertyNames {
  private final String[] names;
  private final Map<String, Integer> index;

  private PropertyNames(String[] names) {
    this.names = names;
    this.index = new HashMap<>(names.length * 2);
    for (int i = 0; i < names.length; i++) {
      if (index.put(names[i], i) != null) {
        throw new IllegalArgumentException("the property '" + names[i] + "' is named twice");
      }
    }
  }

  public static PropertyNames of(List<String> names) {
    return new PropertyNames(names.toArray(new String[0]));
  }

  /** The position of a property, or -1 if the record does not carry it. */
  public int indexOf(String name) {
    Integer position = index.get(name);
    return position == null ? -1 : position;
  }

  public int size() {
    return names.length;
  }

  public String get(int position) {
    return names[position];
  }

  /** Whether these are the given names in the same order (to reuse one instance). */
  boolean sameAs(List<String> other) {
    if (other.size() != names.length) {
      return false;
    }
    for (int i = 0; i < names.length; i++) {
      // Jackson canonicalizes field names, so equal names are usually the same object.
      String name = other.get(i);
      if (name != names[i] && !name.equals(names[i])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PropertyNames && Arrays.equals(((PropertyNames) o).names, names);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(names);
  }

  @Override
  public String toString() {
    return Arrays.toString(names);
  }
}
