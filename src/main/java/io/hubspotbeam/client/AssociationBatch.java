package io.hubspotbeam.client;

import java.util.List;
import java.util.Map;

/**
 * One answer of an association batch read: the associations it returned and, for each input
 * record that has more than one answer's worth, the cursor to ask for the rest with.
 */
public record AssociationBatch(List<Association> associations, Map<String, String> nextAfter) {
  public AssociationBatch {
    associations = List.copyOf(associations);
    nextAfter = Map.copyOf(nextAfter);
  }
}
