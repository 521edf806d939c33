package io.hubspotbeam.client;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import com.google.api.client.http.HttpHeaders;
import com.google.api.client.util.NanoClock;
import com.google.api.client.util.Sleeper;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The budget with a fake clock: a sleep advances the clock, so no test waits for real. */
class RateBudgetTest {
  private long now = TimeUnit.SECONDS.toNanos(1000);
  private final NanoClock clock = () -> now;
  private final Sleeper sleeper = millis -> now += TimeUnit.MILLISECONDS.toNanos(millis);

  @Test
  void spacesRequestsEvenlyBelowTheLimit() throws Exception {
    RateBudget budget = RateBudget.fixed(190, 5, 1, clock, sleeper);
    long start = now;
    for (int i = 0; i < 190; i++) {
      budget.acquire(RequestKind.LIST);
    }
    double seconds = (now - start) / 1e9;
    // 190 requests at 97% of 190 per 10 s: the last one goes out after about 10.25 s (the
    // saved-up permits of the start are taken back by the window: 184 in any ten seconds).
    assertThat(seconds, closeTo(189 * 10.0 / (190 * RateBudget.HEADROOM), 0.05));
  }

  @Test
  void permitsUnusedWhileNobodyAskedAreSavedButTheWindowStillHolds() throws Exception {
    RateBudget budget = RateBudget.fixed(190, 5, 1, clock, sleeper);
    long spacing = (long) Math.ceil(10e9 / (190 * RateBudget.HEADROOM));
    java.util.List<Long> sent = new java.util.ArrayList<>();
    for (int round = 0; round < 30; round++) {
      // Readers stop for a second (a checkpoint), then all want a request at once.
      sleeper.sleep(1000);
      long before = now;
      for (int i = 0; i < 30; i++) {
        budget.acquire(RequestKind.LIST);
        sent.add(now);
      }
      if (round == 0) {
        // The first permits after the pause go at once: up to SAVED_PERMITS more than one.
        long atOnce = sent.stream().filter(t -> t == before).count();
        assertThat(atOnce, equalTo((long) RateBudget.SAVED_PERMITS + 1));
      }
    }
    int j = 0;
    for (int i = 0; i < sent.size(); i++) {
      while (sent.get(i) - sent.get(j) >= TimeUnit.SECONDS.toNanos(10)) {
        j++;
      }
      assertThat("requests in the ten seconds up to request " + i, i - j + 1,
          lessThanOrEqualTo((int) (190 * RateBudget.HEADROOM)));
    }
    // Each pause lost a second of permits but got SAVED_PERMITS of them back.
    double expected = 30 * (1 + (30 - RateBudget.SAVED_PERMITS - 1) * spacing / 1e9);
    assertThat((now - sent.get(0)) / 1e9, lessThanOrEqualTo(expected + 0.1));
  }

  @Test
  void neverExceedsTheLimitInAnyTenSecondWindow() throws Exception {
    RateBudget budget = RateBudget.fixed(100, 5, 1, clock, sleeper);
    long[] sent = new long[1000];
    for (int i = 0; i < sent.length; i++) {
      budget.acquire(RequestKind.BATCH_READ);
      sent[i] = now;
    }
    int j = 0;
    for (int i = 0; i < sent.length; i++) {
      while (sent[i] - sent[j] >= TimeUnit.SECONDS.toNanos(10)) {
        j++;
      }
      assertThat(i - j + 1, lessThanOrEqualTo(100));
    }
  }

  @Test
  void searchHasItsOwnPace() throws Exception {
    RateBudget budget = RateBudget.fixed(190, 5, 1, clock, sleeper);
    budget.acquire(RequestKind.SEARCH);
    long waited = budget.acquire(RequestKind.SEARCH);
    assertThat(waited, equalTo((long) Math.ceil(1000 / (5 * RateBudget.SEARCH_HEADROOM))));
    assertThat(budget.acquire(RequestKind.LIST), equalTo(0L));
  }

  @Test
  void aSearchThatLeavesLateDelaysTheNextInsteadOfBunchingWithIt() throws Exception {
    // The machine is busy: every third wake-up comes 80 ms late. Whatever the lateness, any six
    // searches leave at least five spacings apart, so none of them lands in one second.
    int[] wakes = {0};
    Sleeper late = millis -> now += TimeUnit.MILLISECONDS.toNanos(
        millis + (++wakes[0] % 3 == 0 ? 80 : 0));
    RateBudget budget = RateBudget.fixed(190, 5, 1, clock, late);
    long[] left = new long[60];
    for (int i = 0; i < left.length; i++) {
      budget.acquire(RequestKind.SEARCH);
      left[i] = now;
    }
    long spacing = (long) (1e9 / (5 * RateBudget.SEARCH_HEADROOM));
    for (int i = 5; i < left.length; i++) {
      assertThat(left[i] - left[i - 5], greaterThanOrEqualTo(5 * spacing));
    }
  }

