package io.hubspotbeam.sandbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The full property list of one object: its own properties (HubSpot's, or for a custom object
 * those of its schema), then the extra ones.
 */
final class ObjectSchema {
  private final PortalObject object;
  private final List<PropertySpec> specs;
  private final List<SandboxProperty> definitions;
  private final Map<String, Integer> ordinals;
  private final int[] hardValueCarriers;
  private final int[] textOrdinals;

  ObjectSchema(PortalObject object, int extraProperties) {
    this.object = object;
    List<PropertySpec> all = new ArrayList<>(object.isCustom() ? CustomSchemas.of(object)
        : StandardSchemas.of(object));
    int own = all.size();
    Set<String> taken = new HashSet<>();
    all.forEach(spec -> taken.add(spec.name()));
    // HubSpot tracks traffic sources for its own objects only, so a custom object's extras are
    // all portal fields.
    all.addAll(CustomProperties.of(extraProperties, taken, !object.isCustom()));
    // Display orders follow the final position so that the listing reads in schema order.
    List<PropertySpec> ordered = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      PropertySpec spec = all.get(i);
      SandboxProperty d = spec.definition();
      ordered.add(new PropertySpec(new SandboxProperty(d.name(), d.label(), d.type(),
          d.fieldType(), d.groupName(), d.description(), d.options(), i, d.hidden(),
          d.calculated(), d.externalOptions(), d.hasUniqueValue(), d.hubspotDefined(),
          d.formField(), d.readOnlyValue()), spec.shape(), spec.fillRate(),
          spec.carriesHardValues()));
    }
    this.specs = List.copyOf(ordered);
    this.definitions = ordered.stream().map(PropertySpec::definition).toList();
    Map<String, Integer> byName = new HashMap<>();
    List<Integer> carriers = new ArrayList<>();
    List<Integer> texts = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      byName.put(specs.get(i).name(), i);
      PropertySpec spec = specs.get(i);
      // The object's own text properties, not the extras: so early records keep their hard
      // values whatever the number of extras. (For standard objects these are exactly the
      // HubSpot-defined text properties.)
      if (spec.carriesHardValues() && i < own) {
        carriers.add(i);
      }
      if (spec.carriesHardValues()) {
        texts.add(i);
      }
    }
    this.ordinals = Map.copyOf(byName);
    this.hardValueCarriers = carriers.stream().mapToInt(Integer::intValue).toArray();
    this.textOrdinals = texts.stream().mapToInt(Integer::intValue).toArray();
  }

  PortalObject object() {
    return object;
  }

  List<PropertySpec> specs() {
    return specs;
  }

  List<SandboxProperty> definitions() {
    return definitions;
  }

  PropertySpec spec(int ordinal) {
    return specs.get(ordinal);
  }

  int size() {
    return specs.size();
  }

  /** The position of the named property, or -1 when the object has no such property. */
  int ordinal(String name) {
    Integer ordinal = ordinals.get(name);
    return ordinal == null ? -1 : ordinal;
  }

  /** The object's own free-text properties, where the planted hard values of early records go. */
  int[] hardValueCarriers() {
    return hardValueCarriers.clone();
  }

  int hardValueCarrier(int n) {
    return hardValueCarriers[Math.floorMod(n, hardValueCarriers.length)];
  }

  /** Every text property, for hard values sprinkled over later records. */
  int textProperty(long n) {
    return textOrdinals[(int) Math.floorMod(n, (long) textOrdinals.length)];
  }
}
