package io.hubspotbeam.sandbox;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;

/**
 * Runs a {@link SearchQuery} over the live records of one object. Filters on hs_object_id
 * narrow the scanned index range by binary search over the ids, and a query made only of id
 * ranges in id order is answered without any scan (the archived count of a range is
 * computable); other filters scan the range. Sorting by a property keeps only the best
 * offset + limit (at most 10,000) entries in memory.
 */
final class SearchEngine {
  /** The total number of matches and the indices of the requested page, in order. */
  record Outcome(long total, List<Long> page) {}

  private final RecordGenerator generator;
  private final SearchQuery query;

  private SearchEngine(RecordGenerator generator, SearchQuery query) {
    this.generator = generator;
    this.query = query;
  }

  static Outcome run(RecordGenerator generator, SearchQuery query) throws ApiException {
    return new SearchEngine(generator, query).execute();
  }

  private Outcome execute() throws ApiException {
    List<List<Test>> groups = new ArrayList<>();
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    for (List<SearchFilter> group : query.filterGroups()) {
      List<Test> tests = new ArrayList<>();
      long[] range = {0, generator.ids().size()};
      for (SearchFilter filter : group) {
        tests.add(compile(filter));
        narrow(range, filter);
      }
      groups.add(tests);
      lo = Math.min(lo, range[0]);
      hi = Math.max(hi, range[1]);
    }
    if (groups.isEmpty()) {
      lo = 0;
      hi = generator.ids().size();
    }
    String sort = query.sortProperty();
    boolean idOrder = sort == null || sort.equals("hs_object_id");
    if (idOrder && isPureIdRange()) {
      return idRangePage(lo, hi);
    }
    Test match = matcher(groups);
    if (idOrder) {
      return scanInIdOrder(lo, hi, match);
    }
    return scanSorted(lo, hi, match, keyOf(sort));
  }

  private boolean isPureIdRange() {
    if (query.query() != null || query.filterGroups().size() > 1) {
      return false;
    }
    for (List<SearchFilter> group : query.filterGroups()) {
      for (SearchFilter filter : group) {
        switch (filter.operator()) {
          case EQ, GT, GTE, LT, LTE, BETWEEN:
            if (!filter.onObjectId()) {
              return false;
            }
            break;
          default:
            return false;
        }
      }
    }
    return true;
  }

  /**
   * A page of a pure id range, without a scan: the range comes from binary searches over the
   * ids, the total and the offset's position from the archive plan's counts (so "after" 9,999
   * costs no more than "after" 0), and only the page's own records are visited.
   */
  private Outcome idRangePage(long lo, long hi) {
    ArchivePlan archive = generator.archive();
    long total = archive.liveBetween(lo, hi);
    List<Long> page = new ArrayList<>();
    if (query.offset() >= total) {
      return new Outcome(total, page);
    }
    if (query.descending()) {
      // The live record with exactly offset live records above it, then downwards.
      long first = lastIndexWhere(lo, hi, i -> archive.liveBetween(i, hi) > query.offset());
      for (long i = first; i >= lo && page.size() < query.limit(); i--) {
        if (!archive.isArchived(i)) {
          page.add(i);
        }
      }
    } else {
      // The live record with exactly offset live records below it, then upwards.
      long first = firstIndexWhere(lo, hi, i -> archive.liveBetween(lo, i + 1) > query.offset());
      for (long i = first; i < hi && page.size() < query.limit(); i++) {
        if (!archive.isArchived(i)) {
          page.add(i);
        }
      }
    }
    return new Outcome(total, page);
  }

  /** The smallest index in [lo, hi) where a monotone (false...true) test holds; hi if none. */
  private static long firstIndexWhere(long lo, long hi, Test test) {
    long a = lo;
    long b = hi;
    while (a < b) {
      long mid = (a + b) >>> 1;
      if (test.test(mid)) {
        b = mid;
      } else {
        a = mid + 1;
      }
    }
    return a;
  }

  /** The largest index in [lo, hi) where a monotone (true...false) test holds; lo - 1 if none. */
  private static long lastIndexWhere(long lo, long hi, Test test) {
    long a = lo;
    long b = hi;
    while (a < b) {
      long mid = (a + b) >>> 1;
      if (test.test(mid)) {
        a = mid + 1;
      } else {
        b = mid;
      }
    }
    return a - 1;
  }

  private Outcome scanInIdOrder(long lo, long hi, Test match) {
    ArchivePlan archive = generator.archive();
    long total = 0;
    List<Long> page = new ArrayList<>();
    long first = query.offset();
    long end = first + query.limit();
    boolean down = query.descending();
    for (long n = 0; n < hi - lo; n++) {
      long i = down ? hi - 1 - n : lo + n;
      if (!archive.isArchived(i) && match.test(i)) {
        if (total >= first && total < end) {
          page.add(i);
        }
        total++;
      }
    }
    return new Outcome(total, page);
  }

  private record Entry(Comparable<Object> key, long index) {}

