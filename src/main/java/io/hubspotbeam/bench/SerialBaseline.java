package io.hubspotbeam.bench;

import io.hubspotbeam.client.AccessToken;
import io.hubspotbeam.client.BaseUrl;
import io.hubspotbeam.client.CrmObject;
import io.hubspotbeam.client.HubSpotClient;
import io.hubspotbeam.client.ObjectPage;
import io.hubspotbeam.client.PropertyDefinition;
import io.hubspotbeam.client.RateBudget;
import io.hubspotbeam.io.TableLayout;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVPrinter;

/**
 * The way other extractors work, as a yardstick for the benchmark: one object after another, one
 * cursor per object, one request at a time, every property, rows written to CSV. Uses the same
 * client as the pipeline, so the comparison measures the parallelism and nothing else.
 *
 * <p>Usage: {@code SerialBaseline BASE_URL OUTPUT_DIR SECONDS OBJECT[,OBJECT...]} with the token
 * in HUBSPOT_ACCESS_TOKEN. Stops after SECONDS (the rate is what counts) and prints one line:
 * {@code serial: N records in S s = R records/s (Q requests)}.
 */
public final class SerialBaseline {
  private SerialBaseline() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 4) {
      System.err.println("usage: SerialBaseline BASE_URL OUTPUT_DIR SECONDS OBJECT[,OBJECT...]");
      System.exit(2);
    }
    HubSpotClient client = HubSpotClient.builder()
        .baseUrl(BaseUrl.parse(args[0]))
        .token(AccessToken.fromEnvironment(AccessToken.DEFAULT_ENVIRONMENT_VARIABLE, System.getenv()))
        .rateBudget(RateBudget.unlimited())
        .build();
    Path output = Files.createDirectories(Paths.get(args[1]));
    long deadline = System.nanoTime() + (long) (Double.parseDouble(args[2]) * 1e9);
    long records = 0;
    long requests = 0;
    long start = System.nanoTime();
    objects:
    for (String objectType : args[3].split(",")) {
      List<String> properties = client.properties(objectType).stream()
          .map(PropertyDefinition::name).sorted().collect(Collectors.toList());
      requests++;
      boolean twoRequests = !client.listFitsInOneRequest(objectType, 100, properties);
      TableLayout layout = TableLayout.of(objectType, properties);
      try (Writer file = new BufferedWriter(new OutputStreamWriter(
              Files.newOutputStream(output.resolve(layout.fileName())), StandardCharsets.UTF_8));
          CSVPrinter printer = new CSVPrinter(file, TableLayout.CSV)) {
        printer.printRecord(layout.header());
        String after = null;
        do {
          ObjectPage page = client.listPage(objectType, after, 100, properties, false);
          requests += twoRequests && !page.records().isEmpty() ? 2 : 1;
          for (CrmObject record : page.records()) {
            printer.printRecord(layout.row(record));
          }
          records += page.records().size();
          after = page.nextAfter();
          if (System.nanoTime() > deadline) {
            break objects;
          }
        } while (after != null);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("serial: %d records in %.1f s = %.0f records/s (%d requests)%n",
        records, seconds, records / seconds, requests);
  }
}
