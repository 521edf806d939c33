package io.hubspotbeam.pipeline;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The object type names the command line accepts. */
final class ObjectTypes {
  private ObjectTypes() {}

  /** The thirteen objects extracted by default. */
  static final List<String> DEFAULT = List.of(ExtractOptions.DEFAULT_OBJECTS.split(","));

  /** Further standard HubSpot objects that a portal may have, accepted by name. */
  private static final Set<String> OTHER_STANDARD =
      Set.of(
          "leads", "invoices", "orders", "carts", "discounts", "fees", "taxes", "subscriptions",
          "commerce_payments", "communications", "postal_mail", "users", "goal_targets",
          "appointments", "courses", "listings", "services", "partner_clients");

  /** Object type ids (0-1, 2-1234) and custom object names (p_cars, p12345_cars). */
  private static final Pattern ID_OR_CUSTOM =
      Pattern.compile("[02]-[0-9]{1,12}|p[0-9]*_[a-z0-9_]{1,100}");

  /** What a custom object's bare name looks like ("cars"); the portal's schemas say if it is one. */
  private static final Pattern BARE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,99}");

  static boolean isAccepted(String name) {
    return isStandard(name) || ID_OR_CUSTOM.matcher(name).matches()
        || BARE_NAME.matcher(name).matches();
  }

  /** A standard object by name: no need to ask the portal's schemas. */
  static boolean isStandard(String name) {
    return DEFAULT.contains(name) || OTHER_STANDARD.contains(name)
        || name.matches("0-[0-9]{1,12}");
  }

  static String acceptedDescription() {
    return String.join(", ", DEFAULT) + ", other standard objects such as leads or invoices, an"
        + " object type id such as 2-1234, or a custom object's name such as cars or p_cars";
  }
}
