package io.hubspotbeam.client;

import java.util.List;

/**
 * One page of a search: the records, how many records match in all, and the offset of the next
 * page (null on the last one).
 */
public record SearchPage(List<CrmObject> records, long total, String nextAfter) {
  public SearchPage {
    records = List.copyOf(records);
  }

  public boolean hasNext() {
    return nextAfter != null;
  }
}
