package io.hubspotbeam.sandbox;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * When each record was created, last modified and archived. The portal lives in a frozen
 * present ({@link #NOW}) so that the data never depends on the wall clock: two runs with the
 * same seed see the same timestamps. Records are created in index order over the portal's life,
 * so that ids and creation times rise together as they do in HubSpot. Records created while the
 * portal runs ({@link SandboxData#grow}) carry the wall-clock time of their creation, as in
 * HubSpot: each batch of them ends at the time it was added, one millisecond apart, never
 * modified since. A client that takes its own clock as a watermark then finds them above it, and
 * an incremental extract by creation or modification time sees them.
 */
final class Timeline {
  /** 2019-01-01T00:00:00Z: the portal's first record. */
  static final long START = 1_546_300_800_000L;
  /** 2025-06-01T00:00:00Z: the portal's last created record. */
  static final long LAST_CREATE = 1_748_736_000_000L;
  /** 2025-09-01T00:00:00Z: the latest modification or archiving of the records built. */
  static final long NOW = 1_756_684_800_000L;

  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter ISO_DATE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd").withZone(ZoneOffset.UTC);

  private final long seed;
  private final long size;
  /** The batches grown while the portal runs: the first index after each, ascending. */
  private final long[] grownEnds;
  /** The creation time of each batch's last record; earlier ones step back 1 ms each. */
  private final long[] grownAts;

  /** @param size the records the object was built with; later indices were created in the run */
  Timeline(long seed, PortalObject object, long size) {
    this(SeedMix.of(seed, SeedMix.code("time"), object.ordinal()), size, new long[0],
        new long[0]);
  }

  private Timeline(long seed, long size, long[] grownEnds, long[] grownAts) {
    this.seed = seed;
    this.size = size;
    this.grownEnds = grownEnds;
    this.grownAts = grownAts;
  }

  /**
   * This timeline with the records up to {@code endIndex} (exclusive) created at {@code at}: the
   * last of them exactly then, each earlier one a millisecond before the next. The caller keeps
   * {@code at} at least the batch's size after the previous batch, so creation times rise.
   */
  Timeline withGrowth(long endIndex, long at) {
    long start = grownEnds.length == 0 ? size : grownEnds[grownEnds.length - 1];
    if (endIndex <= start) {
      return this;
    }
    long[] ends = java.util.Arrays.copyOf(grownEnds, grownEnds.length + 1);
    long[] ats = java.util.Arrays.copyOf(grownAts, grownAts.length + 1);
    ends[ends.length - 1] = endIndex;
    ats[ats.length - 1] = at;
    return new Timeline(seed, size, ends, ats);
  }

  long createdAt(long index) {
    if (index >= size) {
      int batch = java.util.Arrays.binarySearch(grownEnds, index + 1);
      if (batch < 0) {
        batch = -batch - 1;
      }
      if (batch >= grownEnds.length) {
        throw new IllegalStateException("index " + index + " was never grown");
      }
      return grownAts[batch] - (grownEnds[batch] - 1 - index);
    }
    double span = LAST_CREATE - START;
    long base = START + (long) (index / (double) Math.max(size, 1) * span);
    long slot = Math.max(1, (long) (span / Math.max(size, 1)));
    return base + SeedMix.below(slot, seed, index, 1);
  }

  long updatedAt(long index) {
    long created = createdAt(index);
    if (index >= size) {
      return created;
    }
    // About one record in seven was never touched after creation.
    if (SeedMix.unit(seed, index, 2) < 0.15) {
      return created;
    }
    return created + (long) (SeedMix.unit(seed, index, 3) * (NOW - created));
  }

  long archivedAt(long index) {
    long updated = updatedAt(index);
    return updated + 1 + (long) (SeedMix.unit(seed, index, 4) * (NOW - updated));
  }

  /** A time near the record's life, for other datetime properties (due dates, call times...). */
  long around(long index, long salt) {
    long created = createdAt(index);
    long offset = (long) ((SeedMix.unit(seed, index, salt) - 0.3) * 180 * 86_400_000L);
    return created + offset;
  }

  /**
   * "2024-03-05T07:08:09.010Z". Written by hand for four-digit years: a wide search page
   * formats tens of thousands of times, and DateTimeFormatter was a tenth of its cost. Other
   * years go through the formatter, which the hand-written form matches exactly.
   */
  static String iso(long epochMillis) {
    LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(epochMillis, DAY_MILLIS));
    if (date.getYear() < 1000 || date.getYear() > 9999) {
      return ISO_MILLIS.format(Instant.ofEpochMilli(epochMillis));
    }
    long millisOfDay = Math.floorMod(epochMillis, DAY_MILLIS);
    char[] out = new char[24];
    writeDate(out, date);
    out[10] = 'T';
    digits(out, 11, 2, millisOfDay / 3_600_000);
    out[13] = ':';
    digits(out, 14, 2, millisOfDay / 60_000 % 60);
    out[16] = ':';
    digits(out, 17, 2, millisOfDay / 1_000 % 60);
    out[19] = '.';
    digits(out, 20, 3, millisOfDay % 1_000);
    out[23] = 'Z';
    return new String(out);
  }

  static String isoDate(long epochMillis) {
    LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(epochMillis, DAY_MILLIS));
    if (date.getYear() < 1000 || date.getYear() > 9999) {
      return ISO_DATE.format(Instant.ofEpochMilli(epochMillis));
    }
    char[] out = new char[10];
    writeDate(out, date);
    return new String(out);
  }

  private static final long DAY_MILLIS = 86_400_000L;

  private static void writeDate(char[] out, LocalDate date) {
    digits(out, 0, 4, date.getYear());
    out[4] = '-';
    digits(out, 5, 2, date.getMonthValue());
    out[7] = '-';
    digits(out, 8, 2, date.getDayOfMonth());
  }

  private static void digits(char[] out, int at, int width, long value) {
    long rest = value;
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + rest % 10);
      rest /= 10;
    }
  }

  /**
   * Reads a time the way HubSpot's search accepts it: epoch milliseconds, an ISO instant, or a
   * plain date (midnight UTC). Returns null when the text is none of those.
   */
  static Long parse(String text) {
    if (text == null) {
      return null;
    }
    String t = text.trim();
    if (t.matches("-?\\d{1,19}")) {
      try {
        return Long.parseLong(t);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    try {
      return Instant.parse(t).toEpochMilli();
    } catch (DateTimeParseException ignored) {
      // not an instant; maybe a plain date
    }
    try {
      return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
