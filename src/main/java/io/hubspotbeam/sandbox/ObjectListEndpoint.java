package io.hubspotbeam.sandbox;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /crm/v3/objects/{type}} and {@code GET /crm/objects/2026-03/{type}}: one page of
 * live (or, with archived=true, only archived) records in ascending id order. By default the
 * cursor is the id of the next page's first record, which is what HubSpot's "opaque" cursor
 * looks like in practice; records with id >= after are returned. {@link ListPaging} can make it
 * a real opaque token and make some pages short. The paging link repeats the request's own path,
 * so it stays in the path family the client called. With propertiesWithHistory each record also
 * lists the history of those properties, and pages hold at most 50 records.
 */
final class ObjectListEndpoint implements Endpoint {
  static final int DEFAULT_LIMIT = 10;
  static final int MAX_LIMIT = 100;
  /**
   * The page size limit when propertiesWithHistory is given. HubSpot documents that asking for
   * history "will reduce the maximum number of objects that can be read by a single request", to
   * 50; and a larger limit is refused, not capped: HubSpot's Python client paged get_all with
   * limit=100 and got 400 Bad Request as soon as history was asked for
   * (HubSpot/hubspot-api-python#143, fixed by letting callers pass limit=50). So 400 here too;
   * a silent cap would hide a client bug that the real API exposes.
   */
  static final int MAX_LIMIT_WITH_HISTORY = 50;

  private final ListPaging paging;

  ObjectListEndpoint(ListPaging paging) {
    this.paging = paging;
  }

  @Override
  public ApiResponse handle(ApiCall call) throws ApiException {
    ApiRequest request = call.request();
    PortalObject object = call.object("type");
    // Read once: the object may grow meanwhile, and this page must see one size throughout.
    RecordGenerator generator = call.generator("type");
    int limit = request.intParam("limit", DEFAULT_LIMIT, MAX_LIMIT);
    boolean archived = request.booleanParam("archived");
    PropertySelection selection =
        PropertySelection.of(generator.schema(), request.listParam("properties"));
    List<String> withHistory = request.listParam("propertiesWithHistory");
    if (withHistory != null && !withHistory.isEmpty() && limit > MAX_LIMIT_WITH_HISTORY) {
      throw ApiException.validation("Invalid value for 'limit': " + limit + ". The maximum "
          + "number of records per page when requesting property histories is "
          + MAX_LIMIT_WITH_HISTORY + ".");
    }
    PropertySelection history = PropertySelection.withHistory(generator.schema(), withHistory);
    IdSequence ids = generator.ids();
    ListPaging.Position start = paging.read(request.param("after"), object, ids);
    ListPaging.Position afterEmpty = paging.afterEmptyPage(start, ids);
    int quota = paging.quota(start, object, limit, afterEmpty != null);
    List<Long> page = new ArrayList<>(quota);
    long index = skipTo(generator, start.index(), archived);
    while (index < ids.size() && page.size() < quota) {
      page.add(index);
      index = skipTo(generator, index + 1, archived);
    }
    String after = null;
    if (index < ids.size()) {
      // An empty page (quota 0) resumes where it started, under a cursor that draws afresh.
      ListPaging.Position next = page.isEmpty() ? afterEmpty : ListPaging.Position.at(index);
      after = paging.write(next, object, ids);
      String asked = request.param("after");
      if (paging.fault() == PagingFault.REPEATED_CURSOR && asked != null && !asked.isEmpty()
          && !page.isEmpty()) {
        after = asked;
      }
    } else if (paging.fault() == PagingFault.ENDLESS) {
      after = Long.toString(pastTheEnd(request.param("after"), ids) + 1);
    }
    String nextAfter = after;
    return ApiResponse.streamed(200, out -> {
      out.writeStartObject();
      out.writeArrayFieldStart("results");
      for (long record : page) {
        RecordJson.write(out, generator, record, selection, history);
      }
      out.writeEndArray();
      if (nextAfter != null) {
        out.writeObjectFieldStart("paging");
        out.writeObjectFieldStart("next");
        out.writeStringField("after", nextAfter);
        out.writeStringField("link", request.linkWith("after", nextAfter));
        out.writeEndObject();
        out.writeEndObject();
      }
      out.writeEndObject();
    });
  }

  /** The asked-for cursor if it is already past the last id, else the last id. */
  private static long pastTheEnd(String after, IdSequence ids) {
    long last = ids.size() == 0 ? 0 : ids.id(ids.size() - 1);
    try {
      return after == null ? last : Math.max(last, Long.parseLong(after.trim()));
    } catch (NumberFormatException e) {
      return last;
    }
  }

  /** The first index at or after {@code from} whose archived flag is the wanted one. */
  static long skipTo(RecordGenerator generator, long from, boolean archived) {
    long index = from;
    long size = generator.ids().size();
    while (index < size && generator.archive().isArchived(index) != archived) {
      index++;
    }
    return index;
  }
}
