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

  int[] ordinals() {
    return ordinals.clone();
  }
}
