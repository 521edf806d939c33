package io.hubspotbeam.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.hubspotbeam.client.RateBudget;
import org.junit.jupiter.api.Test;

class ActiveReadersTest {
  @Test
  void admitsUpToTheLimit() {
    ActiveReaders readers = ActiveReaders.of(RateBudget.fixed(190, 5, 1), ReadRange.Mode.LIST);
    assertThat(readers.tryEnter(2), equalTo(true));
    assertThat(readers.tryEnter(2), equalTo(true));
    assertThat(readers.tryEnter(2), equalTo(false));
    readers.leave();
    assertThat(readers.tryEnter(2), equalTo(true));
  }

  @Test
  void aWantForSearchFromCostlierPagesHoldsForAFewSeconds() {
    ActiveReaders search = ActiveReaders.of(RateBudget.fixed(190, 5, 1), ReadRange.Mode.SEARCH);
    assertThat(search.wantedByTwoRequestPages(), equalTo(false));
    search.wantedByTwoRequestPagesNow();
    assertThat(search.wantedByTwoRequestPages(), equalTo(true));
  }
}
