package io.hubspotbeam.io;

import io.hubspotbeam.client.Association;
import io.hubspotbeam.client.AssociationType;
import io.hubspotbeam.client.CrmObject;
import io.hubspotbeam.client.HubSpotClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Joins the records of two objects through their associations into one table,
 * {@code {from}_{to}_joined}: one row per associated pair, with the from-record's columns and the
 * to-record's columns, each prefixed with its object's name, and the pair's association type ids
 * and labels; from-records without any association get one row with empty to-columns (a left
 * join, so the table has every from-record of the run).
 *
 * <p>Input is a {@link PCollectionTuple} of the from-records ({@link #FROM}), the to-records
 * already read in the run ({@link #TO}, may be empty) and the associations ({@link #ASSOCIATIONS}).
 * Two {@link CoGroupByKey} stages do the work: associations meet their to-records by to-id, then
 * the halves meet their from-records by from-id. A to-record the run did not read (outside
 * {@code --count}, or an object not extracted at all) is fetched by batch read, so a join never
 * misses a pair because of how much of the other object was extracted.
 *
 * <p>A CoGroupByKey holds each key's values together, and the DirectRunner holds every value of a
 * grouping in memory until it completes: join big objects on Flink.
 */
public final class AssociationJoin extends PTransform<PCollectionTuple, PCollection<TableRow>> {
  public static final TupleTag<CrmObject> FROM = new TupleTag<>() {};
  public static final TupleTag<CrmObject> TO = new TupleTag<>() {};
  public static final TupleTag<Association> ASSOCIATIONS = new TupleTag<>() {};

  /** Ids of to-records fetched per batch read. */
  static final int FETCH_BATCH = HubSpotClient.MAX_BATCH_READ;

  private final ConnectionConfig connection;
  private final TableLayout from;
  private final TableLayout to;

  private AssociationJoin(ConnectionConfig connection, TableLayout from, TableLayout to) {
    this.connection = connection;
    this.from = from;
    this.to = to;
  }

  /**
   * @param from the from-object's columns
   * @param to the to-object's columns (also what is fetched for to-records the run did not read)
   */
  public static AssociationJoin of(ConnectionConfig connection, TableLayout from, TableLayout to) {
    return new AssociationJoin(Objects.requireNonNull(connection), Objects.requireNonNull(from),
        Objects.requireNonNull(to));
  }

  /** {@code {from}_{to}_joined}. */
  public static String tableName(String fromType, String toType) {
    return AssociationTables.tableName(fromType, toType) + "_joined";
  }

  public String tableName() {
    return tableName(from.objectType(), to.objectType());
  }

  /** The joined table's columns. */
  public List<String> header() {
    List<String> header = new ArrayList<>();
    for (String column : from.header()) {
      header.add(fromPrefix() + column);
    }
    for (String column : to.header()) {
      header.add(toPrefix() + column);
    }
    header.add("associationTypeIds");
    header.add("associationLabels");
    return header;
  }

  /** The format writing this join's rows. */
  public TableFormat<TableRow> format() {
    return TableRow.format(Map.of(tableName(), header()));
  }

  private String fromPrefix() {
    return from.objectType() + ".";
  }

  /** A join of an object with itself (companies with their child companies) needs two names. */
  private String toPrefix() {
    return (to.objectType().equals(from.objectType()) ? "associated_" : "")
        + to.objectType() + ".";
  }

  @Override
  public PCollection<TableRow> expand(PCollectionTuple input) {
    KvCoder<String, CrmObject> recordById = KvCoder.of(StringUtf8Coder.of(), CrmObjectCoder.of());
    KvCoder<String, Association> associationByKey =
        KvCoder.of(StringUtf8Coder.of(), AssociationCoder.of());
    KvCoder<String, KV<Association, CrmObject>> halfByFromId = KvCoder.of(StringUtf8Coder.of(),
        KvCoder.of(AssociationCoder.of(), NullableCoder.of(CrmObjectCoder.of())));

    PCollection<KV<String, CrmObject>> toRecords = input.get(TO)
        .apply("ToById", byId()).setCoder(recordById);
    PCollection<KV<String, Association>> byToId = input.get(ASSOCIATIONS)
        .apply("ByToId", MapElements
            .into(TypeDescriptors.kvs(TypeDescriptors.strings(), new TypeDescriptor<Association>() {}))
            .via((Association a) -> KV.of(a.toId(), a)))
        .setCoder(associationByKey);

    TupleTag<Association> edges = new TupleTag<>() {};
    TupleTag<CrmObject> targets = new TupleTag<>() {};
    TupleTag<KV<String, KV<Association, CrmObject>>> matched = new TupleTag<>() {};
    TupleTag<String> missingIds = new TupleTag<>() {};
    TupleTag<KV<String, Association>> missingEdges = new TupleTag<>() {};
    PCollectionTuple matches = KeyedPCollectionTuple.of(edges, byToId)
        .and(targets, toRecords)
        .apply("AssociationsWithToRecords", CoGroupByKey.create())
        .apply("MatchToRecords", ParDo.of(new MatchFn(edges, targets, matched, missingIds,
            missingEdges)).withOutputTags(matched, TupleTagList.of(missingIds).and(missingEdges)));
    matches.get(matched).setCoder(halfByFromId);
    matches.get(missingIds).setCoder(StringUtf8Coder.of());
    matches.get(missingEdges).setCoder(associationByKey);

    // To-records the run did not read: fetch them by batch read.
    PCollection<KV<String, CrmObject>> fetched = matches.get(missingIds)
        .apply("BatchMissing", new IdBatches(FETCH_BATCH, HubSpotIO.DEFAULT_ASSOCIATION_SHARDS))
        .apply("FetchMissing", ParDo.of(new FetchFn(connection, to.objectType(),
            to.properties())))
        .setCoder(recordById);
    TupleTag<Association> lateEdges = new TupleTag<>() {};
    TupleTag<CrmObject> lateTargets = new TupleTag<>() {};
    PCollection<KV<String, KV<Association, CrmObject>>> fetchedHalves =
        KeyedPCollectionTuple.of(lateEdges, matches.get(missingEdges))
            .and(lateTargets, fetched)
            .apply("AssociationsWithFetched", CoGroupByKey.create())
            .apply("MatchFetched", ParDo.of(new MatchFetchedFn(lateEdges, lateTargets)))
            .setCoder(halfByFromId);

    PCollection<KV<String, KV<Association, CrmObject>>> halves =
        PCollectionList.of(matches.get(matched)).and(fetchedHalves)
            .apply("AllHalves", Flatten.pCollections());
    PCollection<KV<String, CrmObject>> fromRecords = input.get(FROM)
        .apply("FromById", byId()).setCoder(recordById);

    TupleTag<CrmObject> sources = new TupleTag<>() {};
    TupleTag<KV<Association, CrmObject>> pairs = new TupleTag<>() {};
    return KeyedPCollectionTuple.of(sources, fromRecords)
        .and(pairs, halves)
        .apply("FromRecordsWithPairs", CoGroupByKey.create())
        .apply("JoinedRows", ParDo.of(new RowsFn(sources, pairs, from, to, tableName(),
            header().size())))
        .setCoder(TableRowCoder.of());
  }

  private static MapElements<CrmObject, KV<String, CrmObject>> byId() {
    return MapElements
        .into(TypeDescriptors.kvs(TypeDescriptors.strings(), new TypeDescriptor<CrmObject>() {}))
        .via((CrmObject record) -> KV.of(record.id(), record));
  }

  /** Pairs each association with its to-record, or sets it aside when the run has none. */
  private static final class MatchFn extends DoFn<KV<String, CoGbkResult>,
      KV<String, KV<Association, CrmObject>>> {
    private final TupleTag<Association> edges;
    private final TupleTag<CrmObject> targets;
    private final TupleTag<KV<String, KV<Association, CrmObject>>> matched;
    private final TupleTag<String> missingIds;
    private final TupleTag<KV<String, Association>> missingEdges;

    MatchFn(TupleTag<Association> edges, TupleTag<CrmObject> targets,
        TupleTag<KV<String, KV<Association, CrmObject>>> matched, TupleTag<String> missingIds,
        TupleTag<KV<String, Association>> missingEdges) {
      this.edges = edges;
      this.targets = targets;
      this.matched = matched;
      this.missingIds = missingIds;
      this.missingEdges = missingEdges;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> group, MultiOutputReceiver out) {
      CrmObject target = only(group.getValue().getAll(targets), group.getKey());
      boolean any = false;
      for (Association edge : group.getValue().getAll(edges)) {
        any = true;
        if (target != null) {
          out.get(matched).output(KV.of(edge.fromId(), KV.of(edge, target)));
        } else {
          out.get(missingEdges).output(KV.of(edge.toId(), edge));
        }
      }
      if (any && target == null) {
        out.get(missingIds).output(group.getKey());
      }
    }
  }

  /** Pairs set-aside associations with their fetched to-records (null if gone meanwhile). */
  private static final class MatchFetchedFn extends DoFn<KV<String, CoGbkResult>,
      KV<String, KV<Association, CrmObject>>> {
    private final TupleTag<Association> edges;
    private final TupleTag<CrmObject> targets;

    MatchFetchedFn(TupleTag<Association> edges, TupleTag<CrmObject> targets) {
      this.edges = edges;
      this.targets = targets;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> group,
        OutputReceiver<KV<String, KV<Association, CrmObject>>> out) {
      CrmObject target = only(group.getValue().getAll(targets), group.getKey());
      for (Association edge : group.getValue().getAll(edges)) {
        out.output(KV.of(edge.fromId(), KV.of(edge, target)));
      }
    }
  }

  /** Reads to-records by id, up to 100 per request. */
  private static final class FetchFn extends DoFn<KV<Integer, Iterable<String>>,
      KV<String, CrmObject>> {
    private final ConnectionConfig connection;
    private final String objectType;
    private final List<String> properties;
    private transient HubSpotClient client;

    FetchFn(ConnectionConfig connection, String objectType, List<String> properties) {
      this.connection = connection;
      this.objectType = objectType;
      this.properties = List.copyOf(properties);
    }

    @Setup
    public void setup() {
      client = connection.newClient(new ReadMetrics());
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<String>> batch,
        OutputReceiver<KV<String, CrmObject>> out) {
      List<String> ids = new ArrayList<>();
      batch.getValue().forEach(ids::add);
      for (CrmObject record : client.batchRead(objectType, ids, properties, false)) {
        out.output(KV.of(record.id(), record));
      }
    }
  }

  /** The joined rows of one from-record. */
  private static final class RowsFn extends DoFn<KV<String, CoGbkResult>, TableRow> {
    private final TupleTag<CrmObject> sources;
    private final TupleTag<KV<Association, CrmObject>> pairs;
    private final TableLayout from;
    private final TableLayout to;
    private final String table;
    private final int width;

    RowsFn(TupleTag<CrmObject> sources, TupleTag<KV<Association, CrmObject>> pairs,
        TableLayout from, TableLayout to, String table, int width) {
      this.sources = sources;
      this.pairs = pairs;
      this.from = from;
      this.to = to;
      this.table = table;
      this.width = width;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> group, OutputReceiver<TableRow> out) {
      CrmObject source = only(group.getValue().getAll(sources), group.getKey());
      boolean any = false;
      for (KV<Association, CrmObject> pair : group.getValue().getAll(pairs)) {
        if (source == null) {
          throw new IllegalStateException(table + ": an association from " + from.objectType()
              + " " + group.getKey() + ", a record this run did not read");
        }
        any = true;
        out.output(row(source, pair.getKey(), pair.getValue()));
      }
      if (source != null && !any) {
        out.output(row(source, null, null));
      }
    }

    private TableRow row(CrmObject source, Association association, CrmObject target) {
      String[] cells = new String[width];
      int at = 0;
      for (String cell : from.row(source)) {
        cells[at++] = cell;
      }
      int toColumns = to.header().size();
      if (target != null) {
        for (String cell : to.row(target)) {
          cells[at++] = cell;
        }
      } else {
        if (association != null) {
          cells[at] = association.toId(); // the to-record is gone; its id is still known
        }
        at += toColumns;
      }
      if (association != null) {
        StringJoiner ids = new StringJoiner(";");
        StringJoiner labels = new StringJoiner(";");
        for (AssociationType type : association.types()) {
          ids.add(Integer.toString(type.typeId()));
          if (type.label() != null) {
            labels.add(type.label());
          }
        }
        cells[at++] = ids.toString();
        cells[at] = labels.toString();
      }
      return new TableRow(table, cells);
    }
  }

  private static <T> T only(Iterable<T> values, String id) {
    T only = null;
    for (T value : values) {
      if (only != null) {
        throw new IllegalStateException("record " + id + " was read twice");
      }
      only = value;
    }
    return only;
  }
}
