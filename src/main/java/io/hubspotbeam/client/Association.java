package io.hubspotbeam.client;

import java.util.List;
import java.util.Objects;

/**
 * The association of one record with another, with every type that links the pair (a deal and a
 * company can be linked both as "Primary" and by the unlabeled default type). Ids are HubSpot's
 * record ids in their string form.
 */
public record Association(String fromId, String toId, List<AssociationType> types) {
  public Association {
    Objects.requireNonNull(fromId, "fromId");
    Objects.requireNonNull(toId, "toId");
    types = List.copyOf(types);
  }
}
