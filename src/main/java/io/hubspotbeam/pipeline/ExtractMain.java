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
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
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
      err.println("error: " + firstLine(e.getMessage()) + " (see --help)");
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
    // Discovery: every object's properties, which also proves the token and its scopes before
    // the long part starts. Objects only associated with are asked too, for the same proof.
    // A one-record listing per object proves the records' scope too, which HubSpot may grant
    // apart from the properties' (crm.schemas.* against crm.objects.*).
    HubSpotClient client = connection.newClient(RequestObserver.NONE);
    Map<String, TableLayout> layouts = new LinkedHashMap<>();
    Map<String, String> skipped = new LinkedHashMap<>();
    for (String objectType : discoveryOrder(plan)) {
      List<PropertyDefinition> definitions;
      try {
        definitions = client.properties(objectType);
        client.listPage(objectType, null, 1, List.of("hs_object_id"), false);
      } catch (HubSpotException.MissingScopes e) {
        String scopes = e.requiredScopes().isEmpty()
            ? "a read scope for it" : String.join(" or ", e.requiredScopes());
        if (!plan.skipMissingScopes()) {
          err.println("error: " + objectType + ": the token lacks " + scopes + ": "
              + e.getMessage() + " (or leave such objects out with --onMissingScope=skip)");
          return FAILED;
        }
        err.println("warning: skipping " + objectType + ": the token lacks " + scopes);
        skipped.put(objectType, scopes);
        continue;
      } catch (HubSpotException e) {
        err.println("error: cannot read " + objectType + " (its properties and a first record): "
            + e.getMessage());
        return FAILED;
      }
      List<String> columns = chooseColumns(objectType, definitions, plan.columns().get(objectType));
      layouts.put(objectType, TableLayout.of(objectType, columns));
      LOG.info("{}: {} of {} properties as columns", objectType, columns.size(), definitions.size());
    }
    if (!skipped.isEmpty()) {
      ExtractionPlan reduced = plan.without(skipped.keySet());
      for (ObjectPair pair : plan.associations()) {
        if (!reduced.associations().contains(pair)) {
          err.println("warning: no " + pair.from() + "_" + pair.to() + ".csv: a side is skipped");
        }
      }
      for (ObjectPair pair : plan.joins()) {
        if (!reduced.joins().contains(pair)) {
          err.println("warning: no " + pair.from() + "_" + pair.to() + "_joined.csv: a side is"
              + " skipped");
        }
      }
      if (plan.associationIds() != null && reduced.associationIds() == null) {
        err.println("warning: no association table for --associationIdList: a side is skipped");
      }
      if (reduced.objects().isEmpty() && reduced.associationIds() == null) {
        err.println("error: nothing left to extract: the token lacks the scopes of every object"
            + " asked for (" + String.join(", ", skipped.keySet()) + ")");
        return FAILED;
      }
      plan = reduced;
    }
    List<ObjectSpec> specs = new ArrayList<>();
    List<TableLayout> objectTables = new ArrayList<>();
    for (String objectType : plan.objects()) {
      TableLayout layout = layouts.get(objectType);
      specs.add(ObjectSpec.of(objectType, layout.properties(), plan.count()));
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
    Map<ObjectPair, PCollection<Association>> associations = new LinkedHashMap<>();
    List<ObjectPair> pairsToRead = new ArrayList<>(plan.associations());
    plan.joins().stream().filter(j -> !pairsToRead.contains(j)).forEach(pairsToRead::add);
    for (ObjectPair pair : pairsToRead) {
      associations.put(pair, records
          .apply("IdsOf" + pair.from() + "For" + pair.to(), Records.idsOf(pair.from()))
          .apply("Associations " + pair, HubSpotIO.readAssociations()
              .withConnection(connection).between(pair.from(), pair.to())));
    }
    if (plan.associationIds() != null) {
      ObjectPair pair = plan.associationIds().pair();
      associations.put(pair, pipeline
          .apply("AssociationIdList", Create.of(plan.associationIds().ids())
              .withCoder(StringUtf8Coder.of()))
          .apply("Associations " + pair, HubSpotIO.readAssociations()
              .withConnection(connection).between(pair.from(), pair.to())));
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
    }
    if (!rows.isEmpty()) {
      PCollectionList.of(rows)
          .apply("AllRows", Flatten.pCollections())
          .apply("WriteRowCsv", options.getEscapeFormulas()
              ? CsvTables.of(output, staging, TableRow.format(rowHeaders)).withFormulaEscaping()
              : CsvTables.of(output, staging, TableRow.format(rowHeaders)));
    }

    long start = System.nanoTime();
    PipelineResult result;
    try {
      result = pipeline.run();
      PipelineResult.State state = result.waitUntilFinish();
      if (state != PipelineResult.State.DONE) {
        err.println("error: the pipeline ended in state " + state);
        return FAILED;
      }
    } catch (RuntimeException e) {
      err.println("error: extraction failed: " + describeFailure(e));
      LOG.debug("extraction failure", e);
      deletePartialTables(plan.output());
      return FAILED;
    } finally {
      deleteRecursively(Paths.get(staging));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    report(result, layouts, tables, plan.output(), seconds, out);
    if (!skipped.isEmpty()) {
      StringBuilder line = new StringBuilder("skipped for missing scopes:");
      skipped.forEach((object, scopes) -> line.append(' ').append(object).append(" (add ")
          .append(scopes).append(')'));
      out.println(line);
      return PARTIAL;
    }
    return OK;
  }

  /** The tables a run writes, by kind, for the report. */
  private static final class Tables {
    final List<String> objects = new ArrayList<>();
    final List<ObjectPair> associations = new ArrayList<>();
    final List<String> joins = new ArrayList<>();
    /** Every pair whose associations are read, for a table, a join or both. */
    final List<ObjectPair> pairsRead = new ArrayList<>();
  }

  /** Extracted objects, then the other sides of associations and joins, each once. */
  private static List<String> discoveryOrder(ExtractionPlan plan) {
    Set<String> order = new java.util.LinkedHashSet<>(plan.objects());
    List<ObjectPair> pairs = new ArrayList<>(plan.associations());
    pairs.addAll(plan.joins());
    if (plan.associationIds() != null) {
      pairs.add(plan.associationIds().pair());
    }
    for (ObjectPair pair : pairs) {
      order.add(pair.from());
      order.add(pair.to());
    }
    return new ArrayList<>(order);
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

  private static void report(PipelineResult result, Map<String, TableLayout> layouts,
      Tables tables, Path output, double seconds, PrintStream out) {
    Map<String, Long> counters = new LinkedHashMap<>();
    MetricQueryResults metrics = result.metrics().queryMetrics(
        MetricsFilter.builder().addNameFilter(MetricNameFilter.inNamespace("hubspot")).build());
    for (MetricResult<Long> counter : metrics.getCounters()) {
      long value;
      try {
        value = counter.getCommitted();
      } catch (UnsupportedOperationException e) {
        value = counter.getAttempted();
      }
      counters.merge(counter.getName().getName(), value, Long::sum);
    }
    long total = 0;
    long requests = 0;
    long rateLimited = 0;
    long retries = 0;
    for (String objectType : layouts.keySet()) {
      requests += counters.getOrDefault(objectType + ".requests", 0L);
      rateLimited += counters.getOrDefault(objectType + ".rateLimited", 0L);
      retries += counters.getOrDefault(objectType + ".retries", 0L);
    }
    for (String objectType : tables.objects) {
      long rows = counters.getOrDefault(objectType + ".rowsWritten", 0L);
      total += rows;
      out.printf("%-26s %9d records  %4d columns  %s%n", objectType, rows,
          layouts.get(objectType).header().size(), output.resolve(objectType + ".csv"));
    }
    long associationRows = 0;
    long associationRequests = 0;
    for (ObjectPair pair : tables.associations) {
      String table = AssociationTables.tableName(pair.from(), pair.to());
      long rows = counters.getOrDefault(table + ".rowsWritten", 0L);
      associationRows += rows;
      associationRequests += counters.getOrDefault(table + ".requests", 0L);
      out.printf("%-26s %9d associations  %s%n", table, rows, output.resolve(table + ".csv"));
    }
    for (ObjectPair pair : tables.pairsRead) {
      String table = AssociationTables.tableName(pair.from(), pair.to());
      rateLimited += counters.getOrDefault(table + ".rateLimited", 0L);
      retries += counters.getOrDefault(table + ".retries", 0L);
    }
    for (String join : tables.joins) {
      out.printf("%-26s %9d joined rows  %s%n", join,
          counters.getOrDefault(join + ".rowsWritten", 0L), output.resolve(join + ".csv"));
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
