package io.hubspotbeam.client;

import java.util.Locale;

/**
 * One custom object of the portal, as {@code GET /crm/v3/schemas} describes it: its
 * {@code name} ("cars"), {@code objectTypeId} ("2-3465404"), {@code fullyQualifiedName}
 * ("p7878787_cars") and labels. Record paths take the objectTypeId or the fully qualified name,
 * not the bare name.
 */
public record CustomObjectSchema(String name, String objectTypeId, String fullyQualifiedName,
    String singularLabel, String pluralLabel) {

  /**
   * Whether the user's word for an object means this one: its name, objectTypeId, fully
   * qualified name or the {@code p_{name}} shorthand, letter case aside.
   */
  public boolean isNamed(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    return w.equals(lower(name)) || w.equals(lower(objectTypeId))
        || w.equals(lower(fullyQualifiedName)) || w.equals("p_" + lower(name));
  }

  private static String lower(String text) {
    return text == null ? "" : text.toLowerCase(Locale.ROOT);
  }
}
