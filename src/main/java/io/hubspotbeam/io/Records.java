package io.hubspotbeam.io;

import io.hubspotbeam.client.CrmObject;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/** Small transforms over the records that {@link HubSpotIO#read()} produces. */
public final class Records {
  private Records() {}

  /** The records of one object type. */
  public static PTransform<PCollection<CrmObject>, PCollection<CrmObject>> ofType(
      String objectType) {
    return new PTransform<>() {
      @Override
      public PCollection<CrmObject> expand(PCollection<CrmObject> records) {
        return records.apply(Filter.by((CrmObject r) -> r.objectType().equals(objectType)))
            .setCoder(CrmObjectCoder.of());
      }
    };
  }

  /** The ids of the records of one object type. */
  public static PTransform<PCollection<CrmObject>, PCollection<String>> idsOf(String objectType) {
    return new PTransform<>() {
      @Override
      public PCollection<String> expand(PCollection<CrmObject> records) {
        return records.apply(ofType(objectType))
            .apply(MapElements.into(TypeDescriptors.strings()).via(CrmObject::id))
            .setCoder(StringUtf8Coder.of());
      }
    };
  }

  /** No records: for a join whose to-object the run does not read. */
  public static PTransform<PBegin, PCollection<CrmObject>> none() {
    return new PTransform<>() {
      @Override
      public PCollection<CrmObject> expand(PBegin begin) {
        return begin.apply(Create.empty(CrmObjectCoder.of()));
      }
    };
  }
}
