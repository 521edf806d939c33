package io.hubspotbeam.io;

/**
 * A claim on one fetched page: how many of its records the reader will emit, and where the next
 * page starts. Pages are claimed after they are fetched and before their records are emitted, so
 * a checkpoint can always name the cursor of the first page not yet emitted.
 *
 * @param records how many records of the page are emitted
 * @param nextCursor the cursor of the following page, or null if none
 * @param last whether reading ends with this page (no next page, or the count is reached)
 */
record PageClaim(int records, String nextCursor, boolean last) {}
