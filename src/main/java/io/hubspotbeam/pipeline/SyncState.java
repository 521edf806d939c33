package io.hubspotbeam.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state file of incremental runs ({@code --state}): per object, the high-water mark from
 * which the next run reads changes. The mark is the time the run that read the object started,
 * not the newest modification time it saw: a record changed during that run, after the reader
 * had passed its id, has a modification time above the start and so is read next time, whereas
 * the newest time seen could lie above it. The next run subtracts the lookback from the mark to
 * cover search's indexing lag, and upserting by id absorbs the overlap.
 *
 * <p>The file is replaced atomically, and only after a run that completed: a failed run leaves
 * the marks where they were, so the next run reads the same changes again.
 *
 * <pre>{@code
 * {"format": 1, "baseUrl": "https://api.hubapi.com", "objects": {
 *   "contacts": {"highWaterMark": "2026-11-28T07:00:00Z", "lastRun": "incremental",
 *                "changesSince": "2026-11-27T06:50:00Z", "records": 412}}}
 * }</pre>
 */
final class SyncState {
  static final int FORMAT = 1;
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** One object's entry; {@code changesSince} is null after a full read. */
  record Mark(Instant highWaterMark, String lastRun, Instant changesSince, long records) {}

  private final String baseUrl;
  private final Map<String, Mark> marks;

  private SyncState(String baseUrl, Map<String, Mark> marks) {
    this.baseUrl = baseUrl;
    this.marks = Collections.unmodifiableMap(new LinkedHashMap<>(marks));
  }

  static SyncState empty(String baseUrl) {
    return new SyncState(baseUrl, Map.of());
  }

  /**
   * The state in {@code file}, or an empty one when there is no such file yet (the first run).
   * A file that cannot be read, or that belongs to another portal, is an error: guessing would
   * either lose changes or read everything again without saying so.
   */
  static SyncState load(Path file, String baseUrl) {
    if (Files.isDirectory(file)) {
      throw new InvalidInputException("--state " + file + " is a directory; give a file path"
          + " (it is created by the first run)");
    }
    if (!Files.exists(file)) {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        throw new InvalidInputException("--state " + file + ": the directory " + parent
            + " does not exist");
      }
      return empty(baseUrl);
    }
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new InvalidInputException("--state " + file + " is not a state file this tool wrote"
          + " (" + e.getMessage().lines().findFirst().orElse("unreadable") + "); move it away to"
          + " start over with a full run");
    }
    if (root == null || !root.isObject() || root.path("format").asInt(-1) != FORMAT
        || !root.path("objects").isObject()) {
      throw new InvalidInputException("--state " + file + " is not a state file of format "
          + FORMAT + "; move it away to start over with a full run");
    }
    String recorded = root.path("baseUrl").asText("");
    if (!recorded.equals(baseUrl)) {
      throw new InvalidInputException("--state " + file + " belongs to the portal at " + recorded
          + ", not to " + baseUrl + "; use one state file per portal");
    }
    Map<String, Mark> marks = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = root.path("objects").fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> entry = fields.next();
      JsonNode node = entry.getValue();
      try {
        marks.put(entry.getKey(), new Mark(Instant.parse(node.path("highWaterMark").asText()),
            node.path("lastRun").asText("full"),
            node.hasNonNull("changesSince") ? Instant.parse(node.get("changesSince").asText())
                : null,
            node.path("records").asLong(-1)));
      } catch (DateTimeParseException e) {
        throw new InvalidInputException("--state " + file + ": object " + entry.getKey()
            + " has no valid highWaterMark (" + e.getParsedString() + "); fix or remove the"
            + " entry to read that object in full");
      }
    }
    return new SyncState(baseUrl, marks);
  }

  /** The object's high-water mark, or null when no completed run has read it yet. */
  Instant highWaterMark(String objectType) {
    Mark mark = marks.get(objectType);
    return mark == null ? null : mark.highWaterMark();
  }

  Map<String, Mark> marks() {
    return marks;
  }

  /** This state with the object's entry replaced. */
  SyncState with(String objectType, Mark mark) {
    Map<String, Mark> next = new LinkedHashMap<>(marks);
    next.put(objectType, mark);
    return new SyncState(baseUrl, next);
  }

  /** Replaces the file atomically: a crash leaves the old state or the new one, never half. */
  void write(Path file) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT).put("baseUrl", baseUrl);
    ObjectNode objects = root.putObject("objects");
    marks.forEach((objectType, mark) -> {
      ObjectNode node = objects.putObject(objectType);
      node.put("highWaterMark", mark.highWaterMark().toString());
      node.put("lastRun", mark.lastRun());
      if (mark.changesSince() == null) {
        node.putNull("changesSince");
      } else {
        node.put("changesSince", mark.changesSince().toString());
      }
      node.put("records", mark.records());
    });
    RunManifest.writeAtomically(file, JSON.writeValueAsBytes(root));
  }
}
