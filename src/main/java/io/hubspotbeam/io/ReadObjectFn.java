package io.hubspotbeam.io;

import io.hubspotbeam.client.CrmObject;
import io.hubspotbeam.client.HubSpotClient;
import io.hubspotbeam.client.ObjectPage;
import io.hubspotbeam.client.RateBudget;
import io.hubspotbeam.client.SearchPage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.transforms.splittabledofn.RestrictionTracker;
import org.apache.beam.sdk.values.KV;

/**
 * Reads one range of an object's records as a splittable DoFn: the element is a seed from
 * {@link PlanRangesFn}, the object with one range of ids, which is the initial restriction and
 * is listed or searched page by page. Each page is claimed after it is fetched and before its
 * records are emitted, so a runner checkpoint resumes exactly at the first record not emitted.
 *
 * <p>Every page is checked: ids must ascend (the ranges and {@code --count} depend on it) and
 * lie inside the range; a cursor HubSpot repeats, or an unending run of empty pages each with a
 * new cursor, would loop forever and stops the run instead.
 */
@DoFn.BoundedPerElement
final class ReadObjectFn extends DoFn<KV<ObjectSpec, ReadRange>, CrmObject> {

  /**
   * Empty pages in a row that still carry paging.next before the listing is declared endless.
   * HubSpot serves an occasional empty page mid-stream; dozens in a row it does not.
   */
  static final int MAX_EMPTY_PAGES_IN_A_ROW = 25;

  private final ConnectionConfig connection;
  private final Duration minRunBeforeCheckpoint;
  private transient HubSpotClient client;
  private transient ReadMetrics metrics;
  private transient java.util.Map<ObjectSpec, Boolean> listFits;

  ReadObjectFn(ConnectionConfig connection, Duration minRunBeforeCheckpoint) {
    this.connection = connection;
    this.minRunBeforeCheckpoint = minRunBeforeCheckpoint;
  }

  @Setup
  public void setup() {
    metrics = new ReadMetrics();
    client = connection.newClient(metrics);
    listFits = new java.util.concurrent.ConcurrentHashMap<>();
  }

  @GetInitialRestriction
  public ReadRange initialRestriction(@Element KV<ObjectSpec, ReadRange> seed) {
    return seed.getValue();
  }

  @NewTracker
  public ReadRangeTracker newTracker(@Restriction ReadRange restriction) {
    return new ReadRangeTracker(restriction, minRunBeforeCheckpoint.toNanos(), System::nanoTime);
  }

  @GetRestrictionCoder
  public Coder<ReadRange> restrictionCoder() {
    return SerializableCoder.of(ReadRange.class);
  }

  @GetSize
  public double size(@Restriction ReadRange restriction) {
    return Math.max(1, restriction.estimatedRecords());
  }

  @ProcessElement
  public ProcessContinuation process(
      @Element KV<ObjectSpec, ReadRange> seed,
      RestrictionTracker<ReadRange, PageClaim> tracker,
      OutputReceiver<CrmObject> out) {
    ObjectSpec spec = seed.getKey();
    ReadRange range = tracker.currentRestriction();
    if (range.isEmpty()) {
      return ProcessContinuation.stop();
    }
    if (InFlightRecords.tooMany()) {
      // The writers are behind: emitting more would only pile records up in memory.
      return ProcessContinuation.resume().withResumeDelay(STEP_ASIDE);
    }
    ActiveReaders readers = enter(spec, range);
    if (readers == null) {
      return ProcessContinuation.resume().withResumeDelay(STEP_ASIDE);
    }
    if (readers != ActiveReaders.of(client.rateBudget(), range.mode())) {
      range = range.switchedTo(range.mode().other());
      metrics.counter(spec.tableName(), "switched").inc();
    }
    try {
      return read(spec, range, tracker, out);
    } finally {
      readers.leave();
    }
  }

