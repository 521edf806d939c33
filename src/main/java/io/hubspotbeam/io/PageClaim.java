package io.hubspotbeam.io;

/**
 * A claim on one fetched page: how many of its records the reader will emit, and the range left
 * after them. Pages are claimed after they are fetched and before their records are emitted, so a
 * checkpoint can always hand over exactly the records not yet emitted.
 *
 * @param records how many records of the page are emitted
 * @param rest what remains to read after this page, or null when the range is done
 */
record PageClaim(int records, ReadRange rest) {}
