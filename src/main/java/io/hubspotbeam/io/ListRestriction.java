package io.hubspotbeam.io;

import java.io.Serializable;
import java.util.Objects;

/**
 * The part of one object's records that a reader still has to list: where to resume and how many
 * records remain.
 *
 * <p>HubSpot documents its {@code after} cursor as opaque, so a checkpoint keeps the cursor HubSpot
 * gave rather than computing one: {@code cursor} is null at the very beginning and otherwise the
 * {@code paging.next.after} of the last page read. {@code maxRecords} carries the rest of a
 * {@code --count} limit across checkpoints.
 */
final class ListRestriction implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String cursor;
  private final long maxRecords;

  ListRestriction(String cursor, long maxRecords) {
    if (maxRecords < 0) {
      throw new IllegalArgumentException("maxRecords must not be negative: " + maxRecords);
    }
    this.cursor = cursor;
    this.maxRecords = maxRecords;
  }

  static ListRestriction from(ObjectSpec spec) {
    return new ListRestriction(null, spec.maxRecords());
  }

  /** The cursor to list from, or null for the first page. */
  String cursor() {
    return cursor;
  }

  /** Records still to read; {@link ObjectSpec#ALL} when unlimited. */
  long maxRecords() {
    return maxRecords;
  }

  boolean isEmpty() {
    return maxRecords == 0;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ListRestriction)) {
      return false;
    }
    ListRestriction other = (ListRestriction) o;
    return Objects.equals(cursor, other.cursor) && maxRecords == other.maxRecords;
  }

  @Override
  public int hashCode() {
    return Objects.hash(cursor, maxRecords);
  }

  @Override
  public String toString() {
    return "ListRestriction(after=" + cursor + ", "
        + (maxRecords == ObjectSpec.ALL ? "all" : Long.toString(maxRecords)) + ")";
  }
}
