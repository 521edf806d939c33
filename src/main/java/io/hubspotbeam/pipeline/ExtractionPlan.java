package io.hubspotbeam.pipeline;

import io.hubspotbeam.client.ApiVersion;
import io.hubspotbeam.io.AssociationJoin;
import io.hubspotbeam.io.AssociationTables;
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
import java.util.stream.Collectors;

/**
 * The user's request, checked: which objects, which columns, how many records, where to. Built
 * from {@link ExtractOptions} without any network request, so bad input fails before HubSpot is
 * asked anything.
 */
final class ExtractionPlan {
  /** Ids per --associationIdList, at most: a longer list belongs in an extraction with --associations. */
  static final int MAX_ID_LIST = 100_000;

  /** The --associationIdList mode: the associations of these records of one object with another. */
  record AssociationIds(ObjectPair pair, List<String> ids) {}

  private final List<String> objects;
  private final Map<String, List<String>> columns;
  private final long count;
  private final Path output;
  private final BaseUrl baseUrl;
  private final List<ObjectPair> associations;
  private final List<ObjectPair> joins;
  private final AssociationIds associationIds;
  private final ApiVersion apiVersion;
  private final boolean skipMissingScopes;
  private final Archived archived;
  /** Objects read only for their changes since a time (--since, --state); others in full. */
  private final Map<String, java.time.Instant> changesSince;
  /** --propertiesWithHistory: per object, or under {@link #EVERY_OBJECT} for all of them. */
  private final Map<String, List<String>> history;

  /** The key of {@link #history()} when --propertiesWithHistory names no object. */
  static final String EVERY_OBJECT = "*";

  /** Which records of each object to read: --archived. */
  enum Archived {
    /** Live records only (the default). */
    EXCLUDE,
    /** Live and archived records, in one table. */
    INCLUDE,
    /** Archived records only. */
    ONLY;

    static Archived parse(String text) {
      String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
      for (Archived archived : values()) {
        if (archived.name().toLowerCase(Locale.ROOT).equals(value)) {
          return archived;
        }
      }
      throw new InvalidInputException("--archived must be exclude, include or only, got '"
          + text + "'");
    }
  }

  private ExtractionPlan(
      List<String> objects,
      Map<String, List<String>> columns,
      long count,
      Path output,
      BaseUrl baseUrl,
      List<ObjectPair> associations,
      List<ObjectPair> joins,
      AssociationIds associationIds,
      ApiVersion apiVersion,
      boolean skipMissingScopes,
      Archived archived,
      Map<String, java.time.Instant> changesSince,
      Map<String, List<String>> history) {
    this.objects = objects;
    this.columns = columns;
    this.count = count;
    this.output = output;
    this.baseUrl = baseUrl;
    this.associations = associations;
    this.joins = joins;
    this.associationIds = associationIds;
    this.apiVersion = apiVersion;
    this.skipMissingScopes = skipMissingScopes;
    this.archived = archived;
    this.changesSince = changesSince;
    this.history = history;
  }

