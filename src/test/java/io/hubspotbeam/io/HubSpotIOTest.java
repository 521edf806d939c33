package io.hubspotbeam.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hubspotbeam.client.AccessToken;
import io.hubspotbeam.client.BaseUrl;
import io.hubspotbeam.client.CrmObject;
import io.hubspotbeam.sandbox.SandboxPortal;
import io.hubspotbeam.sandbox.SandboxRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The read transform on the DirectRunner against the sandbox portal. */
class HubSpotIOTest {
  private static SandboxPortal portal;
  private static ConnectionConfig connection;

  @BeforeAll
  static void startPortal() {
    portal = SandboxPortal.builder()
        .objectSize("deals", 1500)
        .objectSize("tickets", 350)
        .latencyMillis(2)
        .build();
    portal.start();
    connection = ConnectionConfig.of(BaseUrl.parse(portal.baseUrl()),
        AccessToken.of(portal.token(), "the test portal"));
  }

  @AfterAll
  static void stopPortal() {
    portal.close();
  }

  private static List<String> expectedKeys(String objectType, long limit) {
    List<String> keys = new ArrayList<>();
    for (SandboxRecord record : portal.data().records(objectType, false)) {
      if (keys.size() == limit) {
        break;
      }
      keys.add(objectType + "/" + record.id() + "/" + record.properties().get("hs_object_id"));
    }
    return keys;
  }

  @Test
  void everyRecordExactlyOnceWhenTheRunnerCheckpointsAtEveryChance() {
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    PCollection<CrmObject> records = pipeline.apply(HubSpotIO.read()
        .withConnection(connection)
        .withMinRunBeforeCheckpoint(Duration.ZERO)
        .withObjects(List.of(
            ObjectSpec.of("deals", List.of("hs_object_id", "dealname"), ObjectSpec.ALL),
            ObjectSpec.of("tickets", List.of("hs_object_id"), 217))));
    PCollection<String> keys = records.apply(MapElements.into(TypeDescriptors.strings())
        .via(r -> r.objectType() + "/" + r.id() + "/" + r.properties().get("hs_object_id")))
        .setCoder(StringUtf8Coder.of());
    List<String> expected = new ArrayList<>(expectedKeys("deals", Long.MAX_VALUE));
    expected.addAll(expectedKeys("tickets", 217));
    PAssert.that(keys).containsInAnyOrder(expected);
    pipeline.run().waitUntilFinish();
  }

  @Test
  void aCheckpointCostsNoRequest() {
    // History is read by list only, 50 records a page: 30 pages of deals. The runner
    // checkpoints after every 100 records, so every second page; a reader that fetched the
    // next page before noticing would fetch every second page twice.
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    PCollection<Long> ids = pipeline
        .apply(HubSpotIO.read()
            .withConnection(connection)
            .withMinRunBeforeCheckpoint(Duration.ZERO)
            .withObjects(List.of(ObjectSpec.of("deals", List.of("dealname"), ObjectSpec.ALL)
                .withHistoryOf(List.of("dealname")))))
        .apply(MapElements.into(TypeDescriptors.longs()).via(CrmObject::numericId));
    List<Long> expected = new ArrayList<>();
    for (SandboxRecord record : portal.data().records("deals", false)) {
      expected.add(record.id());
    }
    PAssert.that(ids).containsInAnyOrder(expected);
    portal.stats().reset();
    pipeline.run().waitUntilFinish();
    // A page per 50 live records, and one more where the last full page says there is a next.
    long pages = (expected.size() + 49) / 50;
    assertThat(portal.stats().requests("list"), lessThanOrEqualTo(pages + 1));
  }

