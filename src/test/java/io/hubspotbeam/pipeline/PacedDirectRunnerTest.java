package io.hubspotbeam.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

class PacedDirectRunnerTest {
  /** Results of the pipelines below; static because DoFns are serialized. */
  private static final List<String> SEEN = new CopyOnWriteArrayList<>();

  @Test
  void aClockReadNowAndThenIsNeverParked() throws InterruptedException {
    PacedDirectRunner.PacedClock clock = new PacedDirectRunner.PacedClock();
    for (int i = 0; i < 20; i++) {
      clock.now();
      Thread.sleep(2); // a new window each time
    }
    assertThat(clock.parks(), is(0L));
  }

  @Test
  void aClockReadInALoopParksTheReaderAndStillTellsTheTime() {
    PacedDirectRunner.PacedClock clock = new PacedDirectRunner.PacedClock();
    long before = System.currentTimeMillis();
    Instant last = clock.now();
    for (int i = 0; i < 20 * PacedDirectRunner.PacedClock.READS_PER_WINDOW; i++) {
      Instant now = clock.now();
      assertThat(now.getMillis(), greaterThanOrEqualTo(last.getMillis()));
      last = now;
    }
    long after = System.currentTimeMillis();
    assertThat(clock.parks(), greaterThan(0L));
    assertThat(last.getMillis(), greaterThanOrEqualTo(before - 5));
    assertThat(last.getMillis(), lessThanOrEqualTo(after + 5));
  }

  @Test
  void theDirectRunnerReadsTheInstalledClockAndItsDriverIsParked() {
    DirectOptions options = PipelineOptionsFactory.create().as(DirectOptions.class);
    options.setRunner(DirectRunner.class);
    options.setBlockOnRun(false);
    Pipeline pipeline = Pipeline.create(options);
    SEEN.clear();
    pipeline
        .apply(Create.of("a", "b"))
        .apply(ParDo.of(new SlowFn()));
    PacedDirectRunner.PacedClock clock = new PacedDirectRunner.PacedClock();
    DirectRunner runner = DirectRunner.fromOptions(options);

    assertThat(PacedDirectRunner.install(runner, clock), is(true));
    PipelineResult.State state = runner.run(pipeline).waitUntilFinish();

    assertThat(state, is(PipelineResult.State.DONE));
    assertThat(SEEN.stream().sorted().toList(), contains("a", "b"));
    // Unpaced, the driver reads the clock hundreds of times a millisecond while the DoFn sleeps.
    assertThat(clock.parks(), greaterThan(10L));
  }

  @Test
  void aFailingStepFailsThePacedRunWithItsOwnMessage() {
    DirectOptions options = PipelineOptionsFactory.create().as(DirectOptions.class);
    options.setRunner(DirectRunner.class);
    Pipeline pipeline = Pipeline.create(options);
    pipeline
        .apply(Create.of("x"))
        .apply(ParDo.of(new FailingFn()));

    Pipeline.PipelineExecutionException failure = assertThrows(
        Pipeline.PipelineExecutionException.class,
        () -> PacedDirectRunner.run(pipeline, options).waitUntilFinish());

    assertThat(failure.getCause().getMessage(), containsString("step failed on x"));
  }

  /** Outstanding work for a while: the driver loops meanwhile. */
  private static final class SlowFn extends DoFn<String, String> {
    @ProcessElement
    public void process(@Element String element) throws InterruptedException {
      Thread.sleep(300);
      SEEN.add(element);
    }
  }

  private static final class FailingFn extends DoFn<String, String> {
    @ProcessElement
    public void process(@Element String element) {
      throw new IllegalStateException("step failed on " + element);
    }
  }
}
