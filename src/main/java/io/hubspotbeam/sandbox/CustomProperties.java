package io.hubspotbeam.sandbox;

import java.util.List;
import java.util.Set;

/**
 * The synthetic extra properties that make a schema as wide as a real, years-old portal: first
 * a handful of HubSpot's analytics properties (standard objects only), then portal-specific
 * custom fields ({@code custom_renewal_pricing_amount_0001}...) cycling through every data type.
 * Wide schemas are what push a GET listing every property past the URL length limit.
 */
final class CustomProperties {
  private CustomProperties() {}

  private static final String[] SOURCES = {"ORGANIC_SEARCH", "PAID_SEARCH", "EMAIL_MARKETING",
      "SOCIAL_MEDIA", "REFERRALS", "OTHER_CAMPAIGNS", "DIRECT_TRAFFIC", "OFFLINE", "PAID_SOCIAL"};

  /** What each custom field holds, by n % 7; part of its name. */
  private static final String[] KINDS = {"notes", "amount", "timestamp", "date", "choice",
      "flag", "details"};

  /** @param analytics whether the first extras are HubSpot's analytics properties */
  static List<PropertySpec> of(int count, Set<String> taken, boolean analytics) {
    SchemaDraft sources = new SchemaDraft(true)
        .select("hs_analytics_source", "Original Traffic Source", "analyticsinformation", 0.8,
            SOURCES)
        .code("hs_analytics_source_data_1", "Original Traffic Source Drill-Down 1",
            "analyticsinformation", ValueShape.WORD, 0.6)
        .code("hs_analytics_source_data_2", "Original Traffic Source Drill-Down 2",
            "analyticsinformation", ValueShape.WORD, 0.5)
        .number("hs_analytics_num_visits", "Number of Sessions", "analyticsinformation",
            ValueShape.COUNT, 0.7)
        .number("hs_analytics_num_page_views", "Number of Pageviews", "analyticsinformation",
            ValueShape.COUNT, 0.7)
        .number("hs_analytics_num_event_completions", "Number of event completions",
            "analyticsinformation", ValueShape.COUNT, 0.4)
        .datetime("hs_analytics_first_timestamp", "Time First Seen", "analyticsinformation",
            ValueShape.DATETIME, 0.6)
        .datetime("hs_analytics_last_timestamp", "Time Last Seen", "analyticsinformation",
            ValueShape.DATETIME, 0.6)
        .code("hs_analytics_first_url", "First Page Seen", "analyticsinformation",
            ValueShape.URL, 0.5)
        .code("hs_analytics_last_url", "Last Page Seen", "analyticsinformation",
            ValueShape.URL, 0.5)
        .code("hs_analytics_first_referrer", "First Referring Site", "analyticsinformation",
            ValueShape.URL, 0.3)
        .number("hs_analytics_average_page_views", "Average Pageviews", "analyticsinformation",
            ValueShape.PERCENT, 0.5)
        .select("hs_latest_source", "Latest Traffic Source", "analyticsinformation", 0.6,
            SOURCES)
        .datetime("hs_latest_source_timestamp", "Latest Traffic Source Date",
            "analyticsinformation", ValueShape.DATETIME, 0.5);
    SchemaDraft custom = new SchemaDraft(false);
    int made = 0;
    for (PropertySpec spec : analytics ? sources.specs() : List.<PropertySpec>of()) {
      if (made == count) {
        break;
      }
      if (!taken.contains(spec.name())) {
        PropertySpec copy = spec;
        custom.add(copy.name(), copy.definition().label(), copy.type(),
            copy.definition().fieldType(), copy.definition().groupName(),
            copy.definition().options(), copy.shape(), copy.fillRate(), false, false);
        made++;
      }
    }
    for (int n = 1; made < count; n++) {
      // Portal admins name fields after what they track, so real custom names are long; at
      // about 35 characters each, 300 of them overflow an 8,000-character URL.
      String topic = Vocabulary.WORDS.get(n % Vocabulary.WORDS.size()).replace('-', '_');
      String detail = Vocabulary.WORDS.get((n * 7 + 3) % Vocabulary.WORDS.size())
          .replace('-', '_');
      String kind = KINDS[n % KINDS.length];
      String name = String.format("custom_%s_%s_%s_%04d", topic, detail, kind, n);
      String label = String.format("%s %s %s %d", topic, detail, kind, n).replace('_', ' ');
      label = Character.toUpperCase(label.charAt(0)) + label.substring(1);
      String group = "custom_properties";
      switch (n % KINDS.length) {
        case 0 -> custom.text(name, label, group, ValueShape.SENTENCE, 0.45);
        case 1 -> custom.number(name, label, group, n % 2 == 0 ? ValueShape.MONEY
            : ValueShape.COUNT, 0.45);
        case 2 -> custom.datetime(name, label, group, ValueShape.DATETIME, 0.4);
        case 3 -> custom.date(name, label, group, 0.4);
        case 4 -> custom.select(name, label, group, 0.45, "option_a", "option_b", "option_c",
            "option_d");
        case 5 -> custom.bool(name, label, group, 0.5);
        default -> custom.textarea(name, label, group, ValueShape.SENTENCE, 0.35);
      }
      made++;
    }
    return custom.specs();
  }
}
