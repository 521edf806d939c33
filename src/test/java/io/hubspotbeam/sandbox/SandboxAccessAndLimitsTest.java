package io.hubspotbeam.sandbox;

import static io.hubspotbeam.sandbox.SandboxCalls.json;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Authentication, scopes, rate limits and injected faults, each on its own small portal. */
class SandboxAccessAndLimitsTest {

  @Test
  void missingWrongOrRevokedTokensGet401() {
    try (SandboxPortal portal = SandboxPortal.builder().build().start()) {
      SandboxCalls calls = new SandboxCalls(portal);
      assertEquals(200, calls.get("/crm/v3/objects/contacts").statusCode());
      assertUnauthorized(calls.withToken(null).get("/crm/v3/objects/contacts"));
      assertUnauthorized(calls.withToken("pat-na1-wrong").get("/crm/v3/objects/contacts"));
      portal.revokeToken();
      assertUnauthorized(calls.get("/crm/v3/objects/contacts"));
      assertUnauthorized(calls.post("/crm/v3/objects/contacts/search", "{}"));
    }
  }

  private static void assertUnauthorized(HttpResponse<String> response) {
    assertEquals(401, response.statusCode());
    JsonNode body = json(response);
    assertEquals("error", body.get("status").asText());
    assertEquals("INVALID_AUTHENTICATION", body.get("category").asText());
    assertThat(body.get("message").asText(), startsWith("Authentication credentials not found."));
    assertThat(body.get("correlationId").asText(), matchesPattern("[0-9a-f-]{36}"));
  }

  @Test
  void missingScopesGet403NamingTheScope() {
    try (SandboxPortal portal = SandboxPortal.builder()
        .grantedScopes(Set.of("crm.objects.contacts.read")).token("pat-na1-scoped").build()
        .start()) {
      SandboxCalls calls = new SandboxCalls(portal);
      assertEquals("pat-na1-scoped", portal.token());
      assertEquals(200, calls.get("/crm/v3/objects/contacts").statusCode());
      assertEquals(200, calls.get("/crm/v3/objects/notes").statusCode());
      HttpResponse<String> deals = calls.get("/crm/v3/objects/deals");
      assertEquals(403, deals.statusCode());
      JsonNode body = json(deals);
      assertEquals("MISSING_SCOPES", body.get("category").asText());
      assertThat(body.get("message").asText(),
          startsWith("This app hasn't been granted all required scopes to make this call."));
      assertEquals("One or more of the following scopes are required.",
          body.at("/errors/0/message").asText());
      assertEquals("crm.objects.deals.read",
          body.at("/errors/0/context/requiredGranularScopes/0").asText());
      long contact = portal.data().id("contacts", 0);
      HttpResponse<String> associations = calls.get("/crm/v4/objects/contacts/" + contact
          + "/associations/companies");
      assertEquals(403, associations.statusCode(), "both sides' scopes are needed");
      assertEquals(403, calls.post("/crm/v3/objects/tickets/search", "{}").statusCode());
    }
  }

  @Test
  void theTenSecondWindowAnswers429WithHubSpotsBodyAndHeaders() {
    try (SandboxPortal portal = SandboxPortal.builder().tenSecondlyLimit(5).build().start()) {
      SandboxCalls calls = new SandboxCalls(portal);
      for (int i = 0; i < 5; i++) {
        HttpResponse<String> ok = calls.get("/crm/v3/objects/companies?limit=1");
        assertEquals(200, ok.statusCode());
        assertEquals(Integer.toString(4 - i),
            ok.headers().firstValue("X-HubSpot-RateLimit-Remaining").orElseThrow());
        assertEquals("5", ok.headers().firstValue("X-HubSpot-RateLimit-Max").orElseThrow());
        assertEquals("10000",
            ok.headers().firstValue("X-HubSpot-RateLimit-Interval-Milliseconds").orElseThrow());
      }
      HttpResponse<String> limited = calls.get("/crm/v3/objects/companies?limit=1");
      assertEquals(429, limited.statusCode());
      JsonNode body = json(limited);
      assertEquals("error", body.get("status").asText());
      assertEquals("You have reached your ten_secondly_rolling limit.",
          body.get("message").asText());
      assertEquals("RATE_LIMIT", body.get("errorType").asText());
      assertEquals("TEN_SECONDLY_ROLLING", body.get("policyName").asText());
      assertThat(body.get("correlationId").asText(), not(emptyString()));
      assertEquals("0", limited.headers().firstValue("X-HubSpot-RateLimit-Remaining")
          .orElseThrow());
      assertTrue(limited.headers().firstValue("Retry-After").isEmpty());
      assertEquals(1, portal.stats().rateLimited());
      // Search is exempt from the ten-second window.
      assertEquals(200, calls.post("/crm/v3/objects/companies/search", "{}").statusCode());
    }
  }

