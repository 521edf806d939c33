package io.hubspotbeam.client;

import com.google.api.client.http.HttpHeaders;
import com.google.api.client.util.NanoClock;
import com.google.api.client.util.Sleeper;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Paces requests so that they stay inside a HubSpot portal's rate limits instead of running into
 * them. One budget is shared by every client in a JVM that talks to the same portal.
 *
 * <p>HubSpot counts two things separately: the rolling ten-second limit of the private app (which
 * list, batch read, properties and association calls draw on) and the search endpoints' own limit
 * of about five requests per second. Each gets a {@link Pacer} that spaces requests evenly at a
 * little under the limit ({@link #HEADROOM}), so that a steady run never receives a 429.
 *
 * <p>General requests may also use up to {@link #SAVED_PERMITS} permits that went unused while no
 * reader was ready (between a runner's checkpoint and resumption, about 4% of a run's permits
 * were lost so), and a log of the requests sent keeps any ten seconds inside the paced count. The
 * search limit counts a single second, too short to save permits in; instead searches leave one
 * at a time, each spaced from the moment the previous one actually left, so that a thread that
 * wakes late delays the next search rather than bunching two.
 *
 * <p>When no limit is configured the budget starts at the Free/Starter tier (100 per 10 s, which
 * every portal allows) and adopts the limit HubSpot announces in the
 * {@code X-HubSpot-RateLimit-Max} and {@code -Interval-Milliseconds} headers of the first answer.
 * With several worker JVMs each takes {@code share} of the portal's limit.
 *
 * <p>Other integrations of the portal draw on the same ten-second window. HubSpot's
 * {@code X-HubSpot-RateLimit-Remaining} tells how much of the window is left, and the budget
 * knows how many requests it sent itself in the last window; the difference is what others are
 * using. The pace is lowered to what they leave (and raised again as they stop), so a shared
 * portal costs throughput instead of 429s.
 */
public final class RateBudget {
  /** Fraction of a limit actually used: room for clock skew between us and HubSpot. */
  public static final double HEADROOM = 0.97;

  /**
   * Fraction of the search limit used at first. Search is limited per second, so requests that
   * arrive bunched by a few tens of milliseconds put six in one second: at 97% of the limit,
   * with slots reserved ahead, threads woken late were enough for 28 429s in a Professional
   * benchmark run, each pausing search for a second. Searches now leave one at a time, spaced
   * from the actual departure of the previous one, so only the way to HubSpot bunches them;
   * at 95% five requests span 1.05 s, and each secondly 429 lowers the pace further
   * ({@link #SEARCH_HEADROOM_STEP}) for a while ({@link #SEARCH_RECOVERY_NANOS}).
   */
  public static final double SEARCH_HEADROOM = 0.95;

  /**
   * Each secondly 429 lowers the search pace by this fraction of the limit, down to
   * {@link #SEARCH_HEADROOM_FLOOR}: the bunching a network adds on the way is not known ahead.
   */
  static final double SEARCH_HEADROOM_STEP = 0.02;

  static final double SEARCH_HEADROOM_FLOOR = 0.80;

  /**
   * After this long without a secondly 429 the search pace goes back up one step, up to
   * {@link #SEARCH_HEADROOM}. A 429 is often one moment's bunching (a busy machine at the start
   * of a run): kept for good, each cost 2-3% of a Professional run's searches.
   */
  static final long SEARCH_RECOVERY_NANOS = TimeUnit.SECONDS.toNanos(20);

  /**
   * Permits of the general pace that may be saved up while no request is waiting. Bursts are
   * still capped by the log of requests sent, which keeps any ten seconds at the paced count.
   */
  public static final int SAVED_PERMITS = 4;

  /** The limit every HubSpot tier grants (Free and Starter): the safe starting point. */
  public static final int FREE_TIER_PER_TEN_SECONDS = 100;

  /** HubSpot's search limit per account, in requests per second. */
  public static final double SEARCH_PER_SECOND = 5;

  private static final long TEN_SECONDS_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final Pacer general;
  private final Pacer search;
  private final boolean learnFromHeaders;
  private final double share;
  private final NanoClock clock;
  private final Sleeper sleeper;
  private volatile long learnedMax = -1;
  private volatile long dailyRemaining = -1;
  private volatile long dailyLimit = -1;
  /** The pace this budget may use when nobody else draws on the portal, per ten seconds. */
  private volatile double ceiling;
  /** Searches per second this budget may use at full pace, and the fraction of it used now. */
  private final double searchLimit;
  private volatile double searchHeadroom = SEARCH_HEADROOM;
  /** When the search pace last changed after a 429 (or went back up a step). */
  private long searchPaceChangedAt;
  private final SendLog sent = new SendLog(4096);
  /** Smoothed estimate of the other integrations' requests in the current window. */
  private double othersInWindow;
  private long othersObservedAt;
  private double othersBurst;
  private double othersLastSample;
  /** This budget's requests allowed in any ten seconds while others draw on the portal. */
  private volatile double windowAllowance = Double.MAX_VALUE;
  private static final long OTHERS_FADE_NANOS = TimeUnit.SECONDS.toNanos(4);

  private RateBudget(
      double requestsPerTenSeconds,
      double searchPerSecond,
      boolean learnFromHeaders,
      double share,
      NanoClock clock,
      Sleeper sleeper) {
    if (!(share > 0 && share <= 1)) {
      throw new IllegalArgumentException("share must be in (0, 1], got " + share);
    }
    this.ceiling = requestsPerTenSeconds * share * HEADROOM;
    this.general = new Pacer(ceiling, TEN_SECONDS_NANOS, SAVED_PERMITS);
    this.searchLimit = searchPerSecond * share;
    this.search = new Pacer(searchLimit * SEARCH_HEADROOM, TimeUnit.SECONDS.toNanos(1), 0);
    this.learnFromHeaders = learnFromHeaders;
    this.share = share;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /**
   * A budget that starts at the Free tier and adopts the limit HubSpot announces.
   *
   * @param share this JVM's fraction of the portal's limits (1 for a single process)
   */
  public static RateBudget learning(double share) {
    return new RateBudget(
        FREE_TIER_PER_TEN_SECONDS, SEARCH_PER_SECOND, true, share, NanoClock.SYSTEM, Sleeper.DEFAULT);
  }

  /** A budget fixed at the given portal-wide limits, of which this JVM uses {@code share}. */
  public static RateBudget fixed(int requestsPerTenSeconds, double searchPerSecond, double share) {
    return fixed(requestsPerTenSeconds, searchPerSecond, share, NanoClock.SYSTEM, Sleeper.DEFAULT);
  }

  static RateBudget fixed(
      int requestsPerTenSeconds,
      double searchPerSecond,
      double share,
      NanoClock clock,
      Sleeper sleeper) {
    if (requestsPerTenSeconds < 0 || searchPerSecond < 0) {
      throw new IllegalArgumentException(
          "rate limits must not be negative, got " + requestsPerTenSeconds + " per 10 s and "
              + searchPerSecond + " searches per second");
    }
    return new RateBudget(requestsPerTenSeconds, searchPerSecond, false, share, clock, sleeper);
  }

  /** No pacing at all: for servers without limits. 429s are still waited out. */
  public static RateBudget unlimited() {
    return new RateBudget(0, 0, false, 1, NanoClock.SYSTEM, Sleeper.DEFAULT);
  }

  /**
   * Blocks until a request of this kind may be sent.
   *
   * @return how long the caller waited, in milliseconds
   */
  long acquire(RequestKind kind) throws InterruptedException {
    if (kind.isSearch()) {
      return acquireSearch();
    }
    long waitNanos = reserveGeneral();
    if (waitNanos <= 0) {
      return 0;
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(waitNanos);
    if (millis > 0) {
      sleeper.sleep(millis);
    }
    return millis;
  }

  /**
   * Searches leave one at a time: the caller holds the gate while it waits for its slot, and the
   * next slot is counted from when it actually woke. Spacing reserved slots ahead (as the general
   * pace does) let a thread that woke 50 ms late send right before the next one on time, which
   * put six searches in one second at 97% of the limit.
   *
   * <p>A thread inside {@link #searchesFirst()} takes the next slot before any other waiting
   * search (see there). It lets the others go again before it leaves the gate: taking the gate
   * once more after leaving, to wake them, queued it behind the searches waiting in the gate
   * for their slots, so that a plan's search was sent 0.7-1.1 s after its slot, on top of
   * later ones (most of the secondly 429s of a Professional benchmark run). The gate is fair,
   * so searches otherwise leave in the order they asked.
   */
  private long acquireSearch() throws InterruptedException {
    long asked = clock.nanoTime();
    boolean first = searchesFirstHere.get();
    if (first) {
      firstWaiting.incrementAndGet();
    }
    searchGate.lock();
    try {
      while (!first && firstWaiting.get() > 0) {
        firstLeft.await(); // released for the searches that go first, woken as each leaves
      }
      long now = clock.nanoTime();
      if (searchHeadroom < SEARCH_HEADROOM) {
        recoverSearch(now);
      }
      long waitNanos = search.reserve(now);
      if (waitNanos > 0) {
        sleeper.sleep(TimeUnit.NANOSECONDS.toMillis(waitNanos + 999_999)); // never early
      }
      search.departed(clock.nanoTime());
    } finally {
      if (first) {
        firstWaiting.decrementAndGet();
        firstLeft.signalAll();
      }
      searchGate.unlock();
    }
    return TimeUnit.NANOSECONDS.toMillis(clock.nanoTime() - asked);
  }

  private final ReentrantLock searchGate = new ReentrantLock(true);
  private final Condition firstLeft = searchGate.newCondition();
  /** Searches of threads inside {@link #searchesFirst()} waiting for the gate. */
  private final AtomicInteger firstWaiting = new AtomicInteger();
  /** Threads whose searches at this budget go first (see searchesFirst). */
  private final ThreadLocal<Boolean> searchesFirstHere = ThreadLocal.withInitial(() -> false);

  /**
   * Until the returned handle is closed, this thread's searches go before those of threads
   * outside such a mark: at most the search already holding the gate leaves before them.
   * Planning an object walks its boundaries one search after another, each from the answer of
   * the last; queued behind readers' searches, each step waited a second or more, and the
   * object's ranges (the largest object's) came late. Readers still take the slots a plan's
   * searches leave, while its answer is on the way.
   */
  public SearchesFirst searchesFirst() {
    boolean outer = searchesFirstHere.get();
    searchesFirstHere.set(true);
    return () -> searchesFirstHere.set(outer);
  }

  /** Ends a {@link #searchesFirst()} mark. */
  public interface SearchesFirst extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * A permit for a general request: the pacer's next slot, moved later if the last ten seconds
   * would otherwise hold more of this budget's requests than others leave room for, since
   * HubSpot counts a rolling window and slowing the pace does not empty it. Returns the wait.
   */
  private long reserveGeneral() {
    synchronized (sent) {
      long now = clock.nanoTime(); // read inside the lock, so that the log is in time order
      long slot = now + general.reserve(now);
      // Saved-up permits must not lift any ten seconds above the pace: HubSpot's window rolls.
      double allowed = Math.min(windowAllowance, requestsPerTenSeconds());
      if (allowed > 0 && allowed < sent.capacity()) {
        long admitted = sent.admission(slot, TEN_SECONDS_NANOS, (int) Math.max(1, allowed));
        if (admitted > slot) {
          slot = admitted;
          general.pauseUntil(slot + general.spacingNanos());
        }
      }
      sent.add(slot);
      return slot - now;
    }
  }

  /** This budget's clock: the time to pass as {@code sentAtNanos} to {@link #observe}. */
  long clockNanos() {
    return clock.nanoTime();
  }

  /**
   * Learns from the rate-limit headers of a response to a request sent at {@code sentAtNanos}
   * (on {@link #clockNanos()}). HubSpot counted the window when the request arrived, so this
   * budget's own requests are counted in the ten seconds before it was sent, not before its
   * answer came back.
   */
  void observe(RequestKind kind, HttpHeaders headers, long sentAtNanos) {
    Long daily = longHeader(headers, "X-HubSpot-RateLimit-Daily-Remaining");
    if (daily != null) {
      dailyRemaining = daily;
    }
    Long dailyMax = longHeader(headers, "X-HubSpot-RateLimit-Daily");
    if (dailyMax != null) {
      dailyLimit = dailyMax;
    }
    if (kind.isSearch()) {
      return; // search answers carry only the daily pair
    }
    Long max = longHeader(headers, "X-HubSpot-RateLimit-Max");
    Long interval = longHeader(headers, "X-HubSpot-RateLimit-Interval-Milliseconds");
    if (learnFromHeaders && max != null && max > 0 && max != learnedMax) {
      long windowNanos =
          interval != null && interval > 0 ? TimeUnit.MILLISECONDS.toNanos(interval) : TEN_SECONDS_NANOS;
      learnedMax = max;
      ceiling = max * share * HEADROOM;
      general.setRate(ceiling, windowNanos);
    }
    Long remaining = longHeader(headers, "X-HubSpot-RateLimit-Remaining");
    if (max != null && max > 0 && remaining != null && general.spacingNanos() > 0) {
      yieldToOthers(max, remaining, sentAtNanos);
    }
    if (remaining != null && remaining == 0) {
      // Someone else (another app instance, another JVM) is drawing on the same limit: let the
      // rolling window move on a little before the next request instead of collecting a 429.
      general.pauseUntil(clock.nanoTime() + general.spacingNanos() * 4);
    }
  }

  /**
   * Lowers the pace to what other integrations leave of the window, or raises it back towards the
   * ceiling as they stop. Their share is HubSpot's count (max - remaining) minus the requests this
   * budget sent in the last ten seconds, smoothed, since answers arrive out of order.
   */
  private synchronized void yieldToOthers(long max, long remaining, long sentAt) {
    long now = clock.nanoTime();
    // HubSpot's count is of the window ending when the request arrived. Counting ours in the
    // window ending at the answer instead (100 ms to seconds later) leaves out the requests of
    // ours that HubSpot still counted, which then pass for other apps' and lower the pace:
    // 18 requests a second with answers 300 ms late is 5 phantom requests in every window.
    long mine = sent.countSince(sentAt - TEN_SECONDS_NANOS, sentAt);
    // Answers in flight make the difference jitter by a few requests: below NOISE it is ours.
    double others = Math.max(0, max - remaining - mine - max * NOISE);
    // Peak-hold: others come in bursts, and the window must have room for their next one. The
    // held peak fades with a few seconds' time constant once they slow down or stop.
    double fade = Math.exp(-(now - othersObservedAt) / (double) OTHERS_FADE_NANOS);
    othersInWindow = Math.max(others, othersInWindow * fade);
    // Room is also kept for their next burst: the largest rise seen between two answers.
    othersBurst = Math.max(others - othersLastSample, othersBurst * fade);
    othersLastSample = others;
    othersObservedAt = now;
    double room = (max - othersInWindow - othersBurst) * HEADROOM;
    double pace = Math.max(ceiling * MIN_PACE, Math.min(ceiling, room));
    windowAllowance = othersInWindow < 1 ? Double.MAX_VALUE : pace;
    double current = requestsPerTenSeconds();
    if (current == 0 || Math.abs(pace - current) > current * 0.02) {
      general.setRate(pace, TEN_SECONDS_NANOS);
    }
  }

  /** The part of the window that others' estimate ignores as timing noise. */
  private static final double NOISE = 0.03;

  /** Never below this fraction of the ceiling: others' estimate may be stale. */
  private static final double MIN_PACE = 0.1;

  /**
   * Holds back requests after a 429 so that the window can roll. Returns the pause in milliseconds.
   *
   * @param waitNumber 1 for the first 429 of a request, 2 for its second, ...
   */
  long pauseAfterRateLimit(RateLimitPolicy policy, int waitNumber) {
    long millis = 1000L * Math.min(waitNumber, 10);
    Pacer pacer = policy == RateLimitPolicy.SECONDLY ? search : general;
    if (policy == RateLimitPolicy.SECONDLY && search.spacingNanos() > 0) {
      slowSearch();
    }
    pacer.pauseUntil(clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis));
    return millis;
  }

  /** After a secondly 429: searches arrive more bunched than the pace allowed for. */
  private synchronized void slowSearch() {
    searchHeadroom = Math.max(SEARCH_HEADROOM_FLOOR, searchHeadroom - SEARCH_HEADROOM_STEP);
    searchPaceChangedAt = clock.nanoTime();
    search.setRate(searchLimit * searchHeadroom, TimeUnit.SECONDS.toNanos(1));
  }

  /** Raises the search pace a step if it was lowered and no 429 came for a while. */
  private synchronized void recoverSearch(long now) {
    if (searchHeadroom < SEARCH_HEADROOM
        && now - searchPaceChangedAt >= SEARCH_RECOVERY_NANOS) {
      searchHeadroom = Math.min(SEARCH_HEADROOM, searchHeadroom + SEARCH_HEADROOM_STEP);
      searchPaceChangedAt = now;
      search.setRate(searchLimit * searchHeadroom, TimeUnit.SECONDS.toNanos(1));
    }
  }

  /** The ten-second limit learned from HubSpot's headers, or -1 before any was seen. */
  public long learnedTenSecondLimit() {
    return learnedMax;
  }

  /** The portal's daily limit as HubSpot announces it, or -1 if no answer carried the header. */
  public long dailyLimit() {
    return dailyLimit;
  }

  /** The daily requests HubSpot last said remain, or -1 if no answer carried the header. */
  public long dailyRemaining() {
    return dailyRemaining;
  }

  /** Current pace of general requests in requests per ten seconds (0 = unpaced). */
  public double requestsPerTenSeconds() {
    long spacing = general.spacingNanos();
    return spacing == 0 ? 0 : (double) TEN_SECONDS_NANOS / spacing;
  }

  /** Current pace of search requests per second (0 = unpaced). */
  public double searchRequestsPerSecond() {
    long spacing = search.spacingNanos();
    return spacing == 0 ? 0 : (double) TimeUnit.SECONDS.toNanos(1) / spacing;
  }

  private static Long longHeader(HttpHeaders headers, String name) {
    Object value = headers.getFirstHeaderStringValue(name);
    if (value == null) {
      return null;
    }
    try {
      return Long.parseLong(value.toString().trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The moments (nanos) of the last requests sent, to count those in a window. */
  static final class SendLog {
    private final long[] times;
    private int next;
    private int size;

    SendLog(int capacity) {
      times = new long[capacity];
    }

    synchronized void add(long nanos) {
      times[next] = nanos;
      next = (next + 1) % times.length;
      size = Math.min(size + 1, times.length);
    }

    int capacity() {
      return times.length;
    }

    /**
     * The earliest moment at or after {@code slot} at which fewer than {@code allowed} logged
     * requests lie in the window before it.
     */
    synchronized long admission(long slot, long window, int allowed) {
      int inWindow = 0;
      for (int i = 0; i < size; i++) {
        long t = times[(next - 1 - i + times.length) % times.length];
        if (t <= slot - window) {
          break;
        }
        if (t <= slot && ++inWindow >= allowed) {
          return Math.max(slot, t + window + 1);
        }
      }
      return slot;
    }

    /** Requests sent in (from, to]; at most the capacity. */
    synchronized long countSince(long from, long to) {
      long count = 0;
      for (int i = 0; i < size; i++) {
        long t = times[(next - 1 - i + times.length) % times.length];
        if (t <= from) {
          break;
        }
        if (t <= to) {
          count++;
        }
      }
      return count;
    }
  }

  /**
   * Evenly spaced permits: the next permit is handed out one spacing after the previous one, or
   * at once when up to {@code saved} permits went unused since then.
   */
  static final class Pacer {
    private final int saved;
    private long spacingNanos;
    private long nextFreeNanos = Long.MIN_VALUE / 2;

    Pacer(double permits, long windowNanos, int saved) {
      this.saved = saved;
      setRate(permits, windowNanos);
    }

    synchronized void setRate(double permits, long windowNanos) {
      spacingNanos = permits <= 0 ? 0 : (long) Math.ceil(windowNanos / permits);
    }

    synchronized long spacingNanos() {
      return spacingNanos;
    }

    /** Reserves the next permit and returns how long to wait for it. */
    synchronized long reserve(long now) {
      long slot = Math.max(now, nextFreeNanos);
      nextFreeNanos = Math.max(nextFreeNanos, now - saved * spacingNanos) + spacingNanos;
      return slot - now;
    }

    /** The permit just used left at {@code nanos}: the next is at least one spacing later. */
    synchronized void departed(long nanos) {
      nextFreeNanos = Math.max(nextFreeNanos, nanos + spacingNanos);
    }

    synchronized void pauseUntil(long nanos) {
      nextFreeNanos = Math.max(nextFreeNanos, nanos);
    }
  }
}