  /**
   * @param objectListGiven whether --objectList was given explicitly: without it, an
   *     --associationIdList run writes only its association table
   */
  static ExtractionPlan from(ExtractOptions options, boolean objectListGiven) {
    AssociationIds associationIds = parseAssociationIds(options);
    List<String> objects = associationIds != null && !objectListGiven
        ? List.of() : parseObjects(options.getObjectList());
    List<ObjectPair> associations = parsePairs("--associations", options.getAssociations());
    List<ObjectPair> joins = parsePairs("--join", options.getJoin());
    if (associationIds != null && associations.contains(associationIds.pair())) {
      throw new InvalidInputException("--associationIdList and --associations both ask for "
          + associationIds.pair() + "; the table would get those records' rows twice: give one");
    }
    for (ObjectPair pair : concat(associations, joins)) {
      if (!objects.contains(pair.from())) {
        throw new InvalidInputException(
            (associations.contains(pair) ? "--associations" : "--join") + " " + pair + ": "
                + pair.from() + " is not in --objectList (" + String.join(",", objects)
                + "); associations are read for the records a run extracts");
      }
    }
    List<String> joinTargets = new ArrayList<>();
    for (ObjectPair join : joins) {
      if (!objects.contains(join.to()) && !joinTargets.contains(join.to())) {
        joinTargets.add(join.to());
      }
    }
    Map<String, List<String>> columns =
        parseColumns(options.getColumns(), concat(objects, joinTargets));
    long count = parseCount(options.getCount());
    ApiVersion apiVersion;
    try {
      apiVersion = ApiVersion.parse(options.getApiVersion());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("--apiVersion: " + e.getMessage());
    }
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
    if (options.getReadTimeoutSeconds() < 1 || options.getReadTimeoutSeconds() > 600) {
      throw new InvalidInputException("--readTimeoutSeconds must be from 1 to 600, got "
          + options.getReadTimeoutSeconds());
    }
    RunProgress.mode(options.getProgress());
    if (options.getProgressIntervalSeconds() < 1 || options.getProgressIntervalSeconds() > 3600) {
      throw new InvalidInputException("--progressIntervalSeconds must be from 1 to 3600, got "
          + options.getProgressIntervalSeconds());
    }
    String onMissingScope = options.getOnMissingScope() == null ? "" : options.getOnMissingScope();
    if (!onMissingScope.equals("fail") && !onMissingScope.equals("skip")) {
      throw new InvalidInputException(
          "--onMissingScope must be fail or skip, got '" + options.getOnMissingScope() + "'");
    }
    return new ExtractionPlan(objects, columns, count, output, baseUrl, associations, joins,
        associationIds, apiVersion, onMissingScope.equals("skip"),
        Archived.parse(options.getArchived()), Map.of(),
        parseHistory(options.getPropertiesWithHistory(), objects));
  }

  /**
   * This plan without the given objects: they leave --objectList, and every association, join
   * or id list that involves them goes too.
   */
  ExtractionPlan without(Set<String> left) {
    List<String> keptObjects = new ArrayList<>(objects);
    keptObjects.removeAll(left);
    List<ObjectPair> keptAssociations = new ArrayList<>();
    for (ObjectPair pair : associations) {
      if (!left.contains(pair.from()) && !left.contains(pair.to())) {
        keptAssociations.add(pair);
      }
    }
    List<ObjectPair> keptJoins = new ArrayList<>();
    for (ObjectPair pair : joins) {
      if (!left.contains(pair.from()) && !left.contains(pair.to())) {
        keptJoins.add(pair);
      }
    }
    AssociationIds keptIds = associationIds == null
        || left.contains(associationIds.pair().from()) || left.contains(associationIds.pair().to())
        ? null : associationIds;
    return new ExtractionPlan(List.copyOf(keptObjects), columns, count, output, baseUrl,
        List.copyOf(keptAssociations), List.copyOf(keptJoins), keptIds, apiVersion,
        skipMissingScopes, archived, changesSince, history);
  }

  /** Whether an object whose scope the token lacks is skipped (else the run fails). */
  /**
   * This plan for a rerun that keeps the {@code whole} tables an earlier run left: their
   * association and join tables are dropped, and so is every object whose own table is whole
   * and which no remaining association or join starts from (a pair needs its FROM records).
   * An object read again for a pair writes its table again.
   */
  ExtractionPlan resuming(Set<String> whole) {
    List<ObjectPair> keptAssociations = associations.stream()
        .filter(p -> !whole.contains(AssociationTables.tableName(p.from(), p.to())))
        .collect(Collectors.toList());
    List<ObjectPair> keptJoins = joins.stream()
        .filter(p -> !whole.contains(AssociationJoin.tableName(p.from(), p.to())))
        .collect(Collectors.toList());
    Set<String> needed = new java.util.HashSet<>();
    keptAssociations.forEach(p -> needed.add(p.from()));
    keptJoins.forEach(p -> needed.add(p.from()));
    List<String> keptObjects = objects.stream()
        .filter(o -> !whole.contains(o) || needed.contains(o))
        .collect(Collectors.toList());
    AssociationIds keptIds = associationIds != null && whole.contains(AssociationTables
        .tableName(associationIds.pair().from(), associationIds.pair().to()))
        ? null : associationIds;
    return new ExtractionPlan(List.copyOf(keptObjects), columns, count, output, baseUrl,
        List.copyOf(keptAssociations), List.copyOf(keptJoins), keptIds, apiVersion,
        skipMissingScopes, archived, changesSince, history);
  }

  /** True when the plan has nothing left to extract. */
  boolean isEmpty() {
    return objects.isEmpty() && associationIds == null;
  }

  Archived archived() {
    return archived;
  }