  private Outcome scanSorted(long lo, long hi, Test match, Key key) {
    Comparator<Entry> order = entryOrder(query.descending());
    int keep = query.offset() + query.limit();
    // The worst kept entry sits at the head, ready to be evicted.
    PriorityQueue<Entry> best = new PriorityQueue<>(Math.max(1, keep), order.reversed());
    ArchivePlan archive = generator.archive();
    long total = 0;
    for (long i = lo; i < hi; i++) {
      if (archive.isArchived(i) || !match.test(i)) {
        continue;
      }
      total++;
      if (keep == 0) {
        continue;
      }
      best.add(new Entry(key.of(i), i));
      if (best.size() > keep) {
        best.poll();
      }
    }
    List<Entry> sorted = new ArrayList<>(best);
    sorted.sort(order);
    List<Long> page = new ArrayList<>();
    for (int n = query.offset(); n < sorted.size(); n++) {
      page.add(sorted.get(n).index());
    }
    return new Outcome(total, page);
  }

  /** Missing values sort last in either direction; ties go by ascending id. */
  private static Comparator<Entry> entryOrder(boolean descending) {
    return (a, b) -> {
      if (a.key() == null || b.key() == null) {
        if (a.key() == null && b.key() == null) {
          return Long.compare(a.index(), b.index());
        }
        return a.key() == null ? 1 : -1;
      }
      int c = a.key().compareTo(b.key());
      if (c != 0) {
        return descending ? -c : c;
      }
      return Long.compare(a.index(), b.index());
    };
  }

  // ---- filters

  @FunctionalInterface
  private interface Test {
    boolean test(long index);
  }

  @FunctionalInterface
  private interface Key {
    Comparable<Object> of(long index);
  }

  private Test matcher(List<List<Test>> groups) {
    Test text = query.query() == null ? i -> true : fullText(query.query());
    if (groups.isEmpty()) {
      return text;
    }
    return i -> {
      if (!text.test(i)) {
        return false;
      }
      for (List<Test> group : groups) {
        boolean all = true;
        for (Test test : group) {
          if (!test.test(i)) {
            all = false;
            break;
          }
        }
        if (all) {
          return true;
        }
      }
      return false;
    };
  }

  /** The free-text "query": a case-insensitive match in any HubSpot-defined text property. */
  private Test fullText(String text) {
    String needle = text.toLowerCase(Locale.ROOT);
    ObjectSchema schema = generator.schema();
    List<Integer> searched = new ArrayList<>();
    for (int p = 0; p < schema.size(); p++) {
      PropertySpec spec = schema.spec(p);
      if (spec.isText() && spec.definition().hubspotDefined()) {
        searched.add(p);
      }
    }
    return i -> {
      for (int p : searched) {
        String value = generator.value(i, p);
        if (value != null && value.toLowerCase(Locale.ROOT).contains(needle)) {
          return true;
        }
      }
      return false;
    };
  }

  private Test compile(SearchFilter filter) throws ApiException {
    int ordinal = generator.schema().ordinal(filter.propertyName());
    Key key = keyOf(filter.propertyName());
    switch (filter.operator()) {
      case HAS_PROPERTY:
        return i -> ordinal >= 0 && generator.value(i, ordinal) != null;
      case NOT_HAS_PROPERTY:
        return i -> ordinal < 0 || generator.value(i, ordinal) == null;
      case CONTAINS_TOKEN:
      case NOT_CONTAINS_TOKEN: {
        String token = filter.value().replace("*", "").toLowerCase(Locale.ROOT);
        boolean wanted = filter.operator() == FilterOperator.CONTAINS_TOKEN;
        return i -> {
          String value = ordinal < 0 ? null : generator.value(i, ordinal);
          boolean has = value != null && value.toLowerCase(Locale.ROOT).contains(token);
          return has == wanted;
        };
      }
      default:
        break;
    }
    Comparable<Object> value = constant(filter.propertyName(), filter.value());
    switch (filter.operator()) {
      case EQ:
        return i -> compare(key.of(i), value) == 0;
      case NEQ:
        return i -> compare(key.of(i), value) != 0;
      case LT:
        return i -> compare(key.of(i), value) < 0;
      case LTE:
        return i -> compare(key.of(i), value) <= 0;
      case GT:
        return i -> compare(key.of(i), value) > 0 && key.of(i) != null;
      case GTE:
        return i -> compare(key.of(i), value) >= 0 && key.of(i) != null;
      case BETWEEN: {
        Comparable<Object> high = constant(filter.propertyName(), filter.highValue());
        return i -> {
          Comparable<Object> k = key.of(i);
          return k != null && k.compareTo(value) >= 0 && k.compareTo(high) <= 0;
        };
      }
      case IN:
      case NOT_IN: {
        List<Comparable<Object>> values = new ArrayList<>();
        for (String v : filter.values()) {
          values.add(constant(filter.propertyName(), v));
        }
        boolean wanted = filter.operator() == FilterOperator.IN;
        return i -> {
          Comparable<Object> k = key.of(i);
          boolean in = k != null && values.stream().anyMatch(v -> k.compareTo(v) == 0);
          return in == wanted;
        };
      }
      default:
        throw ApiException.validation("Unsupported operator " + filter.operator() + ".");
    }
  }

