package io.hubspotbeam.sandbox;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongUnaryOperator;

/**
 * Computes any property value of any record of one object from (seed, object, index, property)
 * alone, so that a portal of millions of records costs no memory. Early records (index below the
 * number of {@link HardValue} kinds) each carry one hard value in a HubSpot-defined text
 * property; about 3% of later records carry a random one in any text property.
 */
final class RecordGenerator {
  private static final double SPRINKLE_RATE = 0.03;
  /** The share of built properties that had another value first (see {@link #history}). */
  private static final double REVISED_RATE = 0.25;
  /** The version number that generates a property's value before its built one. */
  private static final int EARLIER_VERSION = -1;

  private final long seed;
  private final ObjectSchema schema;
  private final IdSequence ids;
  private final Timeline timeline;
  private final ArchivePlan archive;
  private final LongUnaryOperator productId;
  private final ChangeSource sources;
  /** Changes made while the portal runs ({@link SandboxData#modify}), oldest first. */
  private final List<Edit> edits;

  /**
   * Records {@code [from, to)} whose index is a multiple of {@code every} past {@code from} were
   * changed at {@code at}: about a third of their properties got new values (those
   * {@link #changes} picks for this edit's {@code version}), and the modification time became
   * {@code at} for all of them at once, as a bulk update or an import does in HubSpot.
   */
  record Edit(long from, long to, long every, long at, int version) {
    boolean covers(long index) {
      return index >= from && index < to && (index - from) % every == 0;
    }
  }

  /**
   * @param productId maps a pick (any long) to an existing product id, or to -1 when the portal
   *     has no products; line items reference real products through it
   */
  RecordGenerator(long seed, ObjectSchema schema, IdSequence ids, Timeline timeline,
      ArchivePlan archive, LongUnaryOperator productId) {
    this.seed = SeedMix.of(seed, SeedMix.code("values"), schema.object().ordinal());
    this.schema = schema;
    this.ids = ids;
    this.timeline = timeline;
    this.archive = archive;
    this.productId = productId;
    this.sources = new ChangeSource(seed);
    this.edits = List.of();
  }

  private RecordGenerator(RecordGenerator base, IdSequence ids, Timeline timeline,
      List<Edit> edits) {
    this(base, ids, timeline, edits, base.archive);
  }

  private RecordGenerator(RecordGenerator base, IdSequence ids, Timeline timeline,
      List<Edit> edits, ArchivePlan archive) {
    this.seed = base.seed;
    this.schema = base.schema;
    this.ids = ids;
    this.timeline = timeline;
    this.archive = archive;
    this.productId = base.productId;
    this.sources = base.sources;
    this.edits = edits;
  }

  /**
   * The same object with {@code size} records, the new ones created at {@code at} (see
   * {@link Timeline#withGrowth}): every value is a function of the index, so the records it
   * shares with this one are identical and the rest are appended after them.
   */
  RecordGenerator withSize(long size, long at) {
    return new RecordGenerator(this, ids.withSize(size), timeline.withGrowth(size, at), edits);
  }

  /** The same object after one more edit; see {@link Edit}. */
  RecordGenerator withEdit(long from, long to, long every, long at) {
    List<Edit> next = new java.util.ArrayList<>(edits);
    next.add(new Edit(from, to, every, at, edits.size() + 1));
    return new RecordGenerator(this, ids, timeline, List.copyOf(next));
  }

  /** The same object with these records archived at {@code at}; see {@link SandboxData#archive}. */
  RecordGenerator withArchived(long from, long to, long every, long at) {
    return new RecordGenerator(this, ids, timeline, edits,
        archive.withArchived(from, to, every, at));
  }

  /** The newest edit of the record, or null when it is as built (or as grown). */
  private Edit lastEdit(long index) {
    for (int e = edits.size() - 1; e >= 0; e--) {
      if (edits.get(e).covers(index)) {
        return edits.get(e);
      }
    }
    return null;
  }

  /** The newest edit that gave this property of the record a new value, or null. */
  Edit lastChange(long index, int ordinal) {
    for (int e = edits.size() - 1; e >= 0; e--) {
      Edit edit = edits.get(e);
      if (edit.covers(index) && changes(edit, ordinal)) {
        return edit;
      }
    }
    return null;
  }

  /** Every edit that gave this property of the record a new value, oldest first. */
  List<Edit> changesOf(long index, int ordinal) {
    List<Edit> out = new java.util.ArrayList<>();
    for (Edit edit : edits) {
      if (edit.covers(index) && changes(edit, ordinal)) {
        out.add(edit);
      }
    }
    return out;
  }

