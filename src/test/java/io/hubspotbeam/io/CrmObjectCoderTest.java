package io.hubspotbeam.io;

import io.hubspotbeam.client.CrmObject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.testing.CoderProperties;
import org.junit.jupiter.api.Test;

class CrmObjectCoderTest {
  @Test
  void roundTripsNullsEmptiesAndOrder() throws Exception {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("zeta", "last first");
    properties.put("empty", "");
    properties.put("missing", null);
    properties.put("emoji", "👍🏽\r\n");
    CrmObject live = new CrmObject("contacts", "1", properties, "2024-01-01T00:00:00.000Z",
        null, false, null);
    CrmObject archived = new CrmObject("deals", "98765432101", Map.of(), null, null, true,
        "2024-05-05T05:05:05.555Z");
    CoderProperties.coderDecodeEncodeEqual(CrmObjectCoder.of(), live);
    CoderProperties.coderDecodeEncodeEqual(CrmObjectCoder.of(), archived);
    CoderProperties.coderDeterministic(CrmObjectCoder.of(), live, live);
    CoderProperties.coderSerializable(CrmObjectCoder.of());
  }
}
