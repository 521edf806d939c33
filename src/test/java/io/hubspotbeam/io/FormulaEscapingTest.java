package io.hubspotbeam.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormulaEscapingTest {
  @Test
  void cellsThatSpreadsheetsWouldRunGetAnApostrophe() {
    for (String formula : List.of("=1+1", "+1 555-0100", "-5", "@SUM(A1)", "\tx", "\r=x",
        "=HYPERLINK(\"http://x\")")) {
      assertThat(formula, FormulaEscaping.escape(formula), equalTo("'" + formula));
    }
  }

  @Test
  void otherCellsNullsAndEmptyStringsStayAsTheyAre() {
    for (String plain : List.of("a=b", "42", "'already", " =x", "")) {
      assertThat(plain, FormulaEscaping.escape(plain), equalTo(plain));
    }
    assertThat(FormulaEscaping.escape(null), nullValue());
  }

  @Test
  void escapesEveryCellOfARowButNotTheHeader() {
    TableFormat<TableRow> format = new FormulaEscaping<>(
        TableRow.format(Map.of("t", List.of("=a", "b"))));
    assertThat(format.headers().get("t"), contains("=a", "b"));
    assertThat(format.cells(new TableRow("t", new String[] {"=1", null})),
        equalTo(Arrays.asList("'=1", null)));
  }
}
