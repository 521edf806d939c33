package io.hubspotbeam.sandbox;

/**
 * One association type on an association: HUBSPOT_DEFINED or USER_DEFINED, HubSpot's numeric
 * typeId (which is direction-specific), and a label (null for the unlabeled default type).
 */
public record SandboxAssociationType(String category, int typeId, String label) {
  static final String HUBSPOT_DEFINED = "HUBSPOT_DEFINED";
  static final String USER_DEFINED = "USER_DEFINED";
}
