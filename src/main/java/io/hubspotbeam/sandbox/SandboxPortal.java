package io.hubspotbeam.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A simulated HubSpot portal: the CRM v3/v4 read API, and the same operations under HubSpot's
 * date-versioned 2026-03 paths, over real HTTP on 127.0.0.1, serving deterministic generated data
 * with HubSpot's paths, JSON shapes, limits, errors, rate limits and (on request) latency and
 * faults. Tests, the demo and the benchmarks run against it.
 *
 * <p>Like an Enterprise portal, it has one custom object besides the thirteen standard ones:
 * licenses (objectTypeId 2-7350991, fullyQualifiedName p48213759_licenses), associated with
 * companies and contacts, listed by the schemas API and read with the crm.objects.custom.read
 * scope. The builder and the command line also accept its bare name, "licenses"; the HTTP
 * paths, like HubSpot's, do not.
 *
 * <pre>{@code
 * try (SandboxPortal portal = SandboxPortal.builder().objectSize("contacts", 600).build()) {
 *   portal.start();
 *   ... call portal.baseUrl() with "Authorization: Bearer " + portal.token() ...
 * }
 * }</pre>
 */
public final class SandboxPortal implements AutoCloseable {
  /** The sandbox's fixed private-app token, unless the builder sets another. */
  public static final String DEFAULT_TOKEN = "pat-na1-00000000-0000-4000-8000-000000000000";

  /** Every read scope the sandbox checks; granted by default. */
  public static final Set<String> ALL_READ_SCOPES = Set.of(
      "crm.objects.contacts.read", "crm.objects.companies.read", "crm.objects.deals.read",
      "tickets", "crm.objects.products.read", "crm.objects.line_items.read",
      "crm.objects.quotes.read", "crm.objects.feedback_submissions.read",
      "crm.objects.custom.read", "crm.schemas.contacts.read", "crm.schemas.companies.read",
      "crm.schemas.deals.read", "crm.schemas.custom.read", "e-commerce", "sales-email-read");

  /**
   * The sandbox portal's HubSpot account id (HubSpot calls it portalId or hubId). Fixed, like
   * everything else of the portal: it is part of the custom object's fullyQualifiedName
   * ("p48213759_licenses"), which clients put in paths.
   */
  public static final long PORTAL_ID = 48_213_759L;

