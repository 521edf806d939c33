package io.hubspotbeam.sandbox;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs a sandbox portal as a standalone server until killed. Scripts parse the first two lines
 * it prints ("HubSpot sandbox portal listening on URL", "token: TOKEN"); a bad option prints
 * one line naming it on stderr and exits with status 2.
 */
public final class SandboxMain {
  static final int BAD_USAGE = 2;

  static final String HELP = String.join("\n",
      "Usage: java io.hubspotbeam.sandbox.SandboxMain [options]",
      "  --port=N                 port on 127.0.0.1 (default 8080; 0 = ephemeral)",
      "  --size=TYPE=N,...        records per object, e.g. contacts=1000,deals=50,licenses=300",
      "  --records=N              scale the whole portal to about N records",
      "  --contactShare=F         with --records, the share of contacts (0..1)",
      "  --extraProperties=TYPE=N,...  synthetic custom properties per object",
      "  --token=TOKEN            the private app token (default " + SandboxPortal.DEFAULT_TOKEN
          + ")",
      "  --tenSecondlyLimit=N     calls per rolling 10 s, search excluded (0 = unlimited)",
      "  --dailyLimit=N           calls per day (0 = unlimited)",
      "  --searchPerSecond=N      search calls per second (default 5; 0 = unlimited)",
      "  --latencyMs=N            milliseconds added to every answer",
      "  --serverErrorRate=F      share of calls answered 502/503/504 (0..1)",
      "  --connectionResetRate=F  share of calls whose connection is dropped (0..1)",
      "  --maxUrlLength=N         longer request lines get 414 (default 8000)",
      "  --cursorStyle=id|opaque  list paging cursor: the next record's id (default), or an",
      "                           opaque token that is not a number (numeric cursors get 400)",
      "  --shortPageRate=F        share of list pages returning fewer records than limit, even",
      "                           none, with paging.next at the first record not returned (0..1)",
      "  --malformedBodyRate=F    share of successful answers spoiled: JSON cut in half, or a",
      "                           proxy's HTML page with status 200 (0..1)",
      "  --slowResponseRate=F     share of calls answered only after --slowResponseMs (0..1)",
      "  --slowResponseMs=N       the delay of a slow answer (default 3000)",
      "  --pagingFault=none|repeated-cursor|endless  list paging that never ends: every page",
      "                           after the first repeats its cursor, or the last page links to",
      "                           ever further empty pages (id cursors only)",
      "  --revokeAfterCalls=N     the token stops working from call N on (default 0 = never)",
      "  --otherAppBurst=N        another integration makes N calls at once every 2 s on the",
      "                           same ten-second and daily limits (default 0)",
      "  --growthPerSecond=N      contacts created per second while the server runs (default 0)",
      "  --seed=N                 data and fault randomness (default 1)",
      "  --help                   this text",
      "",
      "Sandbox-only path (not part of HubSpot's API; no token needed, never rate limited, not",
      "counted):",
      "  GET /__sandbox/stats     JSON counters: totalRequests, rateLimited (and",
      "                           rateLimitedByPolicy: tenSecondly, secondly, daily),",
      "                           serverErrors, connectionResets, requestsByKind,",
      "                           responsesByStatus, and sizes (records per object, growth",
      "                           included)",
      "  GET /__sandbox/stats?reset=true  the same, then every counter is set back to zero");

  /** A bad command line: the message names the option and what it accepts. */
  static final class UsageException extends Exception {
    UsageException(String message) {
      super(message, null, false, false);
    }
  }

  private SandboxMain() {}