  /**
   * Comparison for EQ/NEQ/LT...: a missing value compares as "different and not smaller", so it
   * matches NEQ but never EQ, LT, LTE, GT or GTE.
   */
  private static int compare(Comparable<Object> key, Comparable<Object> value) {
    if (key == null) {
      return Integer.MAX_VALUE;
    }
    return key.compareTo(value);
  }

  private void narrow(long[] range, SearchFilter filter) throws ApiException {
    if (!filter.onObjectId()) {
      return;
    }
    IdSequence ids = generator.ids();
    switch (filter.operator()) {
      case EQ -> {
        long v = idConstant(filter.value());
        range[0] = Math.max(range[0], ids.ceilingIndex(v));
        range[1] = Math.min(range[1], ids.ceilingIndex(plusOne(v)));
      }
      case GT -> range[0] = Math.max(range[0], ids.ceilingIndex(plusOne(idConstant(filter.value()))));
      case GTE -> range[0] = Math.max(range[0], ids.ceilingIndex(idConstant(filter.value())));
      case LT -> range[1] = Math.min(range[1], ids.ceilingIndex(idConstant(filter.value())));
      case LTE -> range[1] = Math.min(range[1],
          ids.ceilingIndex(plusOne(idConstant(filter.value()))));
      case BETWEEN -> {
        range[0] = Math.max(range[0], ids.ceilingIndex(idConstant(filter.value())));
        range[1] = Math.min(range[1], ids.ceilingIndex(plusOne(idConstant(filter.highValue()))));
      }
      case IN -> {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (String v : filter.values()) {
          long id = idConstant(v);
          min = Math.min(min, id);
          max = Math.max(max, id);
        }
        range[0] = Math.max(range[0], ids.ceilingIndex(min));
        range[1] = Math.min(range[1], ids.ceilingIndex(plusOne(max)));
      }
      default -> {
        // NEQ, NOT_IN, HAS_PROPERTY...: no narrowing
      }
    }
    if (range[1] < range[0]) {
      range[1] = range[0];
    }
  }

  private static long plusOne(long v) {
    return v == Long.MAX_VALUE ? v : v + 1;
  }

  private static long idConstant(String text) throws ApiException {
    try {
      return new BigDecimal(text.trim()).longValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      throw ApiException.validation("Invalid filter value for hs_object_id: " + text
          + " is not a record id.");
    }
  }

  // ---- typed values

  /** The comparable form of a record's value of the property: by the property's type. */
  @SuppressWarnings("unchecked")
  private Key keyOf(String propertyName) {
    int ordinal = generator.schema().ordinal(propertyName);
    if (ordinal < 0) {
      return i -> null;
    }
    PropertySpec spec = generator.schema().spec(ordinal);
    if (spec.shape() == ValueShape.OBJECT_ID) {
      return i -> (Comparable<Object>) (Comparable<?>) generator.ids().id(i);
    }
    if (spec.isTime()) {
      return i -> (Comparable<Object>) (Comparable<?>) generator.timeValue(i, ordinal);
    }
    if (spec.isNumber()) {
      return i -> (Comparable<Object>) (Comparable<?>) number(generator.value(i, ordinal));
    }
    return i -> {
      String value = generator.value(i, ordinal);
      return value == null ? null
          : (Comparable<Object>) (Comparable<?>) value.toLowerCase(Locale.ROOT);
    };
  }

  /** A filter operand in the comparable form of the property's values. */
  @SuppressWarnings("unchecked")
  private Comparable<Object> constant(String propertyName, String text) throws ApiException {
    int ordinal = generator.schema().ordinal(propertyName);
    PropertySpec spec = ordinal < 0 ? null : generator.schema().spec(ordinal);
    if (spec != null && spec.shape() == ValueShape.OBJECT_ID) {
      return (Comparable<Object>) (Comparable<?>) idConstant(text);
    }
    if (spec != null && spec.isTime()) {
      Long time = Timeline.parse(text);
      if (time == null) {
        throw ApiException.validation("Invalid filter value for " + propertyName + ": " + text
            + " is neither epoch milliseconds nor an ISO-8601 date or time.");
      }
      return (Comparable<Object>) (Comparable<?>) time;
    }
    if (spec != null && spec.isNumber()) {
      BigDecimal number = number(text);
      if (number == null) {
        throw ApiException.validation("Invalid filter value for " + propertyName + ": " + text
            + " is not a number.");
      }
      return (Comparable<Object>) (Comparable<?>) number;
    }
    return (Comparable<Object>) (Comparable<?>) text.toLowerCase(Locale.ROOT);
  }

  private static BigDecimal number(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
