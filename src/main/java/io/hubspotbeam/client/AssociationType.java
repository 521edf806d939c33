package io.hubspotbeam.client;

import java.util.Objects;

/**
 * One kind of association between two records: HubSpot's {@code typeId}, its {@code category}
 * ({@code HUBSPOT_DEFINED}, {@code USER_DEFINED} or {@code INTEGRATOR_DEFINED}) and its label,
 * null for the unlabeled default type.
 */
public record AssociationType(int typeId, String category, String label) {
  public AssociationType {
    Objects.requireNonNull(category, "category");
  }
}
