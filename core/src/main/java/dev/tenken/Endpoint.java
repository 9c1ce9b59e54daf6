package dev.tenken;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Objects;

/**
 * What a check runs against: one port of one host, over one transport, speaking one service. The
 * address is the one resolved and scope-checked when the target was admitted; checks and helpers
 * connect to it, never to the host name again. Immutable and thread-safe.
 *
 * @param host the host name or address as the target gave it
 * @param address the pinned, in-scope address
 * @param port the port, 1-65535
 * @param transport TCP or UDP
 * @param service the identified (or hinted) service, lower case, such as {@code redis}
 */
public record Endpoint(
    String host, InetAddress address, int port, Transport transport, String service) {

  /** The service name of a port whose protocol could not be identified. */
  public static final String UNKNOWN_SERVICE = "unknown";

  public Endpoint {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(transport, "transport");
    service = service.toLowerCase(Locale.ROOT);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is not within 1-65535");
    }
  }

  /** This endpoint speaking {@code otherService}. */
  public Endpoint withService(String otherService) {
    return new Endpoint(host, address, port, transport, otherService);
  }

  /** This host's {@code otherPort} over {@code otherTransport}, speaking {@code otherService}. */
  public Endpoint sibling(int otherPort, Transport otherTransport, String otherService) {
    return new Endpoint(host, address, otherPort, otherTransport, otherService);
  }

  /** The address as text, IPv6 in brackets: {@code 192.0.2.1} or {@code [2001:db8::1]}. */
  public String addressText() {
    String a = address.getHostAddress();
    return address instanceof Inet6Address ? "[" + a + "]" : a;
  }

  /** A URI-like name used in reports: {@code tcp://192.0.2.1:6379}. */
  public String uri() {
    return transport.name().toLowerCase(Locale.ROOT) + "://" + addressText() + ":" + port;
  }

  @Override
  public String toString() {
    return uri()
        + " ("
        + service
        + (host.equals(address.getHostAddress()) ? "" : ", " + host)
        + ")";
  }
}
