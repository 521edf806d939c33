package io.hubspotbeam.pipeline;

import io.hubspotbeam.io.AssociationTables;
import io.hubspotbeam.io.TableLayout;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Applies the tables of an incremental run ({@code --since} or {@code --state}) to the tables of
 * an earlier extraction, in place: {@code scripts/merge --into=DIR --changes=DIR}.
 *
 * <ul>
 *   <li>Object tables: each changed record replaces the row with its id, a new one is added, and
 *       one archived since (a row with archived = true, from {@code --archived=include}) is
 *       removed, unless the table keeps archived records itself (it has an archivedAt column).
 *   <li>Association tables: every row of a changed or removed record is replaced by the rows the
 *       changes hold for it (the changes hold all of a changed record's associations).
 *   <li>History tables ({@code --propertiesWithHistory}) are always read whole: the newer one
 *       replaces the older.
 *   <li>Joined tables are not merged: a join row depends on both sides, so it is extracted anew.
 * </ul>
 *
 * <p>Only the changes are held in memory; the earlier table streams through. Each table is
 * written next to itself and renamed into place, so it is always whole. The changes must come
 * from a completed run: its {@code _manifest.json} vouches for every file (SHA-256).
 */
public final class MergeMain {
  private MergeMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** What one table's merge did. */
  record Outcome(String table, long replaced, long added, long removed, long kept) {}

  /** Runs the merge; returns the exit code (0, 1 failed, 2 bad input). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Path into = null;
    Path changes = null;
    for (String arg : args) {
      if (arg.equals("--help")) {
        out.println("scripts/merge --into=DIR --changes=DIR: applies the tables of an incremental"
            + " run (DIR of --changes) to those of an earlier extraction (DIR of --into), in"
            + " place.");
        return ExtractMain.OK;
      } else if (arg.startsWith("--into=")) {
        into = Paths.get(arg.substring("--into=".length()));
      } else if (arg.startsWith("--changes=")) {
        changes = Paths.get(arg.substring("--changes=".length()));
      } else {
        err.println("error: unknown argument '" + arg + "'; give --into=DIR and --changes=DIR");
        return ExtractMain.INVALID_INPUT;
      }
    }
    try {
      if (into == null || changes == null) {
        throw new InvalidInputException("give both --into=DIR (the earlier extraction) and"
            + " --changes=DIR (the incremental run's output)");
      }
      for (Outcome outcome : merge(into, changes, err)) {
        out.printf(Locale.ROOT, "%s.csv: %,d replaced, %,d added, %,d removed, %,d unchanged%n",
            outcome.table(), outcome.replaced(), outcome.added(), outcome.removed(),
            outcome.kept());
      }
      return ExtractMain.OK;
    } catch (InvalidInputException e) {
      err.println("error: " + e.getMessage());
      return ExtractMain.INVALID_INPUT;
    } catch (IOException | RuntimeException e) {
      err.println("error: merge failed: " + e);
      return ExtractMain.FAILED;
    }
  }

  /** Merges every object and association table of {@code changes} into {@code into}. */
  static List<Outcome> merge(Path into, Path changes, PrintStream err) throws IOException {
    if (!Files.isDirectory(into)) {
      throw new InvalidInputException("--into " + into + " is not a directory");
    }
    if (!Files.isRegularFile(changes.resolve(RunManifest.FILE))) {
      throw new InvalidInputException("--changes " + changes + " has no " + RunManifest.FILE
          + ": it is not the output of a completed run");
    }
    if (Files.isSameFile(into, changes)) {
      throw new InvalidInputException("--into and --changes are the same directory (" + into
          + "); give the earlier extraction and the incremental run's output");
    }
    RunManifest.Earlier run = RunManifest.wholeTables(changes);
    List<String> altered = RunManifest.listedTables(changes);
    altered.removeAll(run.tables().keySet());
    if (!altered.isEmpty()) {
      // A table the manifest vouches for but whose file changed since: merging it, or leaving
      // it out without a word, would both corrupt the earlier extraction.
      throw new InvalidInputException("--changes " + changes + ": " + String.join(", ", altered)
          + " no longer match the SHA-256 in " + RunManifest.FILE + "; nothing was merged");
    }
    List<Outcome> outcomes = new ArrayList<>();
    Map<String, Set<String>> touchedIds = new LinkedHashMap<>();
    Map<String, Set<String>> removedIds = new LinkedHashMap<>();
    for (RunManifest.Table table : run.tables().values()) {
      if (table.kind().equals("object")) {
        Set<String> ids = new HashSet<>();
        Set<String> removed = new HashSet<>();
        outcomes.add(mergeObjects(into, changes, table.name(), ids, removed));
        touchedIds.put(table.name(), ids);
        removedIds.put(table.name(), removed);
      }
    }
    for (RunManifest.Table table : run.tables().values()) {
      if (table.kind().equals("associations")) {
        String from = fromObjectOf(table.name(), touchedIds.keySet());
        if (from == null) {
          err.println("warning: " + table.file() + " is not merged: its records' table is not"
              + " among the changes");
          continue;
        }
        String to = table.name().substring(from.length() + 1);
        outcomes.add(mergeAssociations(into, changes, table.name(), touchedIds.get(from),
            removedIds.get(from), removedIds.getOrDefault(to, Set.of())));
      } else if (table.kind().equals("history")) {
        // History tables are read whole every run: the newer one replaces the older.
        Path partial = into.resolve(table.file() + ".partial");
        java.nio.file.Files.copy(changes.resolve(table.file()), partial,
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        replace(partial, into.resolve(table.file()));
        outcomes.add(new Outcome(table.name(), table.rows(), 0, 0, 0));
      } else if (table.kind().equals("joined")) {
        err.println("warning: " + table.file() + " is not merged: a joined row depends on both"
            + " sides; extract the join again");
      }
    }
    return outcomes;
  }

  private static String fromObjectOf(String table, Set<String> objects) {
    String best = null;
    for (String object : objects) {
      if (table.startsWith(object + "_") && (best == null || object.length() > best.length())) {
        best = object;
      }
    }
    return best;
  }

  private static Outcome mergeObjects(Path into, Path changes, String table, Set<String> touched,
      Set<String> removedIds) throws IOException {
    Path target = into.resolve(table + ".csv");
    if (!Files.isRegularFile(target)) {
      throw new InvalidInputException("--into " + into + " has no " + table + ".csv to merge "
          + table + " changes into; extract " + table + " in full first");
    }
    Map<String, CSVRecord> changed = new LinkedHashMap<>();
    List<String> changeHeader;
    try (CSVParser parser = parse(changes.resolve(table + ".csv"))) {
      changeHeader = parser.getHeaderNames();
      for (CSVRecord record : parser) {
        changed.put(record.get(TableLayout.ID), record);
        touched.add(record.get(TableLayout.ID));
        if ("true".equals(record.get("archived"))) {
          removedIds.add(record.get(TableLayout.ID));
        }
      }
    }
    long replaced = 0;
    long removed = 0;
    long kept = 0;
    Path partial = into.resolve(table + ".csv.partial");
    try (CSVParser base = parse(target);
        BufferedWriter writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8);
        CSVPrinter printer = new CSVPrinter(writer, TableLayout.CSV)) {
      List<String> header = base.getHeaderNames();
      boolean keepsArchived = header.contains(TableLayout.ARCHIVED_AT);
      List<String> comparable = withoutArchivedAt(header);
      if (!comparable.equals(withoutArchivedAt(changeHeader))) {
        throw new InvalidInputException(table + ": the changes have other columns than "
            + target + " (" + differences(comparable, withoutArchivedAt(changeHeader)) + ");"
            + " extract with the same --columns, or in full again");
      }
      printer.printRecord(header);
      for (CSVRecord row : base) {
        CSVRecord change = changed.remove(row.get(TableLayout.ID));
        if (change == null) {
          printer.printRecord(row.values());
          kept++;
        } else if (isRemoval(change, keepsArchived)) {
          removed++;
        } else {
          printer.printRecord(project(change, header));
          replaced++;
        }
      }
      long added = 0;
      for (CSVRecord change : changed.values()) {
        if (!isRemoval(change, keepsArchived)) {
          printer.printRecord(project(change, header));
          added++;
        }
      }
      printer.flush();
      writer.flush();
      replace(partial, target);
      return new Outcome(table, replaced, added, removed, kept);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(partial);
      throw e;
    }
  }

  /**
   * @param touched the changed records of the FROM side: their rows are replaced
   * @param removedFrom FROM records archived since: no rows at all
   * @param removedTo TO records archived since (when that object is among the changes too):
   *     rows pointing at them go, as HubSpot drops a deleted record's associations
   */
  private static Outcome mergeAssociations(Path into, Path changes, String table,
      Set<String> touched, Set<String> removedFrom, Set<String> removedTo) throws IOException {
    Path target = into.resolve(table + ".csv");
    if (!Files.isRegularFile(target)) {
      throw new InvalidInputException("--into " + into + " has no " + table + ".csv to merge"
          + " into; extract it in full first");
    }
    Path partial = into.resolve(table + ".csv.partial");
    long replaced = 0;
    long kept = 0;
    long added = 0;
    try (CSVParser base = parse(target);
        CSVParser fresh = parse(changes.resolve(table + ".csv"));
        BufferedWriter writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8);
        CSVPrinter printer = new CSVPrinter(writer, TableLayout.CSV)) {
      if (!base.getHeaderNames().equals(AssociationTables.HEADER)
          || !fresh.getHeaderNames().equals(AssociationTables.HEADER)) {
        throw new InvalidInputException(table + ": not an association table with the columns "
            + AssociationTables.HEADER);
      }
      printer.printRecord(AssociationTables.HEADER);
      for (CSVRecord row : base) {
        if (touched.contains(row.get("fromId")) || removedTo.contains(row.get("toId"))) {
          replaced++;
        } else {
          printer.printRecord(row.values());
          kept++;
        }
      }
      for (CSVRecord row : fresh) {
        if (!removedFrom.contains(row.get("fromId")) && !removedTo.contains(row.get("toId"))) {
          printer.printRecord(row.values());
          added++;
        }
      }
      printer.flush();
      writer.flush();
      replace(partial, target);
      return new Outcome(table, 0, added, replaced, kept);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(partial);
      throw e;
    }
  }

  /** A row of an archived record means "gone", unless the table keeps archived records. */
  private static boolean isRemoval(CSVRecord change, boolean keepsArchived) {
    return !keepsArchived && "true".equals(change.get("archived"));
  }

  /** The change's cells in the base table's column order (archivedAt empty if it has none). */
  private static List<String> project(CSVRecord change, List<String> header) {
    List<String> cells = new ArrayList<>(header.size());
    for (String column : header) {
      cells.add(change.isMapped(column) ? change.get(column) : null);
    }
    return cells;
  }

  private static List<String> withoutArchivedAt(List<String> header) {
    List<String> out = new ArrayList<>(header);
    out.remove(TableLayout.ARCHIVED_AT);
    return out;
  }

  private static String differences(List<String> base, List<String> changes) {
    List<String> missing = new ArrayList<>(base);
    missing.removeAll(changes);
    List<String> extra = new ArrayList<>(changes);
    extra.removeAll(base);
    return "only in the earlier table: " + (missing.isEmpty() ? "none" : missing)
        + "; only in the changes: " + (extra.isEmpty() ? "none" : extra);
  }

  private static CSVParser parse(Path file) throws IOException {
    Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    return TableLayout.CSV.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader);
  }

  private static void replace(Path partial, Path target) throws IOException {
    RunManifest.moveAtomically(partial, target);
  }
}
