package io.hubspotbeam.pipeline;

import io.hubspotbeam.io.ObjectSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What --since, --state and --lookbackMinutes ask of a run: for each object, whether it is read
 * in full or only for what changed since some time, and, after the run, the new high-water marks.
 * An object the state file knows is read from its mark minus the lookback; one it does not know
 * is read from --since, or in full when there is no --since (the first run of a state file).
 */
final class Incremental {
  /** Longest lookback: a day covers any indexing lag HubSpot has been seen to have. */
  static final int MAX_LOOKBACK_MINUTES = 1_440;

  private final Instant since;
  private final Path stateFile;
  private final SyncState state;
  private final Duration lookback;

  private Incremental(Instant since, Path stateFile, SyncState state, Duration lookback) {
    this.since = since;
    this.stateFile = stateFile;
    this.state = state;
    this.lookback = lookback;
  }

  /** Full runs only: neither --since nor --state. */
  static Incremental none() {
    return new Incremental(null, null, null, Duration.ZERO);
  }

  /**
   * Reads and checks the options (and the state file, when one exists) before any request.
   *
   * @param now the run's start, which --since must not be after
   */
  static Incremental from(ExtractOptions options, long count, String baseUrl, Instant now) {
    String sinceText = options.getSince();
    String stateText = options.getState();
    int minutes = options.getLookbackMinutes();
    if (minutes < 0 || minutes > MAX_LOOKBACK_MINUTES) {
      throw new InvalidInputException("--lookbackMinutes must be from 0 to "
          + MAX_LOOKBACK_MINUTES + ", got " + minutes);
    }
    boolean hasSince = sinceText != null && !sinceText.isBlank();
    boolean hasState = stateText != null && !stateText.isBlank();
    if (!hasSince && !hasState) {
      return none();
    }
    if (options.getResume()) {
      throw new InvalidInputException("--resume cannot be combined with --since or --state: an"
          + " incremental run reads only the changes, so rerun it whole (it costs what changed)");
    }
    Instant since = hasSince ? parseSince(sinceText, now) : null;
    if (!hasState) {
      return new Incremental(since, null, null, Duration.ofMinutes(minutes));
    }
    if (count != ObjectSpec.ALL) {
      throw new InvalidInputException("--state needs --count=all: a high-water mark says every"
          + " change before it was read, which a run limited to " + count + " records per object"
          + " cannot promise");
    }
    Path file = Paths.get(stateText);
    return new Incremental(since, file, SyncState.load(file, baseUrl),
        Duration.ofMinutes(minutes));
  }

  /** --since: an ISO-8601 instant, a date-time with offset, or a date (midnight UTC). */
  static Instant parseSince(String text, Instant now) {
    String value = text.trim();
    Instant parsed = null;
    try {
      parsed = Instant.parse(value);
    } catch (DateTimeParseException ignored) {
      // an offset or a plain date, perhaps
    }
    if (parsed == null) {
      try {
        parsed = OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException ignored) {
        // a plain date, perhaps
      }
    }
    if (parsed == null) {
      try {
        parsed = LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e) {
        throw new InvalidInputException("--since must be an ISO-8601 time such as"
            + " 2026-11-01T00:00:00Z, 2026-11-01T09:00:00+01:00 or 2026-11-01, got '" + text
            + "'");
      }
    }
    if (parsed.isAfter(now)) {
      throw new InvalidInputException("--since " + parsed + " is in the future (now is " + now
          + "); nothing could have changed since then");
    }
    return parsed;
  }

  boolean isActive() {
    return since != null || stateFile != null;
  }

  /**
   * The time from which each object's changes are read; objects absent from the map are read in
   * full.
   */
  Map<String, Instant> changesSince(List<String> objects) {
    Map<String, Instant> out = new LinkedHashMap<>();
    for (String objectType : objects) {
      Instant mark = state == null ? null : state.highWaterMark(objectType);
      if (mark != null) {
        out.put(objectType, mark.minus(lookback));
      } else if (since != null) {
        out.put(objectType, since);
      }
    }
    return out;
  }

  /** One line per object for the run's log: from when, and why. */
  String describe(List<String> objects) {
    Map<String, Instant> from = changesSince(objects);
    StringBuilder line = new StringBuilder("incremental:");
    for (String objectType : objects) {
      Instant at = from.get(objectType);
      Instant mark = state == null ? null : state.highWaterMark(objectType);
      line.append(' ').append(objectType).append(at == null ? " in full (first run of "
          + stateFile + ")" : " changed since " + at + (mark != null ? " (mark " + mark
          + " less " + lookback.toMinutes() + " min lookback)" : ""))
          .append(';');
    }
    line.setLength(line.length() - 1);
    return line.toString();
  }

  /**
   * After a completed run: moves the marks of the objects it read to the run's start and
   * replaces the state file. Objects it did not read keep their marks. No-op without --state.
   *
   * @param rows the rows written per object table
   */
  void recordRun(Instant runStart, List<String> objectsRead, Map<String, Long> rows)
      throws IOException {
    if (stateFile == null) {
      return;
    }
    Map<String, Instant> from = changesSince(objectsRead);
    SyncState next = state;
    for (String objectType : objectsRead) {
      Instant at = from.get(objectType);
      next = next.with(objectType, new SyncState.Mark(runStart,
          at == null ? "full" : "incremental", at, rows.getOrDefault(objectType, -1L)));
    }
    next.write(stateFile);
  }

  Path stateFile() {
    return stateFile;
  }
}
