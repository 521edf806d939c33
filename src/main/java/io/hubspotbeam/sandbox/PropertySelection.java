package io.hubspotbeam.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Which properties a record is rendered with: the requested ones that exist (unknown names are
 * ignored, as HubSpot does), or the object's default set when none were asked for, always
 * together with hs_object_id and the creation and modification times. Sorted by name, the order
 * HubSpot answers in.
 */
final class PropertySelection {
  private final int[] ordinals;

  private PropertySelection(int[] ordinals) {
    this.ordinals = ordinals;
  }

  static PropertySelection of(ObjectSchema schema, List<String> requested) {
    PortalObject object = schema.object();
    List<String> names = new ArrayList<>(requested == null || requested.isEmpty()
        ? object.defaultProperties() : requested);
    names.add("hs_object_id");
    names.add(object.creationProperty());
    names.add(object.modificationProperty());
    TreeMap<String, Integer> chosen = new TreeMap<>();
    for (String name : names) {
      int ordinal = schema.ordinal(name);
      if (ordinal >= 0) {
        chosen.put(name, ordinal);
      }
    }
    return new PropertySelection(chosen.values().stream().mapToInt(Integer::intValue).toArray());
  }

  /**
   * The properties to list with their history: exactly the requested ones that exist, sorted by
   * name; unknown names are ignored as in {@link #of}, and nothing is added by default (HubSpot
   * sends history only for what was asked). Null when the request did not ask for history, so
   * that the record carries no propertiesWithHistory field at all.
   */
  static PropertySelection withHistory(ObjectSchema schema, List<String> requested) {
    if (requested == null) {
      return null;
    }
    TreeMap<String, Integer> chosen = new TreeMap<>();
    for (String name : requested) {
      int ordinal = schema.ordinal(name);
      if (ordinal >= 0) {
        chosen.put(name, ordinal);
      }
    }
    return new PropertySelection(chosen.values().stream().mapToInt(Integer::intValue).toArray());
  }

  int[] ordinals() {
    return ordinals.clone();
  }
}
