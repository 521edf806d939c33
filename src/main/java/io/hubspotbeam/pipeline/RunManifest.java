package io.hubspotbeam.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run wrote, beside the tables: {@code _manifest.json} after a run that completed (written
 * last, so its presence means every table is whole), or {@code _resume.json} after a run that
 * failed with some tables already whole. Per table: kind, rows, columns, property types, requests
 * made, retries, 429s, first and last HubSpot answer, bytes and SHA-256 of the file.
 * {@code --resume} reads either and skips every table whose file still has the recorded hash.
 */
final class RunManifest {
  static final String FILE = "_manifest.json";
  static final String RESUME_FILE = "_resume.json";
  static final int FORMAT = 1;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** One table of the run. Times are ISO-8601 instants or null when HubSpot was not asked. */
  record Table(String name, String kind, long rows, List<String> columns,
      Map<String, String> propertyTypes, long requests, long retries, long rateLimited,
      String firstAnswer, String lastAnswer, long bytes, String sha256, boolean reused) {
    String file() {
      return name + ".csv";
    }

    /** The same figures with the size and hash of the table's file. */
    Table withFile(long fileBytes, String fileSha256) {
      return new Table(name, kind, rows, columns, propertyTypes, requests, retries, rateLimited,
          firstAnswer, lastAnswer, fileBytes, fileSha256, reused);
    }

    ObjectNode toJson() {
      ObjectNode node = JSON.createObjectNode();
      node.put("table", name).put("file", file()).put("kind", kind).put("rows", rows);
      ArrayNode header = node.putArray("columns");
      columns.forEach(header::add);
      if (!propertyTypes.isEmpty()) {
        ObjectNode types = node.putObject("propertyTypes");
        propertyTypes.forEach(types::put);
      }
      node.put("requests", requests).put("retries", retries).put("rateLimited", rateLimited);
      node.put("firstAnswer", firstAnswer).put("lastAnswer", lastAnswer);
      node.put("bytes", bytes).put("sha256", sha256);
      if (reused) {
        node.put("reusedFromEarlierRun", true);
      }
      return node;
    }

    static Table fromJson(JsonNode node) {
      List<String> columns = new ArrayList<>();
      node.path("columns").forEach(c -> columns.add(c.asText()));
      Map<String, String> types = new LinkedHashMap<>();
      node.path("propertyTypes").fields().forEachRemaining(e -> types.put(e.getKey(),
          e.getValue().asText()));
      return new Table(node.path("table").asText(), node.path("kind").asText(),
          node.path("rows").asLong(), columns, types, node.path("requests").asLong(),
          node.path("retries").asLong(), node.path("rateLimited").asLong(),
          textOrNull(node, "firstAnswer"), textOrNull(node, "lastAnswer"),
          node.path("bytes").asLong(), node.path("sha256").asText(), true);
    }

    private static String textOrNull(JsonNode node, String field) {
      JsonNode value = node.get(field);
      return value == null || value.isNull() ? null : value.asText();
    }
  }

  private RunManifest() {}

  /**
   * Writes the manifest of a completed run ({@code complete}: {@code _manifest.json}, and any
   * {@code _resume.json} goes) or the resume file of a failed one, atomically.
   */
  static void write(Path output, boolean complete, Instant started, Instant finished,
      Map<String, String> run, List<Table> tables, Map<String, String> skipped)
      throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("complete", complete);
    root.put("startedAt", started.toString());
    root.put("finishedAt", finished.toString());
    ObjectNode settings = root.putObject("run");
    run.forEach(settings::put);
    ArrayNode list = root.putArray("tables");
    tables.forEach(t -> list.add(t.toJson()));
    if (!skipped.isEmpty()) {
      ObjectNode missing = root.putObject("skippedForMissingScopes");
      skipped.forEach(missing::put);
    }
    writeAtomically(output.resolve(complete ? FILE : RESUME_FILE),
        JSON.writeValueAsBytes(root));
    if (complete) {
      Files.deleteIfExists(output.resolve(RESUME_FILE));
    }
  }

  /**
   * The tables an earlier run left whole in {@code output}, by name: those its manifest (or else
   * its resume file) lists whose file still has the recorded size and SHA-256. Empty when there
   * is neither file. A manifest that cannot be read is an error: resuming blind could skip
   * tables that were never written.
   */
  static Earlier wholeTables(Path output) {
    Path file = output.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      file = output.resolve(RESUME_FILE);
    }
    Map<String, Table> whole = new LinkedHashMap<>();
    if (!Files.isRegularFile(file)) {
      return new Earlier(Map.of(), whole);
    }
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new InvalidInputException("--resume: " + file + " is not a manifest this tool wrote ("
          + e.getMessage().lines().findFirst().orElse("unreadable") + "); remove it to start"
          + " afresh");
    }
    if (root == null || root.path("format").asInt() != FORMAT || !root.path("tables").isArray()) {
      throw new InvalidInputException("--resume: " + file + " is not a manifest this tool wrote"
          + " (format " + FORMAT + "); remove it to start afresh");
    }
    for (JsonNode node : root.path("tables")) {
      Table table = Table.fromJson(node);
      Path csv = output.resolve(table.file());
      try {
        if (Files.isRegularFile(csv) && Files.size(csv) == table.bytes()
            && sha256(csv).equals(table.sha256())) {
          whole.put(table.name(), table);
        }
      } catch (IOException e) {
        // Unreadable now: not whole, so it is extracted again.
      }
    }
    Map<String, String> run = new LinkedHashMap<>();
    root.path("run").fields().forEachRemaining(e -> run.put(e.getKey(), e.getValue().asText()));
    return new Earlier(run, whole);
  }

  /** The names of the tables the completed run's manifest in {@code output} lists. */
  static List<String> listedTables(Path output) throws IOException {
    List<String> names = new ArrayList<>();
    JSON.readTree(output.resolve(FILE).toFile()).path("tables")
        .forEach(t -> names.add(t.path("table").asText()));
    return names;
  }

  /** An earlier run in the output directory: its settings and the tables still whole. */
  record Earlier(Map<String, String> run, Map<String, Table> tables) {
    /** The settings that shape a table's rows; a table is kept only if they are the same. */
    static final List<String> SHAPING = List.of("baseUrl", "apiVersion", "count", "archived",
        "escapeFormulas", "changesSince");

    /** "--count was 100, now all" for each shaping setting that differs; empty if none. */
    List<String> differences(Map<String, String> now) {
      List<String> differences = new ArrayList<>();
      for (String key : SHAPING) {
        String then = run.get(key);
        if (then != null && !then.equals(now.get(key))) {
          differences.add(key + " was " + then + ", now " + now.get(key));
        }
      }
      return differences;
    }
  }

  /**
   * Writes the bytes under {@code target.partial}, then renames that to {@code target}, so a
   * reader never sees half a file under the final name.
   */
  static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path partial = target.resolveSibling(target.getFileName() + ".partial");
    Files.write(partial, bytes);
    moveAtomically(partial, target);
  }

  /** Renames a finished file into place, atomically where the file system can. */
  static void moveAtomically(Path finished, Path target) throws IOException {
    try {
      Files.move(finished, target, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(finished, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The SHA-256 of a file, as lower-case hex. */
  static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  static String instant(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }
}
