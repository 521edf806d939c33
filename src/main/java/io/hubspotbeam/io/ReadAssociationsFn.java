package io.hubspotbeam.io;

import io.hubspotbeam.client.Association;
import io.hubspotbeam.client.AssociationBatch;
import io.hubspotbeam.client.HubSpotClient;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * Reads the associations of a batch of records (up to 1,000 ids) with one association batch read,
 * then follows every record's cursor until each record's associations are complete: HubSpot
 * answers at most 500 per record and call, and records with thousands exist.
 */
final class ReadAssociationsFn extends DoFn<KV<Integer, Iterable<String>>, Association> {
  /** A record whose cursor does not end after this many follow-ups is reported, not followed. */
  static final int MAX_FOLLOW_UPS = 100_000;

  private final ConnectionConfig connection;
  private final String fromType;
  private final String toType;
  private final String table;
  private transient HubSpotClient client;
  private transient ReadMetrics metrics;

  ReadAssociationsFn(ConnectionConfig connection, String fromType, String toType) {
    this.connection = connection;
    this.fromType = fromType;
    this.toType = toType;
    this.table = AssociationTables.tableName(fromType, toType);
  }

  @Setup
  public void setup() {
    metrics = new ReadMetrics();
    client = connection.newClient(metrics);
  }

  @ProcessElement
  public void process(@Element KV<Integer, Iterable<String>> batch,
      OutputReceiver<Association> out) {
    Map<String, String> inputs = new LinkedHashMap<>();
    for (String id : batch.getValue()) {
      inputs.put(id, null);
    }
    Map<String, String> seenCursors = new java.util.HashMap<>();
    int calls = 0;
    while (!inputs.isEmpty()) {
      AssociationBatch answer = client.readAssociations(fromType, toType, inputs, table);
      calls++;
      long count = 0;
      for (Association association : answer.associations()) {
        if (!inputs.containsKey(association.fromId())) {
          throw new IllegalStateException(table + ": HubSpot answered for record "
              + association.fromId() + ", which was not asked for");
        }
        out.output(association);
        count++;
      }
      metrics.records(table, count);
      Map<String, String> next = new LinkedHashMap<>();
      for (Map.Entry<String, String> cursor : answer.nextAfter().entrySet()) {
        String id = cursor.getKey();
        if (!inputs.containsKey(id)) {
          throw new IllegalStateException(table + ": HubSpot gave a cursor for record " + id
              + ", which was not asked for");
        }
        if (cursor.getValue().equals(seenCursors.put(id, cursor.getValue()))) {
          throw new IllegalStateException(table + ": the associations of " + fromType + " " + id
              + " repeat the cursor '" + cursor.getValue() + "'; stopping rather than looping");
        }
        next.put(id, cursor.getValue());
      }
      if (calls > MAX_FOLLOW_UPS) {
        throw new IllegalStateException(table + ": the associations of " + next.keySet()
            + " did not end after " + MAX_FOLLOW_UPS + " calls");
      }
      inputs = next;
    }
  }
}
