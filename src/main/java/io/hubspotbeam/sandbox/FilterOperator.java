package io.hubspotbeam.sandbox;

/** The search filter operators HubSpot's CRM search accepts. */
enum FilterOperator {
  EQ, NEQ, LT, LTE, GT, GTE, BETWEEN, IN, NOT_IN, HAS_PROPERTY, NOT_HAS_PROPERTY, CONTAINS_TOKEN,
  NOT_CONTAINS_TOKEN;

  boolean needsValue() {
    return this != HAS_PROPERTY && this != NOT_HAS_PROPERTY && this != IN && this != NOT_IN;
  }

  boolean needsValues() {
    return this == IN || this == NOT_IN;
  }

  static FilterOperator parse(String text) throws ApiException {
    try {
      return valueOf(text);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw ApiException.validation("Invalid filter operator: " + text + ". Use one of EQ, NEQ, "
          + "LT, LTE, GT, GTE, BETWEEN, IN, NOT_IN, HAS_PROPERTY, NOT_HAS_PROPERTY, "
          + "CONTAINS_TOKEN, NOT_CONTAINS_TOKEN.");
    }
  }
}