  /**
   * A place for this reader at the endpoint it should read through now, or null when neither
   * that can read its rest has one (the caller moves the rest if the place is at the other).
   */
  private ActiveReaders enter(ObjectSpec spec, ReadRange range) {
    // Each endpoint admits as many readers as its budget keeps busy. A rest that either can
    // read goes where more of the places are free, so that neither budget idles while the
    // other has work queued; with no place free, the reader gives its thread back for a while.
    RateBudget budget = client.rateBudget();
    ReadRange.Mode own = range.mode();
    ReadRange.Mode other = own.other();
    ActiveReaders ownReaders = ActiveReaders.of(budget, own);
    ActiveReaders otherReaders = ActiveReaders.of(budget, other);
    int ownLimit = ActiveReaders.limit(budget, own);
    int otherLimit = ActiveReaders.limit(budget, other);
    boolean movable = mayMove(spec, range, other);
    boolean preferOther =
        movable && otherReaders.freeShare(otherLimit) > ownReaders.freeShare(ownLimit);
    // Search reads 200 records a request whatever the properties; a list page of 100 costs one
    // request, or two when the properties need a batch read. Under Professional limits (184
    // list and 4.5 search requests a second) list reads 1,840 records a second of an object
    // whose pages take one request, and search 900 of anything: search is worth keeping for
    // objects whose pages take two. Those take a free search place first, and while they want
    // more than there are, the others leave search to them and list.
    ActiveReaders search = ActiveReaders.of(budget, ReadRange.Mode.SEARCH);
    boolean twoRequestPages = !listFitsInOneRequest(spec);
    if (twoRequestPages && other == ReadRange.Mode.SEARCH && movable) {
      preferOther = search.freeShare(otherLimit) > 0;
    } else if (!twoRequestPages && search.wantedByTwoRequestPages()) {
      preferOther = movable && other == ReadRange.Mode.LIST;
      movable = movable && other == ReadRange.Mode.LIST;
    }
    ActiveReaders readers = null;
    if (preferOther && otherReaders.tryEnter(otherLimit)) {
      readers = otherReaders;
    } else if (ownReaders.tryEnter(ownLimit)) {
      readers = ownReaders;
    } else if (movable && otherReaders.tryEnter(otherLimit)) {
      readers = otherReaders;
    }
    boolean searchable =
        own == ReadRange.Mode.SEARCH || (other == ReadRange.Mode.SEARCH && movable);
    if (twoRequestPages && searchable && readers != search) {
      search.wantedByTwoRequestPagesNow();
    }
    return readers;
  }

  /** Whether the object's list pages fit in one request (else each needs a batch read too). */
  private boolean listFitsInOneRequest(ObjectSpec spec) {
    return listFits.computeIfAbsent(spec, s -> client.listFitsInOneRequest(
        s.objectType(), HubSpotClient.MAX_LIST_LIMIT, s.properties()));
  }

  /**
   * Whether a rest may move to the other endpoint: not for reads only one endpoint serves
   * (archived records and history are listed, changes since a time searched).
   */
  private static boolean mayMove(ObjectSpec spec, ReadRange range, ReadRange.Mode other) {
    return !spec.archived() && spec.withHistory().isEmpty() && spec.modifiedSince() == null
        && range.canSwitchTo(other);
  }

  private static final org.joda.time.Duration STEP_ASIDE = org.joda.time.Duration.millis(250);

  private ProcessContinuation read(
      ObjectSpec spec,
      ReadRange start,
      RestrictionTracker<ReadRange, PageClaim> tracker,
      OutputReceiver<CrmObject> out) {
    ReadRange range = start;
    if (spec.knownRecords() >= 0 && !spec.archived()) {
      metrics.expectedRecords(spec.tableName(),
          Math.min(spec.knownRecords(), spec.maxRecords()));
    }
    ProgressLog progress = ProgressLog.of(spec.tableName());
    Set<String> seenCursors = new HashSet<>();
    int emptyInARow = 0;
    long claimed = 0;
    while (!range.isEmpty()) {
      if (checkpointed(tracker, claimed)) {
        // The runner took the rest as a residual (after 100 outputs on the DirectRunner): a
        // page fetched now could not be claimed, and the residual would fetch it again.
        return ProcessContinuation.stop();
      }
      Page page = range.mode() == ReadRange.Mode.LIST
          ? listPage(spec, range, seenCursors)
          : searchPage(spec, range);
      if (!tracker.tryClaim(new PageClaim(page.records.size(), page.rest))) {
        return ProcessContinuation.stop();
      }
      claimed += page.records.size();
      int emitted = InFlightRecords.output(page.records,
          record -> !archivedTooEarly(spec, record), out::output);
      metrics.records(spec.tableName(), emitted);
      if (page.vanished > 0) {
        metrics.counter(spec.tableName(), "vanished").inc(page.vanished);
      }
      progress.add(page.records.size());
      if (page.rest == null) {
        return ProcessContinuation.stop();
      }
      emptyInARow = page.records.isEmpty() ? emptyInARow + 1 : 0;
      if (emptyInARow >= MAX_EMPTY_PAGES_IN_A_ROW) {
        throw new IllegalStateException(spec.objectType() + ": HubSpot returned "
            + emptyInARow + " empty pages in a row, each with a new paging cursor (the last '"
            + page.rest.cursor() + "', from id " + page.rest.fromId() + "); the listing would"
            + " never end");
      }
      range = page.rest;
    }
    return ProcessContinuation.stop();
  }