  /** Whether the edit sets this property (about a third of them; never the id or creation). */
  boolean changes(Edit edit, int ordinal) {
    ValueShape shape = schema.spec(ordinal).shape();
    if (shape == ValueShape.OBJECT_ID || shape == ValueShape.CREATED
        || shape == ValueShape.MODIFIED) {
      return false;
    }
    return SeedMix.unit(seed, edit.version(), ordinal, 6) < 0.35;
  }

  long createdAt(long index) {
    return timeline.createdAt(index);
  }

  /** The modification time: the newest edit's, else the timeline's. */
  long updatedAt(long index) {
    Edit edit = edits.isEmpty() ? null : lastEdit(index);
    return edit == null ? timeline.updatedAt(index) : edit.at();
  }

  long archivedAt(long index) {
    Long later = archive.archivedLater(index);
    return later != null ? later : timeline.archivedAt(index);
  }

  ObjectSchema schema() {
    return schema;
  }

  IdSequence ids() {
    return ids;
  }

  ArchivePlan archive() {
    return archive;
  }

  SandboxRecord record(long index) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int p = 0; p < schema.size(); p++) {
      values.put(schema.spec(p).name(), value(index, p));
    }
    boolean archived = archive.isArchived(index);
    return new SandboxRecord(ids.id(index), values, Timeline.iso(createdAt(index)),
        Timeline.iso(updatedAt(index)), archived,
        archived ? Timeline.iso(archivedAt(index)) : null);
  }

  /** The value of one property of one record: a string, or null for "no value". */
  String value(long index, int ordinal) {
    PropertySpec spec = schema.spec(ordinal);
    switch (spec.shape()) {
      case OBJECT_ID:
        return Long.toString(ids.id(index));
      case CREATED:
        return Timeline.iso(createdAt(index));
      case MODIFIED:
        return Timeline.iso(updatedAt(index));
      default:
        break;
    }
    Edit change = edits.isEmpty() ? null : lastChange(index, ordinal);
    if (change != null) {
      return valueAt(index, ordinal, change.version());
    }
    HardValue hard = hardValue(index, ordinal);
    if (hard != null) {
      return hard.text();
    }
    if (SeedMix.unit(seed, index, ordinal, 1) >= spec.fillRate()) {
      return null;
    }
    return generate(index, ordinal, spec, 0);
  }

  /**
   * The value the property got from the edit of this version (0: as built, without hard values),
   * or null when that version left it empty.
   */
  String valueAt(long index, int ordinal, int version) {
    PropertySpec spec = schema.spec(ordinal);
    double fill = version == 0 ? SeedMix.unit(seed, index, ordinal, 1)
        : SeedMix.unit(seed, index, ordinal, 1, version);
    if (fill >= spec.fillRate()) {
      return null;
    }
    return generate(index, ordinal, spec, version);
  }

  /**
   * Every version of one property of the record, newest first, as propertiesWithHistory lists
   * it. Consistent with the record by construction: the newest value is {@link #value} (or ""
   * when the newest change cleared it), no version is older than the creation time or newer than
   * {@link #updatedAt}, and the times strictly fall. A property that never had a value has none.
   *
   * <p>The built part: the value the record was created with, at its creation time; for about a
   * quarter of the properties of records modified after creation, an earlier different value at
   * creation and the built value set later, before the timeline's modification time. Then one
   * version per edit that changed the property ({@link #changesOf}), at the edit's time. The id,
   * creation and modification properties have the one version HubSpot computes.
   */
  List<HistoryVersion> history(long index, int ordinal) {
    PropertySpec spec = schema.spec(ordinal);
    long created = createdAt(index);
    switch (spec.shape()) {
      case OBJECT_ID, CREATED:
        return List.of(sources.calculated(value(index, ordinal), created));
      case MODIFIED:
        return List.of(sources.calculated(value(index, ordinal), updatedAt(index)));
      default:
        break;
    }
    PortalObject object = schema.object();
    List<HistoryVersion> oldestFirst = new ArrayList<>();
    String built = builtValue(index, ordinal);
    if (built != null) {
      long touched = timeline.updatedAt(index);
      String earlier = touched > created
          && SeedMix.unit(seed, index, ordinal, 8) < REVISED_RATE
          ? generate(index, ordinal, spec, EARLIER_VERSION) : null;
      if (earlier != null && !earlier.equals(built)) {
        oldestFirst.add(sources.creation(object, index, earlier, created));
        long at = created + 1 + SeedMix.below(touched - created, seed, index, ordinal, 9);
        oldestFirst.add(sources.laterChange(object, index, ordinal, built, at));
      } else {
        oldestFirst.add(sources.creation(object, index, built, created));
      }
    }
    for (Edit edit : edits.isEmpty() ? List.<Edit>of() : changesOf(index, ordinal)) {
      String set = valueAt(index, ordinal, edit.version());
      boolean empty = oldestFirst.isEmpty()
          || oldestFirst.get(oldestFirst.size() - 1).value().isEmpty();
      if (set == null && empty) {
        // Clearing what holds no value leaves no trace, so a property that never had a value
        // keeps an empty history.
        continue;
      }
      oldestFirst.add(sources.bulkUpdate(object, edit.version(), set == null ? "" : set,
          edit.at()));
    }
    java.util.Collections.reverse(oldestFirst);
    return java.util.Collections.unmodifiableList(oldestFirst);
  }

  /** The value the record was created with: {@link #value} before any edit. */
  private String builtValue(long index, int ordinal) {
    HardValue hard = hardValue(index, ordinal);
    return hard != null ? hard.text() : valueAt(index, ordinal, 0);
  }

  /**
   * The time a date or datetime property holds, as epoch milliseconds, without formatting and
   * parsing it back: search filters on the modification time scan millions of records.
   */
  Long timeValue(long index, int ordinal) {
    PropertySpec spec = schema.spec(ordinal);
    switch (spec.shape()) {
      case CREATED:
        return createdAt(index);
      case MODIFIED:
        return updatedAt(index);
      default:
        return Timeline.parse(value(index, ordinal));
    }
  }

  private HardValue hardValue(long index, int ordinal) {
    HardValue[] kinds = HardValue.values();
    if (index < kinds.length) {
      int carrier = schema.hardValueCarrier((int) index * 5 + schema.object().ordinal());
      return carrier == ordinal ? kinds[(int) index] : null;
    }
    if (index == ArchivePlan.ALWAYS_ARCHIVED
        || SeedMix.unit(seed, index, -1, 2) >= SPRINKLE_RATE) {
      return null;
    }
    int carrier = schema.textProperty(SeedMix.of(seed, index, -1, 3));
    return carrier == ordinal ? kinds[(int) SeedMix.below(kinds.length, seed, index, -1, 4)]
        : null;
  }

  private String generate(long index, int ordinal, PropertySpec spec, int version) {
    long h = version == 0 ? SeedMix.of(seed, index, ordinal, 5)
        : SeedMix.of(seed, index, ordinal, 5, version);
    return switch (spec.shape()) {
      case FIRST_NAME -> firstName(index);
      case LAST_NAME -> lastName(index);
      case EMAIL -> email(index, h);
      case PHONE -> "+1 " + digits(200 + mod(h, 700), 3) + "-" + digits(mod(h >>> 12, 1000), 3)
          + "-" + digits(mod(h >>> 24, 10_000), 4);
      case COMPANY_NAME -> companyName(h);
      case JOB_TITLE -> pick(Vocabulary.JOB_TITLES, h);
      case DOMAIN -> domain(h);
      case WEBSITE -> "https://www." + domain(h);
      case URL -> "https://www." + domain(h) + "/" + pick(Vocabulary.WORDS, h >>> 20)
          + "?utm_source=" + pick(Vocabulary.WORDS, h >>> 30);
      case STREET -> (1 + mod(h, 400)) + " " + pick(Vocabulary.STREETS, h >>> 16);
      case CITY -> place(index)[0];
      case STATE -> place(index)[1];
      case COUNTRY -> place(index)[2];
      case ZIP -> digits(mod(h, 100_000), 5);
      case WORD -> pick(Vocabulary.WORDS, h);
      case SENTENCE -> sentence(h, 4 + mod(h >>> 40, 8));
      case PARAGRAPH -> paragraph(h);
      case SUBJECT -> capitalize(pick(Vocabulary.WORDS, h)) + " " + pick(Vocabulary.WORDS, h >>> 8)
          + " #" + (index + 1);
      case PRODUCT_NAME -> pick(Vocabulary.PRODUCTS, h);
      case SKU -> "SKU-" + pick(Vocabulary.WORDS, h).toUpperCase(Locale.ROOT) + "-"
          + digits(mod(h >>> 20, 10_000), 4);
      case BILLING_PERIOD -> "P" + (1 + mod(h, 36)) + "M";
      case LICENSE_KEY -> licenseKey(ids.id(index));
      case ID_LIST -> (10_000_000 + mod(h, 90_000_000)) + ";" + (10_000_000
          + mod(h >>> 27, 90_000_000));
      case COUNT -> Long.toString(mod(h, 60));
      case EMPLOYEES -> Long.toString(1 + mod(h, 50_000));
      case MONEY -> decimal(mod(h, 5_000_000), 2);
      case REVENUE -> Long.toString(10_000 * (1 + mod(h, 500_000)));
      case QUANTITY -> Long.toString(1 + mod(h, 100));
      case PERCENT -> decimal(mod(h, 10_001), 2);
      case SCORE -> Long.toString(mod(h, 11));
      case DURATION_MILLIS -> Long.toString(1_000 * mod(h, 7_200));
      case YEAR -> Long.toString(1900 + mod(h, 125));
      case PRODUCT_ID -> {
        long product = productId.applyAsLong(h);
        yield product < 0 ? null : Long.toString(product);
      }
      case DATE -> Timeline.isoDate(timeline.around(index, ordinal + 7_919L * version));
      case DATETIME -> Timeline.iso(timeline.around(index, ordinal + 7_919L * version));
      case OPTION -> {
        List<SandboxPropertyOption> options = spec.definition().options();
        yield options.get((int) mod(h, options.size())).value();
      }
      case OPTIONS -> multiOption(spec.definition().options(), h);
      case BOOL -> (h & 1) == 0 ? "true" : "false";
      case OBJECT_ID, CREATED, MODIFIED -> throw new IllegalStateException("handled above");
    };
  }

  private String firstName(long index) {
    return pick(Vocabulary.FIRST_NAMES, SeedMix.of(seed, index, SeedMix.code("first")));
  }

  private String lastName(long index) {
    return pick(Vocabulary.LAST_NAMES, SeedMix.of(seed, index, SeedMix.code("last")));
  }

  /** Built from the record's own first and last name, as real addresses usually are. */
  private String email(long index, long h) {
    String local = (ascii(firstName(index)) + "." + ascii(lastName(index)))
        .toLowerCase(Locale.ROOT) + index;
    return local + "@" + pick(Vocabulary.DOMAINS, h);
  }

  /**
   * Looks random but is unique: multiplying by an odd constant permutes the 40-bit numbers, and
   * record ids stay far below 2^40; eight base-36 digits hold any 40-bit number.
   */
  private static String licenseKey(long id) {
    long scrambled = (id * 0x9E3779B97F4A7C15L) & ((1L << 40) - 1);
    String digits = Long.toString(scrambled, 36).toUpperCase(Locale.ROOT);
    String padded = "0".repeat(8 - digits.length()) + digits;
    return "LK-" + padded.substring(0, 4) + "-" + padded.substring(4);
  }

  private String[] place(long index) {
    List<String[]> places = Vocabulary.PLACES;
    return places.get((int) mod(SeedMix.of(seed, index, SeedMix.code("place")), places.size()));
  }

  private static String companyName(long h) {
    String suffix = pick(Vocabulary.COMPANY_SUFFIXES, h >>> 20);
    String name = pick(Vocabulary.COMPANY_WORDS, h);
    return suffix.isEmpty() ? name : name + " " + suffix;
  }

  private static final List<String> TOP_LEVEL_DOMAINS =
      List.of("com", "io", "co.uk", "de", "example");

  private static String domain(long h) {
    return ascii(pick(Vocabulary.COMPANY_WORDS, h)).toLowerCase(Locale.ROOT).replace(" ", "")
        + "." + pick(TOP_LEVEL_DOMAINS, h >>> 33);
  }

  private static String sentence(long h, long words) {
    StringBuilder out = new StringBuilder();
    long state = h;
    for (int i = 0; i < words; i++) {
      state = SeedMix.of(state, i);
      String word = pick(Vocabulary.WORDS, state);
      out.append(i == 0 ? capitalize(word) : word);
      if (i + 1 < words) {
        out.append(' ');
      }
    }
    return out.append('.').toString();
  }

  private static String paragraph(long h) {
    long sentences = 1 + mod(h, 4);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < sentences; i++) {
      if (i > 0) {
        out.append(' ');
      }
      out.append(sentence(SeedMix.of(h, i), 5 + mod(h >>> (8 * i), 9)));
    }
    return out.toString();
  }

  private static String multiOption(List<SandboxPropertyOption> options, long h) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < options.size(); i++) {
      if (((h >>> i) & 3) == 0 || (out.length() == 0 && i == options.size() - 1)) {
        out.append(out.length() == 0 ? "" : ";").append(options.get(i).value());
      }
    }
    return out.toString();
  }

  private static String decimal(long unscaled, int scale) {
    return BigDecimal.valueOf(unscaled, scale).stripTrailingZeros().toPlainString();
  }

  /** Names and words come from fixed vocabularies, so each one's letters are worked out once. */
  private static final Map<String, String> ASCII = new ConcurrentHashMap<>();

  private static String ascii(String text) {
    return ASCII.computeIfAbsent(text,
        t -> Normalizer.normalize(t, Normalizer.Form.NFD).replaceAll("[^A-Za-z]", ""));
  }

  /** A non-negative number with leading zeros to {@code width} digits, as %0{width}d prints it. */
  private static String digits(long number, int width) {
    String text = Long.toString(number);
    return text.length() >= width ? text : "0".repeat(width - text.length()) + text;
  }

  private static String capitalize(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }

  private static <T> T pick(List<T> pool, long h) {
    return pool.get((int) mod(h, pool.size()));
  }

  private static long mod(long h, long bound) {
    return Math.floorMod(h, bound);
  }
}
