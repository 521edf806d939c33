package io.hubspotbeam.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed and validated search body. HubSpot's caps: 5 filter groups of at most 6 filters (18
 * in all), page size 200, one sort, and no result beyond the 10,000th (offset + limit).
 */
record SearchQuery(List<List<SearchFilter>> filterGroups, String sortProperty,
    boolean descending, List<String> properties, int limit, int offset, String query) {
  static final int MAX_GROUPS = 5;
  static final int MAX_FILTERS_PER_GROUP = 6;
  static final int MAX_FILTERS = 18;
  static final int MAX_LIMIT = 200;
  static final int DEFAULT_LIMIT = 10;
  static final int MAX_RESULTS = 10_000;

  static SearchQuery parse(JsonNode body) throws ApiException {
    List<List<SearchFilter>> groups = new ArrayList<>();
    JsonNode groupsNode = body.get("filterGroups");
    int filterCount = 0;
    if (groupsNode != null && !groupsNode.isNull()) {
      if (!groupsNode.isArray()) {
        throw ApiException.validation("Invalid input JSON: 'filterGroups' must be an array.");
      }
      if (groupsNode.size() > MAX_GROUPS) {
        throw ApiException.validation("Too many filter groups: " + groupsNode.size()
            + ". A search accepts at most " + MAX_GROUPS + " filter groups.");
      }
      for (JsonNode group : groupsNode) {
        JsonNode filters = group.get("filters");
        if (filters == null || !filters.isArray()) {
          throw ApiException.validation("Invalid input JSON: each filter group needs a "
              + "'filters' array.");
        }
        if (filters.size() > MAX_FILTERS_PER_GROUP) {
          throw ApiException.validation("Too many filters in a filter group: " + filters.size()
              + ". A filter group accepts at most " + MAX_FILTERS_PER_GROUP + " filters.");
        }
        filterCount += filters.size();
        List<SearchFilter> parsed = new ArrayList<>();
        for (JsonNode filter : filters) {
          parsed.add(filter(filter));
        }
        groups.add(parsed);
      }
    }
    if (filterCount > MAX_FILTERS) {
      throw ApiException.validation("Too many filters: " + filterCount + ". A search accepts at "
          + "most " + MAX_FILTERS + " filters in all.");
    }
    String sortProperty = null;
    boolean descending = false;
    JsonNode sorts = body.get("sorts");
    if (sorts != null && !sorts.isNull()) {
      if (!sorts.isArray()) {
        throw ApiException.validation("Invalid input JSON: 'sorts' must be an array.");
      }
      if (sorts.size() > 1) {
        throw ApiException.validation("Too many sorts: " + sorts.size()
            + ". A search can sort by one property only.");
      }
      if (sorts.size() == 1) {
        JsonNode sort = sorts.get(0);
        if (sort.isTextual()) {
          // The short form: "createdate" or "-createdate".
          String text = sort.asText();
          descending = text.startsWith("-");
          sortProperty = descending ? text.substring(1) : text;
        } else {
          sortProperty = sort.path("propertyName").asText(null);
          String direction = sort.path("direction").asText("ASCENDING");
          if (!direction.equals("ASCENDING") && !direction.equals("DESCENDING")) {
            throw ApiException.validation("Invalid sort direction: " + direction
                + ". Use ASCENDING or DESCENDING.");
          }
          descending = direction.equals("DESCENDING");
        }
        if (sortProperty == null || sortProperty.isEmpty()) {
          throw ApiException.validation("Invalid input JSON: a sort needs a 'propertyName'.");
        }
      }
    }
    List<String> properties = BatchReadEndpoint.stringList(body.get("properties"), "properties");
    int limit = DEFAULT_LIMIT;
    JsonNode limitNode = body.get("limit");
    if (limitNode != null && !limitNode.isNull()) {
      boolean whole = limitNode.isIntegralNumber() && limitNode.canConvertToInt()
          || limitNode.isTextual() && limitNode.asText().matches("\\d{1,9}");
      if (!whole || limitNode.asInt() < 0) {
        throw ApiException.validation("Invalid value for 'limit': " + limitNode.asText() + ".");
      }
      limit = limitNode.asInt();
      if (limit > MAX_LIMIT) {
        throw ApiException.validation("Invalid value for 'limit': " + limit
            + ". The maximum page size of a search is " + MAX_LIMIT + ".");
      }
    }
    int offset = 0;
    JsonNode after = body.get("after");
    if (after != null && !after.isNull() && !after.asText().isEmpty()) {
      String text = after.asText().trim();
      if (!text.matches("\\d{1,9}")) {
        throw ApiException.validation("Invalid value for 'after': " + text
            + ". A search 'after' is the numeric offset from the previous page.");
      }
      offset = Integer.parseInt(text);
    }
    if ((long) offset + limit > MAX_RESULTS) {
      throw ApiException.validation("Search results are limited to " + MAX_RESULTS + " per query:"
          + " after (" + offset + ") + limit (" + limit + ") exceeds " + MAX_RESULTS + ". Narrow"
          + " the filters (for example by hs_object_id or modification date) to page further.");
    }
    String query = body.path("query").isTextual() ? body.get("query").asText() : null;
    return new SearchQuery(List.copyOf(groups), sortProperty, descending, properties, limit,
        offset, query == null || query.isBlank() ? null : query.trim());
  }

  private static SearchFilter filter(JsonNode node) throws ApiException {
    String property = node.path("propertyName").asText(null);
    if (property == null || property.isEmpty()) {
      throw ApiException.validation("Invalid input JSON: a filter needs a 'propertyName'.");
    }
    FilterOperator operator = FilterOperator.parse(node.path("operator").asText(null));
    String value = scalar(node.get("value"));
    String highValue = scalar(node.get("highValue"));
    List<String> values = null;
    JsonNode valuesNode = node.get("values");
    if (valuesNode != null && valuesNode.isArray()) {
      values = new ArrayList<>();
      for (JsonNode item : valuesNode) {
        values.add(item.asText());
      }
    }
    if (operator.needsValue() && value == null) {
      throw ApiException.validation("The filter on " + property + " with operator " + operator
          + " needs a 'value'.");
    }
    if (operator == FilterOperator.BETWEEN && highValue == null) {
      throw ApiException.validation("The BETWEEN filter on " + property
          + " needs a 'highValue'.");
    }
    if (operator.needsValues() && (values == null || values.isEmpty())) {
      throw ApiException.validation("The filter on " + property + " with operator " + operator
          + " needs a non-empty 'values' array.");
    }
    return new SearchFilter(property, operator, value, highValue, values);
  }

  private static String scalar(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }
}
