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
  void anEndpointIsBusyOnceTheReadersItNeedsAreInside() {
    // Before any answer a paced endpoint assumes answers take half a second: 4.75 searches a
    // second need 3 readers in flight, plus 2, which is also the most admitted.
    RateBudget paced = RateBudget.fixed(190, 5, 1);
    ActiveReaders search = ActiveReaders.of(paced, ReadRange.Mode.SEARCH);
    int limit = ActiveReaders.limit(paced, ReadRange.Mode.SEARCH);
    assertThat(limit, equalTo(5));
    for (int i = 0; i < limit; i++) {
      assertThat("busy with " + i, search.busy(paced, ReadRange.Mode.SEARCH), equalTo(false));
      assertThat(search.tryEnter(limit), equalTo(true));
    }
    assertThat(search.busy(paced, ReadRange.Mode.SEARCH), equalTo(true));

    RateBudget unpaced = RateBudget.unlimited();
    ActiveReaders list = ActiveReaders.of(unpaced, ReadRange.Mode.LIST);
    for (int i = 0; i < ActiveReaders.UNPACED_READERS; i++) {
      assertThat(list.busy(unpaced, ReadRange.Mode.LIST), equalTo(false));
      list.tryEnter(ActiveReaders.UNPACED_READERS);
    }
    assertThat(list.busy(unpaced, ReadRange.Mode.LIST), equalTo(true));
  }

  @Test
  void aWantForSearchFromCostlierPagesHoldsForAFewSeconds() {
    ActiveReaders search = ActiveReaders.of(RateBudget.fixed(190, 5, 1), ReadRange.Mode.SEARCH);
    assertThat(search.wantedByTwoRequestPages(), equalTo(false));
    search.wantedByTwoRequestPagesNow();
    assertThat(search.wantedByTwoRequestPages(), equalTo(true));
  }
}
