package io.hubspotbeam.pipeline;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Live progress of a running extraction, sampled from the pipeline's metrics once a second: per
 * object the records read against the count found before the run, records per second over the
 * last few seconds, the time left at that pace, and the share of its readers' time spent waiting
 * on the rate limit. On a terminal one line per object is rewritten in place; elsewhere (CI, log
 * files) plain lines are printed every {@code plainEvery}. The samples are kept for the run's
 * report.
 */
final class RunProgress implements AutoCloseable {
  /** How the figures are shown. */
  enum Mode { LIVE, PLAIN, OFF }

  /** The run's figures at one moment, seconds after the start. */
  record Sample(double seconds, Map<String, Long> records, long requests, long searches,
      long rateLimited, long throttledMillis, long requestMillis) {}

  private static final long SAMPLE_MILLIS = 1_000;
  /** Records per second are measured over this many of the last samples. */
  private static final int RATE_WINDOW = 5;

  private final Supplier<RunCounters> metrics;
  private final List<String> objects;
  private final Map<String, Long> expected;
  private final PrintStream out;
  private final Mode mode;
  private final long plainEveryMillis;
  private final long startNanos = System.nanoTime();
  private final List<Sample> samples = new ArrayList<>();
  private final Thread thread;
  private volatile boolean stopped;
  private int linesShown;
  private long lastPlainMillis = -1;
  private List<String> lastPrinted = List.of();

  /**
   * @param metrics the running pipeline's figures (may throw while the runner has none yet)
   * @param expected per object the records the run should read (-1 when unknown)
   */
  RunProgress(Supplier<RunCounters> metrics, Map<String, Long> expected, PrintStream out,
      Mode mode, long plainEverySeconds) {
    this.metrics = metrics;
    this.objects = new ArrayList<>(expected.keySet());
    this.expected = new LinkedHashMap<>(expected);
    this.out = out;
    this.mode = mode;
    this.plainEveryMillis = TimeUnit.SECONDS.toMillis(plainEverySeconds);
    this.thread = new Thread(this::loop, "extraction-progress");
    this.thread.setDaemon(true);
  }

  /** The mode an option value names; "auto" is live on a terminal, plain elsewhere. */
  static Mode mode(String option) {
    String text = option == null ? "auto" : option.trim().toLowerCase(Locale.ROOT);
    switch (text) {
      case "auto":
        return System.console() != null ? Mode.LIVE : Mode.PLAIN;
      case "live":
        return Mode.LIVE;
      case "plain":
        return Mode.PLAIN;
      case "off":
        return Mode.OFF;
      default:
        throw new InvalidInputException("--progress must be auto, live, plain or off, got '"
            + option + "'");
    }
  }

  RunProgress start() {
    thread.start();
    return this;
  }

  private void loop() {
    while (!stopped) {
      try {
        Thread.sleep(SAMPLE_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
      sample(false);
    }
  }

  /** Takes a sample and shows it as the mode says; {@code last} always prints. */
  private synchronized void sample(boolean last) {
    RunCounters counters;
    try {
      counters = metrics.get();
    } catch (RuntimeException e) {
      return; // the runner has no metrics yet
    }
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    Map<String, Long> records = new LinkedHashMap<>();
    for (String objectType : objects) {
      records.put(objectType, counters.get(objectType, "records"));
    }
    samples.add(new Sample(seconds, records, counters.total("requests"),
        counters.total("searches"), counters.total("rateLimited"),
        counters.total("throttledMillis"), counters.total("requestMillis")));
    show(counters, last);
  }

  private void show(RunCounters counters, boolean last) {
    if (mode == Mode.OFF) {
      return;
    }
    List<String> lines = new ArrayList<>();
    for (String objectType : objects) {
      lines.add(line(objectType, counters));
    }
    if (mode == Mode.LIVE) {
      StringBuilder text = new StringBuilder();
      if (linesShown > 0) {
        text.append("\033[").append(linesShown).append('A');
      }
      for (String line : lines) {
        text.append('\r').append("\033[2K").append(line).append('\n');
      }
      out.print(text);
      out.flush();
      linesShown = lines.size();
      return;
    }
    long now = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    // The last lines are printed unless they would repeat the lines just printed.
    boolean due = last ? !lines.equals(lastPrinted)
        : now - Math.max(0, lastPlainMillis) >= plainEveryMillis;
    if (due) {
      lastPlainMillis = now;
      lastPrinted = lines;
      String prefix = String.format(Locale.ROOT, "progress %s ", Preflight.clock(now / 1000.0));
      lines.forEach(line -> out.println(prefix + line));
      out.flush();
    }
  }

  /** "deals  1,200 / 2,500  48%  310 records/s  ETA 0:04  rate-limit wait 12%". */
  String line(String objectType, RunCounters counters) {
    long done = counters.get(objectType, "records");
    long total = expected.getOrDefault(objectType, -1L);
    boolean finished = total >= 0 && done >= total;
    double rate = finished ? averageRate(objectType, total) : recentRate(objectType);
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-22s %,11d", objectType,
        done));
    if (total >= 0) {
      line.append(String.format(Locale.ROOT, " / %,d %4.0f%%", total,
          total == 0 ? 100.0 : Math.min(100.0, 100.0 * done / total)));
    }
    line.append(String.format(Locale.ROOT, "  %,6.0f records/s", rate));
    if (finished) {
      line.append("  done");
    } else if (total >= 0 && rate > 0) {
      line.append("  ETA ").append(Preflight.clock((total - done) / rate));
    } else {
      line.append("  ETA ?");
    }
    long waited = counters.get(objectType, "throttledMillis");
    long asked = counters.get(objectType, "requestMillis");
    if (waited + asked > 0) {
      line.append(String.format(Locale.ROOT, "  rate-limit wait %2.0f%%",
          100.0 * waited / (waited + asked)));
    }
    return line.toString();
  }

  /** Records per second of a finished object, up to the sample where it reached its total. */
  private double averageRate(String objectType, long total) {
    for (Sample sample : samples) {
      if (sample.records().get(objectType) >= total) {
        return total / Math.max(1e-3, sample.seconds());
      }
    }
    return 0;
  }

  /** Records per second of the object over the last few samples (all of them at first). */
  private double recentRate(String objectType) {
    if (samples.size() < 2) {
      return samples.isEmpty() ? 0 : samples.get(0).records().get(objectType)
          / Math.max(1e-3, samples.get(0).seconds());
    }
    Sample newest = samples.get(samples.size() - 1);
    Sample oldest = samples.get(Math.max(0, samples.size() - 1 - RATE_WINDOW));
    double seconds = newest.seconds() - oldest.seconds();
    return seconds <= 0 ? 0
        : (newest.records().get(objectType) - oldest.records().get(objectType)) / seconds;
  }

  /** The samples so far, oldest first. */
  synchronized List<Sample> samples() {
    return new ArrayList<>(samples);
  }

  /** Stops sampling after one last sample, printed whatever the interval. */
  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sample(true);
  }
}
