package io.hubspotbeam.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Accumulates property definitions in schema order, with HubSpot's type/fieldType pairings. */
final class SchemaDraft {
  private final List<PropertySpec> specs = new ArrayList<>();
  private final boolean hubspotDefined;

  SchemaDraft(boolean hubspotDefined) {
    this.hubspotDefined = hubspotDefined;
  }

  List<PropertySpec> specs() {
    return List.copyOf(specs);
  }

  SchemaDraft text(String name, String label, String group, ValueShape shape, double fill) {
    return add(name, label, "string", "text", group, List.of(), shape, fill, true, false);
  }

  /** Text that is an identifier or code: hard values would make it unrealistic, so none land. */
  SchemaDraft code(String name, String label, String group, ValueShape shape, double fill) {
    return add(name, label, "string", "text", group, List.of(), shape, fill, false, false);
  }

  SchemaDraft textarea(String name, String label, String group, ValueShape shape, double fill) {
    return add(name, label, "string", "textarea", group, List.of(), shape, fill, true, false);
  }

  SchemaDraft phone(String name, String label, String group, double fill) {
    return add(name, label, "string", "phonenumber", group, List.of(), ValueShape.PHONE, fill,
        true, false);
  }

  SchemaDraft number(String name, String label, String group, ValueShape shape, double fill) {
    return add(name, label, "number", "number", group, List.of(), shape, fill, false, false);
  }

  SchemaDraft calculatedNumber(String name, String label, String group, ValueShape shape,
      double fill) {
    return add(name, label, "number", "calculation_equation", group, List.of(), shape, fill,
        false, true);
  }

  SchemaDraft date(String name, String label, String group, double fill) {
    return add(name, label, "date", "date", group, List.of(), ValueShape.DATE, fill, false, false);
  }

  SchemaDraft datetime(String name, String label, String group, ValueShape shape, double fill) {
    return add(name, label, "datetime", "date", group, List.of(), shape, fill, false, false);
  }

  SchemaDraft select(String name, String label, String group, double fill, String... values) {
    return add(name, label, "enumeration", "select", group, options(values), ValueShape.OPTION,
        fill, false, false);
  }

  SchemaDraft radio(String name, String label, String group, double fill, String... values) {
    return add(name, label, "enumeration", "radio", group, options(values), ValueShape.OPTION,
        fill, false, false);
  }

  /** A multi-value enumeration: HubSpot joins the chosen values with ';'. */
  SchemaDraft checkbox(String name, String label, String group, double fill, String... values) {
    return add(name, label, "enumeration", "checkbox", group, options(values), ValueShape.OPTIONS,
        fill, false, false);
  }

  SchemaDraft bool(String name, String label, String group, double fill) {
    List<SandboxPropertyOption> yesNo = List.of(new SandboxPropertyOption("Yes", "true", 0, false),
        new SandboxPropertyOption("No", "false", 1, false));
    return add(name, label, "bool", "booleancheckbox", group, yesNo, ValueShape.BOOL, fill, false,
        false);
  }

  /** The record owner: an enumeration whose options come from the portal's users. */
  SchemaDraft owner(String group, double fill) {
    List<SandboxPropertyOption> owners = new ArrayList<>();
    for (int i = 0; i < Vocabulary.OWNERS.size(); i++) {
      String[] owner = Vocabulary.OWNERS.get(i);
      owners.add(new SandboxPropertyOption(owner[1], owner[0], i, false));
    }
    SandboxProperty definition = new SandboxProperty("hubspot_owner_id", "Record owner",
        "enumeration", "select", group, "The user the record is assigned to.", owners,
        specs.size(), false, false, true, false, hubspotDefined, true, false);
    specs.add(new PropertySpec(definition, ValueShape.OPTION, fill, false));
    return this;
  }

  SchemaDraft add(String name, String label, String type, String fieldType, String group,
      List<SandboxPropertyOption> options, ValueShape shape, double fill, boolean carriesHard,
      boolean calculated) {
    // Values unique per record by construction are what HubSpot calls unique-valued properties.
    boolean unique = shape == ValueShape.OBJECT_ID || shape == ValueShape.LICENSE_KEY;
    boolean readOnly = calculated || shape == ValueShape.OBJECT_ID || shape == ValueShape.CREATED
        || shape == ValueShape.MODIFIED;
    SandboxProperty definition = new SandboxProperty(name, label, type, fieldType, group,
        describe(label, hubspotDefined), options, specs.size(), false, calculated, false, unique,
        hubspotDefined, !readOnly && !"textarea".equals(fieldType), readOnly);
    specs.add(new PropertySpec(definition, shape, fill, carriesHard));
    return this;
  }

  static List<SandboxPropertyOption> options(String... values) {
    List<SandboxPropertyOption> options = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      options.add(new SandboxPropertyOption(labelOf(values[i]), values[i], i, false));
    }
    return options;
  }

  private static String labelOf(String value) {
    String spaced = value.replace('_', ' ').toLowerCase(Locale.ROOT);
    return spaced.isEmpty() ? spaced : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
  }

  private static String describe(String label, boolean hubspotDefined) {
    return hubspotDefined ? "The record's " + label.toLowerCase(Locale.ROOT) + "."
        : "A portal-specific field: " + label + ".";
  }
}
