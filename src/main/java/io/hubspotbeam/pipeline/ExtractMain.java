package io.hubspotbeam.pipeline;

import io.hubspotbeam.client.AccessToken;
import io.hubspotbeam.client.BaseUrl;
import io.hubspotbeam.client.HubSpotClient;
import io.hubspotbeam.client.HubSpotException;
import io.hubspotbeam.client.PropertyDefinition;
import io.hubspotbeam.client.RequestObserver;
import io.hubspotbeam.client.Association;
import io.hubspotbeam.client.CrmObject;
import io.hubspotbeam.io.AssociationJoin;
import io.hubspotbeam.io.AssociationTables;
import io.hubspotbeam.io.ConnectionConfig;
import io.hubspotbeam.io.CsvTables;
import io.hubspotbeam.io.HubSpotIO;
import io.hubspotbeam.io.ObjectSpec;
import io.hubspotbeam.io.PropertyHistory;
import io.hubspotbeam.io.Records;
import io.hubspotbeam.io.TableRow;
import io.hubspotbeam.io.TableLayout;
import io.hubspotbeam.sandbox.SandboxPortal;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.time.Instant;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command line: checks the options, asks HubSpot for each object's properties (which also
 * proves the token and its scopes before the long part starts), runs the pipeline and reports.
 *
 * <p>Exit codes: 0 done; 1 the extraction failed (HubSpot refused, a request kept failing);
 * 2 invalid input, before any request; 3 done, but objects whose scope the token lacks were
 * skipped ({@code --onMissingScope=skip}).
 */
public final class ExtractMain {
  private static final Logger LOG = LoggerFactory.getLogger(ExtractMain.class);

  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int INVALID_INPUT = 2;
  public static final int PARTIAL = 3;

  private ExtractMain() {}

