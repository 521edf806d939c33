package io.hubspotbeam.pipeline;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.beam.runners.direct.Clock;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.util.UserCodeException;
import org.joda.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a pipeline on the Beam DirectRunner with the runner's driver loop paced.
 *
 * <p>The DirectRunner's driver hands finished bundles on and fires timers. It resubmits itself to
 * the runner's thread pool the moment a pass ends, whether or not anything happened, so while any
 * work is outstanding (and a reader waiting for HubSpot's rate limit is outstanding work) it scans
 * every step's timers in a loop: apache/beam#18070, open since 2016. In a 300,000-record run
 * under Professional limits the loop took 62% of the extractor's CPU samples, about one of the
 * machine's two cores, which the sandbox, the JSON parsing and the CSV writing then lacked.
 *
 * <p>Each pass reads the runner's processing-time clock once per step, and the DirectRunner takes
 * that clock from a supplier it keeps for its tests. {@link PacedClock} is a real clock that, when
 * it is read more than {@link PacedClock#READS_PER_WINDOW} times within {@link
 * PacedClock#WINDOW_NANOS}, parks the reader until the window ends: the spinning driver sleeps
 * between passes, while steps that read the clock now and then (a bundle's commit, a reader's
 * checkpoint) pass through. Nothing waits on the driver for longer than a window (a millisecond),
 * against the 100 ms or more of every HubSpot request.
 *
 * <p>The supplier's setter is package-private, so it is set by reflection; should a Beam version
 * lack it, the pipeline runs as before, with a debug line saying so.
 */
final class PacedDirectRunner {
  private static final Logger LOG = LoggerFactory.getLogger(PacedDirectRunner.class);

  private PacedDirectRunner() {}

  /** Runs {@code pipeline} on a DirectRunner built from {@code options}, paced if possible. */
  static PipelineResult run(Pipeline pipeline, PipelineOptions options) {
    DirectRunner runner = DirectRunner.fromOptions(options);
    if (!install(runner, new PacedClock())) {
      return pipeline.run(options);
    }
    try {
      return runner.run(pipeline);
    } catch (UserCodeException e) {
      throw new Pipeline.PipelineExecutionException(e.getCause()); // as Pipeline.run does
    }
  }

  /** Makes {@code clock} the runner's processing time; false if this Beam version does not allow it. */
  static boolean install(DirectRunner runner, PacedClock clock) {
    try {
      Method setter = null;
      for (Method method : DirectRunner.class.getDeclaredMethods()) {
        if (method.getName().equals("setClockSupplier") && method.getParameterCount() == 1) {
          setter = method;
        }
      }
      if (setter == null) {
        LOG.debug("this DirectRunner has no clock supplier to set; its driver runs unpaced");
        return false;
      }
      Class<?> supplierType = setter.getParameterTypes()[0];
      Object supplier = Proxy.newProxyInstance(
          supplierType.getClassLoader(),
          new Class<?>[] {supplierType},
          (proxy, method, args) -> {
            switch (method.getName()) {
              case "get":
                return clock;
              case "toString":
                return "PacedClock supplier";
              case "hashCode":
                return System.identityHashCode(proxy);
              case "equals":
                return proxy == args[0];
              default:
                throw new UnsupportedOperationException(method.getName());
            }
          });
      setter.setAccessible(true);
      setter.invoke(runner, supplier);
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.debug("could not pace the DirectRunner's driver; it runs unpaced", e);
      return false;
    }
  }

  /** Processing time for the DirectRunner, parking readers that read it far more than a step. */
  static final class PacedClock implements Clock {
    /** Reads of the clock allowed within one window before a reader is parked. */
    static final int READS_PER_WINDOW = 64;

    static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final long baseMillis = System.currentTimeMillis();
    private final long baseNanos = System.nanoTime();
    private final AtomicLong window = new AtomicLong();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicLong parks = new AtomicLong();

    @Override
    public Instant now() {
      long elapsed = System.nanoTime() - baseNanos;
      long current = elapsed / WINDOW_NANOS;
      long seen = window.get();
      if (current != seen && window.compareAndSet(seen, current)) {
        reads.set(0);
      }
      if (reads.incrementAndGet() > READS_PER_WINDOW) {
        parks.incrementAndGet();
        LockSupport.parkNanos((current + 1) * WINDOW_NANOS - elapsed);
        elapsed = System.nanoTime() - baseNanos;
      }
      return new Instant(baseMillis + TimeUnit.NANOSECONDS.toMillis(elapsed));
    }

    /** How often a reader was parked: the driver's passes that were slowed. */
    long parks() {
      return parks.get();
    }
  }
}
