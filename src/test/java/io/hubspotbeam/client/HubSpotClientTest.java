package io.hubspotbeam.client;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hubspotbeam.sandbox.SandboxData;
import io.hubspotbeam.sandbox.SandboxPortal;
import io.hubspotbeam.sandbox.SandboxProperty;
import io.hubspotbeam.sandbox.SandboxRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client against the sandbox portal over real HTTP on loopback, one test per error path. */
class HubSpotClientTest {
  private static final RetryPolicy FAST_RETRIES = RetryPolicy.of(8, 5, 50, 50);
  private static SandboxPortal portal;
  private static SandboxData data;

  @BeforeAll
  static void startPortal() {
    portal = SandboxPortal.builder()
        .objectSize("deals", 260)
        .objectSize("contacts", 130)
        .extraProperties("contacts", 320)
        .objectSize("tickets", 0)
        .build();
    portal.start();
    data = portal.data();
  }

  @AfterAll
  static void stopPortal() {
    portal.close();
  }

  private static HubSpotClient.Builder clientFor(SandboxPortal target) {
    return HubSpotClient.builder()
        .baseUrl(BaseUrl.parse(target.baseUrl()))
        .token(AccessToken.of(target.token(), "the test token"))
        .retryPolicy(FAST_RETRIES)
        .rateBudget(RateBudget.unlimited());
  }

  private static List<String> propertyNames(String objectType) {
    return data.properties(objectType).stream().map(SandboxProperty::name).collect(Collectors.toList());
  }

  private static List<CrmObject> listAll(HubSpotClient client, String objectType, boolean archived) {
    List<CrmObject> all = new ArrayList<>();
    String after = null;
    do {
      ObjectPage page = client.listPage(objectType, after, 100, propertyNames(objectType), archived);
      all.addAll(page.records());
      after = page.nextAfter();
    } while (after != null);
    return all;
  }

  private static void assertSameRecords(List<CrmObject> actual, Iterable<SandboxRecord> expected) {
    List<SandboxRecord> want = new ArrayList<>();
    expected.forEach(want::add);
    assertThat(actual.size(), equalTo(want.size()));
    for (int i = 0; i < want.size(); i++) {
      SandboxRecord e = want.get(i);
      CrmObject a = actual.get(i);
      assertThat(a.numericId(), equalTo(e.id()));
      assertThat("properties of " + e.id(), a.properties(), equalTo(e.properties()));
      assertThat(a.createdAt(), equalTo(e.createdAt()));
      assertThat(a.updatedAt(), equalTo(e.updatedAt()));
      assertThat(a.archived(), equalTo(e.archived()));
    }
  }

  @Test
  void listsEveryRecordWithEveryPropertyExactly() {
    HubSpotClient client = clientFor(portal).build();
    assertSameRecords(listAll(client, "deals", false), data.records("deals", false));
  }

  @Test
  void hundredsOfPropertiesGoThroughBatchReadsWithout414() {
    assertThat(propertyNames("contacts").size(), greaterThan(300));
    long batchReadsBefore = portal.stats().requests("batchRead");
    HubSpotClient client = clientFor(portal).build();
    List<CrmObject> contacts = listAll(client, "contacts", false);
    assertSameRecords(contacts, data.records("contacts", false));
    long pages = (contacts.size() + 99) / 100;
    assertThat(portal.stats().requests("batchRead") - batchReadsBefore, equalTo(pages));
  }

  @Test
  void aShortPropertyListStaysInOneGet() {
    long batchReadsBefore = portal.stats().requests("batchRead");
    ObjectPage page = clientFor(portal).build()
        .listPage("contacts", null, 10, List.of("email", "firstname"), false);
    assertThat(page.records().size(), equalTo(10));
    assertThat(page.records().get(0).properties().keySet(), hasItems("email", "firstname"));
    assertThat(portal.stats().requests("batchRead"), equalTo(batchReadsBefore));
  }

  @Test
  void archivedOnlyListsArchivedRecords() {
    HubSpotClient client = clientFor(portal).build();
    List<CrmObject> archived = listAll(client, "deals", true);
    assertThat(archived, not(empty()));
    assertSameRecords(archived, data.records("deals", true));
    List<CrmObject> archivedContacts = listAll(client, "contacts", true);
    assertSameRecords(archivedContacts, data.records("contacts", true));
  }