  @Test
  void theDailyLimitCountsSearchToo() {
    try (SandboxPortal portal = SandboxPortal.builder().dailyLimit(3).searchPerSecond(0).build()
        .start()) {
      SandboxCalls calls = new SandboxCalls(portal);
      assertEquals(200, calls.get("/crm/v3/objects/tasks").statusCode());
      HttpResponse<String> search = calls.post("/crm/v3/objects/tasks/search", "{}");
      assertEquals(200, search.statusCode());
      assertEquals("1", search.headers().firstValue("X-HubSpot-RateLimit-Daily-Remaining")
          .orElseThrow());
      assertEquals(200, calls.get("/crm/v3/objects/tasks").statusCode());
      HttpResponse<String> limited = calls.get("/crm/v3/objects/tasks");
      assertEquals(429, limited.statusCode());
      assertEquals("DAILY", json(limited).get("policyName").asText());
      assertEquals("You have reached your daily limit.", json(limited).get("message").asText());
    }
  }

  @Test
  void searchHasItsOwnSecondlyLimit() {
    try (SandboxPortal portal = SandboxPortal.builder().searchPerSecond(2).build().start()) {
      SandboxCalls calls = new SandboxCalls(portal);
      int limited = 0;
      JsonNode body = null;
      for (int i = 0; i < 4; i++) {
        HttpResponse<String> response = calls.post("/crm/v3/objects/calls/search", "{}");
        if (response.statusCode() == 429) {
          limited++;
          body = json(response);
        }
      }
      assertThat(limited, greaterThanOrEqualTo(1));
      assertEquals("You have reached your secondly limit.", body.get("message").asText());
      assertEquals("RATE_LIMITS", body.get("category").asText());
      assertEquals(200, calls.get("/crm/v3/objects/calls").statusCode());
    }
  }

  @Test
  void droppedConnectionsAreTransportErrorsNotStatuses() {
    try (SandboxPortal portal = SandboxPortal.builder().connectionResetRate(1).build().start()) {
      SandboxCalls calls = new SandboxCalls(portal);
      assertThrows(IOException.class, () -> calls.getOrFail("/crm/v3/objects/contacts"));
      // java.net.http retries an idempotent GET once on a dropped connection.
      assertThat(portal.stats().connectionResets(), greaterThanOrEqualTo(1L));
    }
  }

  @Test
  void injectedServerErrorsVaryBetween502And504() {
    try (SandboxPortal portal = SandboxPortal.builder().serverErrorRate(1).build().start()) {
      SandboxCalls calls = new SandboxCalls(portal);
      Set<Integer> statuses = new HashSet<>();
      Set<String> types = new HashSet<>();
      for (int i = 0; i < 40; i++) {
        HttpResponse<String> response = calls.get("/crm/v3/objects/contacts");
        statuses.add(response.statusCode());
        types.add(response.headers().firstValue("Content-Type").orElse(""));
      }
      assertThat(statuses, everyItem(oneOf(502, 503, 504)));
      assertThat(statuses.size(), greaterThan(1));
      assertThat(types.size(), greaterThan(1));
      assertEquals(40, portal.stats().serverErrors());
    }
  }

  @Test
  void latencyIsAddedToEveryAnswer() {
    try (SandboxPortal portal = SandboxPortal.builder().latencyMillis(120).build().start()) {
      SandboxCalls calls = new SandboxCalls(portal);
      calls.get("/crm/v3/objects/products");
      long started = System.nanoTime();
      assertEquals(200, calls.get("/crm/v3/objects/products").statusCode());
      assertThat((System.nanoTime() - started) / 1_000_000, greaterThanOrEqualTo(120L));
    }
  }

  @Test
  void aShorterUrlLimitIsHonoured() {
    try (SandboxPortal portal = SandboxPortal.builder().maxUrlLength(100).build().start()) {
      SandboxCalls calls = new SandboxCalls(portal);
      assertEquals(200, calls.get("/crm/v3/objects/products?limit=1").statusCode());
      assertEquals(414, calls.get("/crm/v3/objects/products?properties=" + "x".repeat(100))
          .statusCode());
    }
  }
}
