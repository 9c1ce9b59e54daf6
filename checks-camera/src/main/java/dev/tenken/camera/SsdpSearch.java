package dev.tenken.camera;

import dev.tenken.http.HttpProbe;
import dev.tenken.spi.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * SSDP (UPnP device architecture §1.3) as the UPnP checks use it: the unicast {@code M-SEARCH} they
 * send and the {@code HTTP/1.1 200 OK} search response they read. Replies are parsed with explicit
 * limits ({@value #MAX_BYTES} bytes, {@value #MAX_HEADERS} headers of at most {@value #MAX_LINE}
 * characters). Stateless and thread-safe.
 */
final class SsdpSearch {
  /** The search target every root device answers. */
  static final String ROOT_DEVICE = "upnp:rootdevice";

  static final int MAX_BYTES = 8192;
  static final int MAX_HEADERS = 40;
  static final int MAX_LINE = 1024;

  private SsdpSearch() {}

  /**
   * A unicast {@code M-SEARCH} for {@code searchTarget} with {@code MX: 1}, {@code HOST} naming
   * {@code host} (the target's own {@code address:port}, as UPnP 1.1 asks of unicast searches).
   */
  static byte[] mSearch(String host, String searchTarget) {
    String m =
        "M-SEARCH * HTTP/1.1\r\n"
            + "HOST: "
            + host
            + "\r\n"
            + "MAN: \"ssdp:discover\"\r\n"
            + "MX: 1\r\n"
            + "ST: "
            + searchTarget
            + "\r\n"
            + "USER-AGENT: "
            + HttpProbe.USER_AGENT
            + " UPnP/1.1\r\n"
            + "\r\n";
    return m.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * A search response.
   *
   * @param statusLine its first line
   * @param headers its headers, names upper-cased, the first of each name kept
   */
  record Reply(String statusLine, Map<String, String> headers) {
    Optional<String> header(String name) {
      return Optional.ofNullable(headers.get(name)).filter(v -> !v.isEmpty());
    }

    Optional<String> location() {
      return header("LOCATION");
    }
  }

  /**
   * Reads a search response.
   *
   * @throws ProtocolException when it is larger than the cap, not {@code HTTP/1.x 200}, or has
   *     malformed or too many headers
   */
  static Reply parse(byte[] reply) throws ProtocolException {
    if (reply.length > MAX_BYTES) {
      throw new ProtocolException(
          "an SSDP reply of " + reply.length + " bytes is larger than the " + MAX_BYTES + " cap");
    }
    String text = new String(reply, StandardCharsets.ISO_8859_1);
    String[] lines = text.split("\r?\n", -1);
    String status = lines[0].strip();
    if (!status.matches("HTTP/1\\.[01] 200( .*)?")) {
      throw new ProtocolException(
          "not an SSDP search response: starts with '" + DiscoveryUdp.printable(status, 40) + "'");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    int i = 1;
    for (; i < lines.length && !lines[i].isEmpty(); i++) {
      String line = lines[i];
      if (line.length() > MAX_LINE) {
        throw new ProtocolException("an SSDP header line is longer than " + MAX_LINE);
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new ProtocolException(
            "malformed SSDP header line '" + DiscoveryUdp.printable(line, 40) + "'");
      }
      if (headers.size() >= MAX_HEADERS) {
        throw new ProtocolException("an SSDP reply with more than " + MAX_HEADERS + " headers");
      }
      headers.putIfAbsent(
          line.substring(0, colon).strip().toUpperCase(Locale.ROOT),
          DiscoveryUdp.printable(line.substring(colon + 1).strip(), 300));
    }
    if (i >= lines.length) {
      throw new ProtocolException("truncated SSDP reply: no blank line after the headers");
    }
    return new Reply(status, Map.copyOf(headers));
  }
}
