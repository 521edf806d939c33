package io.hubspotbeam.sandbox;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds records by id, or by the value of another property when the caller sends idProperty.
 * Ids are inverted by binary search; other properties need a scan of the object, acceptable for
 * the occasional lookup a test makes.
 */
final class RecordLookup {
  private RecordLookup() {}

  /** The index of the record, or -1. */
  static long find(RecordGenerator generator, String idProperty, String value)
      throws ApiException {
    return findAll(generator, idProperty, List.of(value)).getOrDefault(value, -1L);
  }

  /** The index of each value that names a record; values naming none are absent. */
  static Map<String, Long> findAll(RecordGenerator generator, String idProperty,
      List<String> values) throws ApiException {
    Map<String, Long> found = new HashMap<>();
    if (idProperty == null || idProperty.isEmpty() || idProperty.equals("hs_object_id")) {
      for (String value : values) {
        long index = parseId(value) == null ? -1 : generator.ids().indexOf(parseId(value));
        if (index >= 0) {
          found.put(value, index);
        }
      }
      return found;
    }
    int ordinal = generator.schema().ordinal(idProperty);
    if (ordinal < 0) {
      throw ApiException.validation("Property " + idProperty + " does not exist on "
          + generator.schema().object().singular() + " objects.");
    }
    java.util.Set<String> wanted = new java.util.HashSet<>(values);
    for (long index = 0; index < generator.ids().size() && found.size() < wanted.size();
        index++) {
      String candidate = generator.value(index, ordinal);
      if (candidate != null && wanted.contains(candidate) && !found.containsKey(candidate)) {
        found.put(candidate, index);
      }
    }
    return found;
  }

  private static Long parseId(String value) {
    if (value == null || !value.trim().matches("\\d{1,18}")) {
      return null;
    }
    return Long.parseLong(value.trim());
  }
}