  /**
   * This plan with object names replaced ({@code names}: old to new) wherever they appear:
   * custom objects named by objectTypeId or fully qualified name take their schema's name, so a
   * table is called the same however its object was named.
   */
  ExtractionPlan renamed(Map<String, String> names) {
    java.util.function.UnaryOperator<String> name = n -> names.getOrDefault(n, n);
    List<String> renamedObjects = new ArrayList<>();
    for (String object : objects) {
      String to = name.apply(object);
      if (renamedObjects.contains(to)) {
        throw new InvalidInputException("--objectList names " + to + " twice (as " + object
            + " too)");
      }
      renamedObjects.add(to);
    }
    Map<String, List<String>> renamedColumns = new java.util.LinkedHashMap<>();
    columns.forEach((object, list) -> renamedColumns.put(name.apply(object), list));
    java.util.function.UnaryOperator<ObjectPair> pair =
        p -> new ObjectPair(name.apply(p.from()), name.apply(p.to()));
    AssociationIds ids = associationIds == null ? null
        : new AssociationIds(pair.apply(associationIds.pair()), associationIds.ids());
    Map<String, List<String>> renamedHistory = new java.util.LinkedHashMap<>();
    history.forEach((object, list) -> renamedHistory.put(name.apply(object), list));
    return new ExtractionPlan(List.copyOf(renamedObjects), renamedColumns, count, output,
        baseUrl, associations.stream().map(pair).toList(), joins.stream().map(pair).toList(),
        ids, apiVersion, skipMissingScopes, archived, changesSince, renamedHistory);
  }

  /** Every object name the plan uses: extracted, associated, joined or named in --columns. */
  Set<String> allObjectNames() {
    Set<String> names = new java.util.LinkedHashSet<>(objects);
    concat(associations, joins).forEach(p -> {
      names.add(p.from());
      names.add(p.to());
    });
    if (associationIds != null) {
      names.add(associationIds.pair().from());
      names.add(associationIds.pair().to());
    }
    names.addAll(columns.keySet());
    return names;
  }

