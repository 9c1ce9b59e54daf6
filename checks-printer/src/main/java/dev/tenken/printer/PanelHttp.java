package dev.tenken.printer;

import dev.tenken.Endpoint;
import dev.tenken.http.HttpProbe;
import dev.tenken.http.HttpReply;
import dev.tenken.http.HttpRequest;
import dev.tenken.spi.CheckContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The one way the web panel checks talk HTTP, and where what they may send is decided: {@code GET}
 * of a path from the vendor table ({@link PanelVendors#paths()}), of the Sharp CVE-2024-33605 page
 * or of a random catch-all canary, without credentials, following no redirects; and, only for
 * credential checks ({@link HttpProbe} refuses LOGIN requests from any other safety class), a
 * login: a form {@code POST} to a vendor's login path, or a {@code GET} of a table path carrying
 * {@code Authorization: Basic} or the session {@code Cookie} the login set. Anything else throws
 * {@link IllegalArgumentException} before any traffic. One check uses one instance and closes it.
 */
final class PanelHttp implements AutoCloseable {
  /** The page whose presence proves Sharp CVE-2024-33605 (JVNVU#93051062). */
  static final String SHARP_EMANUAL_LIST = "/installed_emanual_list.html";

  private static final Pattern CANARY =
      Pattern.compile(Pattern.quote(HttpProbe.CANARY_PREFIX) + "[0-9a-f]{16}");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Set<String> READ_PATHS = readPaths();

  private final HttpProbe probe;

  private PanelHttp(HttpProbe probe) {
    this.probe = probe;
  }

  static PanelHttp of(CheckContext context) {
    return new PanelHttp(HttpProbe.of(context));
  }

  private static Set<String> readPaths() {
    Set<String> s = new java.util.LinkedHashSet<>(PanelVendors.paths());
    s.add(SHARP_EMANUAL_LIST);
    return Set.copyOf(s);
  }

  /** {@code GET path} without credentials. */
  HttpReply get(Endpoint endpoint, String path) throws IOException {
    return probe.send(endpoint, read(path));
  }

  /** The read request for {@code path}: the allow-list of reads. */
  static HttpRequest read(String path) {
    if (!READ_PATHS.contains(path) && !CANARY.matcher(path).matches()) {
      throw new IllegalArgumentException(
          "refused: " + shown(path) + " is not on the web panel checks' allow-list");
    }
    return HttpRequest.get(path);
  }

  /**
   * A form login: {@code POST} of {@code form} to the vendor's login path.
   *
   * @throws IllegalArgumentException when {@code path} is not a login path of the table
   */
  HttpReply postLogin(Endpoint endpoint, String path, String form) throws IOException {
    return probe.send(endpoint, loginPost(path, form));
  }

  static HttpRequest loginPost(String path, String form) {
    boolean known =
        PanelVendors.ALL.stream()
            .anyMatch(
                v ->
                    v.login() != null
                        && v.login().kind() == PanelVendor.Kind.FORM
                        && v.login().path().equals(path));
    if (!known) {
      throw new IllegalArgumentException(
          "refused: " + shown(path) + " is not a login path of the vendor table");
    }
    return HttpRequest.login(
        path, "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * {@code GET path} carrying a credential header ({@code Authorization} or {@code Cookie}); a
   * LOGIN request, so only a credential check may send it.
   */
  HttpReply getWith(Endpoint endpoint, String path, String header, String value)
      throws IOException {
    return probe.send(endpoint, authenticatedGet(path, header, value));
  }

  static HttpRequest authenticatedGet(String path, String header, String value) {
    if (!PanelVendors.paths().contains(path)) {
      throw new IllegalArgumentException(
          "refused: " + shown(path) + " is not on the web panel checks' allow-list");
    }
    if (!header.equalsIgnoreCase("Authorization") && !header.equalsIgnoreCase("Cookie")) {
      throw new IllegalArgumentException("only Authorization or Cookie may be added");
    }
    return HttpRequest.builder("GET", path)
        .purpose(HttpRequest.Purpose.LOGIN)
        .header(header, value)
        .build();
  }

  /**
   * When the port answers success to a random path (see {@link HttpProbe#isCatchAll}), the body of
   * a second random path, so a check can tell whether its markers would show on any page; empty
   * when the port is not a catch-all.
   */
  Optional<String> catchAllBody(Endpoint endpoint) throws IOException {
    if (!probe.isCatchAll(endpoint)) {
      return Optional.empty();
    }
    String path = HttpProbe.CANARY_PREFIX + HexFormat.of().toHexDigits(RANDOM.nextLong());
    return Optional.of(get(endpoint, path).bodyText());
  }

  /** Whether the port answers success to random paths. */
  boolean isCatchAll(Endpoint endpoint) throws IOException {
    return probe.isCatchAll(endpoint);
  }

  /** The {@code name=value} pairs of every {@code Set-Cookie}, joined for a {@code Cookie}. */
  static @Nullable String cookies(HttpReply reply) {
    List<String> pairs = new ArrayList<>();
    for (String h : reply.headers("Set-Cookie")) {
      String pair = h.split(";", 2)[0].strip();
      if (pair.indexOf('=') > 0 && pairs.size() < 8 && pair.length() < 512) {
        pairs.add(pair);
      }
    }
    return pairs.isEmpty() ? null : String.join("; ", pairs);
  }

  static String shown(String path) {
    String p = path.length() > 80 ? path.substring(0, 80) + "..." : path;
    return p.replaceAll("[^\\x20-\\x7e]", "?");
  }

  @Override
  public void close() {
    probe.close();
  }
}
