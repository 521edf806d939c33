package io.hubspotbeam.pipeline;

import io.hubspotbeam.client.BaseUrl;
import io.hubspotbeam.io.ObjectSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The user's request, checked: which objects, which columns, how many records, where to. Built
 * from {@link ExtractOptions} without any network request, so bad input fails before HubSpot is
 * asked anything.
 */
final class ExtractionPlan {
  private final List<String> objects;
  private final Map<String, List<String>> columns;
  private final long count;
  private final Path output;
  private final BaseUrl baseUrl;

  private ExtractionPlan(
      List<String> objects,
      Map<String, List<String>> columns,
      long count,
      Path output,
      BaseUrl baseUrl) {
    this.objects = objects;
    this.columns = columns;
    this.count = count;
    this.output = output;
    this.baseUrl = baseUrl;
  }

  static ExtractionPlan from(ExtractOptions options) {
    List<String> objects = parseObjects(options.getObjectList());
    Map<String, List<String>> columns = parseColumns(options.getColumns(), objects);
    long count = parseCount(options.getCount());
    Path output = checkOutput(options.getOutput());
    BaseUrl baseUrl;
    try {
      baseUrl = BaseUrl.parse(options.getBaseUrl());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("--baseUrl: " + e.getMessage());
    }
    if (options.getRequestsPerTenSeconds() < 0) {
      throw new InvalidInputException(
          "--requestsPerTenSeconds must be 0 (learn from HubSpot) or a positive number, got "
              + options.getRequestsPerTenSeconds());
    }
    if (options.getMaxUrlLength() < 200) {
      throw new InvalidInputException(
          "--maxUrlLength must be at least 200, got " + options.getMaxUrlLength());
    }
    return new ExtractionPlan(objects, columns, count, output, baseUrl);
  }

  static List<String> parseObjects(String list) {
    if (list == null || list.isBlank()) {
      throw new InvalidInputException(
          "--objectList is empty; give one or more of: " + ObjectTypes.acceptedDescription());
    }
    Set<String> objects = new LinkedHashSet<>();
    for (String raw : list.split(",", -1)) {
      String name = raw.strip();
      if (name.isEmpty()) {
        throw new InvalidInputException(
            "--objectList '" + list + "' has an empty entry; separate object types with single"
                + " commas");
      }
      if (!ObjectTypes.isAccepted(name)) {
        String hint = ObjectTypes.isAccepted(name.toLowerCase(Locale.ROOT))
            ? " (object types are lower case: " + name.toLowerCase(Locale.ROOT) + ")"
            : "";
        throw new InvalidInputException(
            "--objectList: unknown object type '" + name + "'" + hint + "; accepted: "
                + ObjectTypes.acceptedDescription());
      }
      if (!objects.add(name)) {
        throw new InvalidInputException("--objectList names '" + name + "' twice");
      }
    }
    return List.copyOf(objects);
  }

  static Map<String, List<String>> parseColumns(String spec, List<String> objects) {
    Map<String, List<String>> columns = new LinkedHashMap<>();
    if (spec == null || spec.isBlank()) {
      return columns;
    }
    for (String part : spec.split(";", -1)) {
      String entry = part.strip();
      if (entry.isEmpty()) {
        continue; // a trailing ';' is harmless
      }
      int colon = entry.indexOf(':');
      if (colon <= 0) {
        throw new InvalidInputException(
            "--columns: '" + entry + "' should be OBJECT:property,property (objects separated by"
                + " ';', e.g. deals:dealname,amount;contacts:email)");
      }
      String object = entry.substring(0, colon).strip();
      if (!objects.contains(object)) {
        throw new InvalidInputException(
            "--columns names '" + object + "', which is not in --objectList (" + String.join(",",
                objects) + ")");
      }
      if (columns.containsKey(object)) {
        throw new InvalidInputException("--columns names '" + object + "' twice");
      }
      List<String> properties = new ArrayList<>();
      for (String raw : entry.substring(colon + 1).split(",", -1)) {
        String property = raw.strip();
        if (property.isEmpty()) {
          throw new InvalidInputException(
              "--columns: the list for '" + object + "' has an empty property name");
        }
        if (properties.contains(property)) {
          throw new InvalidInputException(
              "--columns: '" + property + "' is listed twice for '" + object + "'");
        }
        properties.add(property);
      }
      columns.put(object, List.copyOf(properties));
    }
    return columns;
  }

  static long parseCount(String text) {
    String value = text == null ? "" : text.strip();
    if (value.equalsIgnoreCase("all")) {
      return ObjectSpec.ALL;
    }
    long count;
    try {
      count = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          "--count must be a positive whole number or 'all', got '" + text + "'");
    }
    if (count <= 0) {
      throw new InvalidInputException(
          "--count must be a positive whole number or 'all', got " + count);
    }
    return count;
  }

  static Path checkOutput(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidInputException("--output is empty; name a directory to write the CSVs to");
    }
    Path output = Paths.get(text).toAbsolutePath().normalize();
    if (Files.exists(output) && !Files.isDirectory(output)) {
      throw new InvalidInputException("--output " + text + " exists and is not a directory");
    }
    try {
      Files.createDirectories(output);
    } catch (IOException e) {
      throw new InvalidInputException(
          "--output " + text + ": cannot create the directory (" + e.getClass().getSimpleName()
              + ")");
    }
    if (!Files.isWritable(output)) {
      throw new InvalidInputException("--output " + text + " is not writable");
    }
    return output;
  }

  List<String> objects() {
    return objects;
  }

  /** Columns the user chose, by object; objects missing from the map get every property. */
  Map<String, List<String>> columns() {
    return columns;
  }

  long count() {
    return count;
  }

  Path output() {
    return output;
  }

  BaseUrl baseUrl() {
    return baseUrl;
  }
}