  public static void main(String[] args) throws InterruptedException {
    for (String arg : args) {
      if (arg.equals("--help") || arg.equals("-h")) {
        System.out.println(HELP);
        return;
      }
    }
    SandboxPortal portal;
    int port;
    long growthPerSecond;
    try {
      Map<String, String> options = options(args);
      port = (int) longOption(options, "port", 8080, 0, 65_535);
      growthPerSecond = growthPerSecond(options);
      portal = configure(options).build();
    } catch (UsageException e) {
      System.err.println(e.getMessage());
      System.exit(BAD_USAGE);
      return;
    }
    try {
      portal.start(port);
    } catch (RuntimeException e) {
      System.err.println("--port: cannot listen on 127.0.0.1:" + port + " (" + e.getMessage()
          + ")");
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(portal::close, "sandbox-shutdown"));
    if (growthPerSecond > 0) {
      // Lives as long as the process; its thread is a daemon, so it never holds the JVM.
      new SteadyGrowth(portal.data(), PortalObject.CONTACTS.plural(), growthPerSecond).start();
    }
    PrintStream out = System.out;
    out.println("HubSpot sandbox portal listening on " + portal.baseUrl());
    out.println("token: " + portal.token());
    out.println(portal.summary() + " growthPerSecond=" + growthPerSecond);
    out.flush();
    Thread.currentThread().join();
  }

  static SandboxPortal.Builder configure(Map<String, String> options) throws UsageException {
    SandboxPortal.Builder builder = SandboxPortal.builder();
    longOption(options, "port", 8080, 0, 65_535);
    try {
      if (options.containsKey("records")) {
        long records = longOption(options, "records", 0, 0, Long.MAX_VALUE / 4);
        double share = doubleOption(options, "contactShare", defaultContactShare(), 0, 1);
        builder.scaledSizes(records, share);
      } else if (options.containsKey("contactShare")) {
        throw new UsageException("--contactShare: only valid together with --records=N");
      }
      for (Map.Entry<String, String> size : typedList(options, "size").entrySet()) {
        long n = parseLong("size", size.getValue(), 0, Long.MAX_VALUE / 4);
        builder.objectSize(size.getKey(), n);
      }
      for (Map.Entry<String, String> extra : typedList(options, "extraProperties").entrySet()) {
        builder.extraProperties(extra.getKey(),
            (int) parseLong("extraProperties", extra.getValue(), 0, 100_000));
      }
      if (options.containsKey("token")) {
        String token = options.get("token");
        if (token.isBlank() || token.chars().anyMatch(c -> c <= ' ' || c > '~')) {
          throw new UsageException("--token: expected a non-empty token of printable ASCII "
              + "characters without spaces");
        }
        builder.token(token);
      }
      builder.tenSecondlyLimit((int) longOption(options, "tenSecondlyLimit", 0, 0,
          Integer.MAX_VALUE));
      builder.dailyLimit(longOption(options, "dailyLimit", 0, 0, Long.MAX_VALUE));
      builder.searchPerSecond((int) longOption(options, "searchPerSecond", 5, 0,
          Integer.MAX_VALUE));
      builder.latencyMillis(longOption(options, "latencyMs", 0, 0, 600_000));
      double errors = doubleOption(options, "serverErrorRate", 0, 0, 1);
      double resets = doubleOption(options, "connectionResetRate", 0, 0, 1);
      builder.serverErrorRate(errors).connectionResetRate(resets);
      builder.maxUrlLength((int) longOption(options, "maxUrlLength", 8000, 64,
          Integer.MAX_VALUE));
      builder.cursorStyle(enumOption(options, "cursorStyle", CursorStyle.ID));
      builder.shortPageRate(doubleOption(options, "shortPageRate", 0, 0, 1));
      builder.malformedBodyRate(doubleOption(options, "malformedBodyRate", 0, 0, 1));
      builder.slowResponses(doubleOption(options, "slowResponseRate", 0, 0, 1),
          longOption(options, "slowResponseMs", 3_000, 0, 600_000));
      builder.pagingFault(enumOption(options, "pagingFault", PagingFault.NONE));
      builder.revokeAfterCalls(longOption(options, "revokeAfterCalls", 0, 0, Long.MAX_VALUE));
      builder.otherAppBurst((int) longOption(options, "otherAppBurst", 0, 0, 1_000_000));
      growthPerSecond(options);
      builder.seed(longOption(options, "seed", 1, Long.MIN_VALUE, Long.MAX_VALUE));
      builder.validate();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    return builder;
  }

  /** Contacts to create per second in the background; validated with the other options. */
  static long growthPerSecond(Map<String, String> options) throws UsageException {
    return longOption(options, "growthPerSecond", 0, 0, 10_000_000);
  }

  /** An enum option spelled in lower case with dashes: "repeated-cursor" for REPEATED_CURSOR. */
  private static <E extends Enum<E>> E enumOption(Map<String, String> options, String name,
      E fallback) throws UsageException {
    String text = options.get(name);
    if (text == null) {
      return fallback;
    }
    E[] values = fallback.getDeclaringClass().getEnumConstants();
    for (E value : values) {
      if (spelling(value).equals(text.trim().toLowerCase(java.util.Locale.ROOT))) {
        return value;
      }
    }
    throw new UsageException("--" + name + ": expected "
        + java.util.Arrays.stream(values).map(SandboxMain::spelling)
            .collect(java.util.stream.Collectors.joining(" or ")) + ", got '" + text + "'");
  }

  private static String spelling(Enum<?> value) {
    return value.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  static Map<String, String> options(String[] args) throws UsageException {
    Map<String, String> options = new LinkedHashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new UsageException(arg + ": expected --name=value (see --help)");
      }
      String name = arg.substring(2, arg.indexOf('='));
      if (!KNOWN.contains(name)) {
        throw new UsageException("--" + name + ": unknown option (see --help)");
      }
      options.put(name, arg.substring(arg.indexOf('=') + 1));
    }
    return options;
  }

