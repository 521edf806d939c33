package io.hubspotbeam.sandbox;

import java.util.List;

/**
 * Who set each version of a property: the portal's users in the CRM, its imports, and the apps
 * that write through the API or as integrations, shaped the way HubSpot reports them. A user's
 * change carries sourceId "userId:NNN" and updatedByUserId NNN; an import carries the import's id
 * and the user who ran it; an app carries its app id (an integration also its name as
 * sourceLabel); HubSpot's own calculations carry sourceType CALCULATED and the component's name.
 * All of it is a function of the portal seed, so the same people and apps recur across objects,
 * as in one real portal.
 */
final class ChangeSource {
  static final String CRM_UI = "CRM_UI";
  static final String IMPORT = "IMPORT";
  static final String API = "API";
  static final String INTEGRATION = "INTEGRATION";
  static final String CALCULATED = "CALCULATED";

  /** The name HubSpot gives its calculated-property component as sourceId. */
  private static final String CALCULATOR = "CalculatedPropertyComputer";
  private static final int USERS = 9;
  private static final List<String> APPS = List.of("Salesforce", "Zapier", "Shopify",
      "Zendesk", "Stripe");
  /** Records created one after another share an import of this many records. */
  private static final int IMPORT_SPAN = 1_024;

  private final long seed;

  ChangeSource(long portalSeed) {
    this.seed = SeedMix.of(portalSeed, SeedMix.code("changeSource"));
  }

  /** The id, creation and modification properties: kept by HubSpot itself. */
  HistoryVersion calculated(String value, long at) {
    return new HistoryVersion(value, at, CALCULATED, CALCULATOR, null, null);
  }

  /**
   * The values a record was created with: one source for the whole record (a user, an import,
   * an app), since one action creates it with all its first values.
   */
  HistoryVersion creation(PortalObject object, long index, String value, long at) {
    return pick(value, at, SeedMix.unit(seed, object.ordinal(), index, 1),
        SeedMix.of(seed, object.ordinal(), index, 2), object.ordinal(), index);
  }

  /** A later change of one property, before the portal started serving: its own source. */
  HistoryVersion laterChange(PortalObject object, long index, int ordinal, String value,
      long at) {
    return pick(value, at, SeedMix.unit(seed, object.ordinal(), index, ordinal, 3),
        SeedMix.of(seed, object.ordinal(), index, ordinal, 4), object.ordinal(), index);
  }

  /**
   * A change by {@link SandboxData#modify}: sourceType API, one app for every record of the edit.
   * API rather than IMPORT because such an edit can clear values (it records ""), which a batch
   * update through the API does and an import by default does not (empty cells are skipped).
   */
  HistoryVersion bulkUpdate(PortalObject object, int editVersion, String value, long at) {
    int app = (int) SeedMix.below(APPS.size(), seed, object.ordinal(), editVersion, 5);
    return new HistoryVersion(value, at, API, appId(app), null, null);
  }

  private HistoryVersion pick(String value, long at, double kind, long h, int object,
      long index) {
    if (kind < 0.40) {
      long user = userId((int) Math.floorMod(h, USERS));
      return new HistoryVersion(value, at, CRM_UI, "userId:" + user, null, user);
    }
    if (kind < 0.65) {
      long block = index / IMPORT_SPAN;
      long user = userId((int) SeedMix.below(USERS, seed, object, block, 6));
      long importId = 10_000_000 + SeedMix.below(90_000_000, seed, object, block, 7);
      return new HistoryVersion(value, at, IMPORT, Long.toString(importId), null, user);
    }
    int app = (int) Math.floorMod(h, APPS.size());
    if (kind < 0.85) {
      return new HistoryVersion(value, at, API, appId(app), null, null);
    }
    return new HistoryVersion(value, at, INTEGRATION, appId(app), APPS.get(app), null);
  }

  private long userId(int user) {
    return 1_000_000 + SeedMix.below(90_000_000, seed, SeedMix.code("user"), user);
  }

  private String appId(int app) {
    return Long.toString(10_000 + SeedMix.below(1_990_000, seed, SeedMix.code("app"), app));
  }
}