  /** This plan with objects read only for their changes since the given times. */
  ExtractionPlan withChangesSince(Map<String, java.time.Instant> since) {
    return new ExtractionPlan(objects, columns, count, output, baseUrl, associations, joins,
        associationIds, apiVersion, skipMissingScopes, archived,
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(since)), history);
  }

  /**
   * --propertiesWithHistory as given: properties per object, or under {@link #EVERY_OBJECT}
   * for every extracted object that has them.
   */
  Map<String, List<String>> history() {
    return history;
  }

  /**
   * --propertiesWithHistory: {@code a,b} (those properties of every extracted object that has
   * them) or {@code OBJECT:a,b;OBJECT:c} (per object, like --columns).
   */
  static Map<String, List<String>> parseHistory(String spec, List<String> objects) {
    if (spec == null || spec.isBlank()) {
      return Map.of();
    }
    if (!spec.contains(":")) {
      Map<String, List<String>> every = parseColumns("--propertiesWithHistory",
          EVERY_OBJECT + ":" + spec.strip(), List.of(EVERY_OBJECT));
      return Map.of(EVERY_OBJECT, every.get(EVERY_OBJECT));
    }
    return parseColumns("--propertiesWithHistory", spec, objects);
  }

  /** When the object's changes are read from, or null when it is read in full. */
  java.time.Instant changesSince(String objectType) {
    return changesSince.get(objectType);
  }

  /** Objects read for their changes only, with the time from which. */
  Map<String, java.time.Instant> changesSince() {
    return changesSince;
  }

  boolean skipMissingScopes() {
    return skipMissingScopes;
  }

  private static <T> List<T> concat(List<T> first, List<T> second) {
    List<T> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  /** FROM:TO pairs separated by commas; empty or absent means none. */
  static List<ObjectPair> parsePairs(String option, String spec) {
    List<ObjectPair> pairs = new ArrayList<>();
    if (spec == null || spec.isBlank()) {
      return pairs;
    }
    for (String raw : spec.split(",", -1)) {
      String entry = raw.strip();
      String[] parts = entry.split(":", -1);
      if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
        throw new InvalidInputException(
            option + ": '" + entry + "' should be FROM:TO (pairs separated by commas, e.g."
                + " deals:companies,deals:contacts)");
      }
      ObjectPair pair = new ObjectPair(
          checkType(option, parts[0].strip()), checkType(option, parts[1].strip()));
      if (pairs.contains(pair)) {
        throw new InvalidInputException(option + " names " + pair + " twice");
      }
      pairs.add(pair);
    }
    return pairs;
  }

  private static String checkType(String option, String name) {
    if (!ObjectTypes.isAccepted(name)) {
      String hint = ObjectTypes.isAccepted(name.toLowerCase(Locale.ROOT))
          ? " (object types are lower case: " + name.toLowerCase(Locale.ROOT) + ")"
          : "";
      throw new InvalidInputException(option + ": unknown object type '" + name + "'" + hint
          + "; accepted: " + ObjectTypes.acceptedDescription());
    }
    return name;
  }

  /** --associationIdList with --objectType and --toObjectType, or null when not given. */
  static AssociationIds parseAssociationIds(ExtractOptions options) {
    String list = options.getAssociationIdList();
    boolean given = list != null && !list.isBlank();
    String from = options.getObjectType();
    String to = options.getToObjectType();
    if (!given) {
      if (from != null || to != null) {
        throw new InvalidInputException("--objectType and --toObjectType go with"
            + " --associationIdList (the record ids whose associations to read)");
      }
      return null;
    }
    if (from == null || from.isBlank() || to == null || to.isBlank()) {
      throw new InvalidInputException("--associationIdList needs --objectType (the type of the"
          + " ids) and --toObjectType (the type of the associated records)");
    }
    ObjectPair pair = new ObjectPair(checkType("--objectType", from.strip()),
        checkType("--toObjectType", to.strip()));
    Set<String> ids = new LinkedHashSet<>();
    for (String raw : list.split(",", -1)) {
      String id = raw.strip();
      if (!id.matches("[1-9][0-9]{0,17}")) {
        throw new InvalidInputException("--associationIdList: '" + id + "' is not a record id"
            + " (HubSpot ids are positive whole numbers)");
      }
      if (!ids.add(id)) {
        throw new InvalidInputException("--associationIdList names " + id + " twice");
      }
    }
    if (ids.size() > MAX_ID_LIST) {
      throw new InvalidInputException("--associationIdList has " + ids.size() + " ids; at most "
          + MAX_ID_LIST + " (for more, extract the object with --associations=" + pair + ")");
    }
    return new AssociationIds(pair, List.copyOf(ids));
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
      checkType("--objectList", name);
      if (!objects.add(name)) {
        throw new InvalidInputException("--objectList names '" + name + "' twice");
      }
    }
    return List.copyOf(objects);
  }

  static Map<String, List<String>> parseColumns(String spec, List<String> objects) {
    return parseColumns("--columns", spec, objects);
  }

  /** {@code OBJECT:a,b;OBJECT:c} as the option of that name takes it. */
  static Map<String, List<String>> parseColumns(String option, String spec,
      List<String> objects) {
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
            option + ": '" + entry + "' should be OBJECT:property,property (objects separated by"
                + " ';', e.g. deals:dealname,amount;contacts:email)");
      }
      String object = entry.substring(0, colon).strip();
      if (!objects.contains(object)) {
        throw new InvalidInputException(
            option + " names '" + object + "', which is not in --objectList"
                + (option.equals("--columns") ? " nor joined to" : "") + " ("
                + String.join(",", objects) + ")");
      }
      if (columns.containsKey(object)) {
        throw new InvalidInputException(option + " names '" + object + "' twice");
      }
      List<String> properties = new ArrayList<>();
      for (String raw : entry.substring(colon + 1).split(",", -1)) {
        String property = raw.strip();
        if (property.isEmpty()) {
          throw new InvalidInputException(
              option + ": the list for '" + object + "' has an empty property name");
        }
        if (properties.contains(property)) {
          throw new InvalidInputException(
              option + ": '" + property + "' is listed twice for '" + object + "'");
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
      String reason = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
          : e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null
              ? fs.getReason() : "the file system refuses it";
      throw new InvalidInputException(
          "--output " + text + ": cannot create the directory (" + reason + ")");
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

  /** Pairs whose association tables are written for every extracted record of FROM. */
  List<ObjectPair> associations() {
    return associations;
  }

  /** Pairs whose joined tables are written. */
  List<ObjectPair> joins() {
    return joins;
  }

  /** The --associationIdList request, or null. */
  AssociationIds associationIds() {
    return associationIds;
  }

  ApiVersion apiVersion() {
    return apiVersion;
  }
}