  @Test
  void anEmptyObjectHasOneEmptyPage() {
    ObjectPage page = clientFor(portal).build()
        .listPage("tickets", null, 100, List.of("subject"), false);
    assertThat(page.records(), empty());
    assertThat(page.hasNext(), is(false));
  }

  @Test
  void discoversEveryProperty() {
    List<PropertyDefinition> properties = clientFor(portal).build().properties("deals");
    assertThat(properties.stream().map(PropertyDefinition::name).collect(Collectors.toList()),
        equalTo(propertyNames("deals")));
    assertThat(properties.stream().map(PropertyDefinition::type).collect(Collectors.toSet()),
        hasItem("enumeration"));
  }

  @Test
  void wrongTokenIs401NamesItsSourceAndIsNotRetried() {
    HubSpotClient client = HubSpotClient.builder()
        .baseUrl(BaseUrl.parse(portal.baseUrl()))
        .token(AccessToken.of("pat-na1-not-the-right-one", "the test's wrong token"))
        .retryPolicy(FAST_RETRIES)
        .build();
    long before = portal.stats().totalRequests();
    HubSpotException.Unauthorized e = assertThrows(HubSpotException.Unauthorized.class,
        () -> client.properties("deals"));
    assertThat(e.httpStatus(), equalTo(401));
    assertThat(e.category(), equalTo("INVALID_AUTHENTICATION"));
    assertThat(e.correlationId(), not(equalTo(null)));
    assertThat(e.getMessage(), containsString("the test's wrong token"));
    assertThat(e.getMessage(), not(containsString("pat-na1-not-the-right-one")));
    assertThat(portal.stats().totalRequests() - before, equalTo(1L));
  }

  @Test
  void missingScopeIs403WithTheScopeToAdd() {
    try (SandboxPortal limited = SandboxPortal.builder()
        .grantedScopes(Set.of("crm.objects.deals.read"))
        .build()) {
      limited.start();
      HubSpotClient client = clientFor(limited).build();
      assertThat(client.properties("deals"), not(empty()));
      HubSpotException.MissingScopes e = assertThrows(HubSpotException.MissingScopes.class,
          () -> client.listPage("contacts", null, 10, List.of("email"), false));
      assertThat(e.category(), equalTo("MISSING_SCOPES"));
      assertThat(e.requiredScopes(), hasItem("crm.objects.contacts.read"));
      assertThat(e.getMessage(), containsString("crm.objects.contacts.read"));
      assertThat(e.getMessage(), not(containsString(limited.token())));
      assertThat(limited.stats().totalRequests(), equalTo(2L));
    }
  }

  @Test
  void unknownObjectTypeIsAClientErrorNotRetried() {
    long before = portal.stats().totalRequests();
    HubSpotException e = assertThrows(HubSpotException.class,
        () -> clientFor(portal).build().listPage("unicorns", null, 10, List.of("name"), false));
    assertThat(e.httpStatus() == 400 || e.httpStatus() == 404, is(true));
    assertThat(e.isTransient(), is(false));
    assertThat(portal.stats().totalRequests() - before, equalTo(1L));
  }

  @Test
  void everyAnswerIsCountedEvenOneWhoseBodyIsNotJson() {
    SandboxPortal garbled = SandboxPortal.builder()
        .objectSize("deals", 10)
        .malformedBodyRate(1)
        .build();
    garbled.start();
    try {
      List<Integer> answers = new ArrayList<>();
      RequestObserver observer = new RequestObserver() {
        @Override
        public void onResponse(String objectType, RequestKind kind, int status, long nanos) {
          answers.add(status);
        }
      };
      HubSpotClient client = clientFor(garbled).retryPolicy(RetryPolicy.of(2, 1, 1, 1))
          .observer(observer).build();
      HubSpotException e = assertThrows(HubSpotException.class,
          () -> client.listPage("deals", null, 10, List.of("dealname"), false));
      assertThat(e.getMessage(), containsString("not the JSON expected"));
      assertThat(answers, equalTo(List.of(200, 200)));
    } finally {
      garbled.close();
    }
  }

