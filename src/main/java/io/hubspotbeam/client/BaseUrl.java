package io.hubspotbeam.client;

import java.io.Serializable;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The root of the HubSpot API (https://api.hubapi.com, or a stand-in such as the sandbox portal).
 *
 * <p>The token travels in a header of every request, so plain http is refused except to a loopback
 * address, where nothing leaves the machine.
 */
public final class BaseUrl implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String HUBSPOT = "https://api.hubapi.com";

  private final String url;

  private BaseUrl(String url) {
    this.url = url;
  }

  /**
   * Parses and checks a base URL.
   *
   * @throws IllegalArgumentException with a message that says what is accepted
   */
  public static BaseUrl parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("the base URL is empty; use " + HUBSPOT);
    }
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("the base URL '" + text + "' is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
      throw new IllegalArgumentException(
          "the base URL '" + text + "' must be https://HOST[:PORT] (http:// only on a loopback"
              + " address such as 127.0.0.1)");
    }
    if (uri.getQuery() != null || uri.getFragment() != null || uri.getUserInfo() != null) {
      throw new IllegalArgumentException(
          "the base URL '" + text + "' must not have a query, fragment or user info");
    }
    if (scheme.equals("http") && !isLoopback(uri.getHost())) {
      throw new IllegalArgumentException(
          "the base URL '" + text + "' uses plain http to a host that is not loopback: the token"
              + " would cross the network unencrypted; use https://");
    }
    String normalized = uri.toString();
    while (normalized.endsWith("/")) {
      normalized = normalized.substring(0, normalized.length() - 1);
    }
    return new BaseUrl(normalized);
  }

  private static boolean isLoopback(String host) {
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (bare.equalsIgnoreCase("localhost")) {
      return true;
    }
    // Only literal addresses: resolving a name could send us to any host.
    if (!bare.matches("[0-9.]+") && !bare.contains(":")) {
      return false;
    }
    try {
      return InetAddress.getByName(bare).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** The URL of an API path (which starts with '/'). */
  public String resolve(String path) {
    return url + path;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BaseUrl && ((BaseUrl) o).url.equals(url);
  }

  @Override
  public int hashCode() {
    return url.hashCode();
  }

  @Override
  public String toString() {
    return url;
  }
}