  private static final java.util.Set<String> KNOWN = java.util.Set.of("port", "size", "records",
      "contactShare", "extraProperties", "token", "tenSecondlyLimit", "dailyLimit",
      "searchPerSecond", "latencyMs", "serverErrorRate", "connectionResetRate", "maxUrlLength",
      "cursorStyle", "shortPageRate", "malformedBodyRate", "slowResponseRate", "slowResponseMs",
      "pagingFault", "revokeAfterCalls", "otherAppBurst", "growthPerSecond", "seed");

  /** "contacts=1000,deals=50" with every type checked against the portal's objects. */
  private static Map<String, String> typedList(Map<String, String> options, String name)
      throws UsageException {
    Map<String, String> entries = new LinkedHashMap<>();
    String text = options.get(name);
    if (text == null) {
      return entries;
    }
    for (String item : text.split(",")) {
      String[] parts = item.split("=", 2);
      if (parts.length != 2 || PortalObject.resolve(parts[0].trim()).isEmpty()) {
        throw new UsageException("--" + name + ": expected TYPE=N[,TYPE=N...] with TYPE one of "
            + String.join(", ", objectNames()) + "; got '" + item + "'");
      }
      entries.put(parts[0].trim(), parts[1].trim());
    }
    return entries;
  }

  private static long longOption(Map<String, String> options, String name, long fallback,
      long min, long max) throws UsageException {
    String text = options.get(name);
    return text == null ? fallback : parseLong(name, text, min, max);
  }

  private static long parseLong(String name, String text, long min, long max)
      throws UsageException {
    long value;
    try {
      value = Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + ": expected a whole number, got '" + text + "'");
    }
    if (value < min || value > max) {
      throw new UsageException("--" + name + ": expected a whole number from " + min + " to "
          + max + ", got " + value);
    }
    return value;
  }

  private static double doubleOption(Map<String, String> options, String name, double fallback,
      double min, double max) throws UsageException {
    String text = options.get(name);
    if (text == null) {
      return fallback;
    }
    double value;
    try {
      value = Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + ": expected a number from " + min + " to " + max
          + ", got '" + text + "'");
    }
    if (!(value >= min && value <= max)) {
      throw new UsageException("--" + name + ": expected a number from " + min + " to " + max
          + ", got " + text);
    }
    return value;
  }

  /** The contacts' share of the demo portal, used when --records comes without a share. */
  private static double defaultContactShare() {
    long all = 0;
    for (PortalObject object : PortalObject.values()) {
      if (!object.isCustom()) {
        all += object.defaultSize();
      }
    }
    return (double) PortalObject.CONTACTS.defaultSize() / all;
  }

  /** The objects' names (the custom object's bare name included), for messages. */
  private static java.util.List<String> objectNames() {
    return java.util.Arrays.stream(PortalObject.values()).map(PortalObject::plural).toList();
  }
}
