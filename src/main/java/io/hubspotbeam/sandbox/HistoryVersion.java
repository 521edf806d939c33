package io.hubspotbeam.sandbox;

/**
 * One past or present value of a property, as HubSpot lists it under propertiesWithHistory: the
 * value set, when (epoch milliseconds), and what set it. sourceId, sourceLabel and
 * updatedByUserId are null when HubSpot would send none for that kind of source; they are then
 * left out of the JSON. A cleared value is the empty string, never null.
 */
record HistoryVersion(String value, long timestamp, String sourceType, String sourceId,
    String sourceLabel, Long updatedByUserId) {

  SandboxPropertyVersion toPublic() {
    return new SandboxPropertyVersion(value, Timeline.iso(timestamp), sourceType, sourceId,
        sourceLabel, updatedByUserId);
  }
}
