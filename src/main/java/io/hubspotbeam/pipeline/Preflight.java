package io.hubspotbeam.pipeline;

import io.hubspotbeam.client.HubSpotClient;
import io.hubspotbeam.client.HubSpotException;
import io.hubspotbeam.client.PropertyDefinition;
import io.hubspotbeam.client.RateBudget;
import io.hubspotbeam.io.HubSpotIO;
import io.hubspotbeam.io.ObjectSpec;
import io.hubspotbeam.io.RangePlanner;
import io.hubspotbeam.io.TableLayout;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * The checks before a run, and all that {@code --check} prints: whether the token works (and
 * where it came from), per object whether its records can be read (or which scope is missing),
 * its properties and its record count (search's {@code total}), the rate limits HubSpot
 * announces, and an estimate of the run's requests, time at the rate limit and share of the
 * daily limit. Three calls per object: its properties, one record, one search for the count.
 */
final class Preflight {
  /** What one object answered. {@code records} is -1 when it could not be counted. */
  record ObjectCheck(String objectType, boolean readable, String missingScopes, String error,
      int properties, long records) {}

  /** Everything found; {@code tokenRejected} ends the checks at the first call. */
  record Result(
      String tokenSource,
      HubSpotException tokenRejected,
      List<ObjectCheck> objects,
      Map<String, TableLayout> layouts,
      Map<String, Map<String, String>> propertyTypes,
      Estimate estimate,
      double requestsPerTenSeconds,
      long tenSecondLimit,
      double searchPerSecond,
      long dailyLimit,
      long dailyRemaining) {

    List<ObjectCheck> unreadable() {
      return objects.stream().filter(o -> !o.readable()).collect(Collectors.toList());
    }

    Map<String, Long> totals() {
      Map<String, Long> totals = new LinkedHashMap<>();
      objects.forEach(o -> totals.put(o.objectType(), o.records()));
      return totals;
    }
  }

  /** The run's requests by kind and how long the rate limits make it take at least. */
  record Estimate(long listRequests, long searchRequests, long associationRequests,
      double seconds) {
    long requests() {
      return listRequests + searchRequests + associationRequests;
    }
  }

  private Preflight() {}

  /** Objects checked at once after the first: the checks wait on HubSpot, not on this machine. */
  static final int PARALLEL_CHECKS = 8;

  /** What one object's checks found: its check, and its layout and types when readable. */
  private record Checked(ObjectCheck check, TableLayout layout, Map<String, String> types,
      HubSpotException.Unauthorized rejected) {}

  /**
   * Checks every object the plan reads or associates with, reported in discovery order. The
   * first object is checked alone (a rejected token ends the checks there, and its answers
   * teach the rate budget HubSpot's limits); the others are checked {@link #PARALLEL_CHECKS}
   * at a time, since each check is three calls in a row (13 objects took 5 s one after the
   * other at 100 ms a call). Columns asked for that an object lacks are an
   * {@link InvalidInputException}, as before any long run.
   */
  static Result run(HubSpotClient client, ExtractionPlan plan) {
    List<String> order = discoveryOrder(plan);
    List<Checked> results = new ArrayList<>();
    if (!order.isEmpty()) {
      results.add(check(client, plan, order.get(0)));
    }
    if (order.size() > 1 && results.get(0).rejected() == null) {
      ExecutorService pool = Executors.newFixedThreadPool(
          Math.min(PARALLEL_CHECKS, order.size() - 1), runnable -> {
            Thread thread = new Thread(runnable, "preflight");
            thread.setDaemon(true);
            return thread;
          });
      try {
        List<Future<Checked>> pending = new ArrayList<>();
        for (String objectType : order.subList(1, order.size())) {
          pending.add(pool.submit(() -> check(client, plan, objectType)));
        }
        for (Future<Checked> future : pending) {
          results.add(await(future));
        }
      } finally {
        pool.shutdownNow();
      }
    }
    List<ObjectCheck> checks = new ArrayList<>();
    Map<String, TableLayout> layouts = new LinkedHashMap<>();
    Map<String, Map<String, String>> types = new LinkedHashMap<>();
    HubSpotException rejected = null;
    for (Checked checked : results) {
      if (checked.rejected() != null) {
        rejected = checked.rejected();
        break; // as if the checks had stopped at the first object that saw the token rejected
      }
      checks.add(checked.check());
      if (checked.layout() != null) {
        layouts.put(checked.check().objectType(), checked.layout());
        types.put(checked.check().objectType(), checked.types());
      }
    }
    RateBudget budget = client.rateBudget();
    Map<String, Long> totals = new LinkedHashMap<>();
    checks.forEach(c -> totals.put(c.objectType(), c.records()));
    return new Result(client.tokenSource(), rejected, checks, layouts, types,
        estimate(client, plan, layouts, totals), budget.requestsPerTenSeconds(),
        budget.learnedTenSecondLimit(), budget.searchRequestsPerSecond(), budget.dailyLimit(),
        budget.dailyRemaining());
  }

  /** The result of one object's checks, with what it threw (other than a rejection) rethrown. */
  private static Checked await(Future<Checked> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking the objects", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    }
  }

  /** One object's three calls: its properties, one record, and a search for its count. */
  private static Checked check(HubSpotClient client, ExtractionPlan plan, String objectType) {
    List<PropertyDefinition> definitions;
    try {
      definitions = client.properties(objectType);
      client.listPage(objectType, null, 1, List.of("hs_object_id"), false);
    } catch (HubSpotException.Unauthorized e) {
      return new Checked(null, null, null, e);
    } catch (HubSpotException.MissingScopes e) {
      String scopes = e.requiredScopes().isEmpty()
          ? "a read scope for it" : String.join(" or ", e.requiredScopes());
      return new Checked(new ObjectCheck(objectType, false, scopes, e.getMessage(), 0, -1),
          null, null, null);
    } catch (HubSpotException e) {
      return new Checked(new ObjectCheck(objectType, false, null, e.getMessage(), 0, -1),
          null, null, null);
    }
    long records;
    try {
      // For an object read for its changes only, the count is of those changes.
      java.time.Instant since = plan.changesSince(objectType);
      records = client.searchByIdRange(objectType, 0, Long.MAX_VALUE, false, 1, 0,
          List.of("hs_object_id"),
          since == null ? null : io.hubspotbeam.client.ModifiedSince.of(objectType, since))
          .total();
    } catch (HubSpotException.Unauthorized e) {
      return new Checked(null, null, null, e);
    } catch (HubSpotException e) {
      records = -1; // some objects cannot be searched; the run still reads them by list
    }
    List<String> columns = ExtractMain.chooseColumns(objectType, definitions,
        plan.columns().get(objectType));
    TableLayout layout = TableLayout.of(objectType, columns);
    return new Checked(
        new ObjectCheck(objectType, true, null, null, definitions.size(), records),
        plan.archived() == ExtractionPlan.Archived.EXCLUDE ? layout : layout.withArchivedAt(),
        definitions.stream().collect(Collectors.toMap(
            PropertyDefinition::name, PropertyDefinition::type, (x, y) -> x, LinkedHashMap::new)),
        null);
  }

  /** Extracted objects, then the other sides of associations and joins, each once. */
  static List<String> discoveryOrder(ExtractionPlan plan) {
    Set<String> order = new LinkedHashSet<>(plan.objects());
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

  /**
   * The requests a run of the plan makes, by the same rules the reader follows: list pages of
   * 100 (two requests each when the properties need a batch read), records shared between list
   * and search as {@link #searchedRecords} says (plus the planner's searches and cursor checks,
   * see {@link RangePlanner#planningSearches}, less the records its searches read), one
   * association request per 1,000 records of each of the reader's shards per pair (a shard per
   * 800 ids, up to 16; more requests for records with over 500 associations), a batch read per
   * 100 joined records the run does not extract. The time is what the rate limits allow at best; a slow
   * machine or network adds to it.
   */
  static Estimate estimate(HubSpotClient client, ExtractionPlan plan,
      Map<String, TableLayout> layouts, Map<String, Long> totals) {
    RateBudget budget = client.rateBudget();
    double listPerSecond = budget.requestsPerTenSeconds() / 10;
    double searchPerSecond = budget.searchRequestsPerSecond();
    boolean perRange = RangePlanner.boundaryPerRange(budget);
    long list = 0;
    long search = 0;
    Map<String, Long> extracted = new LinkedHashMap<>();
    List<Reading> readings = new ArrayList<>();
    for (String objectType : plan.objects()) {
      TableLayout layout = layouts.get(objectType);
      long total = Math.max(0, totals.getOrDefault(objectType, 0L));
      long records = plan.archived() == ExtractionPlan.Archived.ONLY ? 0
          : plan.count() == ObjectSpec.ALL ? total : Math.min(total, plan.count());
      extracted.put(objectType, records);
      if (layout == null) {
        continue;
      }
      boolean fits = client.listFitsInOneRequest(objectType, HubSpotClient.MAX_LIST_LIMIT,
          layout.properties());
      // Changes can only be searched; an object read as one range whose list pages cost two
      // requests takes a search place first and keeps it to its end.
      // The searches and cursor checks that plan the object, and its last list page; the
      // boundary searches read a page each, which the readers then do not.
      readings.add(new Reading(records - RangePlanner.recordsReadPlanning(records, perRange),
          fits ? 1 : 2, plan.changesSince(objectType) != null
          || (!fits && !RangePlanner.splits(records))));
      search += RangePlanner.planningSearches(records, perRange);
      list += 1 + RangePlanner.planningLists(records);
    }
    long[] searched = searchedRecords(readings, listPerSecond, searchPerSecond);
    for (int i = 0; i < readings.size(); i++) {
      Reading reading = readings.get(i);
      list += ceilDiv(reading.records() - searched[i], HubSpotClient.MAX_LIST_LIMIT)
          * reading.listCost();
      search += ceilDiv(searched[i], HubSpotClient.MAX_SEARCH_LIMIT);
    }
    long associations = 0;
    Set<ObjectPair> pairs = new LinkedHashSet<>(plan.associations());
    pairs.addAll(plan.joins());
    for (ObjectPair pair : pairs) {
      associations += associationBatches(extracted.getOrDefault(pair.from(), 0L));
    }
    for (ObjectPair join : plan.joins()) {
      if (!plan.objects().contains(join.to())) {
        list += ceilDiv(Math.max(0, totals.getOrDefault(join.to(), 0L)), 100);
      }
    }
    if (plan.associationIds() != null) {
      associations += associationBatches(plan.associationIds().ids().size());
    }
    double seconds = Math.max(
        listPerSecond > 0 ? (list + associations) / listPerSecond : 0,
        searchPerSecond > 0 ? search / searchPerSecond : 0);
    return new Estimate(list, search, associations, seconds);
  }

  /**
   * One object's read: its records, list requests per 100 of them, and whether all of them are
   * searched.
   */
  record Reading(long records, int listCost, boolean searchedWhole) {}

  /**
   * How many records of each object go through search. The readers move each range's rest to
   * whichever endpoint has room, and search takes the objects whose list pages cost two requests
   * first (it reads any record at one request per 200): so the estimate is the split that ends
   * soonest at the paced rates, search given to the costliest records first, after the objects
   * searched whole. An unpaced list outruns search, and an unpaced search takes all.
   */
  static long[] searchedRecords(List<Reading> readings, double listPerSecond,
      double searchPerSecond) {
    long[] searched = new long[readings.size()];
    boolean listOnly = listPerSecond == 0;
    boolean searchAll = !listOnly && searchPerSecond == 0;
    for (int i = 0; i < searched.length; i++) {
      Reading reading = readings.get(i);
      searched[i] = reading.searchedWhole() || searchAll ? reading.records() : 0;
    }
    if (listOnly || searchAll) {
      return searched;
    }
    // The shortest time in which list and search read everything, search taking the records
    // that cost list the most; the records each object then gets searched.
    double low = 0;
    double high = 1;
    while (!fits(readings, high, listPerSecond, searchPerSecond, null)) {
      high *= 2;
    }
    for (int step = 0; step < 60; step++) {
      double mid = (low + high) / 2;
      if (fits(readings, mid, listPerSecond, searchPerSecond, null)) {
        high = mid;
      } else {
        low = mid;
      }
    }
    fits(readings, high, listPerSecond, searchPerSecond, searched);
    return searched;
  }

  /**
   * Whether list and search read every record in {@code seconds}, search taking the costliest
   * records first; fills {@code searched} (when not null) with the records searched per object.
   */
  private static boolean fits(List<Reading> readings, double seconds, double listPerSecond,
      double searchPerSecond, long[] searched) {
    double searchRecords = searchPerSecond * seconds * HubSpotClient.MAX_SEARCH_LIMIT;
    for (Reading reading : readings) {
      if (reading.searchedWhole()) {
        searchRecords -= reading.records();
      }
    }
    double listRequests = 0;
    for (int cost = 2; cost >= 1; cost--) {
      for (int i = 0; i < readings.size(); i++) {
        Reading reading = readings.get(i);
        if (reading.searchedWhole() || reading.listCost() != cost) {
          continue;
        }
        long toSearch = (long) Math.max(0, Math.min(reading.records(), searchRecords));
        searchRecords -= toSearch;
        listRequests += (reading.records() - toSearch) * cost
            / (double) HubSpotClient.MAX_LIST_LIMIT;
        if (searched != null) {
          searched[i] = toSearch;
        }
      }
    }
    return searchRecords >= 0 && listRequests <= listPerSecond * seconds;
  }

  /** Ids are spread over the association reader's shards, each batching up to 1,000. */
  private static long associationBatches(long ids) {
    long shards = Math.min(ids, HubSpotIO.associationShards(ids));
    return shards == 0 ? 0
        : shards * ceilDiv(ceilDiv(ids, shards), HubSpotClient.MAX_ASSOCIATION_BATCH);
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  /** What --check prints; returns whether the run would start. */
  static boolean print(Result result, ExtractionPlan plan, String baseUrl, PrintStream out) {
    out.println("HubSpot preflight: " + baseUrl + " (API paths " + plan.apiVersion().label()
        + ")");
    if (result.tokenRejected() != null) {
      out.println("token:       REJECTED (from " + result.tokenSource() + "): "
          + result.tokenRejected().getMessage());
      out.println("not ready: the token does not work; create or copy the private app's"
          + " access token again");
      return false;
    }
    out.println("token:       works (from " + result.tokenSource() + ")");
    out.println("rate limits: " + rateLine(result));
    out.printf(Locale.ROOT, "%-24s %-10s %10s %12s %14s%n", "object", "readable", "properties",
        "records", "to extract");
    for (ObjectCheck check : result.objects()) {
      if (!check.readable()) {
        out.printf(Locale.ROOT, "%-24s %s%n", check.objectType(), check.missingScopes() != null
            ? "NO: the token lacks " + check.missingScopes()
            : "NO: " + check.error());
        continue;
      }
      boolean extracted = plan.objects().contains(check.objectType());
      long toExtract = check.records() < 0 ? -1 : plan.count() == ObjectSpec.ALL
          ? check.records() : Math.min(check.records(), plan.count());
      out.printf(Locale.ROOT, "%-24s %-10s %10d %12s %14s%n", check.objectType(), "yes",
          check.properties(), count(check.records()),
          !extracted ? "(associated)"
              : plan.archived() == ExtractionPlan.Archived.ONLY ? "archived only"
              : count(toExtract));
    }
    if (plan.archived() != ExtractionPlan.Archived.EXCLUDE) {
      out.println("archived:    read too (--archived=" + plan.archived().name()
          .toLowerCase(Locale.ROOT) + "), but not counted beforehand: HubSpot's search does not"
          + " see them, so the estimate covers live records only");
    }
    Estimate estimate = result.estimate();
    out.printf(Locale.ROOT, "estimate:    %,d requests (%,d list and batch, %,d search, %,d"
            + " association); %s at the rate limit%s%n",
        estimate.requests(), estimate.listRequests(), estimate.searchRequests(),
        estimate.associationRequests(), duration(estimate.seconds()), dailyShare(result));
    List<ObjectCheck> unreadable = result.unreadable();
    boolean ready = unreadable.isEmpty()
        || plan.skipMissingScopes() && unreadable.stream().allMatch(o -> o.missingScopes() != null)
            && unreadable.size() < result.objects().size();
    if (ready) {
      out.println("ready: the run would start" + (unreadable.isEmpty() ? ""
          : ", leaving out " + unreadable.stream().map(ObjectCheck::objectType)
              .collect(Collectors.joining(", ")) + " (--onMissingScope=skip)"));
    } else {
      out.println("not ready: " + unreadable.size() + " object(s) cannot be read ("
          + unreadable.stream().map(ObjectCheck::objectType).collect(Collectors.joining(", "))
          + "); add the scopes named above"
          + (plan.skipMissingScopes() ? "" : " or leave them out with --onMissingScope=skip"));
    }
    return ready;
  }

  static String rateLine(Result result) {
    StringBuilder line = new StringBuilder();
    if (result.requestsPerTenSeconds() == 0) {
      line.append("not paced");
    } else {
      line.append(String.format(Locale.ROOT, "%,.0f requests per 10 s", result
          .requestsPerTenSeconds()));
      if (result.tenSecondLimit() > 0) {
        line.append(String.format(Locale.ROOT, " (97%% of the %,d HubSpot announces)",
            result.tenSecondLimit()));
      }
    }
    line.append(String.format(Locale.ROOT, ", search %.1f/s", result.searchPerSecond()));
    if (result.dailyLimit() > 0) {
      line.append(String.format(Locale.ROOT, "; daily limit %,d, %,d left today",
          result.dailyLimit(), result.dailyRemaining()));
    }
    return line.toString();
  }

  /** ", 0.3% of the daily limit" (with a warning when more than is left today). */
  static String dailyShare(Result result) {
    if (result.dailyLimit() <= 0) {
      return "";
    }
    long requests = result.estimate().requests();
    String share = String.format(Locale.ROOT, "; %.1f%% of the daily limit",
        100.0 * requests / result.dailyLimit());
    if (result.dailyRemaining() >= 0 && requests > result.dailyRemaining()) {
      share += String.format(Locale.ROOT, " (WARNING: only %,d left today; the run would stop"
          + " when they are spent: lower --count or wait for midnight in the portal's time zone)",
          result.dailyRemaining());
    }
    return share;
  }

  static String count(long n) {
    return n < 0 ? "?" : String.format(Locale.ROOT, "%,d", n);
  }

  /** "0:09", "12:30", "1:02:03". */
  static String clock(double seconds) {
    long s = Math.max(0, Math.round(seconds));
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  static String duration(double seconds) {
    long s = Math.round(Math.ceil(seconds));
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
  }
}