  @Test
  void aPlansSearchGoesBeforeTheReadersWaitingWithIt() throws Exception {
    // Real threads on a fake clock: the first reader's wait for its slot blocks (holding the
    // gate) until the test has a second reader and a plan's search queued behind it.
    java.util.concurrent.atomic.AtomicLong time =
        new java.util.concurrent.atomic.AtomicLong(TimeUnit.SECONDS.toNanos(1000));
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicBoolean holdFirstWait =
        new java.util.concurrent.atomic.AtomicBoolean();
    // Each search waits for its slot inside the gate, so the sleeps come in the gate's order.
    java.util.List<String> order =
        java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    Sleeper blocking = millis -> {
      order.add(Thread.currentThread().getName());
      if (holdFirstWait.getAndSet(false)) {
        release.await();
      }
      time.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    };
    RateBudget budget = RateBudget.fixed(190, 5, 1, time::get, blocking);
    budget.acquire(RequestKind.SEARCH); // the slot is taken: the next search must wait
    holdFirstWait.set(true);
    order.clear();
    Thread holder = started(budget, "reader 1", false); // inside the gate, asleep until its slot
    Thread reader = started(budget, "reader 2", false); // queued at the gate
    Thread another = started(budget, "reader 3", false);
    Thread plan = started(budget, "plan", true);
    release.countDown();
    for (Thread t : java.util.List.of(holder, reader, another, plan)) {
      t.join(10_000);
    }
    // Readers 2 and 3 queued first, in either order after the plan.
    assertThat(order.size(), equalTo(4));
    assertThat(order.subList(0, 2), equalTo(java.util.List.of("reader 1", "plan")));
  }

  @Test
  void aPlansSearchLeavesTheGateAtOnceWhileAReaderWaitsInItForTheNextSlot() throws Exception {
    // A plan's search must be on its way as soon as its slot comes. It once went back into the
    // gate to wake the readers it had held back, and waited there behind a reader asleep until
    // the next slot: sent late, on top of that reader's search. Real threads on a fake clock;
    // the reader's wait for its slot blocks (holding the gate) until the test ends it.
    java.util.concurrent.atomic.AtomicLong time =
        new java.util.concurrent.atomic.AtomicLong(TimeUnit.SECONDS.toNanos(1000));
    java.util.concurrent.CountDownLatch planMayLeave = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch readerMayLeave = new java.util.concurrent.CountDownLatch(1);
    Sleeper blocking = millis -> {
      (Thread.currentThread().getName().equals("plan") ? planMayLeave : readerMayLeave).await();
      time.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    };
    RateBudget budget = RateBudget.fixed(190, 5, 1, time::get, blocking);
    budget.acquire(RequestKind.SEARCH); // the slot is taken: the next search must wait
    Thread plan = started(budget, "plan", true); // in the gate, asleep until its slot
    Thread reader = started(budget, "reader", false); // queued at the gate
    planMayLeave.countDown();
    plan.join(5_000);
    assertThat("the plan's search left", plan.isAlive(), equalTo(false));
    readerMayLeave.countDown();
    reader.join(5_000);
    assertThat(reader.isAlive(), equalTo(false));
  }

