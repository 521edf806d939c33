package io.hubspotbeam.sandbox;

/**
 * A property definition plus what the generator needs to fill it: the shape of its values, the
 * share of records that have a value, and whether planted hard values may land in it.
 */
record PropertySpec(SandboxProperty definition, ValueShape shape, double fillRate,
    boolean carriesHardValues) {

  String name() {
    return definition.name();
  }

  String type() {
    return definition.type();
  }

  boolean isText() {
    return "string".equals(definition.type());
  }

  boolean isNumber() {
    return "number".equals(definition.type());
  }

  boolean isTime() {
    return "date".equals(definition.type()) || "datetime".equals(definition.type());
  }
}