  @Test
  void malformedCursorIs400() {
    HubSpotException.BadRequest e = assertThrows(HubSpotException.BadRequest.class,
        () -> clientFor(portal).build().listPage("deals", "not-a-cursor", 10, List.of("amount"), false));
    assertThat(e.httpStatus(), equalTo(400));
  }

  @Test
  void aUrlOverTheServersLimitIs414AndNotRetried() {
    HubSpotClient careless = clientFor(portal).maxUrlLength(1_000_000).build();
    long before = portal.stats().totalRequests();
    HubSpotException.UriTooLong e = assertThrows(HubSpotException.UriTooLong.class,
        () -> careless.listPage("contacts", null, 100, propertyNames("contacts"), false));
    assertThat(e.httpStatus(), equalTo(414));
    assertThat(portal.stats().totalRequests() - before, equalTo(1L));
  }

  @Test
  void serverErrorsAndConnectionResetsAreRetriedToAnExactResult() {
    try (SandboxPortal flaky = SandboxPortal.builder()
        .objectSize("deals", 260)
        .serverErrorRate(0.25)
        .connectionResetRate(0.1)
        .build()) {
      flaky.start();
      List<CrmObject> deals = listAll(clientFor(flaky).build(), "deals", false);
      assertSameRecords(deals, flaky.data().records("deals", false));
      assertThat(flaky.stats().serverErrors(), greaterThan(0L));
      assertThat(flaky.stats().connectionResets(), greaterThan(0L));
    }
  }

  @Test
  void persistentServerErrorsGiveUpAfterTheConfiguredAttempts() {
    try (SandboxPortal broken = SandboxPortal.builder().serverErrorRate(1.0).build()) {
      broken.start();
      HubSpotClient client = clientFor(broken).retryPolicy(RetryPolicy.of(3, 1, 5, 0)).build();
      HubSpotException e = assertThrows(HubSpotException.class, () -> client.properties("deals"));
      assertThat(e.httpStatus(), greaterThan(499));
      assertThat(e.getMessage(), containsString("gave up after 3 attempts"));
      assertThat(broken.stats().totalRequests(), equalTo(3L));
    }
  }

  @Test
  void tenSecondLimitAnswersAreRateLimitedWithTheirPolicy() {
    try (SandboxPortal strict = SandboxPortal.builder().tenSecondlyLimit(2).build()) {
      strict.start();
      HubSpotClient impatient = clientFor(strict).retryPolicy(RetryPolicy.of(3, 1, 5, 0)).build();
      impatient.properties("deals");
      impatient.properties("deals");
      HubSpotException.RateLimited e = assertThrows(HubSpotException.RateLimited.class,
          () -> impatient.properties("deals"));
      assertThat(e.policy(), equalTo(RateLimitPolicy.TEN_SECONDLY_ROLLING));
      assertThat(e.isTransient(), is(true));
    }
  }

  @Test
  void theDailyLimitStopsAtOnceWithAClearMessage() {
    try (SandboxPortal spent = SandboxPortal.builder().dailyLimit(1).build()) {
      spent.start();
      HubSpotClient client = clientFor(spent).build();
      client.properties("deals");
      HubSpotException.RateLimited e = assertThrows(HubSpotException.RateLimited.class,
          () -> client.properties("deals"));
      assertThat(e.policy(), equalTo(RateLimitPolicy.DAILY));
      assertThat(e.isTransient(), is(false));
      assertThat(e.getMessage(), containsString("daily"));
      assertThat(spent.stats().totalRequests(), equalTo(2L));
    }
  }

  @Test
  void theBudgetLearnsThePortalsLimitFromItsHeaders() {
    try (SandboxPortal professional = SandboxPortal.builder().tenSecondlyLimit(190).build()) {
      professional.start();
      HubSpotClient client = clientFor(professional).rateBudget(RateBudget.learning(1)).build();
      client.properties("deals");
      assertThat(client.rateBudget().learnedTenSecondLimit(), equalTo(190L));
    }
  }
}
