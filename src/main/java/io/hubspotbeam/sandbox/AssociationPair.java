package io.hubspotbeam.sandbox;

import static io.hubspotbeam.sandbox.PortalObject.*;

import java.util.List;
import java.util.Optional;

/**
 * Two objects that associate, named child and parent after the usual direction of ownership
 * (a deal belongs to a company). Each direction has its own HubSpot typeIds: the unlabeled
 * default type, optionally a "Primary" type (one per child), and optionally a portal-defined
 * labeled type. A typeId of 0 means "this pair has no such type".
 *
 * <p>HubSpot defines the default types between its own objects. The default types of a custom
 * object are created with its schema, in the portal: their typeIds are the portal's own numbers
 * (a client must read them from the schema or the labels endpoint, never hard-code them) and
 * their category is USER_DEFINED, the category a client must send back when it writes such an
 * association.
 */
record AssociationPair(PortalObject child, PortalObject parent, int childToParent,
    int parentToChild, int primaryChildToParent, int primaryParentToChild, String childLabel,
    int labeledChildToParent, String parentLabel, int labeledParentToChild) {

  /** The pairs the sandbox associates, with HubSpot's real typeIds where they are known. */
  static final List<AssociationPair> ALL = List.of(
      labeled(DEALS, COMPANIES, 341, 342, 5, 6, "Reseller", 1001, "Resold deal", 1002),
      labeled(DEALS, CONTACTS, 3, 4, 0, 0, "Decision maker", 1003, "Decision maker", 1004),
      labeled(CONTACTS, COMPANIES, 279, 280, 1, 2, "Former employer", 1005, "Former employee",
          1006),
      plain(TICKETS, CONTACTS, 16, 15),
      primary(TICKETS, COMPANIES, 339, 340, 26, 25),
      plain(TICKETS, DEALS, 28, 27),
      plain(LINE_ITEMS, DEALS, 20, 19),
      plain(LINE_ITEMS, QUOTES, 68, 67),
      plain(QUOTES, DEALS, 64, 63),
      plain(QUOTES, CONTACTS, 69, 70),
      plain(QUOTES, COMPANIES, 71, 72),
      plain(FEEDBACK_SUBMISSIONS, CONTACTS, 98, 97),
      plain(CALLS, CONTACTS, 194, 193),
      plain(CALLS, COMPANIES, 182, 181),
      plain(CALLS, DEALS, 206, 205),
      plain(CALLS, TICKETS, 220, 219),
      plain(EMAILS, CONTACTS, 198, 197),
      plain(EMAILS, COMPANIES, 186, 185),
      plain(EMAILS, DEALS, 210, 209),
      plain(MEETINGS, CONTACTS, 200, 199),
      plain(MEETINGS, COMPANIES, 188, 187),
      plain(MEETINGS, DEALS, 212, 211),
      plain(NOTES, CONTACTS, 202, 201),
      plain(NOTES, COMPANIES, 190, 189),
      plain(NOTES, DEALS, 214, 213),
      plain(NOTES, TICKETS, 228, 227),
      plain(TASKS, CONTACTS, 204, 203),
      plain(TASKS, COMPANIES, 192, 191),
      plain(TASKS, DEALS, 216, 215),
      // Appended, never inserted: a pair's position seeds its graph. Portal-specific typeIds.
      plain(LICENSES, COMPANIES, 1011, 1012),
      plain(LICENSES, CONTACTS, 1013, 1014));

  /** The pair linking the two objects in either direction, if they associate at all. */
  static Optional<AssociationPair> between(PortalObject a, PortalObject b) {
    return ALL.stream()
        .filter(p -> (p.child == a && p.parent == b) || (p.child == b && p.parent == a))
        .findFirst();
  }

  int ordinal() {
    return ALL.indexOf(this);
  }

  /** Every association type defined in the direction from the given side, as labels lists them. */
  List<SandboxAssociationType> typesFrom(PortalObject from) {
    boolean fromChild = from == child;
    java.util.ArrayList<SandboxAssociationType> types = new java.util.ArrayList<>();
    types.add(defaultType(fromChild));
    if (primaryChildToParent != 0) {
      types.add(primaryType(fromChild));
    }
    if (childLabel != null) {
      types.add(labeledType(fromChild));
    }
    return List.copyOf(types);
  }

  SandboxAssociationType defaultType(boolean fromChild) {
    return new SandboxAssociationType(involvesCustomObject() ? SandboxAssociationType.USER_DEFINED
        : SandboxAssociationType.HUBSPOT_DEFINED, fromChild ? childToParent : parentToChild, null);
  }

  boolean involvesCustomObject() {
    return child.isCustom() || parent.isCustom();
  }

  /** The other object of the pair, seen from one of its two. */
  PortalObject other(PortalObject side) {
    return side == child ? parent : child;
  }

  SandboxAssociationType primaryType(boolean fromChild) {
    return new SandboxAssociationType(SandboxAssociationType.HUBSPOT_DEFINED,
        fromChild ? primaryChildToParent : primaryParentToChild, "Primary");
  }

  SandboxAssociationType labeledType(boolean fromChild) {
    return new SandboxAssociationType(SandboxAssociationType.USER_DEFINED,
        fromChild ? labeledChildToParent : labeledParentToChild,
        fromChild ? childLabel : parentLabel);
  }

  boolean hasPrimary() {
    return primaryChildToParent != 0;
  }

  boolean hasLabel() {
    return childLabel != null;
  }

  private static AssociationPair plain(PortalObject child, PortalObject parent, int c2p,
      int p2c) {
    return new AssociationPair(child, parent, c2p, p2c, 0, 0, null, 0, null, 0);
  }

  private static AssociationPair primary(PortalObject child, PortalObject parent, int c2p,
      int p2c, int primaryC2p, int primaryP2c) {
    return new AssociationPair(child, parent, c2p, p2c, primaryC2p, primaryP2c, null, 0, null, 0);
  }

  private static AssociationPair labeled(PortalObject child, PortalObject parent, int c2p,
      int p2c, int primaryC2p, int primaryP2c, String childLabel, int labeledC2p,
      String parentLabel, int labeledP2c) {
    return new AssociationPair(child, parent, c2p, p2c, primaryC2p, primaryP2c, childLabel,
        labeledC2p, parentLabel, labeledP2c);
  }
}
