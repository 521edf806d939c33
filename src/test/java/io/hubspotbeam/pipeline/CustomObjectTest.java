package io.hubspotbeam.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import io.hubspotbeam.pipeline.ExtractMainTest.Run;
import io.hubspotbeam.sandbox.SandboxPortal;
import io.hubspotbeam.sandbox.SandboxRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Custom objects, found through the portal's schemas: the sandbox's "licenses" (objectTypeId
 * 2-7350991, fully qualified name p48213759_licenses), by any of its names.
 */
class CustomObjectTest {
  private static final String TOKEN_VARIABLE = "CUSTOM_OBJECT_TEST_TOKEN";
  private static final String TYPE_ID = "2-7350991";
  private static SandboxPortal portal;

  @TempDir Path output;

  @BeforeAll
  static void startPortal() {
    portal = SandboxPortal.builder().objectSize("licenses", 420).objectSize("companies", 250)
        .build().start();
  }

  @AfterAll
  static void stopPortal() {
    portal.close();
  }

  private Run extract(SandboxPortal from, String... extra) {
    List<String> args = new ArrayList<>(List.of("--baseUrl=" + from.baseUrl(),
        "--tokenEnv=" + TOKEN_VARIABLE, "--output=" + output, "--progress=off", "--count=all"));
    args.addAll(List.of(extra));
    return ExtractMainTest.extract(Map.of(TOKEN_VARIABLE, from.token()),
        args.toArray(new String[0]));
  }

  private static Run ok(Run run) {
    assertThat(run.err(), run.exitCode(), equalTo(0));
    return run;
  }

  @Test
  void aCustomObjectIsExtractedByNameWithEveryProperty() throws Exception {
    Run run = ok(extract(portal, "--objectList=licenses,companies"));
    assertThat(run.err(), containsString("custom objects: licenses (" + TYPE_ID + ")"));
    PortalTruth.assertWhole(portal, output.resolve("licenses.csv"), "licenses");
    PortalTruth.assertWhole(portal, output.resolve("companies.csv"), "companies");
  }

  @Test
  void byObjectTypeIdOrShorthandTheTableIsStillNamedAfterTheObject() throws Exception {
    for (String name : List.of(TYPE_ID, "p_licenses", "p48213759_licenses")) {
      ok(extract(portal, "--objectList=" + name, "--columns=" + name + ":license_key,plan"));
      PortalTruth.assertTable(portal, output.resolve("licenses.csv"), "licenses",
          List.of("license_key", "plan"), Long.MAX_VALUE);
      Files.delete(output.resolve("licenses.csv"));
    }
  }

  @Test
  void associationsOfACustomObjectAreItsOwnTable() throws Exception {
    ok(extract(portal, "--objectList=licenses", "--columns=licenses:license_key",
        "--associations=licenses:companies"));
    Set<List<String>> expected = new HashSet<>();
    for (SandboxRecord license : portal.data().records("licenses", false)) {
      portal.data().associations("licenses", "companies", license.id()).forEach(a ->
          a.types().forEach(t -> expected.add(List.of(Long.toString(license.id()),
              Long.toString(a.toObjectId()), Integer.toString(t.typeId())))));
    }
    assertThat(expected.size(), greaterThan(50));
    List<CSVRecord> rows = ExtractMainTest.readTable(output.resolve("licenses_companies.csv"));
    Set<List<String>> got = new HashSet<>();
    for (CSVRecord row : rows.subList(1, rows.size())) {
      assertThat(got.add(List.of(row.get(0), row.get(1), row.get(2))), equalTo(true));
    }
    assertThat(got, equalTo(expected));
  }

  @Test
  void changesOfACustomObjectAreReadIncrementally() throws Exception {
    long at = portal.data().modify("licenses", 10, 420, 9);
    ok(extract(portal, "--objectList=licenses", "--columns=licenses:license_key,status",
        "--since=" + Instant.ofEpochMilli(at)));
    Set<String> expected = new HashSet<>();
    for (SandboxRecord license : portal.data().records("licenses", false)) {
      if (!Instant.parse(license.updatedAt()).isBefore(Instant.ofEpochMilli(at))) {
        expected.add(Long.toString(license.id()));
      }
    }
    List<CSVRecord> rows = ExtractMainTest.readTable(output.resolve("licenses.csv"));
    Set<String> got = new HashSet<>();
    rows.subList(1, rows.size()).forEach(r -> got.add(r.get(0)));
    assertThat(expected.size(), greaterThan(40));
    assertThat(got, equalTo(expected));
  }

  @Test
  void anUnknownNameIsRefusedWithThePortalsCustomObjects() {
    long before = portal.stats().totalRequests();
    Run run = extract(portal, "--objectList=deals,unicorns");
    assertThat(run.exitCode(), equalTo(ExtractMain.INVALID_INPUT));
    assertThat(run.err(), containsString("unknown object type 'unicorns'"));
    assertThat(run.err(), containsString("licenses (" + TYPE_ID + ")"));
    assertThat("only the schemas were asked", portal.stats().totalRequests() - before,
        equalTo(1L));
  }

  @Test
  void withoutTheSchemaScopeANameIsRefusedButAnObjectTypeIdWorks() throws Exception {
    Set<String> scopes = new HashSet<>(SandboxPortal.ALL_READ_SCOPES);
    scopes.remove("crm.schemas.custom.read");
    try (SandboxPortal limited = SandboxPortal.builder().objectSize("licenses", 60)
        .grantedScopes(scopes).build().start()) {
      Run refused = extract(limited, "--objectList=licenses");
      assertThat(refused.exitCode(), equalTo(ExtractMain.INVALID_INPUT));
      assertThat(refused.err(), containsString("lacks crm.schemas.custom.read"));
      Run byId = ok(extract(limited, "--objectList=" + TYPE_ID,
          "--columns=" + TYPE_ID + ":license_key"));
      assertThat(byId.err(), containsString("keep those names for their tables"));
      PortalTruth.assertTable(limited, output.resolve(TYPE_ID + ".csv"), "licenses",
          List.of("license_key"), Long.MAX_VALUE);
    }
  }
}
