package io.hubspotbeam.sandbox;

/**
 * Text that breaks naive CSV writers, spreadsheets and encoders. Each kind is planted in a
 * fixed early record of every object (record index = ordinal), and sprinkled at random later, so
 * a test can find every kind in every object of 25 records or more.
 */
enum HardValue {
  COMMA("Smith, Jones, and Partners, Inc."),
  DOUBLE_QUOTE("The \"Best\" Widgets \"Ltd\""),
  CARRIAGE_RETURN("first line\rsecond line"),
  LINE_FEED("line one\nline two\nline three"),
  CRLF("row one\r\nrow two\r\n"),
  SURROUNDING_SPACES("   padded on both sides   "),
  EMOJI("Great call 👍🏽 🚀 😀"),
  ZWJ_SEQUENCE("Family account 👨‍👩‍👧‍👦 and 🏳️‍🌈"),
  CJK("株式会社サンドボックス 北京分公司 서울지사"),
  ARABIC("شركة الاختبار المحدودة"),
  HEBREW("חברת ארגז חול בע״מ"),
  COMBINING("Cafe\u0301 Zoe\u0308 n\u0303 A\u030A"),
  EMPTY(""),
  NULL(null),
  LONG_TEXT(longText()),
  FORMULA_EQUALS("=HYPERLINK(\"http://example.invalid\",\"click\")"),
  FORMULA_PLUS("+1 (555) 010-2030"),
  FORMULA_MINUS("-2+3 overdue"),
  FORMULA_AT("@SUM(A1:A9)"),
  BACKSLASH("C:\\sandbox\\exports\\deals.csv and a trailing \\"),
  TAB("tab\tseparated\tvalue"),
  EVERYTHING_AT_ONCE(" \"Quoted, with comma\"\r\nand 👍🏽, \\ = ; \u05D0 ");

  private final String text;

  HardValue(String text) {
    this.text = text;
  }

  /** The value; null for {@link #NULL}. */
  String text() {
    return text;
  }

  private static String longText() {
    StringBuilder out = new StringBuilder();
    int sentence = 0;
    while (out.length() < 12_000) {
      out.append("Sentence ").append(++sentence)
          .append(" of a very long note, with commas, \"quotes\" and a line break.\n");
    }
    return out.toString();
  }
}