  private static Thread searcher(RateBudget budget, String name, boolean first) {
    return new Thread(() -> {
      try (RateBudget.SearchesFirst mark = first ? budget.searchesFirst() : () -> { }) {
        budget.acquire(RequestKind.SEARCH);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, name);
  }

  /** A searcher thread, started and waiting (in the gate, or queued at it). */
  private static Thread started(RateBudget budget, String name, boolean first)
      throws InterruptedException {
    Thread thread = searcher(budget, name, first);
    thread.start();
    awaitBlocked(thread, Thread.State.WAITING);
    return thread;
  }

  private static void awaitBlocked(Thread thread, Thread.State state) throws InterruptedException {
    for (int i = 0; i < 1000 && thread.getState() != state; i++) {
      Thread.sleep(5);
    }
    assertThat(thread.getName(), thread.getState(), equalTo(state));
  }

  @Test
  void eachSecondlyRateLimitSlowsSearchDownToAFloor() throws Exception {
    RateBudget budget = RateBudget.fixed(190, 5, 1, clock, sleeper);
    assertThat(budget.searchRequestsPerSecond(), closeTo(5 * RateBudget.SEARCH_HEADROOM, 0.01));
    budget.pauseAfterRateLimit(RateLimitPolicy.SECONDLY, 1);
    assertThat(budget.searchRequestsPerSecond(), closeTo(
        5 * (RateBudget.SEARCH_HEADROOM - RateBudget.SEARCH_HEADROOM_STEP), 0.01));
    assertThat("the general pace is not touched", budget.requestsPerTenSeconds(),
        closeTo(190 * RateBudget.HEADROOM, 0.1));
    for (int i = 0; i < 20; i++) {
      budget.pauseAfterRateLimit(RateLimitPolicy.SECONDLY, 1);
    }
    assertThat(budget.searchRequestsPerSecond(),
        closeTo(5 * RateBudget.SEARCH_HEADROOM_FLOOR, 0.01));
  }

  @Test
  void theSearchPaceGoesBackUpAStepAfterAQuietWhile() throws Exception {
    RateBudget budget = RateBudget.fixed(190, 5, 1, clock, sleeper);
    budget.pauseAfterRateLimit(RateLimitPolicy.SECONDLY, 1);
    budget.pauseAfterRateLimit(RateLimitPolicy.SECONDLY, 1);
    double lowered = 5 * (RateBudget.SEARCH_HEADROOM - 2 * RateBudget.SEARCH_HEADROOM_STEP);
    assertThat(budget.searchRequestsPerSecond(), closeTo(lowered, 0.01));
    // Searches for a little under the quiet time: still lowered.
    long start = now;
    while (now - start < RateBudget.SEARCH_RECOVERY_NANOS - TimeUnit.SECONDS.toNanos(1)) {
      budget.acquire(RequestKind.SEARCH);
    }
    assertThat(budget.searchRequestsPerSecond(), closeTo(lowered, 0.01));
    // Past it: one step back up; another quiet while: the start value, and no higher.
    for (int round = 0; round < 3; round++) {
      start = now;
      while (now - start < RateBudget.SEARCH_RECOVERY_NANOS + TimeUnit.SECONDS.toNanos(1)) {
        budget.acquire(RequestKind.SEARCH);
      }
      double expected = 5 * Math.min(RateBudget.SEARCH_HEADROOM,
          RateBudget.SEARCH_HEADROOM - (1 - round) * RateBudget.SEARCH_HEADROOM_STEP);
      assertThat("round " + round, budget.searchRequestsPerSecond(), closeTo(expected, 0.01));
    }
  }

  @Test
  void sharesTheLimitBetweenWorkers() throws Exception {
    RateBudget half = RateBudget.fixed(200, 5, 0.5, clock, sleeper);
    assertThat(half.requestsPerTenSeconds(), closeTo(100 * RateBudget.HEADROOM, 0.1));
  }

  @Test
  void learnsTheLimitFromHubSpotsHeaders() {
    RateBudget budget = RateBudget.learning(1);
    assertThat(budget.requestsPerTenSeconds(), closeTo(100 * RateBudget.HEADROOM, 0.1));
    HttpHeaders headers = new HttpHeaders();
    headers.set("X-HubSpot-RateLimit-Max", "190");
    headers.set("X-HubSpot-RateLimit-Interval-Milliseconds", "10000");
    headers.set("X-HubSpot-RateLimit-Daily-Remaining", "499000");
    budget.observe(RequestKind.LIST, headers, budget.clockNanos());
    assertThat(budget.requestsPerTenSeconds(), closeTo(190 * RateBudget.HEADROOM, 0.1));
    assertThat(budget.learnedTenSecondLimit(), equalTo(190L));
    assertThat(budget.dailyRemaining(), equalTo(499000L));
  }

  @Test
  void aFixedLimitIsNotOverriddenByHeaders() {
    RateBudget budget = RateBudget.fixed(50, 5, 1, clock, sleeper);
    HttpHeaders headers = new HttpHeaders();
    headers.set("X-HubSpot-RateLimit-Max", "190");
    budget.observe(RequestKind.LIST, headers, now);
    assertThat(budget.requestsPerTenSeconds(), closeTo(50 * RateBudget.HEADROOM, 0.1));
  }

  @Test
  void aRateLimitAnswerHoldsBackTheNextRequests() throws Exception {
    RateBudget budget = RateBudget.unlimited();
    RateBudget paced = RateBudget.fixed(0, 0, 1, clock, sleeper);
    assertThat(budget.requestsPerTenSeconds(), equalTo(0.0));
    long pause = paced.pauseAfterRateLimit(RateLimitPolicy.TEN_SECONDLY_ROLLING, 2);
    assertThat(pause, equalTo(2000L));
    assertThat(paced.acquire(RequestKind.LIST), greaterThanOrEqualTo(1999L));
    assertThat(paced.acquire(RequestKind.SEARCH), equalTo(0L));
  }

  /** Headers as HubSpot sends them with {@code used} of {@code max} taken in the window. */
  private static HttpHeaders window(long max, long used) {
    HttpHeaders headers = new HttpHeaders();
    headers.set("X-HubSpot-RateLimit-Max", Long.toString(max));
    headers.set("X-HubSpot-RateLimit-Interval-Milliseconds", "10000");
    headers.set("X-HubSpot-RateLimit-Remaining", Long.toString(Math.max(0, max - used)));
    return headers;
  }

  @Test
  void yieldsToAnotherIntegrationAndTakesTheRoomBackWhenItStops() throws Exception {
    RateBudget paced = RateBudget.fixed(190, 5, 1, clock, sleeper);
    java.util.ArrayDeque<Long> mine = new java.util.ArrayDeque<>();
    long tenSeconds = TimeUnit.SECONDS.toNanos(10);
    long start = now;
    long worstWindow = 0;
    // Another app makes 20 calls at once every 2 s: 100 of the portal's 190 per 10 s.
    while (now - start < TimeUnit.SECONDS.toNanos(60)) {
      paced.acquire(RequestKind.LIST);
      mine.addLast(now);
      while (mine.peekFirst() <= now - tenSeconds) {
        mine.removeFirst();
      }
      long elapsed = now - start;
      long bursts = Math.min(5, elapsed / TimeUnit.SECONDS.toNanos(2) + 1);
      long used = mine.size() + 20 * bursts;
      if (elapsed > TimeUnit.SECONDS.toNanos(20)) {
        worstWindow = Math.max(worstWindow, used);
      }
      paced.observe(RequestKind.LIST, window(190, used), now);
    }
    assertThat("the window never overflows once others are known", worstWindow,
        lessThanOrEqualTo(190L));
    assertThat("but the room left is used", paced.requestsPerTenSeconds(),
        greaterThanOrEqualTo(50.0));
    // They stop: within half a minute the whole budget is back (the pace moves in steps of 2%).
    long stopped = now;
    while (now - stopped < TimeUnit.SECONDS.toNanos(30)) {
      paced.acquire(RequestKind.LIST);
      mine.addLast(now);
      while (mine.peekFirst() <= now - tenSeconds) {
        mine.removeFirst();
      }
      paced.observe(RequestKind.LIST, window(190, mine.size()), now);
    }
    assertThat(paced.requestsPerTenSeconds(), closeTo(190 * RateBudget.HEADROOM, 4));
  }

  @Test
  void ownRequestsStillUnansweredAreNotTakenForAnotherApp() throws Exception {
    // Answers come back a second after HubSpot counted their request, and the readers pause
    // now and then (a runner checkpointing them all). A count of the budget's own requests in
    // the ten seconds before the answer, not before the request, misses those HubSpot still
    // counted from before the pause, and blames them on another app.
    RateBudget paced = RateBudget.fixed(190, 5, 1, clock, sleeper);
    long tenSeconds = TimeUnit.SECONDS.toNanos(10);
    long latency = TimeUnit.SECONDS.toNanos(1);
    java.util.List<Long> sent = new java.util.ArrayList<>();
    java.util.ArrayDeque<long[]> unanswered = new java.util.ArrayDeque<>();
    long start = now;
    while (now - start < TimeUnit.SECONDS.toNanos(60)) {
      paced.acquire(RequestKind.LIST);
      if ((now - start) % TimeUnit.SECONDS.toNanos(6) < TimeUnit.MILLISECONDS.toNanos(60)) {
        sleeper.sleep(1500);
      }
      sent.add(now);
      long counted = sent.stream().filter(t -> t > now - tenSeconds).count();
      unanswered.addLast(new long[] {now, counted});
      while (!unanswered.isEmpty() && unanswered.peekFirst()[0] + latency <= now) {
        long[] answer = unanswered.removeFirst();
        paced.observe(RequestKind.LIST, window(190, answer[1]), answer[0]);
      }
    }
    assertThat(paced.requestsPerTenSeconds(), closeTo(190 * RateBudget.HEADROOM, 0.5));
  }
}
