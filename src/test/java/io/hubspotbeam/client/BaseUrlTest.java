package io.hubspotbeam.client;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BaseUrlTest {
  @ParameterizedTest
  @ValueSource(strings = {
      "https://api.hubapi.com", "https://api.hubapi.com/", "http://127.0.0.1:8080",
      "http://localhost:9", "http://[::1]:8080", "http://127.5.6.7"})
  void acceptsHttpsAndLoopbackHttp(String url) {
    BaseUrl parsed = BaseUrl.parse(url);
    assertThat(parsed.resolve("/crm").endsWith("//crm"), equalTo(false));
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://api.hubapi.com", "http://10.0.0.1:8080", "http://example.com"})
  void refusesPlainHttpToOtherHosts(String url) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BaseUrl.parse(url));
    assertThat(e.getMessage(), containsString("not loopback"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://api.hubapi.com", "api.hubapi.com", "https://", "not a url", "",
      "https://api.hubapi.com?x=1"})
  void refusesWhatIsNotAnHttpsUrl(String url) {
    assertThrows(IllegalArgumentException.class, () -> BaseUrl.parse(url));
  }

  @Test
  void resolvesPathsWithoutDoubleSlashes() {
    assertThat(BaseUrl.parse("https://api.hubapi.com/").resolve("/crm/v3/objects/deals"),
        equalTo("https://api.hubapi.com/crm/v3/objects/deals"));
  }
}
