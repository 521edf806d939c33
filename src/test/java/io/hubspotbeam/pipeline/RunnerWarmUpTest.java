package io.hubspotbeam.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

class RunnerWarmUpTest {
  @Test
  void theWarmUpPipelineRunsToItsEndOnTheDirectRunner() {
    // The sum of 0..299 and 0..4, counted after a group-by-key: every element went through the
    // splittable step (checkpointed by the DirectRunner every 100 outputs) and the grouping.
    assertThat(RunnerWarmUp.run(), is(44_860L));
  }

  @Test
  void startingItTwiceInOneJvmRunsItOnce() {
    RunnerWarmUp first = RunnerWarmUp.start();
    first.await();
    long before = countWarmUpThreads();
    RunnerWarmUp second = RunnerWarmUp.start();
    assertThat(countWarmUpThreads(), is(before));
    second.await(); // returns at once: nothing was started
  }

  private static long countWarmUpThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("direct-runner-warm-up") && t.isAlive())
        .count();
  }
}
