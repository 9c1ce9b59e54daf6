package dev.tenken.http.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * URL text for replies and redirect targets: building a hop's URL, resolving a {@code Location}
 * header against it (relative references, {@code ?query}-only and protocol-relative ones), and
 * splitting the result into the parts a hop needs. Lenient as browsers are: characters a device
 * forgot to percent-encode are encoded, fragments dropped. Never resolves names.
 */
public final class Locations {
  private Locations() {}

  /** Where a redirect points, split into what the next hop needs. */
  public record Target(String scheme, String host, int port, String pathAndQuery, String url) {}

  /** The URL of a request: {@code http://host:port/path?query}; IPv6 in brackets. */
  public static String url(boolean tls, String host, int port, String pathAndQuery) {
    return (tls ? "https" : "http")
        + "://"
        + HostNames.authorityHost(host)
        + ":"
        + port
        + (pathAndQuery.startsWith("/") ? pathAndQuery : "/");
  }

  /**
   * Resolves {@code location} against {@code base} (a URL from {@link #url}).
   *
   * @throws URISyntaxException when either cannot be parsed even leniently
   */
  public static URI resolve(String base, String location) throws URISyntaxException {
    String loc = encodeLeniently(location.strip());
    int hash = loc.indexOf('#');
    if (hash >= 0) {
      loc = loc.substring(0, hash);
    }
    URI baseUri = new URI(encodeLeniently(base));
    if (loc.isEmpty()) {
      return baseUri;
    }
    if (loc.startsWith("?")) {
      // java.net.URI follows RFC 2396 here and would drop the last path segment.
      String path =
          baseUri.getRawPath() == null || baseUri.getRawPath().isEmpty()
              ? "/"
              : baseUri.getRawPath();
      return new URI(baseUri.getScheme() + "://" + baseUri.getRawAuthority() + path + loc);
    }
    URI ref = new URI(loc);
    URI resolved = ref.isAbsolute() ? ref : baseUri.resolve(ref);
    return resolved.isOpaque() ? resolved : resolved.normalize();
  }

  /**
   * The parts of an absolute {@code http}/{@code https} URL.
   *
   * @return empty when it has no host or a port that is not a number
   */
  public static Optional<Target> target(URI uri) {
    String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
    String host = uri.getHost();
    int port = uri.getPort();
    if (host == null) {
      // Hosts java.net.URI rejects as server-based authorities (e.g. with '_'): parse by hand.
      String authority = uri.getRawAuthority();
      if (authority == null || authority.isEmpty()) {
        return Optional.empty();
      }
      int at = authority.lastIndexOf('@');
      String hostPort = authority.substring(at + 1);
      int colon =
          hostPort.startsWith("[")
              ? hostPort.indexOf(':', hostPort.indexOf(']'))
              : hostPort.lastIndexOf(':');
      host = colon >= 0 ? hostPort.substring(0, colon) : hostPort;
      if (colon >= 0) {
        String p = hostPort.substring(colon + 1);
        if (!p.isEmpty()) {
          if (!p.matches("\\d{1,5}")) {
            return Optional.empty();
          }
          port = Integer.parseInt(p);
        }
      }
    }
    host = HostNames.unbracket(host);
    if (host.isEmpty()) {
      return Optional.empty();
    }
    if (port < 0) {
      port = scheme.equals("https") ? 443 : 80;
    }
    if (port < 1 || port > 65535) {
      return Optional.empty();
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String pathAndQuery = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    return Optional.of(
        new Target(
            scheme,
            host,
            port,
            pathAndQuery,
            url(scheme.equals("https"), host, port, pathAndQuery)));
  }

  /**
   * {@code text} with characters illegal in a URI (spaces, controls, non-ASCII...) percent-encoded.
   */
  static String encodeLeniently(String text) {
    StringBuilder sb = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok = c > 0x20 && c < 0x7f && "\"<>\\^`{|}".indexOf(c) < 0;
      if (ok) {
        if (sb != null) {
          sb.append(c);
        }
        continue;
      }
      if (sb == null) {
        sb = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      int cp = text.codePointAt(i);
      for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
        sb.append('%')
            .append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
      }
      i += Character.charCount(cp) - 1;
    }
    return sb == null ? text : sb.toString();
  }
}
