package io.hubspotbeam.sandbox;

import java.util.List;

/**
 * One property definition of an object's schema, as {@code GET /crm/v3/properties/{type}} returns
 * it. {@code type} is HubSpot's data type (string, number, date, datetime, enumeration, bool);
 * {@code fieldType} is the form control (text, textarea, number, date, select, checkbox...).
 */
public record SandboxProperty(
    String name,
    String label,
    String type,
    String fieldType,
    String groupName,
    String description,
    List<SandboxPropertyOption> options,
    int displayOrder,
    boolean hidden,
    boolean calculated,
    boolean externalOptions,
    boolean hasUniqueValue,
    boolean hubspotDefined,
    boolean formField,
    boolean readOnlyValue) {

  public SandboxProperty {
    options = List.copyOf(options);
  }
}
