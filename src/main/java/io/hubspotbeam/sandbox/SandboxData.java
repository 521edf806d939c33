package io.hubspotbeam.sandbox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The ground truth of a sandbox portal: every record, property and association it serves,
 * computed on demand from the seed (nothing is materialized, so a portal of tens of millions of
 * records costs a few kilobytes). Tests compare what a client extracted against this.
 * Standard object types may be named by plural name, singular name or objectTypeId; the custom
 * object by name ("licenses"), objectTypeId or fullyQualifiedName.
 *
 * <p>The data can grow while the portal serves it ({@link #grow}), as a real portal gains
 * records during an extract. Each object's current state is one immutable generator swapped
 * atomically, and every request reads it once, so a request sees one consistent size even while
 * another thread grows the object.
 */
public final class SandboxData {
  private final long seed;
  /** Replaced as a whole (copy on write) when an object grows; never modified in place. */
  private volatile Map<PortalObject, RecordGenerator> generators;
  private final List<AssociationGraph> graphs;

  SandboxData(long seed, Map<PortalObject, Long> sizes, Map<PortalObject, Integer> extras) {
    this.seed = seed;
    Map<PortalObject, IdSequence> ids = new EnumMap<>(PortalObject.class);
    Map<PortalObject, ArchivePlan> archives = new EnumMap<>(PortalObject.class);
    for (PortalObject object : PortalObject.values()) {
      ids.put(object, new IdSequence(seed, object, sizes.get(object)));
      archives.put(object, new ArchivePlan(seed, object, sizes.get(object)));
    }
    IdSequence products = ids.get(PortalObject.PRODUCTS);
    Map<PortalObject, RecordGenerator> made = new EnumMap<>(PortalObject.class);
    for (PortalObject object : PortalObject.values()) {
      long size = sizes.get(object);
      made.put(object, new RecordGenerator(seed, new ObjectSchema(object, extras.get(object)),
          ids.get(object), new Timeline(seed, object, size), archives.get(object),
          // Products as built, not as grown: a line item's product must not change under growth.
          pick -> products.size() == 0 ? -1 : products.id(Math.floorMod(pick, products.size()))));
    }
    this.generators = Collections.unmodifiableMap(made);
    List<AssociationGraph> built = new ArrayList<>();
    for (AssociationPair pair : AssociationPair.ALL) {
      built.add(new AssociationGraph(seed, pair, sizes.get(pair.child()),
          sizes.get(pair.parent()), archives.get(pair.child()), archives.get(pair.parent())));
    }
    this.graphs = List.copyOf(built);
  }

  /**
   * Every object of the portal, in the sandbox's fixed order: the 13 standard objects by plural
   * name, then the custom object by its fullyQualifiedName, so that each name works in API
   * paths as well as here.
   */
  public List<String> objectTypes() {
    return Arrays.stream(PortalObject.values()).map(PortalObject::apiName).toList();
  }

  /** The 13 standard object names only, in the same order. */
  public List<String> standardObjectTypes() {
    return PortalObject.standard().stream().map(PortalObject::plural).toList();
  }

  /**
   * Appends {@code additionalRecords} new live records to the object while the portal runs, as
   * if they had just been created in HubSpot: their ids are above every existing id (the id
   * sequence simply continues), their creation and modification times are now (the last of them
   * exactly now by the wall clock, the others a millisecond apart before it, and always after
   * every earlier change of the portal), and they have no associations yet. Existing records do
   * not change. Thread-safe: requests served concurrently see either the old or the new size,
   * never a mix. Returns the object's new size.
   */
  public long grow(String type, long additionalRecords) {
    PortalObject object = PortalObject.require(type);
    if (additionalRecords < 0) {
      throw new IllegalArgumentException("grow: additionalRecords must be >= 0, got "
          + additionalRecords);
    }
    synchronized (this) {
      RecordGenerator current = generators.get(object);
      if (additionalRecords == 0) {
        return current.ids().size();
      }
      long size = Math.addExact(current.ids().size(), additionalRecords);
      replace(object, current.withSize(size, stamp(additionalRecords)));
      return size;
    }
  }

  /**
   * Changes the records at indices {@code from, from + every, ...} below {@code to} while the
   * portal runs, all at one instant, as a bulk update, an import or a workflow does in HubSpot:
   * about a third of their properties get new values, and every one of them gets the same
   * modification time (now by the wall clock, after every earlier change of the portal), which
   * is what makes an incremental extract by modification time hard. Archived records change too
   * (their listing shows it) but search still never returns them. Returns that time, in epoch
   * milliseconds. Thread-safe like {@link #grow}.
   */
  public long modify(String type, long from, long to, long every) {
    return change("modify", type, from, to, every,
        (generator, at) -> generator.withEdit(from, to, every, at));
  }

  /**
   * Archives the live records at indices {@code from, from + every, ...} below {@code to} while
   * the portal runs, all at one instant (now by the wall clock, after every earlier change), as
   * deleting records in HubSpot does: they leave the live listing and search, and the archived
   * listing shows them with that archivedAt. Their associations stay as they were built (the
   * sandbox does not drop them). Returns the time, in epoch milliseconds.
   */
  public long archive(String type, long from, long to, long every) {
    return change("archive", type, from, to, every,
        (generator, at) -> generator.withArchived(from, to, every, at));
  }

  /** Applies one change to records {@code from, from + every, ...} below {@code to}, now. */
  private long change(String verb, String type, long from, long to, long every,
      java.util.function.BiFunction<RecordGenerator, Long, RecordGenerator> apply) {
    PortalObject object = PortalObject.require(type);
    synchronized (this) {
      RecordGenerator current = generators.get(object);
      long size = current.ids().size();
      if (from < 0 || to > size || from >= to || every < 1) {
        throw new IllegalArgumentException(verb + " " + type + ": need 0 <= from < to <= "
            + size + " and every >= 1, got from=" + from + " to=" + to + " every=" + every);
      }
      long at = stamp(1);
      replace(object, apply.apply(current, at));
      return at;
    }
  }


  /** The records' modification time, as {@link SandboxRecord#updatedAt}, in epoch ms. */
  public long updatedAt(String type, long index) {
    RecordGenerator generator = generator(type);
    checkIndex(generator, index);
    return generator.updatedAt(index);
  }

  /**
   * A time for a change that spans {@code records} milliseconds (see {@link #grow}): the wall
   * clock, unless an earlier change of this portal is so recent that the new one would not come
   * strictly after it. Call with the lock held.
   */
  private long stamp(long records) {
    long at = Math.max(System.currentTimeMillis(), lastChange + records);
    lastChange = at;
    return at;
  }

  /** The time of the portal's latest change while it runs; starts at the frozen present. */
  private long lastChange = Timeline.NOW;

  private void replace(PortalObject object, RecordGenerator generator) {
    Map<PortalObject, RecordGenerator> next = new EnumMap<>(generators);
    next.put(object, generator);
    generators = Collections.unmodifiableMap(next);
  }

  /** Number of records of the object, archived ones included (and grown ones). */
  public long size(String type) {
    return generator(type).ids().size();
  }

  /** Number of live (archived = false) or archived (archived = true) records. */
  public long count(String type, boolean archived) {
    RecordGenerator generator = generator(type);
    long size = generator.ids().size();
    long live = generator.archive().liveBetween(0, size);
    return archived ? size - live : live;
  }

  /** The object's property definitions in schema order. */
  public List<SandboxProperty> properties(String type) {
    return generator(type).schema().definitions();
  }

  /** The record at the index (0 <= index < size), in ascending id order. */
  public SandboxRecord record(String type, long index) {
    RecordGenerator generator = generator(type);
    checkIndex(generator, index);
    return generator.record(index);
  }

  /**
   * The history of one property of the record at the index, newest version first, exactly as
   * the portal serves it under propertiesWithHistory (by list, single read or batch read), so a
   * test can compare an extract's history with the truth. It agrees with {@link #record}: the
   * newest value is the current one ("" when the last change cleared it, the current value then
   * being null), and every version lies between the record's createdAt and updatedAt. A
   * property that never had a value has an empty history. Changes by {@link #modify} appear as
   * versions at the time modify returned, with sourceType API.
   *
   * @throws IllegalArgumentException when the object has no such property
   */
  public List<SandboxPropertyVersion> history(String type, long index, String property) {
    RecordGenerator generator = generator(type);
    checkIndex(generator, index);
    int ordinal = generator.schema().ordinal(property);
    if (ordinal < 0) {
      throw new IllegalArgumentException("history: " + type + " has no property " + property);
    }
    return generator.history(index, ordinal).stream().map(HistoryVersion::toPublic).toList();
  }

  /** The id of the record at the index. */
  public long id(String type, long index) {
    RecordGenerator generator = generator(type);
    checkIndex(generator, index);
    return generator.ids().id(index);
  }

  /** The index of the record with this id, or -1 when there is none. */
  public long indexOf(String type, long id) {
    return generator(type).ids().indexOf(id);
  }

  /** Live records (archived = false) or archived ones (archived = true), ascending by id. */
  public Iterable<SandboxRecord> records(String type, boolean archived) {
    RecordGenerator generator = generator(type);
    return () -> new Iterator<>() {
      private long next = advance(0);

      @Override
      public boolean hasNext() {
        return next < generator.ids().size();
      }

      @Override
      public SandboxRecord next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        SandboxRecord record = generator.record(next);
        next = advance(next + 1);
        return record;
      }

      private long advance(long from) {
        long index = from;
        while (index < generator.ids().size()
            && generator.archive().isArchived(index) != archived) {
          index++;
        }
        return index;
      }
    };
  }

  /**
   * Every association of the record with id fromId to records of toType, ascending by
   * toObjectId; empty when the record does not exist, is archived, or the objects do not
   * associate.
   */
  public List<SandboxAssociation> associations(String fromType, String toType, long fromId) {
    PortalObject from = PortalObject.require(fromType);
    PortalObject to = PortalObject.require(toType);
    List<SandboxAssociation> out = new ArrayList<>();
    Optional<AssociationGraph> graph = graph(from, to);
    long fromIndex = generator(from).ids().indexOf(fromId);
    if (graph.isEmpty() || fromIndex < 0) {
      return out;
    }
    IdSequence toIds = generator(to).ids();
    for (long t = graph.get().nextTarget(from, fromIndex, 0); t >= 0;
        t = graph.get().nextTarget(from, fromIndex, t + 1)) {
      out.add(new SandboxAssociation(toIds.id(t), graph.get().types(from, fromIndex, t)));
    }
    return out;
  }

  long seed() {
    return seed;
  }

  RecordGenerator generator(PortalObject object) {
    return generators.get(object);
  }

  Optional<AssociationGraph> graph(PortalObject from, PortalObject to) {
    return AssociationPair.between(from, to).map(pair -> graphs.get(pair.ordinal()));
  }

  private RecordGenerator generator(String type) {
    return generators.get(PortalObject.require(type));
  }

  private static void checkIndex(RecordGenerator generator, long index) {
    if (index < 0 || index >= generator.ids().size()) {
      throw new IndexOutOfBoundsException(
          "index " + index + " outside 0.." + (generator.ids().size() - 1));
    }
  }
}
