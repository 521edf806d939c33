package io.hubspotbeam.pipeline;

import io.hubspotbeam.client.AccessToken;
import io.hubspotbeam.client.BaseUrl;
import io.hubspotbeam.client.HubSpotClient;
import io.hubspotbeam.client.HubSpotException;
import io.hubspotbeam.client.PropertyDefinition;
import io.hubspotbeam.client.RequestObserver;
import io.hubspotbeam.io.ConnectionConfig;
import io.hubspotbeam.io.CsvTables;
import io.hubspotbeam.io.HubSpotIO;
import io.hubspotbeam.io.ObjectSpec;
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
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.values.PCollection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command line: checks the options, asks HubSpot for each object's properties (which also
 * proves the token and its scopes before the long part starts), runs the pipeline and reports.
 *
 * <p>Exit codes: 0 done; 1 the extraction failed (HubSpot refused, a request kept failing);
 * 2 invalid input, before any request.
 */
public final class ExtractMain {
  private static final Logger LOG = LoggerFactory.getLogger(ExtractMain.class);

  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int INVALID_INPUT = 2;

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
      rejectRepeatedOptions(args);
      PipelineOptionsFactory.register(ExtractOptions.class);
      options = PipelineOptionsFactory.fromArgs(args).withValidation().as(ExtractOptions.class);
      plan = ExtractionPlan.from(options);
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
              .withMaxUrlLength(options.getMaxUrlLength());
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
    // Discovery: one properties call per object proves the token and each object's scope, and
    // fixes the columns, before any long-running work starts.
    HubSpotClient client = connection.newClient(RequestObserver.NONE);
    List<ObjectSpec> specs = new ArrayList<>();
    List<TableLayout> layouts = new ArrayList<>();
    for (String objectType : plan.objects()) {
      List<PropertyDefinition> definitions;
      try {
        definitions = client.properties(objectType);
      } catch (HubSpotException e) {
        err.println("error: cannot read the properties of " + objectType + ": " + e.getMessage());
        return FAILED;
      }
      List<String> columns = chooseColumns(objectType, definitions, plan.columns().get(objectType));
      specs.add(ObjectSpec.of(objectType, columns, plan.count()));
      layouts.add(TableLayout.of(objectType, columns));
      LOG.info("{}: {} of {} properties as columns", objectType, columns.size(), definitions.size());
    }

    String staging = plan.output().resolve(CsvTables.STAGING_PREFIX + UUID.randomUUID()).toString();
    Pipeline pipeline = Pipeline.create(options);
    PCollection<io.hubspotbeam.client.CrmObject> records =
        pipeline.apply("ReadHubSpot", HubSpotIO.read().withConnection(connection).withObjects(specs));
    records.apply("WriteCsv", CsvTables.to(plan.output().toString(), staging, layouts));

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
    report(result, layouts, plan.output(), seconds, out);
    return OK;
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

  private static void report(
      PipelineResult result, List<TableLayout> layouts, Path output, double seconds,
      PrintStream out) {
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
    for (TableLayout layout : layouts) {
      long rows = counters.getOrDefault(layout.objectType() + ".rowsWritten", 0L);
      total += rows;
      requests += counters.getOrDefault(layout.objectType() + ".requests", 0L);
      rateLimited += counters.getOrDefault(layout.objectType() + ".rateLimited", 0L);
      retries += counters.getOrDefault(layout.objectType() + ".retries", 0L);
      out.printf("%-22s %9d records  %4d columns  %s%n", layout.objectType(), rows,
          layout.header().size(), output.resolve(layout.fileName()));
    }
    out.printf("%d records in %d tables in %.1f s = %.0f records/s; %d requests after discovery,"
            + " %d answered 429, %d retried%n",
        total, layouts.size(), seconds, total / Math.max(seconds, 1e-3), requests, rateLimited,
        retries);
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
