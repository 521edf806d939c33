package io.hubspotbeam.pipeline;

import io.hubspotbeam.client.CustomObjectSchema;
import io.hubspotbeam.client.HubSpotClient;
import io.hubspotbeam.client.HubSpotException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Finds the custom objects a plan names among the portal's schemas ({@code GET /crm/v3/schemas})
 * before anything else is asked: by name ("licenses"), objectTypeId ("2-7350991"), fully
 * qualified name ("p48213759_licenses") or the {@code p_licenses} shorthand. Each becomes its
 * schema's name everywhere in the plan, so its table is {@code licenses.csv} however it was named,
 * and the client reaches it by its objectTypeId, the form every record path takes.
 */
final class CustomObjects {
  private CustomObjects() {}

  /** The plan with custom objects under their names, and those names' objectTypeIds. */
  record Resolved(ExtractionPlan plan, Map<String, String> objectTypeIds) {}

  /**
   * Resolves the plan's custom objects; asks nothing when it names standard objects only.
   *
   * @throws InvalidInputException for a name that is no object of the portal
   */
  static Resolved resolve(HubSpotClient client, ExtractionPlan plan, PrintStream err) {
    List<String> wanted = plan.allObjectNames().stream()
        .filter(name -> !ObjectTypes.isStandard(name)).collect(Collectors.toList());
    if (wanted.isEmpty()) {
      return new Resolved(plan, Map.of());
    }
    List<CustomObjectSchema> schemas;
    try {
      schemas = client.customObjectSchemas();
    } catch (HubSpotException.MissingScopes e) {
      List<String> bare = wanted.stream().filter(n -> !looksLikeAnIdentifier(n)).toList();
      if (!bare.isEmpty()) {
        throw new InvalidInputException("cannot look up " + String.join(", ", bare) + " among"
            + " the portal's custom objects: the token lacks crm.schemas.custom.read (add it, or"
            + " name custom objects by objectTypeId such as 2-1234)");
      }
      err.println("warning: the token lacks crm.schemas.custom.read, so " + String.join(", ",
          wanted) + " keep those names for their tables");
      return new Resolved(plan, Map.of());
    }
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, String> ids = new LinkedHashMap<>();
    List<String> unknown = new ArrayList<>();
    for (String name : wanted) {
      CustomObjectSchema schema = schemas.stream().filter(s -> s.isNamed(name)).findFirst()
          .orElse(null);
      if (schema == null || schema.name() == null || schema.objectTypeId() == null) {
        unknown.add(name);
        continue;
      }
      if (ObjectTypes.isStandard(schema.name())) {
        throw new InvalidInputException("the custom object " + name + " is called "
            + schema.name() + ", like a standard object; name it by " + schema.objectTypeId());
      }
      names.put(name, schema.name());
      ids.put(schema.name(), schema.objectTypeId());
    }
    if (!unknown.isEmpty()) {
      String known = schemas.isEmpty() ? "the portal has no custom objects"
          : "its custom objects: " + schemas.stream().map(s -> s.name() + " ("
              + s.objectTypeId() + ")").collect(Collectors.joining(", "));
      throw new InvalidInputException("unknown object type '" + String.join("', '", unknown)
          + "': neither a standard object nor a custom object of this portal (" + known
          + "); accepted: " + ObjectTypes.acceptedDescription());
    }
    if (!names.isEmpty()) {
      err.println("custom objects: " + ids.entrySet().stream()
          .map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining(", ")));
    }
    return new Resolved(plan.renamed(names), ids);
  }

  /** An objectTypeId or a fully qualified name: usable in paths without a lookup. */
  private static boolean looksLikeAnIdentifier(String name) {
    return name.matches("2-[0-9]{1,12}") || name.matches("p[0-9]*_[a-z0-9_]+");
  }
}
