package io.hubspotbeam.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.hubspotbeam.io.TableLayout;
import io.hubspotbeam.sandbox.SandboxPortal;
import io.hubspotbeam.sandbox.SandboxProperty;
import io.hubspotbeam.sandbox.SandboxRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVRecord;

/** Compares an object's table with the sandbox portal's own records, field by field. */
final class PortalTruth {
  private PortalTruth() {}

  /** Every property of the object, sorted: the columns a run without --columns writes. */
  static List<String> allColumns(SandboxPortal portal, String objectType) {
    return portal.data().properties(objectType).stream().map(SandboxProperty::name).sorted()
        .collect(Collectors.toList());
  }

  /** The table holds every live record of the object with every property, nothing else. */
  static void assertWhole(SandboxPortal portal, Path file, String objectType) throws Exception {
    assertTable(portal, file, objectType, allColumns(portal, objectType), Long.MAX_VALUE);
  }

  /**
   * The table holds exactly the portal's live records of the lowest {@code limit} ids, with the
   * given columns, once each, whatever order the rows come in.
   */
  static void assertTable(SandboxPortal portal, Path file, String objectType,
      List<String> columns, long limit) throws Exception {
    List<CSVRecord> rows = ExtractMainTest.readTable(file);
    List<String> header = new ArrayList<>();
    header.add("id");
    header.addAll(columns);
    header.addAll(TableLayout.TRAILING_COLUMNS);
    assertThat(rows.get(0).toList(), equalTo(header));

    List<SandboxRecord> expected = new ArrayList<>();
    for (SandboxRecord record : portal.data().records(objectType, false)) {
      if (expected.size() == limit) {
        break;
      }
      expected.add(record);
    }
    List<CSVRecord> body = new ArrayList<>(rows.subList(1, rows.size()));
    body.sort(Comparator.comparingLong(r -> Long.parseLong(r.get(0))));
    assertThat(objectType + " rows", body.size(), equalTo(expected.size()));
    for (int i = 0; i < expected.size(); i++) {
      SandboxRecord want = expected.get(i);
      CSVRecord got = body.get(i);
      assertThat(got.get(0), equalTo(Long.toString(want.id())));
      for (int c = 0; c < columns.size(); c++) {
        assertThat(objectType + " " + want.id() + " " + columns.get(c), got.get(c + 1),
            equalTo(want.properties().get(columns.get(c))));
      }
      assertThat(got.get(columns.size() + 1), equalTo(want.createdAt()));
      assertThat(got.get(columns.size() + 2), equalTo(want.updatedAt()));
      assertThat(got.get(columns.size() + 3), equalTo("false"));
    }
  }
}