  /**
   * Whether the runner has checkpointed this reader since it claimed {@code claimed} records:
   * the tracker's restriction is then the primary, limited to what was claimed. Asked through
   * {@link RestrictionTracker#currentRestriction()} because runners hand the DoFn a wrapper of
   * the tracker, not the tracker itself.
   */
  private static boolean checkpointed(
      RestrictionTracker<ReadRange, PageClaim> tracker, long claimed) {
    long max = tracker.currentRestriction().maxRecords();
    return claimed > 0 && max != ObjectSpec.ALL && claimed >= max;
  }

  /**
   * Whether an archived record falls before the changes asked for: the archived listing has no
   * time filter, so it is read whole and the records archived before {@code since} are dropped
   * here. A record without archivedAt is kept: nothing says it is old.
   */
  private static boolean archivedTooEarly(ObjectSpec spec, CrmObject record) {
    if (!spec.archived() || spec.modifiedSince() == null || record.archivedAt() == null) {
      return false;
    }
    try {
      return java.time.Instant.parse(record.archivedAt()).isBefore(spec.modifiedSince().since());
    } catch (java.time.format.DateTimeParseException e) {
      return false;
    }
  }

  /** The records of one fetched page that belong to the range, and what is left after them. */
  private record Page(List<CrmObject> records, ReadRange rest, int vanished) {}

  private Page listPage(ObjectSpec spec, ReadRange range, Set<String> seenCursors) {
    String objectType = spec.objectType();
    int pageSize = spec.withHistory().isEmpty()
        ? HubSpotClient.MAX_LIST_LIMIT : HubSpotClient.MAX_HISTORY_LIMIT;
    int limit = (int) Math.min(pageSize, range.maxRecords());
    ObjectPage page = client.listPage(objectType, range.cursor(), limit, spec.properties(),
        spec.archived(), spec.withHistory(), spec.tableName());
    String next = page.nextAfter();
    if (next != null && (next.equals(range.cursor()) || !seenCursors.add(next))) {
      // HubSpot's own clients loop forever here; stop with the facts instead.
      throw new IllegalStateException(
          objectType + ": HubSpot returned the paging cursor '" + next + "' a second time after"
              + " cursor '" + range.cursor() + "'; the listing would never end");
    }
    Accepted accepted = accept(objectType, range, page.records(), "list after=" + range.cursor());
    boolean last = next == null || accepted.endReached || accepted.countReached(range);
    ReadRange rest = last ? null : range.after(accepted.lastId, next, accepted.records.size());
    return new Page(accepted.records, rest, page.vanished());
  }

  private Page searchPage(ObjectSpec spec, ReadRange range) {
    int limit = (int) Math.min(HubSpotClient.MAX_SEARCH_LIMIT, range.maxRecords());
    SearchPage page = client.searchByIdRange(spec.objectType(), range.fromId(), range.toId(),
        false, limit, 0, spec.properties(), spec.modifiedSince());
    Accepted accepted = accept(spec.objectType(), range, page.records(),
        "search from id " + range.fromId());
    // Each page is a new query from the last id read, so the 10,000-result cap never applies.
    boolean last = !page.hasNext() || accepted.records.isEmpty() || accepted.endReached
        || accepted.countReached(range);
    ReadRange rest = last ? null : range.after(accepted.lastId, null, accepted.records.size());
    return new Page(accepted.records, rest, 0);
  }

  private record Accepted(List<CrmObject> records, long lastId, boolean endReached) {
    boolean countReached(ReadRange range) {
      return range.maxRecords() != ObjectSpec.ALL && records.size() >= range.maxRecords();
    }
  }

  /** The records of a page inside the range, in ascending id order, up to the range's count. */
  private static Accepted accept(
      String objectType, ReadRange range, List<CrmObject> records, String request) {
    List<CrmObject> accepted = new ArrayList<>(records.size());
    long lastId = range.fromId() - 1;
    for (CrmObject record : records) {
      long id = record.numericId();
      if (id <= lastId) {
        throw new IllegalStateException(objectType + ": " + request + " returned id " + id
            + " after id " + lastId + " (range " + range + "): ids do not ascend, so ranges of"
            + " ids cannot be read exactly");
      }
      if (id >= range.toId()) {
        return new Accepted(accepted, lastId, true);
      }
      accepted.add(record);
      lastId = id;
      if (range.maxRecords() != ObjectSpec.ALL && accepted.size() >= range.maxRecords()) {
        break;
      }
    }
    return new Accepted(accepted, lastId, false);
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    connection.populateDisplayData(builder);
  }
}
