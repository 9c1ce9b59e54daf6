package dev.tenken.printer;

import dev.tenken.Endpoint;
import dev.tenken.http.HttpProbe;
import dev.tenken.http.HttpReply;
import dev.tenken.http.HttpRequest;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.ProtocolException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * IPP over Tenken's HTTP probe: each request is a {@code POST} of {@code application/ipp} sent as a
 * read-only {@link HttpRequest#query query}, built only through {@link IppCodec} (whose allow-list
 * admits Get-Printer-Attributes, Get-Jobs and CUPS-Get-Printers). Stateless and thread-safe.
 *
 * <p>Finding the printer: the path given with option {@value #PATH_OPTION}; else {@value
 * #DEFAULT_PATH} (IPP Everywhere printers); when that is not found (HTTP 404 or IPP
 * client-error-not-found, as on a CUPS server), the first queue CUPS-Get-Printers lists.
 */
final class IppClient {
  /** The IPP port. */
  static final int PORT = 631;

  /** The printer path of IPP Everywhere printers. */
  static final String DEFAULT_PATH = "/ipp/print";

  /** Option naming the printer's path, such as {@code /printers/office}. */
  static final String PATH_OPTION = "printer.ipp.path";

  private static final String CONTENT_TYPE = "application/ipp";

  private IppClient() {}

  /** What an IPP request got. */
  sealed interface Answer permits Refused, Reply {}

  /**
   * The HTTP layer did not let the request through: {@code 401}, {@code 403}, {@code 404}, {@code
   * 426 Upgrade Required}...
   *
   * @param status the HTTP status
   * @param evidence status line and the authentication scheme asked for, if any
   */
  record Refused(int status, String evidence) implements Answer {
    /** Whether credentials or another address or TLS are required. */
    boolean isAccessRefusal() {
      return status == 401 || status == 403 || status == 426;
    }
  }

  /**
   * An IPP reply.
   *
   * @param path the printer path the request went to
   * @param message the decoded reply
   */
  record Reply(String path, IppMessage message) implements Answer {}

  /**
   * Sends {@code request} to {@code path}.
   *
   * @throws ProtocolException when a 200 reply is not IPP, is larger than the read cap or malformed
   */
  static Answer send(HttpProbe http, Endpoint endpoint, String path, IppCodec.Request request)
      throws IOException {
    HttpReply reply = http.send(endpoint, HttpRequest.query(path, CONTENT_TYPE, request.encode()));
    if (reply.status() != 200) {
      StringBuilder e = new StringBuilder("HTTP ").append(reply.status());
      if (!reply.reason().isEmpty()) {
        e.append(' ').append(printable(reply.reason(), 60));
      }
      reply
          .header("WWW-Authenticate")
          .ifPresent(a -> e.append(", WWW-Authenticate ").append(printable(scheme(a), 20)));
      return new Refused(reply.status(), e.toString());
    }
    String type = reply.header("Content-Type").orElse("");
    if (!type.toLowerCase(Locale.ROOT).startsWith(CONTENT_TYPE)) {
      throw new ProtocolException(
          "HTTP 200 to an IPP request with Content-Type '"
              + printable(type, 60)
              + "' instead of application/ipp");
    }
    if (reply.truncated()) {
      throw new ProtocolException("the IPP reply is larger than the read cap or was cut short");
    }
    return new Reply(path, IppCodec.decode(reply.body()));
  }

  /** The {@code printer-uri} for {@code path} on {@code endpoint}. */
  static String printerUri(Endpoint endpoint, String path) {
    String host = endpoint.host();
    if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    String scheme = endpoint.service().equals("ipps") ? "ipps" : "ipp";
    return scheme + "://" + host + ":" + endpoint.port() + path;
  }

  /**
   * Get-Printer-Attributes for the printer on {@code endpoint} (found as the class description
   * says), asking for {@code attributes}.
   */
  static Answer printerAttributes(
      HttpProbe http, CheckContext context, Endpoint endpoint, String... attributes)
      throws IOException {
    Optional<String> configured = context.option(PATH_OPTION);
    String first = configured.orElse(DEFAULT_PATH);
    Answer answer = getPrinterAttributes(http, endpoint, first, attributes);
    if (configured.isPresent() || !isNotFound(answer)) {
      return answer;
    }
    Answer list =
        send(
            http,
            endpoint,
            "/",
            IppCodec.request(IppCodec.Operation.CUPS_GET_PRINTERS)
                .limit(1)
                .requestedAttributes("printer-uri-supported", "printer-name"));
    if (list instanceof Refused) {
      return list;
    }
    IppMessage m = ((Reply) list).message();
    Optional<String> path =
        m.printer("printer-uri-supported")
            .map(IppMessage.Attribute::first)
            .flatMap(IppClient::path);
    if (!m.isSuccess() || path.isEmpty()) {
      return answer;
    }
    return getPrinterAttributes(http, endpoint, path.get(), attributes);
  }

  private static Answer getPrinterAttributes(
      HttpProbe http, Endpoint endpoint, String path, String... attributes) throws IOException {
    return send(
        http,
        endpoint,
        path,
        IppCodec.request(IppCodec.Operation.GET_PRINTER_ATTRIBUTES)
            .printerUri(printerUri(endpoint, path))
            .requestedAttributes(attributes));
  }

  private static boolean isNotFound(Answer a) {
    return (a instanceof Refused r && r.status() == 404)
        || (a instanceof Reply p
            && (p.message().status() == IppMessage.CLIENT_ERROR_NOT_FOUND
                || p.message().status() == 0x0400));
  }

  /** The path of an {@code ipp://} URI a device announced, if it is a usable origin-form path. */
  static Optional<String> path(String uri) {
    try {
      String p = new URI(uri).getRawPath();
      if (p == null || !p.startsWith("/") || p.length() > 256 || !p.matches("[!-~]+")) {
        return Optional.empty();
      }
      return Optional.of(p);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  /** Evidence for a refusal: HTTP or IPP status. */
  static String refusal(Answer a) {
    if (a instanceof Refused r) {
      return r.evidence();
    }
    return "IPP " + ((Reply) a).message().statusText();
  }

  /** Whether {@code a} refuses access: HTTP 401/403/426 or an IPP authentication status. */
  static boolean isAccessRefusal(Answer a) {
    return (a instanceof Refused r && r.isAccessRefusal())
        || (a instanceof Reply p && p.message().isAuthRefusal());
  }

  private static String scheme(String challenge) {
    int sp = challenge.indexOf(' ');
    return sp < 0 ? challenge : challenge.substring(0, sp);
  }

  /** {@code s} with control characters replaced and cut at {@code max} characters. */
  static String printable(String s, int max) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length() && sb.length() < max; i++) {
      char c = s.charAt(i);
      sb.append(Character.isISOControl(c) ? '?' : c);
    }
    if (s.length() > max) {
      sb.append('…');
    }
    return sb.toString();
  }
}