  /** Reads contacts from a portal and returns the ids read, checked to be distinct. */
  private static void assertReadsExactly(SandboxPortal source, long count,
      java.util.function.Consumer<SandboxPortal> duringRun, List<Long> mustHave,
      long allowedExtra) {
    ConnectionConfig config = ConnectionConfig.of(BaseUrl.parse(source.baseUrl()),
        AccessToken.of(source.token(), "the test portal")).withRequestsPerTenSeconds(2000);
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    PCollection<Long> ids = pipeline
        .apply(HubSpotIO.read().withConnection(config)
            .withObjects(List.of(ObjectSpec.of("contacts", List.of("hs_object_id"), count))))
        .apply(MapElements.into(TypeDescriptors.longs()).via(CrmObject::numericId));
    PAssert.that(ids).satisfies(read -> {
      java.util.Set<Long> distinct = new java.util.HashSet<>();
      for (Long id : read) {
        assertThat("read twice: " + id, distinct.add(id), equalTo(true));
      }
      assertThat(distinct.containsAll(mustHave), equalTo(true));
      assertThat(distinct.size() - mustHave.size() <= allowedExtra, equalTo(true));
      return null;
    });
    Thread during = new Thread(() -> duringRun.accept(source));
    during.start();
    pipeline.run().waitUntilFinish();
    try {
      during.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static List<Long> liveContactIds(SandboxPortal source, long limit) {
    List<Long> ids = new ArrayList<>();
    for (SandboxRecord record : source.data().records("contacts", false)) {
      if (ids.size() == limit) {
        break;
      }
      ids.add(record.id());
    }
    return ids;
  }

  @Test
  void opaqueCursorsAreNoticedAndTheRestIsSearchedExactly() {
    try (SandboxPortal opaque = SandboxPortal.builder().objectSize("contacts", 21_000)
        .cursorStyle(io.hubspotbeam.sandbox.CursorStyle.OPAQUE).build()) {
      opaque.start();
      assertReadsExactly(opaque, ObjectSpec.ALL, p -> { }, liveContactIds(opaque, Long.MAX_VALUE),
          0);
      assertThat(opaque.stats().requests("search") > 10, equalTo(true));
    }
  }

  @Test
  void shortAndEmptyPagesLoseNothing() {
    try (SandboxPortal shortPages = SandboxPortal.builder().objectSize("contacts", 23_000)
        .shortPageRate(0.3).build()) {
      shortPages.start();
      assertReadsExactly(shortPages, ObjectSpec.ALL, p -> { },
          liveContactIds(shortPages, Long.MAX_VALUE), 0);
      assertReadsExactly(shortPages, 777, p -> { }, liveContactIds(shortPages, 777), 0);
    }
  }

  @Test
  void recordsCreatedDuringTheRunNeitherDuplicateNorHideOthers() {
    try (SandboxPortal growing = SandboxPortal.builder().objectSize("contacts", 22_000).build()) {
      growing.start();
      List<Long> before = liveContactIds(growing, Long.MAX_VALUE);
      assertReadsExactly(growing, ObjectSpec.ALL, p -> {
        for (int i = 0; i < 20; i++) {
          p.data().grow("contacts", 100);
          try {
            Thread.sleep(50);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, before, 2_000);
    }
  }

  @Test
  void displayDataNamesTheTokenSourceNotTheToken() {
    HubSpotIO.Read read = HubSpotIO.read().withConnection(connection)
        .withObjects(List.of(ObjectSpec.of("deals", List.of("dealname"), 10)));
    String shown = DisplayData.from(read).toString();
    assertThat(shown, containsString("the test portal"));
    assertThat(shown, not(containsString(portal.token())));
    assertThat(connection.toString(), not(containsString(portal.token())));
  }

  @Test
  void configurationErrorsAreNamed() {
    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
        () -> HubSpotIO.read().withObjects(List.of(
            ObjectSpec.of("deals", List.of("a"), 1), ObjectSpec.of("deals", List.of("b"), 1))));
    assertThat(twice.getMessage(), containsString("listed twice"));
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
    IllegalStateException noConnection = assertThrows(IllegalStateException.class,
        () -> pipeline.apply(HubSpotIO.read()
            .withObjects(List.of(ObjectSpec.of("deals", List.of("a"), 1)))));
    assertThat(noConnection.getMessage(), equalTo("HubSpotIO.read() needs withConnection(...)"));
  }
}