  static {
    // The JDK server writes headers and body in separate segments; with Nagle's algorithm on,
    // each answer then waits for the client's delayed ACK (about 40 ms), which would cap a
    // client at some 20 calls per second per connection. The server reads this once, when the
    // first HttpServer of the JVM is created.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  /** Handler threads sleep through the injected latency, so there must be plenty of them. */
  private static final int HANDLER_THREADS = 256;

  private final Settings settings;
  private final SandboxData data;
  private final SandboxStats stats = new SandboxStats();
  private final AccessPolicy access;
  private final PortalHttpHandler handler;
  /** How often the other integration of {@link Builder#otherAppBurst} makes its burst. */
  static final java.time.Duration OTHER_APP_PERIOD = java.time.Duration.ofSeconds(2);

  private HttpServer server;
  private ExecutorService executor;
  private java.util.concurrent.ScheduledExecutorService otherApp;
  private String baseUrl;

  private SandboxPortal(Settings settings) {
    this.settings = settings;
    this.data = new SandboxData(settings.seed, settings.sizes, settings.extras);
    this.access = new AccessPolicy(settings.token, settings.scopes);
    this.handler = new PortalHttpHandler(data, access,
        new RateLimits(settings.tenSecondlyLimit, settings.dailyLimit, settings.searchPerSecond,
            stats),
        new FaultPlan(settings.seed, settings.faults), stats, settings.latencyMillis,
        settings.maxUrlLength,
        new ListPaging(settings.cursorStyle, settings.shortPageRate, settings.seed,
            settings.pagingFault),
        settings.revokeAfterCalls);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Binds 127.0.0.1 on an ephemeral port and starts serving. */
  public SandboxPortal start() {
    return start(0);
  }

  /** Binds 127.0.0.1 on the port (0 = ephemeral) and starts serving. */
  public synchronized SandboxPortal start(int port) {
    if (server != null) {
      throw new IllegalStateException("the portal is already started");
    }
    try {
      server = HttpServer.create(
          new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), 1024);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind 127.0.0.1:" + port, e);
    }
    AtomicInteger threadNumber = new AtomicInteger();
    executor = Executors.newFixedThreadPool(HANDLER_THREADS, runnable -> {
      Thread thread = new Thread(runnable, "sandbox-portal-" + threadNumber.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(executor);
    server.createContext("/", handler);
    server.start();
    if (settings.otherAppBurst > 0) {
      otherApp = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sandbox-other-app");
        thread.setDaemon(true);
        return thread;
      });
      long period = OTHER_APP_PERIOD.toMillis();
      otherApp.scheduleAtFixedRate(() -> stats.otherAppCalls(handler.limits().otherAppCalls(
          settings.otherAppBurst, System.nanoTime(), System.currentTimeMillis())),
          period / 2, period, java.util.concurrent.TimeUnit.MILLISECONDS);
    }
    baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
    handler.baseUrl(baseUrl);
    return this;
  }

  /** "http://127.0.0.1:PORT"; only valid once started. */
  public synchronized String baseUrl() {
    if (baseUrl == null) {
      throw new IllegalStateException("the portal is not started");
    }
    return baseUrl;
  }

  public synchronized int port() {
    return server == null ? -1 : server.getAddress().getPort();
  }

  public String token() {
    return access.token();
  }

  /** From now on every call is answered 401, as after the app's token was rotated. */
  public void revokeToken() {
    access.revoke();
  }

  /** The ground truth; {@link SandboxData#grow} adds records while the portal serves. */
  public SandboxData data() {
    return data;
  }

  /** Live counters; the standalone server also serves them at GET /__sandbox/stats. */
  public SandboxStats stats() {
    return stats;
  }

  /**
   * A one-line description of sizes (current ones, growth included) and limits, as the
   * standalone server prints it.
   */
  public String summary() {
    StringBuilder out = new StringBuilder("objects:");
    for (String type : data.objectTypes()) {
      out.append(' ').append(type).append('=').append(data.size(type));
    }
    out.append(" | tenSecondlyLimit=").append(unlimited(settings.tenSecondlyLimit))
        .append(" dailyLimit=").append(unlimited(settings.dailyLimit))
        .append(" searchPerSecond=").append(unlimited(settings.searchPerSecond))
        .append(" latencyMs=").append(settings.latencyMillis)
        .append(" serverErrorRate=").append(settings.faults.serverError())
        .append(" connectionResetRate=").append(settings.faults.connectionReset())
        .append(" malformedBodyRate=").append(settings.faults.malformedBody())
        .append(" slowResponseRate=").append(settings.faults.slow())
        .append(" slowResponseMs=").append(settings.faults.slowMillis())
        .append(" maxUrlLength=").append(settings.maxUrlLength)
        .append(" cursorStyle=").append(settings.cursorStyle.name().toLowerCase(Locale.ROOT))
        .append(" shortPageRate=").append(settings.shortPageRate)
        .append(" pagingFault=")
        .append(settings.pagingFault.name().toLowerCase(Locale.ROOT).replace('_', '-'))
        .append(" revokeAfterCalls=").append(settings.revokeAfterCalls)
        .append(" otherAppBurst=").append(settings.otherAppBurst)
        .append(" seed=").append(settings.seed);
    return out.toString();
  }

  @Override
  public synchronized void close() {
    if (otherApp != null) {
      otherApp.shutdownNow();
      otherApp = null;
    }
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
      server = null;
    }
  }

  private static String unlimited(long limit) {
    return limit == 0 ? "unlimited" : Long.toString(limit);
  }

  /** The settings a builder collected; immutable once built. */
  private static final class Settings {
    final Map<PortalObject, Long> sizes;
    final Map<PortalObject, Integer> extras;
    final String token;
    final Set<String> scopes;
    final int tenSecondlyLimit;
    final long dailyLimit;
    final int searchPerSecond;
    final long latencyMillis;
    final FaultPlan.Rates faults;
    final int maxUrlLength;
    final CursorStyle cursorStyle;
    final double shortPageRate;
    final PagingFault pagingFault;
    final long revokeAfterCalls;
    final int otherAppBurst;
    final long seed;

    Settings(Builder b) {
      this.sizes = Map.copyOf(b.sizes);
      this.extras = Map.copyOf(b.extras);
      this.token = b.token;
      this.scopes = Set.copyOf(b.scopes);
      this.tenSecondlyLimit = b.tenSecondlyLimit;
      this.dailyLimit = b.dailyLimit;
      this.searchPerSecond = b.searchPerSecond;
      this.latencyMillis = b.latencyMillis;
      this.faults = new FaultPlan.Rates(b.serverErrorRate, b.connectionResetRate,
          b.malformedBodyRate, b.slowResponseRate, b.slowResponseMillis);
      this.maxUrlLength = b.maxUrlLength;
      this.cursorStyle = b.cursorStyle;
      this.shortPageRate = b.shortPageRate;
      this.pagingFault = b.pagingFault;
      this.revokeAfterCalls = b.revokeAfterCalls;
      this.otherAppBurst = b.otherAppBurst;
      this.seed = b.seed;
    }
  }

  /** Collects the portal's settings; every one is optional. Object types by name or id. */
  public static final class Builder {
    private final Map<PortalObject, Long> sizes = new EnumMap<>(PortalObject.class);
    private final Map<PortalObject, Integer> extras = new EnumMap<>(PortalObject.class);
    private String token = DEFAULT_TOKEN;
    private Set<String> scopes = ALL_READ_SCOPES;
    private int tenSecondlyLimit;
    private long dailyLimit;
    private int searchPerSecond = 5;
    private long latencyMillis;
    private double serverErrorRate;
    private double connectionResetRate;
    private double malformedBodyRate;
    private double slowResponseRate;
    private long slowResponseMillis = 3_000;
    private int maxUrlLength = 8000;
    private CursorStyle cursorStyle = CursorStyle.ID;
    private double shortPageRate;
    private PagingFault pagingFault = PagingFault.NONE;
    private long revokeAfterCalls;
    private int otherAppBurst;
    private long seed = 1;

    private Builder() {
      defaultSizes();
      for (PortalObject object : PortalObject.values()) {
        extras.put(object, object.defaultExtraProperties());
      }
    }

    /** Records of the object type, archived ones included. */
    public Builder objectSize(String type, long records) {
      if (records < 0) {
        throw new IllegalArgumentException("objectSize: the number of " + type
            + " must be >= 0, got " + records);
      }
      sizes.put(PortalObject.require(type), records);
      return this;
    }

    /**
     * Resets every size to the demo portal's (contacts 650, companies 180, deals 240...,
     * licenses 150).
     */
    public Builder defaultSizes() {
      for (PortalObject object : PortalObject.values()) {
        sizes.put(object, object.defaultSize());
      }
      return this;
    }

    /**
     * Sizes every object so the portal has about {@code totalRecords} records, the given share
     * of them contacts and the rest spread over the other objects, the custom object included,
     * in the demo proportions.
     */
    public Builder scaledSizes(long totalRecords, double contactShare) {
      if (totalRecords < 0) {
        throw new IllegalArgumentException("scaledSizes: totalRecords must be >= 0");
      }
      if (!(contactShare >= 0 && contactShare <= 1)) {
        throw new IllegalArgumentException("scaledSizes: contactShare must be within 0..1");
      }
      long contacts = Math.round(totalRecords * contactShare);
      long rest = totalRecords - contacts;
      long weightSum = 0;
      // The standard objects share the total; a custom object keeps its own size, so that a
      // portal of N records has the same standard objects as before custom objects existed.
      for (PortalObject object : PortalObject.values()) {
        if (object != PortalObject.CONTACTS && !object.isCustom()) {
          weightSum += object.defaultSize();
        }
      }
      sizes.put(PortalObject.CONTACTS, contacts);
      for (PortalObject object : PortalObject.values()) {
        if (object != PortalObject.CONTACTS && !object.isCustom()) {
          sizes.put(object, Math.round((double) rest * object.defaultSize() / weightSum));
        }
      }
      return this;
    }

    /** Number of synthetic custom properties added to the object's schema. */
    public Builder extraProperties(String type, int count) {
      if (count < 0) {
        throw new IllegalArgumentException("extraProperties: count must be >= 0, got " + count);
      }
      extras.put(PortalObject.require(type), count);
      return this;
    }

    public Builder token(String token) {
      if (token == null || token.isBlank()) {
        throw new IllegalArgumentException("token: must not be empty");
      }
      this.token = token.trim();
      return this;
    }

    public Builder grantedScopes(Set<String> scopes) {
      this.scopes = new LinkedHashSet<>(scopes);
      return this;
    }

    /** Calls per rolling 10 s outside search; 0 = unlimited. */
    public Builder tenSecondlyLimit(int limit) {
      this.tenSecondlyLimit = nonNegative("tenSecondlyLimit", limit);
      return this;
    }

    /** Calls per day, search included; 0 = unlimited. */
    public Builder dailyLimit(long limit) {
      if (limit < 0) {
        throw new IllegalArgumentException("dailyLimit: must be >= 0, got " + limit);
      }
      this.dailyLimit = limit;
      return this;
    }

    /** Search calls per second; 0 = unlimited. */
    public Builder searchPerSecond(int limit) {
      this.searchPerSecond = nonNegative("searchPerSecond", limit);
      return this;
    }

    public Builder latencyMillis(long millis) {
      if (millis < 0) {
        throw new IllegalArgumentException("latencyMillis: must be >= 0, got " + millis);
      }
      this.latencyMillis = millis;
      return this;
    }

    public Builder serverErrorRate(double rate) {
      this.serverErrorRate = rate("serverErrorRate", rate);
      return this;
    }

    public Builder connectionResetRate(double rate) {
      this.connectionResetRate = rate("connectionResetRate", rate);
      return this;
    }

    /**
     * The share of successful answers spoiled on the way: the JSON cut in half, or a proxy's HTML
     * page sent with status 200.
     */
    public Builder malformedBodyRate(double rate) {
      this.malformedBodyRate = rate("malformedBodyRate", rate);
      return this;
    }

    /** The share of calls answered only after {@code millis} (default 3,000 ms). */
    public Builder slowResponses(double rate, long millis) {
      this.slowResponseRate = rate("slowResponseRate", rate);
      if (millis < 0) {
        throw new IllegalArgumentException("slowResponseMs: must be >= 0, got " + millis);
      }
      this.slowResponseMillis = millis;
      return this;
    }

    /** A paging fault of the list endpoint (see {@link PagingFault}); NONE by default. */
    public Builder pagingFault(PagingFault fault) {
      if (fault == null) {
        throw new IllegalArgumentException("pagingFault: must not be null");
      }
      this.pagingFault = fault;
      return this;
    }

    /**
     * The token is revoked by the call with this number (counting from 0), as when an admin
     * rotates the app's token during a run; 0 = never.
     */
    public Builder revokeAfterCalls(long calls) {
      if (calls < 0) {
        throw new IllegalArgumentException("revokeAfterCalls: must be >= 0, got " + calls);
      }
      this.revokeAfterCalls = calls;
      return this;
    }

    /**
     * Another integration on the portal makes this many calls at once every 2 s, on the same
     * ten-second window and daily count, the way a CRM sync job competes with an extraction:
     * HubSpot's headers tell a client how much is left, but not who took it. 0 = none.
     */
    public Builder otherAppBurst(int calls) {
      this.otherAppBurst = nonNegative("otherAppBurst", calls);
      return this;
    }

    /** Request lines longer than this get the load balancer's 414. */
    public Builder maxUrlLength(int length) {
      if (length < 64) {
        throw new IllegalArgumentException("maxUrlLength: must be >= 64, got " + length);
      }
      this.maxUrlLength = length;
      return this;
    }

    /**
     * The list endpoint's paging cursor: {@link CursorStyle#ID} (the default) or
     * {@link CursorStyle#OPAQUE}, a token that is not a number and rejects numeric cursors.
     */
    public Builder cursorStyle(CursorStyle style) {
      if (style == null) {
        throw new IllegalArgumentException("cursorStyle: must not be null");
      }
      this.cursorStyle = style;
      return this;
    }

    /**
     * The share of list pages (search pages are never short) that return fewer records than
     * the limit, from none to limit - 1, while paging.next still points at the first record not
     * returned; which pages is decided by the seed and the page's start. Default 0.
     */
    public Builder shortPageRate(double rate) {
      this.shortPageRate = rate("shortPageRate", rate);
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public SandboxPortal build() {
      validate();
      return new SandboxPortal(new Settings(this));
    }

    /** The checks that span several settings; IllegalArgumentException naming them. */
    void validate() {
      new FaultPlan.Rates(serverErrorRate, connectionResetRate, malformedBodyRate,
          slowResponseRate, slowResponseMillis);
      if (pagingFault == PagingFault.ENDLESS && cursorStyle != CursorStyle.ID) {
        throw new IllegalArgumentException("pagingFault: endless paging needs id cursors");
      }
    }

    private static int nonNegative(String name, int value) {
      if (value < 0) {
        throw new IllegalArgumentException(name + ": must be >= 0 (0 = unlimited), got " + value);
      }
      return value;
    }

    private static double rate(String name, double value) {
      if (!(value >= 0 && value <= 1)) {
        throw new IllegalArgumentException(name + ": must be a fraction within 0..1, got "
            + value);
      }
      return value;
    }
  }
}
