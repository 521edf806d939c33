package io.hubspotbeam.client;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A record's values, packed into one string, come back exactly as given. */
class CrmObjectTest {
  private static final PropertyNames NAMES =
      PropertyNames.of(List.of("first", "none", "empty", "text", "tail", "last"));

  private static CrmObject record(String... values) {
    return new CrmObject("contacts", "17", NAMES, values, "2024-01-01T00:00:00Z",
        "2024-01-02T00:00:00Z", false, null);
  }

  @Test
  void everyValueComesBackAtItsPositionWithNullsApartFromEmptyStrings() {
    String[] values = {null, null, "", "a \"quoted\", line\r\nbroken ü ☃ 𝄞", "", null};
    CrmObject record = record(values);
    for (int i = 0; i < values.length; i++) {
      assertThat("position " + i, record.propertyAt(i), equalTo(values[i]));
    }
    assertThat(record.property("none"), nullValue());
    assertThat(record.property("empty"), equalTo(""));
    assertThat(record.property("text"), equalTo(values[3]));
    assertThat(record.property("absent"), nullValue());
  }

  @Test
  void valuesNextToEachOtherKeepTheirBounds() {
    CrmObject record = record("ab", "c", null, "", "def", "g");
    List<String> read = new ArrayList<>();
    for (int i = 0; i < NAMES.size(); i++) {
      read.add(record.propertyAt(i));
    }
    assertThat(read, contains("ab", "c", null, "", "def", "g"));
  }

  @Test
  void theMapViewHoldsTheSameValuesInOrder() {
    CrmObject record = record("1", null, "", "x", "y", "z");
    Map<String, String> expected = new LinkedHashMap<>();
    String[] values = {"1", null, "", "x", "y", "z"};
    for (int i = 0; i < values.length; i++) {
      expected.put(NAMES.get(i), values[i]);
    }
    assertThat(new ArrayList<>(record.properties().entrySet()),
        equalTo(new ArrayList<>(expected.entrySet())));
    assertThat(record.properties().size(), equalTo(6));
    assertThat(record, equalTo(record("1", null, "", "x", "y", "z")));
    assertThat(record.equals(record("1", "", "", "x", "y", "z")), equalTo(false));
  }

  @Test
  void valuesMustMatchTheNames() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> record(Arrays.copyOf(new String[] {"a"}, 5)));
    assertThat(e.getMessage(), equalTo("6 property names but 5 values"));
  }
}
