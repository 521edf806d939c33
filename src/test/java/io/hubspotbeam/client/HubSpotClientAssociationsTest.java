package io.hubspotbeam.client;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import io.hubspotbeam.sandbox.SandboxAssociation;
import io.hubspotbeam.sandbox.SandboxAssociationType;
import io.hubspotbeam.sandbox.SandboxPortal;
import io.hubspotbeam.sandbox.SandboxRecord;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Association batch reads against the sandbox portal, on both path families. */
class HubSpotClientAssociationsTest {
  private static SandboxPortal portal;

  @BeforeAll
  static void startPortal() {
    // 900 contacts: the hub deal is associated with more than 500 of them (several pages).
    portal = SandboxPortal.builder()
        .objectSize("deals", 260)
        .objectSize("contacts", 900)
        .objectSize("companies", 150)
        .build();
    portal.start();
  }

  @AfterAll
  static void stopPortal() {
    portal.close();
  }

  private static HubSpotClient client(SandboxPortal target, ApiVersion version) {
    return HubSpotClient.builder()
        .baseUrl(BaseUrl.parse(target.baseUrl()))
        .apiVersion(version)
        .token(AccessToken.of(target.token(), "the test token"))
        .retryPolicy(RetryPolicy.of(4, 5, 50, 50))
        .rateBudget(RateBudget.unlimited())
        .build();
  }

  /** "fromId toId typeId category label" for every association, following every cursor. */
  private static Set<String> readAll(HubSpotClient client, String from, String to,
      List<String> ids, Map<String, Integer> callsPerRecord) {
    Set<String> rows = new TreeSet<>();
    Map<String, String> inputs = new LinkedHashMap<>();
    ids.forEach(id -> inputs.put(id, null));
    while (!inputs.isEmpty()) {
      AssociationBatch batch = client.readAssociations(from, to, inputs, from + "_" + to);
      inputs.keySet().forEach(id -> callsPerRecord.merge(id, 1, Integer::sum));
      for (Association a : batch.associations()) {
        for (AssociationType type : a.types()) {
          rows.add(a.fromId() + " " + a.toId() + " " + type.typeId() + " " + type.category()
              + " " + type.label());
        }
      }
      inputs.clear();
      inputs.putAll(batch.nextAfter());
    }
    return rows;
  }

  private static Set<String> expected(String from, String to, List<String> ids) {
    Set<String> rows = new TreeSet<>();
    for (String id : ids) {
      for (SandboxAssociation a : portal.data().associations(from, to, Long.parseLong(id))) {
        for (SandboxAssociationType type : a.types()) {
          rows.add(id + " " + a.toObjectId() + " " + type.typeId() + " " + type.category() + " "
              + type.label());
        }
      }
    }
    return rows;
  }

  private static List<String> ids(String objectType) {
    List<String> ids = new ArrayList<>();
    for (SandboxRecord record : portal.data().records(objectType, false)) {
      ids.add(Long.toString(record.id()));
    }
    return ids;
  }

  @ParameterizedTest
  @EnumSource(ApiVersion.class)
  void readsEveryAssociationOfEveryRecordFollowingEachCursor(ApiVersion version) {
    List<String> deals = ids("deals");
    Map<String, Integer> calls = new HashMap<>();
    Set<String> rows = readAll(client(portal, version), "deals", "contacts", deals, calls);
    assertThat(rows, equalTo(expected("deals", "contacts", deals)));
    assertThat("some deal needed more than one call (over 500 associations)",
        calls.values().stream().mapToInt(Integer::intValue).max().orElse(0), greaterThan(1));
    assertThat(readAll(client(portal, version), "companies", "deals", ids("companies"),
        new HashMap<>()), equalTo(expected("companies", "deals", ids("companies"))));
  }

  @Test
  void aRecordWithoutAssociationsOrUnknownIsNoError() {
    Map<String, String> inputs = new LinkedHashMap<>();
    inputs.put("999999999", null);
    AssociationBatch batch = client(portal, ApiVersion.DEFAULT)
        .readAssociations("deals", "contacts", inputs, "deals_contacts");
    assertThat(batch.associations().size(), equalTo(0));
    assertThat(batch.nextAfter().size(), equalTo(0));
  }

  @Test
  void refusesMoreThanAThousandRecordsPerCall() {
    Map<String, String> inputs = new LinkedHashMap<>();
    for (int i = 1; i <= 1001; i++) {
      inputs.put(Integer.toString(i), null);
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> client(portal, ApiVersion.DEFAULT).readAssociations("deals", "contacts", inputs,
            "deals_contacts"));
    assertThat(e.getMessage(), containsString("at most 1000"));
  }

  @Test
  void aMissingScopeOnTheOtherSideNamesTheScope() {
    try (SandboxPortal limited = SandboxPortal.builder()
        .objectSize("deals", 20)
        .objectSize("companies", 10)
        .grantedScopes(Set.of("crm.objects.deals.read"))
        .build()) {
      limited.start();
      Map<String, String> inputs = new LinkedHashMap<>();
      inputs.put(Long.toString(limited.data().id("deals", 0)), null);
      HubSpotException e = assertThrows(HubSpotException.class,
          () -> client(limited, ApiVersion.DEFAULT).readAssociations("deals", "companies",
              inputs, "deals_companies"));
      assertThat(e.getClass().getSimpleName(), equalTo("MissingScopes"));
      assertThat(e.getMessage(), containsString("crm.objects.companies.read"));
    }
  }

  /** The path family decides every path; a loopback server records what was asked. */
  @Test
  void eachVersionCallsItsOwnPaths() throws Exception {
    List<String> paths = new CopyOnWriteArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(),
        0), 0);
    server.createContext("/", exchange -> {
      paths.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
      exchange.getRequestBody().readAllBytes();
      byte[] body = "{\"status\":\"COMPLETE\",\"results\":[]}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    try {
      for (ApiVersion version : ApiVersion.values()) {
        HubSpotClient client = HubSpotClient.builder()
            .baseUrl(BaseUrl.parse("http://127.0.0.1:" + server.getAddress().getPort()))
            .apiVersion(version)
            .token(AccessToken.of("secret", "a test"))
            .rateBudget(RateBudget.unlimited())
            .build();
        client.properties("deals");
        client.listPage("deals", null, 10, List.of("dealname"), false);
        client.batchRead("deals", List.of("1"), List.of("dealname"), false);
        client.searchByIdRange("deals", 0, 10, false, 10, 0, List.of("dealname"));
        client.readAssociations("deals", "companies", Map.of("1", "x"), "deals_companies");
      }
    } finally {
      server.stop(0);
    }
    assertThat(paths, contains(
        "GET /crm/properties/2026-03/deals",
        "GET /crm/objects/2026-03/deals",
        "POST /crm/objects/2026-03/deals/batch/read",
        "POST /crm/objects/2026-03/deals/search",
        "POST /crm/associations/2026-03/deals/companies/batch/read",
        "GET /crm/v3/properties/deals",
        "GET /crm/v3/objects/deals",
        "POST /crm/v3/objects/deals/batch/read",
        "POST /crm/v3/objects/deals/search",
        "POST /crm/v4/associations/deals/companies/batch/read"));
  }

  @Test
  void parsesVersionNamesAndRefusesOthers() {
    assertThat(ApiVersion.parse("2026-03"), equalTo(ApiVersion.DATED_2026_03));
    assertThat(ApiVersion.parse("V3"), equalTo(ApiVersion.V3));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ApiVersion.parse("v4"));
    assertThat(e.getMessage(), containsString("accepted: 2026-03, v3"));
  }
}
