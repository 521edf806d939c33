package io.hubspotbeam.client;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The family of URL paths every call uses. HubSpot serves the same operations with the same JSON
 * under two families: the numbered paths ({@code /crm/v3/objects}, {@code /crm/v3/properties},
 * {@code /crm/v4/associations}) and the date-versioned ones ({@code /crm/objects/2026-03},
 * {@code /crm/properties/2026-03}, {@code /crm/associations/2026-03}). The v4 association paths
 * stop working on 30 March 2027 and the v3 object paths in September 2027, so the dated family is
 * the default.
 */
public enum ApiVersion {
  /** {@code /crm/objects/2026-03/...}, {@code /crm/properties/2026-03/...}, {@code /crm/associations/2026-03/...}. */
  DATED_2026_03("2026-03") {
    @Override
    String objectsRoot() {
      return "/crm/objects/2026-03/";
    }

    @Override
    String propertiesRoot() {
      return "/crm/properties/2026-03/";
    }

    @Override
    String associationsRoot() {
      return "/crm/associations/2026-03/";
    }

    @Override
    String schemas() {
      return "/crm-object-schemas/2026-03/schemas";
    }
  },
  /** {@code /crm/v3/objects/...}, {@code /crm/v3/properties/...} and {@code /crm/v4/associations/...}. */
  V3("v3") {
    @Override
    String objectsRoot() {
      return "/crm/v3/objects/";
    }

    @Override
    String propertiesRoot() {
      return "/crm/v3/properties/";
    }

    @Override
    String associationsRoot() {
      return "/crm/v4/associations/";
    }

    @Override
    String schemas() {
      return "/crm/v3/schemas";
    }
  };

  public static final ApiVersion DEFAULT = DATED_2026_03;

  private final String label;

  ApiVersion(String label) {
    this.label = label;
  }

  /** The name users give on the command line: {@code 2026-03} or {@code v3}. */
  public String label() {
    return label;
  }

  /** The version named {@code label} (as {@link #label()} spells it). */
  public static ApiVersion parse(String label) {
    String wanted = label == null ? "" : label.strip().toLowerCase(Locale.ROOT);
    for (ApiVersion version : values()) {
      if (version.label.equals(wanted)) {
        return version;
      }
    }
    throw new IllegalArgumentException(
        "unknown API version '" + label + "'; accepted: "
            + Arrays.stream(values()).map(ApiVersion::label).collect(Collectors.joining(", ")));
  }

  abstract String objectsRoot();

  abstract String propertiesRoot();

  abstract String associationsRoot();

  /** The custom object schemas. */
  abstract String schemas();

  String objects(String objectType) {
    return objectsRoot() + segment(objectType);
  }

  String batchRead(String objectType) {
    return objects(objectType) + "/batch/read";
  }

  String search(String objectType) {
    return objects(objectType) + "/search";
  }

  String properties(String objectType) {
    return propertiesRoot() + segment(objectType);
  }

  String associationsBatchRead(String fromType, String toType) {
    return associationsRoot() + segment(fromType) + "/" + segment(toType) + "/batch/read";
  }

  /**
   * Object types are names like "contacts", "2-1234" or "p_my_object": anything else is refused
   * before it reaches a URL.
   */
  static String segment(String objectType) {
    if (objectType == null || !objectType.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException("not an object type: '" + objectType + "'");
    }
    return objectType;
  }

  @Override
  public String toString() {
    return label;
  }
}
