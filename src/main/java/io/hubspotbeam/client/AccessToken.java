package io.hubspotbeam.client;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A HubSpot access token (private app or service key) together with a description of where it came
 * from. The secret itself never appears in {@link #toString()}, error messages or logs: only
 * {@link #source()} does, so a user can be told which token failed without it being printed.
 *
 * <p>It is {@link Serializable} because Beam ships it to workers inside the read transform rather
 * than as a pipeline option, which Flink's web UI would display.
 */
public final class AccessToken implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The environment variable read when the user names no other source. */
  public static final String DEFAULT_ENVIRONMENT_VARIABLE = "HUBSPOT_ACCESS_TOKEN";

  private final String secret;
  private final String source;

  private AccessToken(String secret, String source) {
    this.secret = secret;
    this.source = source;
  }

  /**
   * A token given directly, with a description of its origin (for example "the sandbox portal").
   *
   * @throws IllegalArgumentException if the value is empty or contains whitespace
   */
  public static AccessToken of(String secret, String source) {
    Objects.requireNonNull(source, "source");
    return new AccessToken(checkShape(secret, source), source);
  }

  /** Reads the token from an environment variable of the given environment. */
  public static AccessToken fromEnvironment(String variable, Map<String, String> environment) {
    String source = "environment variable " + variable;
    String value = environment.get(variable);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "no HubSpot access token: " + source + " is not set (export it, or name a token file"
              + " with --tokenFile)");
    }
    return new AccessToken(checkShape(value.strip(), source), source);
  }

  /** Reads the token from a file holding it (surrounding whitespace and a final newline ignored). */
  public static AccessToken fromFile(Path file) {
    String source = "file " + file;
    String value;
    try {
      value = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the HubSpot access token from " + source + ": " + e.getClass().getSimpleName(),
          e);
    }
    return new AccessToken(checkShape(value.strip(), source), source);
  }

  private static String checkShape(String value, String source) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("the HubSpot access token from " + source + " is empty");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        // Deliberately does not echo the value: it is a secret even when malformed.
        throw new IllegalArgumentException(
            "the HubSpot access token from " + source
                + " contains whitespace or control characters; it should be a single word such as"
                + " pat-na1-...");
      }
    }
    return value;
  }

  /** The value for the Authorization header; for the HTTP layer only. */
  String secret() {
    return secret;
  }

  /** Where the token came from, safe to print ("environment variable HUBSPOT_ACCESS_TOKEN"). */
  public String source() {
    return source;
  }

  /** True if the given text contains this token: used to keep it out of messages we build. */
  boolean occursIn(String text) {
    return text != null && text.contains(secret);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AccessToken && ((AccessToken) o).secret.equals(secret);
  }

  @Override
  public int hashCode() {
    return secret.hashCode();
  }

  @Override
  public String toString() {
    return "AccessToken(from " + source + ")";
  }
}
