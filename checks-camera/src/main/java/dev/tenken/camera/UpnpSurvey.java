package dev.tenken.camera;

import dev.tenken.Endpoint;
import dev.tenken.Transport;
import dev.tenken.http.HttpProbe;
import dev.tenken.http.HttpReply;
import dev.tenken.http.HttpRequest;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.FactKey;
import dev.tenken.spi.OutOfScopeException;
import dev.tenken.spi.ProtocolException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the UPnP checks learn from one SSDP responder, gathered once per host and port and shared
 * through {@link dev.tenken.spi.HostFacts}: one unicast {@code M-SEARCH} for {@code
 * upnp:rootdevice}, and, when the reply's {@code LOCATION} is an {@code http}/{@code https} URL
 * whose host is the target's own address (an IP literal: no name is resolved), one {@code GET} of
 * that description through {@link HttpProbe}. A {@code LOCATION} anywhere else is recorded and not
 * followed: the target is what the scan may touch. Nothing else is ever sent: no SOAP action, to an
 * Internet gateway or anyone.
 *
 * @param exchange the datagrams sent and received
 * @param reply the parsed search response, empty when none came or it was unusable
 * @param replyError why the reply was unusable, empty otherwise
 * @param description the parsed description, empty when not read
 * @param descriptionNote what happened to the description, for evidence
 */
record UpnpSurvey(
    DiscoveryUdp.Exchange exchange,
    Optional<SsdpSearch.Reply> reply,
    Optional<String> replyError,
    Optional<UpnpDescription> description,
    String descriptionNote) {

  static final String SERVICE = "ssdp";
  static final int PORT = 1900;

  private static final FactKey<UpnpSurvey> KEY = new FactKey<>("upnp.survey", UpnpSurvey.class);
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  /**
   * The survey of {@code endpoint}, done now or by another UPnP check on this host and port.
   *
   * @throws IOException when the UDP socket cannot be used, or the deadline passed
   */
  static UpnpSurvey of(CheckContext context, Endpoint endpoint) throws IOException {
    try {
      return context
          .facts()
          .computeIfAbsent(
              KEY.perPort(endpoint.port()),
              () -> {
                try {
                  return run(context, endpoint);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static UpnpSurvey run(CheckContext context, Endpoint endpoint) throws IOException {
    byte[] request =
        SsdpSearch.mSearch(endpoint.addressText() + ":" + endpoint.port(), SsdpSearch.ROOT_DEVICE);
    DiscoveryUdp.Exchange x = DiscoveryUdp.exchange(context, endpoint, request);
    if (x.reply().isEmpty()) {
      return new UpnpSurvey(x, Optional.empty(), Optional.empty(), Optional.empty(), "");
    }
    SsdpSearch.Reply reply;
    try {
      reply = SsdpSearch.parse(x.reply().get());
    } catch (ProtocolException e) {
      return new UpnpSurvey(x, Optional.empty(), Optional.of(e.getMessage()), Optional.empty(), "");
    }
    if (reply.location().isEmpty()) {
      return new UpnpSurvey(
          x, Optional.of(reply), Optional.empty(), Optional.empty(), "no LOCATION header");
    }
    String location = reply.location().get();
    URI uri;
    try {
      uri = new URI(location);
    } catch (URISyntaxException e) {
      return notRead(x, reply, "LOCATION is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return notRead(x, reply, "LOCATION is not an http or https URL");
    }
    if (uri.getRawUserInfo() != null) {
      return notRead(x, reply, "LOCATION carries user information: not followed");
    }
    String host = uri.getHost() == null ? "" : uri.getHost();
    if (!isTargetAddress(host, endpoint.address())) {
      return notRead(
          x,
          reply,
          "LOCATION names "
              + DiscoveryUdp.printable(host.isEmpty() ? "no host" : host, 80)
              + ", not the target's address: recorded, not followed");
    }
    int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (uri.getRawQuery() != null) {
      path += "?" + uri.getRawQuery();
    }
    Endpoint http = endpoint.sibling(port, Transport.TCP, scheme);
    try (HttpProbe probe = HttpProbe.of(context)) {
      HttpReply r = probe.send(http, HttpRequest.get(path));
      if (!r.isSuccess()) {
        return notRead(x, reply, "GET of the description answered " + r.status());
      }
      if (r.truncated() || r.bodyLength() > DiscoveryXml.MAX_BYTES) {
        return notRead(
            x, reply, "the description is larger than the " + DiscoveryXml.MAX_BYTES + "-byte cap");
      }
      UpnpDescription d = UpnpDescription.parse(r.body());
      return new UpnpSurvey(
          x, Optional.of(reply), Optional.empty(), Optional.of(d), "read from " + http.uri());
    } catch (ProtocolException e) {
      return notRead(x, reply, "the description is unusable: " + e.getMessage());
    } catch (OutOfScopeException | IllegalArgumentException e) {
      return notRead(x, reply, "the description may not be fetched: " + e.getMessage());
    } catch (IOException e) {
      if (context.remaining().isZero()) {
        throw e;
      }
      return notRead(x, reply, "the description could not be read: " + e.getMessage());
    }
  }

  private static UpnpSurvey notRead(DiscoveryUdp.Exchange x, SsdpSearch.Reply reply, String note) {
    return new UpnpSurvey(x, Optional.of(reply), Optional.empty(), Optional.empty(), note);
  }

  /** Whether {@code host} is an IP literal equal to {@code target}; names are never resolved. */
  static boolean isTargetAddress(String host, InetAddress target) {
    String h =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    boolean v4 = IPV4.matcher(h).matches();
    if (v4) {
      for (String octet : h.split("\\.")) {
        if (Integer.parseInt(octet) > 255) {
          return false;
        }
      }
    } else if (!(h.contains(":") && h.matches("[0-9A-Fa-f:.]+"))) {
      return false;
    }
    try {
      // A literal: getByName parses it without a lookup.
      return InetAddress.getByName(h).equals(target);
    } catch (IOException e) {
      return false;
    }
  }
}
