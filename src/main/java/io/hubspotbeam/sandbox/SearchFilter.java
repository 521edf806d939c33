package io.hubspotbeam.sandbox;

import java.util.List;

/** One filter of a search filter group: property, operator and its operand(s), as sent. */
record SearchFilter(String propertyName, FilterOperator operator, String value, String highValue,
    List<String> values) {

  SearchFilter {
    values = values == null ? List.of() : List.copyOf(values);
  }

  boolean onObjectId() {
    return "hs_object_id".equals(propertyName);
  }
}
