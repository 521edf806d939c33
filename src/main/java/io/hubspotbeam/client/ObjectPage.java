package io.hubspotbeam.client;

import java.util.List;

/**
 * One page of a list call: the records and the cursor of the next page.
 *
 * @param records the records in the order HubSpot returned them
 * @param nextAfter the {@code paging.next.after} cursor, or null on the last page
 * @param vanished records the list call returned but a follow-up batch read no longer found
 *     (deleted between the two calls); counted so that nothing disappears silently
 */
public record ObjectPage(List<CrmObject> records, String nextAfter, int vanished) {
  public ObjectPage {
    records = List.copyOf(records);
  }

  public boolean hasNext() {
    return nextAfter != null;
  }
}
