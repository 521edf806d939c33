package io.hubspotbeam.sandbox;

/**
 * One version of a property of a record, as the sandbox serves it under propertiesWithHistory:
 * the value ("" when the change cleared it), its time as ISO-8601 UTC with milliseconds (the
 * form of {@link SandboxRecord#createdAt}), and its source. sourceId, sourceLabel and
 * updatedByUserId are null where the JSON leaves them out. Tests of an extract compare what came
 * through against {@link SandboxData#history}.
 */
public record SandboxPropertyVersion(String value, String timestamp, String sourceType,
    String sourceId, String sourceLabel, Long updatedByUserId) {}
