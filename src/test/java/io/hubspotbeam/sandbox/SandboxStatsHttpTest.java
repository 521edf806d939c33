package io.hubspotbeam.sandbox;

import static io.hubspotbeam.sandbox.SandboxCalls.json;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** GET /__sandbox/stats: the counters over HTTP, for benchmarks against a standalone portal. */
class SandboxStatsHttpTest {

  @Test
  void statsNeedNoTokenAreNotCountedAndReportEveryCounterAndSize() {
    try (SandboxPortal portal = SandboxPortal.builder().build().start()) {
      SandboxCalls calls = new SandboxCalls(portal);
      SandboxCalls anonymous = calls.withToken(null);
      calls.get("/crm/v3/objects/contacts?limit=1");
      calls.get("/crm/v3/objects/contacts?limit=1");
      calls.get("/crm/v3/properties/deals");
      calls.get("/crm/v2/nothing");
      HttpResponse<String> response = anonymous.get("/__sandbox/stats");
      assertEquals(200, response.statusCode());
      assertThat(response.headers().firstValue("Content-Type").orElse(""),
          startsWith("application/json"));
      assertThat(response.headers().firstValue("X-HubSpot-RateLimit-Daily").isPresent(),
          is(false));
      JsonNode stats = json(response);
      assertEquals(4, stats.get("totalRequests").asLong());
      assertEquals(2, stats.at("/requestsByKind/list").asLong());
      assertEquals(1, stats.at("/requestsByKind/properties").asLong());
      assertEquals(1, stats.at("/requestsByKind/unknown").asLong());
      assertEquals(3, stats.at("/responsesByStatus/200").asLong());
      assertEquals(1, stats.at("/responsesByStatus/404").asLong());
      assertEquals(0, stats.get("rateLimited").asLong());
      for (String policy : new String[] {"tenSecondly", "secondly", "daily"}) {
        assertEquals(0, stats.at("/rateLimitedByPolicy/" + policy).asLong(), policy);
      }
      assertEquals(0, stats.get("serverErrors").asLong());
      assertEquals(0, stats.get("connectionResets").asLong());
      assertEquals(650, stats.at("/sizes/contacts").asLong());
      assertEquals(14, stats.get("sizes").size(), "13 standard objects and the custom one");
      assertEquals(150, stats.at("/sizes/p48213759_licenses").asLong());

      portal.data().grow("contacts", 5);
      portal.revokeToken();
      JsonNode again = json(anonymous.get("/__sandbox/stats"));
      assertEquals(4, again.get("totalRequests").asLong(), "reading stats is not counted");
      assertEquals(655, again.at("/sizes/contacts").asLong());
      assertEquals(4, portal.stats().totalRequests());
    }
  }

  @Test
  void rateLimitedCallsAreSplitByPolicy() throws Exception {
    try (SandboxPortal portal = SandboxPortal.builder().tenSecondlyLimit(2).searchPerSecond(1)
        .build().start()) {
      SandboxCalls calls = new SandboxCalls(portal);
      for (int i = 0; i < 5; i++) {
        calls.get("/crm/v3/objects/notes?limit=1");
      }
      for (int i = 0; i < 3; i++) {
        calls.post("/crm/v3/objects/notes/search", "{}");
      }
      JsonNode stats = json(calls.get("/__sandbox/stats"));
      assertEquals(3, stats.at("/rateLimitedByPolicy/tenSecondly").asLong());
      assertThat(stats.at("/rateLimitedByPolicy/secondly").asLong(), greaterThanOrEqualTo(1L));
      assertEquals(0, stats.at("/rateLimitedByPolicy/daily").asLong());
      assertEquals(stats.at("/rateLimitedByPolicy/tenSecondly").asLong()
          + stats.at("/rateLimitedByPolicy/secondly").asLong(), stats.get("rateLimited").asLong());
      assertEquals(stats.get("rateLimited").asLong(), stats.at("/responsesByStatus/429").asLong());
    }
    try (SandboxPortal portal = SandboxPortal.builder().dailyLimit(1).build().start()) {
      SandboxCalls calls = new SandboxCalls(portal);
      calls.get("/crm/v3/objects/notes?limit=1");
      calls.get("/crm/v3/objects/notes?limit=1");
      JsonNode stats = json(calls.get("/__sandbox/stats"));
      assertEquals(1, stats.at("/rateLimitedByPolicy/daily").asLong());
      assertEquals(1, portal.stats().rateLimitedByPolicy().get("daily"));
    }
  }

  @Test
  void resetAnswersTheCountsThenZeroesThem() {
    try (SandboxPortal portal = SandboxPortal.builder().build().start()) {
      SandboxCalls calls = new SandboxCalls(portal);
      calls.get("/crm/v3/objects/contacts?limit=1");
      calls.get("/crm/v3/objects/contacts?limit=1");
      JsonNode reset = json(calls.get("/__sandbox/stats?reset=true"));
      assertEquals(2, reset.get("totalRequests").asLong());
      assertEquals(true, reset.get("reset").asBoolean());
      JsonNode after = json(calls.get("/__sandbox/stats"));
      assertEquals(0, after.get("totalRequests").asLong());
      assertEquals(0, after.at("/requestsByKind/list").asLong());
      assertEquals(0, portal.stats().requests("list"));
      calls.get("/crm/v3/objects/contacts?limit=1");
      assertEquals(1, json(calls.get("/__sandbox/stats")).get("totalRequests").asLong());

      SandboxStats.Snapshot snapshot = portal.stats().snapshotAndReset();
      assertEquals(1, snapshot.totalRequests());
      assertEquals(1L, snapshot.requestsByKind().get("list"));
      assertEquals(0, portal.stats().totalRequests());
    }
  }

  @Test
  void wrongMethodsAndBadResetValuesAreRefused() {
    try (SandboxPortal portal = SandboxPortal.builder().build().start()) {
      SandboxCalls calls = new SandboxCalls(portal);
      HttpResponse<String> post = calls.post("/__sandbox/stats", "{}");
      assertEquals(405, post.statusCode());
      assertEquals("GET", post.headers().firstValue("Allow").orElse(""));
      assertEquals(400, calls.get("/__sandbox/stats?reset=yes").statusCode());
      assertEquals(0, portal.stats().totalRequests());
    }
  }

  @Test
  void statsIgnoreLatencyAndFaults() {
    try (SandboxPortal portal = SandboxPortal.builder().latencyMillis(400).serverErrorRate(1)
        .build().start()) {
      SandboxCalls calls = new SandboxCalls(portal);
      long start = System.nanoTime();
      assertEquals(200, calls.get("/__sandbox/stats").statusCode());
      assertThat((System.nanoTime() - start) / 1_000_000, lessThan(400L));
    }
  }
}
