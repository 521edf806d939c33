package io.hubspotbeam.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hubspotbeam.client.CrmObject;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.util.SerializableUtils;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class TableLayoutTest {
  private static final List<String> HARD_VALUES = List.of(
      "plain", "comma, inside", "quote \" inside", "\"quoted\"", "line\nfeed", "carriage\rreturn",
      "crlf\r\nboth", " leading and trailing ", "emoji 👍🏽 👩‍👩‍👧", "中文 日本語 한국어",
      "مرحبا שלום", "e\u0301 combining", "", "=SUM(A1)", "+1", "-1", "@me", "back\\slash",
      "x".repeat(20_000));

  @Test
  void hardValuesAndNullsSurviveTheRoundTrip() throws Exception {
    List<String> properties = new ArrayList<>();
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < HARD_VALUES.size(); i++) {
      properties.add("p" + i);
      values.put("p" + i, HARD_VALUES.get(i));
    }
    properties.add("missing");
    values.put("missing", null);
    TableLayout layout = TableLayout.of("contacts", properties);
    CrmObject record = new CrmObject("contacts", "12345678901", values,
        "2024-01-02T03:04:05.678Z", "2024-02-03T04:05:06.789Z", false, null);

    StringWriter text = new StringWriter();
    try (CSVPrinter printer = new CSVPrinter(text, TableLayout.CSV)) {
      printer.printRecord(layout.header());
      printer.printRecord(layout.row(record));
    }
    List<CSVRecord> rows;
    try (CSVParser parser = TableLayout.CSV.parse(new StringReader(text.toString()))) {
      rows = parser.getRecords();
    }
    assertThat(rows.size(), equalTo(2));
    assertThat(rows.get(0).toList(), equalTo(layout.header()));
    CSVRecord row = rows.get(1);
    assertThat(row.get(0), equalTo("12345678901"));
    for (int i = 0; i < HARD_VALUES.size(); i++) {
      assertThat("column p" + i, row.get(i + 1), equalTo(HARD_VALUES.get(i)));
    }
    assertThat("null stays null, not empty", row.get(HARD_VALUES.size() + 1), nullValue());
    assertThat(row.get(HARD_VALUES.size() + 2), equalTo("2024-01-02T03:04:05.678Z"));
    assertThat(row.get(HARD_VALUES.size() + 4), equalTo("false"));
  }

  @Test
  void headerIsIdPropertiesInOrderThenTimestamps() {
    TableLayout layout = TableLayout.of("deals", List.of("dealname", "amount"));
    assertThat(layout.header(),
        contains("id", "dealname", "amount", "createdAt", "updatedAt", "archived"));
    assertThat(layout.fileName(), equalTo("deals.csv"));
  }

  @Test
  void theRecordFormatSurvivesSerializationWithEveryTableAndColumn() {
    List<String> odd = List.of("plain", "dash-and.dot", "ünïcode_名前", "p".repeat(300));
    TableFormat<CrmObject> format = TableLayout.format(List.of(
        TableLayout.of("contacts", odd),
        TableLayout.of("deals", List.of("dealname", "amount")).withArchivedAt(),
        TableLayout.of("notes", List.of())));
    TableFormat<CrmObject> copy = SerializableUtils.clone(format);

    assertThat(copy.headers(), equalTo(format.headers()));
    assertThat(copy.headers().keySet(), contains("contacts", "deals", "notes"));
    assertThat(copy.headers().get("deals"), contains("id", "dealname", "amount", "createdAt",
        "updatedAt", "archived", "archivedAt"));
    Map<String, String> values = new LinkedHashMap<>();
    odd.forEach(p -> values.put(p, "v " + p));
    CrmObject contact = new CrmObject("contacts", "7", values, "2024-01-01T00:00:00.000Z",
        "2024-01-02T00:00:00.000Z", false, null);
    assertThat(copy.cells(contact), equalTo(format.cells(contact)));
    CrmObject deal = new CrmObject("deals", "8", Map.of("dealname", "big"),
        "2024-01-01T00:00:00.000Z", "2024-01-02T00:00:00.000Z", true, "2024-03-01T00:00:00.000Z");
    assertThat(copy.cells(deal), equalTo(format.cells(deal)));
    assertThat(copy.cells(deal).get(6), equalTo("2024-03-01T00:00:00.000Z"));
  }

  @Test
  void propertyNamesThatClashWithFixedColumnsAreRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> TableLayout.of("deals", List.of("createdAt")));
  }
}
