package io.hubspotbeam.client;

/**
 * A property of an object type, from {@code GET /crm/v3/properties/{objectType}}.
 *
 * @param name the internal name, which is what the API and the CSV header use
 * @param type HubSpot's data type: string, number, date, datetime, enumeration, bool, ...
 * @param fieldType how HubSpot's UI edits it (text, select, checkbox, ...)
 */
public record PropertyDefinition(
    String name,
    String label,
    String type,
    String fieldType,
    String groupName,
    boolean hidden,
    boolean calculated,
    boolean hubspotDefined) {}