  public static void main(String[] args) {
    // HttpURLConnection keeps only 5 idle connections per host by default; parallel readers need more.
    if (System.getProperty("http.maxConnections") == null) {
      System.setProperty("http.maxConnections", "64");
    }
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  /** Runs an extraction; returns the exit code. */
  public static int run(String[] args, Map<String, String> environment, PrintStream out,
      PrintStream err) {
    if (Arrays.asList(args).contains("--help")) {
      PipelineOptionsFactory.register(ExtractOptions.class);
      PipelineOptionsFactory.printHelp(out, ExtractOptions.class);
      return OK;
    }
    ExtractOptions options;
    ExtractionPlan plan;
    try {
      args = PipelineDefinitions.expand(args);
      rejectRepeatedOptions(args);
      PipelineOptionsFactory.register(ExtractOptions.class);
      options = PipelineOptionsFactory.fromArgs(args).withValidation().as(ExtractOptions.class);
      boolean objectListGiven = Arrays.stream(args)
          .anyMatch(a -> a.equals("--objectList") || a.startsWith("--objectList="));
      plan = ExtractionPlan.from(options, objectListGiven);
    } catch (InvalidInputException e) {
      err.println("error: " + e.getMessage());
      return INVALID_INPUT;
    } catch (IllegalArgumentException e) {
      err.println("error: " + nameTheOption(firstLine(e.getMessage()), args) + " (see --help)");
      return INVALID_INPUT;
    }

    SandboxPortal sandbox = null;
    try {
      AccessToken token;
      BaseUrl baseUrl = plan.baseUrl();
      if (options.getSandbox()) {
        if (!options.getBaseUrl().equals(BaseUrl.HUBSPOT)) {
          throw new InvalidInputException(
              "--sandbox runs against an in-process sandbox portal; drop --baseUrl or --sandbox");
        }
        sandbox = SandboxPortal.builder().build();
        sandbox.start();
        baseUrl = BaseUrl.parse(sandbox.baseUrl());
        token = AccessToken.of(sandbox.token(), "the in-process sandbox portal");
        err.println("Using the in-process sandbox portal at " + sandbox.baseUrl());
      } else {
        token = resolveToken(options, environment);
      }
      ConnectionConfig connection =
          ConnectionConfig.of(baseUrl, token)
              .withRequestsPerTenSeconds(options.getRequestsPerTenSeconds())
              .withMaxUrlLength(options.getMaxUrlLength())
              .withReadTimeout(java.time.Duration.ofSeconds(options.getReadTimeoutSeconds()))
              .withApiVersion(plan.apiVersion())
              .withBudgetShare(WorkerJvms.budgetShare(options));
      return extract(options, plan, connection, out, err);
    } catch (InvalidInputException e) {
      err.println("error: " + e.getMessage());
      return INVALID_INPUT;
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return INVALID_INPUT;
    } finally {
      if (sandbox != null) {
        sandbox.close();
      }
    }
  }

  private static final java.util.regex.Pattern BAD_VALUE = java.util.regex.Pattern.compile(
      "value of type `(\\w+)` from String \"([^\"]*)\"");

  /**
   * Beam refuses a value of the wrong type without naming the option ("Cannot deserialize value
   * of type `int` from String "abc""); name it and say what it takes.
   */
  static String nameTheOption(String message, String[] args) {
    java.util.regex.Matcher bad = BAD_VALUE.matcher(message);
    if (!bad.find()) {
      return message;
    }
    String type = bad.group(1);
    String value = bad.group(2);
    for (String arg : args) {
      int equals = arg.indexOf('=');
      if (arg.startsWith("--") && equals > 0 && arg.substring(equals + 1).equals(value)) {
        String expected = switch (type) {
          case "boolean" -> "true or false";
          case "int", "long" -> "a whole number";
          case "double" -> "a number";
          default -> "a " + type;
        };
        return arg.substring(0, equals) + " must be " + expected + ", got '" + value + "'";
      }
    }
    return message;
  }

  /** Beam refuses a repeated option without naming it; name it. */
  static void rejectRepeatedOptions(String[] args) {
    Set<String> seen = new java.util.HashSet<>();
    for (String arg : args) {
      if (!arg.startsWith("--")) {
        continue;
      }
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg : arg.substring(0, equals);
      if (!seen.add(name)) {
        throw new InvalidInputException(name + " is given twice; give each option once");
      }
    }
  }

  private static AccessToken resolveToken(ExtractOptions options, Map<String, String> environment) {
    if (options.getTokenFile() != null && !options.getTokenFile().isBlank()) {
      Path file = Paths.get(options.getTokenFile());
      if (!Files.isRegularFile(file)) {
        throw new InvalidInputException("--tokenFile " + file + " is not a readable file");
      }
      return AccessToken.fromFile(file);
    }
    String variable = options.getTokenEnv();
    if (variable == null || variable.isBlank()) {
      throw new InvalidInputException("--tokenEnv is empty; name the variable holding the token");
    }
    if (environment.get(variable) == null || environment.get(variable).isBlank()) {
      throw new InvalidInputException(
          "no HubSpot access token: the environment variable " + variable + " is not set. Export"
              + " the private app's token as " + variable + ", name a file with --tokenFile, or"
              + " try the tool with --sandbox");
    }
    return AccessToken.fromEnvironment(variable, environment);
  }

  private static int extract(
      ExtractOptions options,
      ExtractionPlan plan,
      ConnectionConfig connection,
      PrintStream out,
      PrintStream err) {
    boolean direct = options.getRunner().getSimpleName().equals("DirectRunner");
    // The DirectRunner's first run in a JVM loads and generates classes for over a second; that
    // happens on another core while the preflight below waits on HubSpot.
    RunnerWarmUp warmUp = direct && !options.getCheck() ? RunnerWarmUp.start() : null;
    // An earlier run's tables are checked first: a manifest that cannot be read stops the run
    // before any request.
    RunManifest.Earlier earlier = options.getResume()
        ? RunManifest.wholeTables(plan.output()) : null;
    // Custom objects named in the plan are found among the portal's schemas first.
    CustomObjects.Resolved custom;
    try {
      custom = CustomObjects.resolve(connection.newClient(RequestObserver.NONE), plan, err);
    } catch (io.hubspotbeam.client.HubSpotException e) {
      err.println("error: cannot read the portal's custom objects (GET schemas): "
          + e.getMessage());
      return FAILED;
    }
    plan = custom.plan();
    connection = connection.withObjectTypeIds(custom.objectTypeIds());
    // Taken before the first request: every change after it is above the next high-water mark.
    Instant runStart = Instant.now();
    Incremental incremental = Incremental.from(options, plan.count(),
        options.getSandbox() ? "the in-process sandbox portal" : connection.baseUrl().toString(),
        runStart);
    if (incremental.isActive()) {
      plan = plan.withChangesSince(incremental.changesSince(plan.objects()));
      err.println(incremental.describe(plan.objects()));
    }
    // The preflight: every object's properties, one record (the records' scope may be granted
    // apart from the properties') and its count, for objects extracted and objects only
    // associated with, so the token and its scopes are proven before the long part starts.
    HubSpotClient client = connection.newClient(RequestObserver.NONE);
    Preflight.Result preflight = Preflight.run(client, plan);
    if (options.getCheck()) {
      return Preflight.print(preflight, plan, connection.baseUrl().toString(), out)
          ? OK : FAILED;
    }
    if (preflight.tokenRejected() != null) {
      err.println("error: HubSpot rejected the token: " + preflight.tokenRejected().getMessage());
      return FAILED;
    }
    Map<String, TableLayout> layouts = new LinkedHashMap<>(preflight.layouts());
    Map<String, Map<String, String>> types = preflight.propertyTypes();
    Map<String, String> skipped = new LinkedHashMap<>();
    boolean failed = false;
    for (Preflight.ObjectCheck check : preflight.unreadable()) {
      String objectType = check.objectType();
      if (check.missingScopes() == null) {
        err.println("error: cannot read " + objectType + " (its properties and a first record): "
            + check.error());
        failed = true;
      } else if (!plan.skipMissingScopes()) {
        err.println("error: " + objectType + ": the token lacks " + check.missingScopes() + ": "
            + check.error() + " (or leave such objects out with --onMissingScope=skip)");
        failed = true;
      } else {
        err.println("warning: skipping " + objectType + ": the token lacks "
            + check.missingScopes());
        skipped.put(objectType, check.missingScopes());
      }
    }
    if (failed) {
      return FAILED;
    }
    for (Preflight.ObjectCheck check : preflight.objects()) {
      if (check.readable()) {
        LOG.info("{}: {} of {} properties as columns, about {} records", check.objectType(),
            layouts.get(check.objectType()).properties().size(), check.properties(),
            Preflight.count(check.records()));
      }
    }
    err.println("preflight: token works (from " + preflight.tokenSource() + "); "
        + Preflight.rateLine(preflight));
    Preflight.Estimate estimate = preflight.estimate();
    err.printf(Locale.ROOT, "preflight: about %,d requests, %s at the rate limit%s%n",
        estimate.requests(), Preflight.duration(estimate.seconds()),
        Preflight.dailyShare(preflight));
    if (!skipped.isEmpty()) {
      ExtractionPlan reduced = plan.without(skipped.keySet());
      for (ObjectPair pair : plan.associations()) {
        if (!reduced.associations().contains(pair)) {
          err.println("warning: no " + AssociationTables.tableName(pair.from(), pair.to())
              + ".csv: a side is skipped");
        }
      }
      for (ObjectPair pair : plan.joins()) {
        if (!reduced.joins().contains(pair)) {
          err.println("warning: no " + AssociationJoin.tableName(pair.from(), pair.to())
              + ".csv: a side is skipped");
        }
      }
      if (plan.associationIds() != null && reduced.associationIds() == null) {
        err.println("warning: no association table for --associationIdList: a side is skipped");
      }
      if (reduced.isEmpty()) {
        err.println("error: nothing left to extract: the token lacks the scopes of every object"
            + " asked for (" + String.join(", ", skipped.keySet()) + ")");
        return FAILED;
      }
      plan = reduced;
    }
    // Checked against the properties the preflight found; history tables are always read whole.
    Map<String, List<String>> historyOf = historyOf(plan, types);
    Map<String, RunManifest.Table> reused = new LinkedHashMap<>();
    if (earlier != null) {
      List<String> differences = earlier.differences(runSettings(plan, options, connection));
      if (differences.isEmpty()) {
        reused.putAll(earlier.tables());
      } else {
        err.println("resuming: the earlier run's tables do not fit this one ("
            + String.join("; ", differences) + "): extracting every table again");
      }
      reused.keySet().retainAll(tableNames(plan));
      // A table is kept only with the columns this run would write.
      Map<String, List<String>> headers = new LinkedHashMap<>();
      plan.objects().forEach(o -> headers.put(o, layouts.get(o).header()));
      for (ObjectPair join : plan.joins()) {
        headers.put(AssociationJoin.tableName(join.from(), join.to()), AssociationJoin
            .of(connection, layouts.get(join.from()), layouts.get(join.to())).header());
      }
      headers.forEach((table, header) -> {
        RunManifest.Table kept = reused.get(table);
        if (kept != null && !kept.columns().equals(header)) {
          err.println("resuming: " + kept.file() + " has other columns than this run writes;"
              + " extracting it again");
          reused.remove(table);
        }
      });
      ExtractionPlan rest = plan.resuming(reused.keySet());
      reused.keySet().removeAll(tableNames(rest));
      err.println("resuming: " + reused.size() + " table(s) kept from the earlier run"
          + (reused.isEmpty() ? "" : " (" + String.join(", ", reused.keySet()) + ")")
          + ", " + tableNames(rest).size() + " to extract");
      plan = rest;
      if (plan.isEmpty()) {
        try {
          Instant now = Instant.now();
          RunManifest.write(plan.output(), true, now, now, runSettings(plan, options, connection),
              new ArrayList<>(reused.values()), skipped);
        } catch (IOException e) {
          err.println("error: cannot write " + RunManifest.FILE + ": " + e);
          return FAILED;
        }
        out.println("nothing to extract: every table is whole in " + plan.output());
        return skipped.isEmpty() ? OK : PARTIAL;
      }
    }
    List<ObjectSpec> specs = new ArrayList<>();
    List<TableLayout> objectTables = new ArrayList<>();
    for (String objectType : plan.objects()) {
      TableLayout layout = layouts.get(objectType);
      ObjectSpec live = ObjectSpec.of(objectType, layout.properties(), plan.count())
          .withKnownRecords(preflight.totals().getOrDefault(objectType, -1L));
      if (plan.changesSince(objectType) != null) {
        live = live.changedSince(plan.changesSince(objectType));
      }
      if (plan.archived() != ExtractionPlan.Archived.ONLY) {
        specs.add(live);
      }
      if (plan.archived() != ExtractionPlan.Archived.EXCLUDE) {
        // Search cannot see archived records, so there is no count of them beforehand.
        specs.add(live.withKnownRecords(-1).archivedOnly());
      }
      objectTables.add(layout);
    }

    String output = plan.output().toString();
    String staging = plan.output().resolve(CsvTables.STAGING_PREFIX + UUID.randomUUID()).toString();
    Pipeline pipeline = Pipeline.create(options);
    Tables tables = new Tables();
    PCollection<CrmObject> records = null;
    if (!specs.isEmpty()) {
      records = pipeline.apply("ReadHubSpot",
          HubSpotIO.read().withConnection(connection).withObjects(specs));
      CsvTables<CrmObject> recordTables = CsvTables.to(output, staging, objectTables);
      records.apply("WriteCsv",
          options.getEscapeFormulas() ? recordTables.withFormulaEscaping() : recordTables);
      for (TableLayout layout : objectTables) {
        tables.objects.add(layout.objectType());
      }
    }
    List<ObjectSpec> historySpecs = new ArrayList<>();
    for (Map.Entry<String, List<String>> history : historyOf.entrySet()) {
      historySpecs.add(ObjectSpec.of(history.getKey(), List.of("hs_object_id"), plan.count())
          .withKnownRecords(plan.changesSince(history.getKey()) != null ? -1L // counted changes
              : preflight.totals().getOrDefault(history.getKey(), -1L))
          .withHistoryOf(history.getValue()));
    }
    PCollection<TableRow> historyRows = historySpecs.isEmpty() ? null : pipeline
        .apply("ReadHistory", HubSpotIO.read().withConnection(connection)
            .withObjects(historySpecs))
        .apply("HistoryRows", PropertyHistory.rows());
    tables.histories.addAll(historyOf.keySet());
    Map<ObjectPair, PCollection<Association>> associations = new LinkedHashMap<>();
    List<ObjectPair> pairsToRead = new ArrayList<>(plan.associations());
    plan.joins().stream().filter(j -> !pairsToRead.contains(j)).forEach(pairsToRead::add);
    for (ObjectPair pair : pairsToRead) {
      associations.put(pair, records
          .apply("IdsOf" + pair.from() + "For" + pair.to(), Records.idsOf(pair.from()))
          .apply("Associations " + pair, HubSpotIO.readAssociations()
              .withConnection(connection).between(pair.from(), pair.to())
              .withShards(HubSpotIO.associationShards(
                  liveRecords(plan, preflight, pair.from())))));
    }
    if (plan.associationIds() != null) {
      ObjectPair pair = plan.associationIds().pair();
      associations.put(pair, pipeline
          .apply("AssociationIdList", Create.of(plan.associationIds().ids())
              .withCoder(StringUtf8Coder.of()))
          .apply("Associations " + pair, HubSpotIO.readAssociations()
              .withConnection(connection).between(pair.from(), pair.to())
              .withShards(HubSpotIO.associationShards(plan.associationIds().ids().size()))));
      tables.associations.add(pair);
    }
    tables.associations.addAll(plan.associations());
    tables.pairsRead.addAll(associations.keySet());

    Map<String, List<String>> rowHeaders = new LinkedHashMap<>();
    List<PCollection<TableRow>> rows = new ArrayList<>();
    for (ObjectPair pair : tables.associations) {
      String table = AssociationTables.tableName(pair.from(), pair.to());
      rowHeaders.put(table, AssociationTables.HEADER);
      rows.add(associations.get(pair).apply("Rows " + pair,
          AssociationTables.rows(pair.from(), pair.to())));
    }
    for (ObjectPair join : plan.joins()) {
      AssociationJoin joined =
          AssociationJoin.of(connection, layouts.get(join.from()), layouts.get(join.to()));
      PCollection<CrmObject> targets = plan.objects().contains(join.to())
          ? records.apply("Joined " + join.to() + " for " + join, Records.ofType(join.to()))
          : pipeline.apply("No " + join.to() + " read for " + join, Records.none());
      rows.add(PCollectionTuple
          .of(AssociationJoin.FROM,
              records.apply("Joining " + join.from() + " for " + join,
                  Records.ofType(join.from())))
          .and(AssociationJoin.TO, targets)
          .and(AssociationJoin.ASSOCIATIONS, associations.get(join))
          .apply("Join " + join, joined));
      rowHeaders.put(joined.tableName(), joined.header());
      tables.joins.add(joined.tableName());
      tables.joinHeaders.add(joined.header());
    }
    if (historyRows != null) {
      rows.add(historyRows);
      historyOf.keySet().forEach(objectType ->
          rowHeaders.put(PropertyHistory.tableName(objectType), PropertyHistory.HEADER));
    }
    if (!rows.isEmpty()) {
      PCollectionList.of(rows)
          .apply("AllRows", Flatten.pCollections())
          .apply("WriteRowCsv", options.getEscapeFormulas()
              ? CsvTables.of(output, staging, TableRow.format(rowHeaders)).withFormulaEscaping()
              : CsvTables.of(output, staging, TableRow.format(rowHeaders)));
    }

    Instant started = Instant.now();
    long start = System.nanoTime();
    if (warmUp != null) {
      warmUp.await(); // inside the run's time: what the preflight did not hide counts
    }
    if (direct) {
      // Keeps the result (and its metrics) at hand while the run goes on and when it fails.
      options.as(DirectOptions.class).setBlockOnRun(false);
    }
    Map<String, Long> expected = new LinkedHashMap<>();
    for (String objectType : tables.objects) {
      expected.put(objectType, expectedRecords(plan, preflight, objectType));
    }
    RunProgress.Mode mode = RunProgress.mode(options.getProgress());
    if (mode != RunProgress.Mode.OFF && direct) {
      // The progress lines say it all; the readers' own log lines would only interleave.
      System.setProperty("org.slf4j.simpleLogger.log.io.hubspotbeam.progress", "warn");
    }
    RunReport.Budget budget = new RunReport.Budget(preflight.requestsPerTenSeconds(),
        preflight.searchPerSecond());
    PipelineResult result = null;
    RunProgress progress = null;
    try {
      result = direct ? PacedDirectRunner.run(pipeline, options) : pipeline.run();
      PipelineResult running = result;
      progress = new RunProgress(() -> RunCounters.of(running), expected, err, mode,
          options.getProgressIntervalSeconds()).start();
      PipelineResult.State state = result.waitUntilFinish();
      if (state != PipelineResult.State.DONE) {
        throw new IllegalStateException("the pipeline ended in state " + state);
      }
    } catch (RuntimeException e) {
      if (progress != null) {
        progress.close();
      }
      err.println("error: extraction failed: " + describeFailure(e));
      LOG.debug("extraction failure", e);
      deletePartialTables(plan.output());
      RunCounters counters = reportFailure(result, plan, options, connection, tables, layouts,
          types, reused, started, skipped, err);
      writeReport(plan.output(), "Failed: " + describeFailure(e), started, counters, tables,
          layouts, types, plan, reused, progress, budget, err);
      return FAILED;
    } finally {
      deleteRecursively(Paths.get(staging));
    }
    progress.close();
    double seconds = (System.nanoTime() - start) / 1e9;
    RunCounters counters = RunCounters.of(result);
    report(counters, layouts, tables, plan.output(), seconds, out);
    writeReport(plan.output(), skipped.isEmpty() ? "Completed"
            : "Completed without " + String.join(", ", skipped.keySet()) + " (missing scopes)",
        started, counters, tables, layouts, types, plan, reused, progress, budget, err);
    try {
      // Last of all: its presence says every table is whole.
      List<RunManifest.Table> entries =
          describeTables(counters, plan, tables, layouts, types, reused, Long.MIN_VALUE);
      RunManifest.write(plan.output(), true, started, Instant.now(),
          runSettings(plan, options, connection), entries, skipped);
      Map<String, Long> rowsWritten = new LinkedHashMap<>();
      entries.forEach(t -> rowsWritten.put(t.name(), t.rows()));
      try {
        incremental.recordRun(runStart, tables.objects, rowsWritten);
      } catch (IOException e) {
        err.println("error: the tables are written, but the state file "
            + incremental.stateFile() + " is not (the next run reads these changes again): " + e);
        return FAILED;
      }
      if (incremental.stateFile() != null) {
        err.println("state: " + incremental.stateFile() + " marks " + String.join(", ",
            tables.objects) + " as read up to " + runStart);
      }
    } catch (IOException e) {
      err.println("error: the tables are written, but not " + RunManifest.FILE + ": " + e);
      return FAILED;
    }
    if (!skipped.isEmpty()) {
      StringBuilder line = new StringBuilder("skipped for missing scopes:");
      skipped.forEach((object, scopes) -> line.append(' ').append(object).append(" (add ")
          .append(scopes).append(')'));
      out.println(line);
      return PARTIAL;
    }
    return OK;
  }

  /** Every table the plan writes, by name. */
  private static Set<String> tableNames(ExtractionPlan plan) {
    Set<String> names = new java.util.LinkedHashSet<>(plan.objects());
    plan.associations().forEach(p -> names.add(AssociationTables.tableName(p.from(), p.to())));
    plan.joins().forEach(p -> names.add(AssociationJoin.tableName(p.from(), p.to())));
    if (plan.associationIds() != null) {
      ObjectPair pair = plan.associationIds().pair();
      names.add(AssociationTables.tableName(pair.from(), pair.to()));
    }
    return names;
  }

  /**
   * After a failure: how far each table got, and {@code _resume.json} listing the tables that
   * were whole under their final names (those of this run, and those kept by --resume).
   */
  private static RunCounters reportFailure(PipelineResult result, ExtractionPlan plan,
      ExtractOptions options, ConnectionConfig connection, Tables tables,
      Map<String, TableLayout> layouts, Map<String, Map<String, String>> types,
      Map<String, RunManifest.Table> reused, Instant started, Map<String, String> skipped,
      PrintStream err) {
    RunCounters counters = RunCounters.none();
    if (result != null) {
      try {
        counters = RunCounters.of(result);
      } catch (RuntimeException e) {
        LOG.debug("no metrics after the failure", e);
      }
    }
    List<RunManifest.Table> whole;
    try {
      whole = describeTables(counters, plan, tables, layouts, types, reused,
          started.toEpochMilli());
    } catch (IOException e) {
      err.println("  (cannot list the tables already whole: " + e + ")");
      return counters;
    }
    Set<String> wholeNames = whole.stream().map(RunManifest.Table::name)
        .collect(Collectors.toSet());
    if (counters.isEmpty()) {
      err.println("  (this runner reports no progress after a failure; see its dashboard)");
    }
    for (String objectType : tables.objects) {
      err.printf("  %-26s %s%n", objectType, wholeNames.contains(objectType)
          ? "whole: " + objectType + ".csv is complete"
          : counters.get(objectType, "records") + " records read in "
              + counters.get(objectType, "requests") + " requests; no table written");
    }
    for (ObjectPair pair : tables.pairsRead) {
      String table = AssociationTables.tableName(pair.from(), pair.to());
      err.printf("  %-26s %s%n", table, wholeNames.contains(table)
          ? "whole: " + table + ".csv is complete"
          : counters.get(table, "requests") + " association requests; no table written");
    }
    if (whole.isEmpty()) {
      return counters;
    }
    try {
      RunManifest.write(plan.output(), false, started, Instant.now(), runSettings(plan, options, connection),
          whole, skipped);
      err.println("  " + whole.size() + " whole table(s) are listed in "
          + plan.output().resolve(RunManifest.RESUME_FILE) + "; rerun with --resume to extract"
          + " only the rest");
    } catch (IOException e) {
      err.println("  (cannot write " + RunManifest.RESUME_FILE + ": " + e + ")");
    }
    return counters;
  }

  /**
   * Writes _report.html: a row per table (records read where a table was not written), the
   * samples of the progress, and the verdict. A report that cannot be written is a warning.
   */
  private static void writeReport(Path output, String outcome, Instant started,
      RunCounters counters, Tables tables, Map<String, TableLayout> layouts,
      Map<String, Map<String, String>> types, ExtractionPlan plan,
      Map<String, RunManifest.Table> reused, RunProgress progress, RunReport.Budget budget,
      PrintStream err) {
    List<RunManifest.Table> rows = tableFigures(counters, plan, tables, layouts, types);
    rows.addAll(reused.values());
    try {
      Path report = RunReport.write(output, outcome, started, Instant.now(), rows,
          progress == null ? List.of() : progress.samples(), budget, new ArrayList<>(tables.objects));
      err.println("report: " + report);
    } catch (IOException e) {
      err.println("warning: cannot write " + RunReport.FILE + ": " + e);
    }
  }

  /**
   * What the counters say of each table of the run (rows: those written, or for an object whose
   * table was not written the records read), without file size or hash.
   */
  private static List<RunManifest.Table> tableFigures(RunCounters counters, ExtractionPlan plan,
      Tables tables, Map<String, TableLayout> layouts, Map<String, Map<String, String>> types) {
    List<RunManifest.Table> figures = new ArrayList<>();
    for (String objectType : tables.objects) {
      Map<String, String> propertyTypes = new LinkedHashMap<>();
      for (String column : layouts.get(objectType).properties()) {
        propertyTypes.put(column, types.get(objectType).get(column));
      }
      long written = counters.get(objectType, "rowsWritten");
      figures.add(figures(objectType, "object", written > 0 ? written
          : counters.get(objectType, "records"), layouts.get(objectType).header(), propertyTypes,
          counters, objectType));
    }
    for (ObjectPair pair : tables.associations) {
      String table = AssociationTables.tableName(pair.from(), pair.to());
      figures.add(figures(table, "associations", counters.get(table, "rowsWritten"),
          AssociationTables.HEADER, Map.of(), counters, table));
    }
    for (int i = 0; i < tables.joins.size(); i++) {
      String table = tables.joins.get(i);
      ObjectPair pair = plan.joins().get(i);
      figures.add(figures(table, "joined", counters.get(table, "rowsWritten"),
          tables.joinHeaders.get(i), Map.of(), counters,
          AssociationTables.tableName(pair.from(), pair.to())));
    }
    for (String objectType : tables.histories) {
      String table = PropertyHistory.tableName(objectType);
      figures.add(figures(table, "history", counters.get(table, "rowsWritten"),
          PropertyHistory.HEADER, Map.of(), counters, table));
    }
    return figures;
  }

  private static RunManifest.Table figures(String table, String kind, long rows,
      List<String> columns, Map<String, String> propertyTypes, RunCounters counters,
      String requestsOf) {
    long[] answered = counters.answeredBetween(requestsOf);
    return new RunManifest.Table(table, kind, rows, columns, propertyTypes,
        counters.get(requestsOf, "requests"), counters.get(requestsOf, "retries"),
        counters.get(requestsOf, "rateLimited"),
        answered == null ? null : RunManifest.instant(answered[0]),
        answered == null ? null : RunManifest.instant(answered[1]), -1, null, false);
  }

  /**
   * The manifest entries: this run's tables found whole under their final names (written since
   * {@code sinceMillis}; Long.MIN_VALUE after a completed run), with size and hash, then the
   * tables kept by --resume.
   */
  private static List<RunManifest.Table> describeTables(RunCounters counters, ExtractionPlan plan,
      Tables tables, Map<String, TableLayout> layouts, Map<String, Map<String, String>> types,
      Map<String, RunManifest.Table> reused, long sinceMillis) throws IOException {
    List<RunManifest.Table> entries = new ArrayList<>();
    for (RunManifest.Table table : tableFigures(counters, plan, tables, layouts, types)) {
      Path file = plan.output().resolve(table.file());
      if (Files.isRegularFile(file)
          && Files.getLastModifiedTime(file).toMillis() >= sinceMillis) {
        entries.add(table.withFile(Files.size(file), RunManifest.sha256(file)));
      }
    }
    entries.addAll(reused.values());
    return entries;
  }

  /** What the manifest says of the run's settings; never the token, only where it came from. */
  private static Map<String, String> runSettings(ExtractionPlan plan, ExtractOptions options,
      ConnectionConfig connection) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("baseUrl", connection.baseUrl().toString());
    settings.put("token", "from " + connection.token().source());
    settings.put("apiVersion", plan.apiVersion().label());
    settings.put("count", plan.count() == ObjectSpec.ALL ? "all" : Long.toString(plan.count()));
    settings.put("archived", plan.archived().name().toLowerCase(Locale.ROOT));
    settings.put("runner", options.getRunner().getSimpleName());
    settings.put("escapeFormulas", Boolean.toString(options.getEscapeFormulas()));
    // Tables of changes only must never pass for whole tables, nor the reverse.
    settings.put("changesSince", plan.changesSince().isEmpty() ? "none"
        : plan.changesSince().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(",")));
    return settings;
  }

  /** The tables a run writes, by kind, for the report. */
  private static final class Tables {
    final List<String> objects = new ArrayList<>();
    final List<ObjectPair> associations = new ArrayList<>();
    final List<String> joins = new ArrayList<>();
    final List<List<String>> joinHeaders = new ArrayList<>();
    /** Every pair whose associations are read, for a table, a join or both. */
    final List<ObjectPair> pairsRead = new ArrayList<>();
    /** Objects whose property history is read, each into {object}_property_history. */
    final List<String> histories = new ArrayList<>();
  }

  /**
   * --propertiesWithHistory against the properties each object has: per object, every named
   * property must exist; named for every object, each must exist in at least one, and goes to
   * those that have it.
   */
  static Map<String, List<String>> historyOf(ExtractionPlan plan,
      Map<String, Map<String, String>> types) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    List<String> every = plan.history().get(ExtractionPlan.EVERY_OBJECT);
    if (every != null) {
      for (String property : every) {
        if (plan.objects().stream().noneMatch(o -> types.getOrDefault(o, Map.of())
            .containsKey(property))) {
          throw new InvalidInputException("--propertiesWithHistory: no object of --objectList ("
              + String.join(",", plan.objects()) + ") has a property '" + property + "'");
        }
      }
      for (String objectType : plan.objects()) {
        List<String> own = every.stream()
            .filter(p -> types.getOrDefault(objectType, Map.of()).containsKey(p)).toList();
        if (!own.isEmpty()) {
          out.put(objectType, own);
        }
      }
      return out;
    }
    plan.history().forEach((objectType, properties) -> {
      if (!plan.objects().contains(objectType)) {
        return; // left out for a missing scope
      }
      for (String property : properties) {
        if (!types.getOrDefault(objectType, Map.of()).containsKey(property)) {
          throw new InvalidInputException("--propertiesWithHistory: " + objectType
              + " has no property '" + property + "'");
        }
      }
      out.put(objectType, properties);
    });
    return out;
  }

  /**
   * The live records the run reads of an object, as the preflight counted them (up to --count),
   * or -1 when it reads only archived records (which the preflight does not count).
   */
  private static long liveRecords(ExtractionPlan plan, Preflight.Result preflight,
      String objectType) {
    long total = plan.archived() == ExtractionPlan.Archived.ONLY
        ? -1L : preflight.totals().getOrDefault(objectType, -1L);
    return total < 0 || plan.count() == ObjectSpec.ALL ? total : Math.min(total, plan.count());
  }

  /**
   * The records the run reads of an object, as the preflight counted them (up to --count), or -1
   * when not known (archived records are not counted).
   */
  private static long expectedRecords(ExtractionPlan plan, Preflight.Result preflight,
      String objectType) {
    return plan.archived() == ExtractionPlan.Archived.EXCLUDE
        ? liveRecords(plan, preflight, objectType) : -1L;
  }

  /** The user's columns (checked against the schema), or every property sorted by name. */
  static List<String> chooseColumns(
      String objectType, List<PropertyDefinition> definitions, List<String> chosen) {
    Set<String> names = definitions.stream().map(PropertyDefinition::name)
        .collect(Collectors.toCollection(TreeSet::new));
    if (chosen == null) {
      return List.copyOf(names);
    }
    List<String> unknown = chosen.stream().filter(c -> !names.contains(c)).collect(Collectors.toList());
    if (!unknown.isEmpty()) {
      throw new InvalidInputException(
          "--columns: " + objectType + " has no propert" + (unknown.size() == 1 ? "y " : "ies ")
              + String.join(", ", unknown) + " (it has " + names.size() + " properties, e.g. "
              + names.stream().limit(8).collect(Collectors.joining(", ")) + ")");
    }
    return chosen;
  }

  private static void report(RunCounters counters, Map<String, TableLayout> layouts,
      Tables tables, Path output, double seconds, PrintStream out) {
    long total = 0;
    long requests = 0;
    long rateLimited = 0;
    long retries = 0;
    for (String objectType : layouts.keySet()) {
      requests += counters.get(objectType, "requests");
      rateLimited += counters.get(objectType, "rateLimited");
      retries += counters.get(objectType, "retries");
    }
    for (String objectType : tables.objects) {
      long rows = counters.get(objectType, "rowsWritten");
      total += rows;
      out.printf("%-26s %9d records  %4d columns  %s%n", objectType, rows,
          layouts.get(objectType).header().size(), output.resolve(objectType + ".csv"));
    }
    long associationRows = 0;
    long associationRequests = 0;
    for (ObjectPair pair : tables.associations) {
      String table = AssociationTables.tableName(pair.from(), pair.to());
      long rows = counters.get(table, "rowsWritten");
      associationRows += rows;
      associationRequests += counters.get(table, "requests");
      out.printf("%-26s %9d associations  %s%n", table, rows, output.resolve(table + ".csv"));
    }
    for (ObjectPair pair : tables.pairsRead) {
      String table = AssociationTables.tableName(pair.from(), pair.to());
      rateLimited += counters.get(table, "rateLimited");
      retries += counters.get(table, "retries");
    }
    for (String join : tables.joins) {
      out.printf("%-26s %9d joined rows  %s%n", join,
          counters.get(join, "rowsWritten"), output.resolve(join + ".csv"));
    }
    out.printf("%d records in %d tables in %.1f s = %.0f records/s; %d requests after discovery,"
            + " %d answered 429, %d retried%n",
        total, tables.objects.size(), seconds, total / Math.max(seconds, 1e-3), requests,
        rateLimited, retries);
    if (!tables.associations.isEmpty()) {
      out.printf("%d association rows in %d tables = %.0f rows/s; %d association requests ="
              + " %.1f per 1,000 rows%n",
          associationRows, tables.associations.size(), associationRows / Math.max(seconds, 1e-3),
          associationRequests, associationRequests * 1000.0 / Math.max(associationRows, 1));
    }
  }

  /** The most useful message in a pipeline failure: the HubSpot error if there is one. */
  static String describeFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof HubSpotException) {
        return t.getMessage();
      }
    }
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "invalid option";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /** Tables being assembled when the run failed: never leave them looking like results. */
  private static void deletePartialTables(Path output) {
    try (Stream<Path> files = Files.list(output)) {
      files.filter(f -> f.getFileName().toString().endsWith(".csv.partial"))
          .forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      LOG.warn("could not list {} to remove partial tables: {}", output, e.toString());
    }
  }

  private static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("could not remove the staging directory {}: {}", directory, e.toString());
    }
  }
}
