package io.hubspotbeam.sandbox;

import java.util.List;

/** One associated record, seen from the record the association is read from. */
public record SandboxAssociation(long toObjectId, List<SandboxAssociationType> types) {
  public SandboxAssociation {
    types = List.copyOf(types);
  }
}
