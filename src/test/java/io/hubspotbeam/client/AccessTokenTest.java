package io.hubspotbeam.client;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessTokenTest {
  private static final String SECRET = "pat-na1-11111111-2222-3333-4444-555555555555";

  @Test
  void toStringNamesTheSourceAndHidesTheValue() {
    AccessToken token = AccessToken.fromEnvironment("MY_TOKEN", Map.of("MY_TOKEN", SECRET));
    assertThat(token.toString(), not(containsString(SECRET)));
    assertThat(token.toString(), containsString("environment variable MY_TOKEN"));
    assertThat(token.secret(), equalTo(SECRET));
  }

  @Test
  void missingVariableSaysWhichOne() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AccessToken.fromEnvironment("HUBSPOT_ACCESS_TOKEN", Map.of()));
    assertThat(e.getMessage(), containsString("HUBSPOT_ACCESS_TOKEN is not set"));
  }

  @Test
  void fileIsReadWithoutItsTrailingNewline(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("token");
    Files.writeString(file, SECRET + "\n");
    AccessToken token = AccessToken.fromFile(file);
    assertThat(token.secret(), equalTo(SECRET));
    assertThat(token.source(), containsString(file.toString()));
  }

  @Test
  void malformedTokenIsRefusedWithoutEchoingIt() {
    String bad = "pat-na1 with spaces";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AccessToken.of(bad, "a test"));
    assertThat(e.getMessage(), not(containsString(bad)));
    assertThat(e.getMessage(), containsString("whitespace"));
  }

  @Test
  void emptyFileIsRefused(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("token");
    Files.writeString(file, "  \n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AccessToken.fromFile(file));
    assertThat(e.getMessage(), containsString("is empty"));
  }
}
