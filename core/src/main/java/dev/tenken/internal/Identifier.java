package dev.tenken.internal;

import dev.tenken.Endpoint;
import dev.tenken.Transport;
import dev.tenken.spi.PrintPortGuard;
import dev.tenken.spi.ServiceProbe;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds whether a port is open and which service it speaks, by what it answers, following the order
 * documented on {@link ServiceProbe}: banner, then the PJL status query a printer cannot print,
 * then (only if the port closed on that query) each probe's own request on a fresh connection. A
 * print port never gets anything but PJL queries.
 */
final class Identifier {
  /** Most bytes kept of a banner or reply for matching. */
  private static final int MATCH_BYTES = 4096;

  private final Connector connector;
  private final List<ServiceProbe> probes;

  Identifier(Connector connector, List<ServiceProbe> probes) {
    this.connector = connector;
    this.probes = probes;
  }

  /** What a port turned out to be. */
  record PortState(int port, Transport transport, State state, String service, String note) {
    enum State {
      OPEN,
      CLOSED,
      FILTERED
    }

    boolean open() {
      return state == State.OPEN;
    }
  }

  PortState tcp(HostState host, int port, Instant deadline, Resources resources)
      throws IOException {
    Socket socket;
    try {
      socket = open(host, port, deadline, resources);
    } catch (SocketTimeoutException e) {
      return new PortState(port, Transport.TCP, PortState.State.FILTERED, "", "connect timed out");
    } catch (ConnectException e) {
      if (e instanceof Connector.HostUnreachableException) {
        throw e;
      }
      return new PortState(port, Transport.TCP, PortState.State.CLOSED, "", "refused");
    }
    Endpoint endpoint = endpoint(host, port, Transport.TCP);
    Duration wait = connector.settings().bannerWait();
    boolean silent = false;
    try (TcpConnectionImpl conn =
        new TcpConnectionImpl(endpoint, socket, deadline, connector.settings().readCap())) {
      if (PrintPortGuard.isPrintPort(port)) {
        // Only reached when print-port checks are enabled; the PJL query is all it ever gets.
        conn.send(PrintPortGuard.STATUS_QUERY);
        byte[] reply = conn.readAvailable(wait.multipliedBy(2), MATCH_BYTES);
        return open(port, match(reply, port).orElse(Endpoint.UNKNOWN_SERVICE), "raw print port");
      }
      byte[] banner = conn.readAvailable(wait, MATCH_BYTES);
      if (banner.length > 0) {
        return open(port, match(banner, port).orElse(Endpoint.UNKNOWN_SERVICE), "banner");
      }
      if (!conn.peerClosed()) {
        conn.send(PrintPortGuard.STATUS_QUERY);
        byte[] reply = conn.readAvailable(wait.multipliedBy(2), MATCH_BYTES);
        if (reply.length > 0) {
          return open(
              port,
              match(reply, port).orElse(Endpoint.UNKNOWN_SERVICE),
              "reply to PJL status query");
        }
        silent = !conn.peerClosed();
      }
    }
    if (silent) {
      // A printer that swallowed the query, or a server waiting for more (HTTP and RTSP servers
      // that read up to a blank line). Only protocols that name this port as their own may ask;
      // nothing is sent on a port no protocol claims.
      return fresh(host, port, endpoint, deadline, resources, true)
          .orElseGet(
              () ->
                  open(
                      port,
                      Endpoint.UNKNOWN_SERVICE,
                      "silent after the PJL status query (possibly a printer); nothing more sent"));
    }
    // The port closed on the query, so it is no printer: ask each protocol in turn.
    return fresh(host, port, endpoint, deadline, resources, false)
        .orElseGet(() -> open(port, Endpoint.UNKNOWN_SERVICE, "no probe recognised it"));
  }

  /**
   * Sends each probe's own request on a fresh connection, probes that list the port first, and
   * returns the first recognised service.
   *
   * @param likelyOnly whether only probes listing this port as theirs may send
   */
  private Optional<PortState> fresh(
      HostState host,
      int port,
      Endpoint endpoint,
      Instant deadline,
      Resources resources,
      boolean likelyOnly)
      throws IOException {
    Duration wait = connector.settings().bannerWait();
    for (ServiceProbe probe : ordered(port, Transport.TCP)) {
      if (likelyOnly && !probe.likelyPorts().contains(port)) {
        continue;
      }
      Optional<byte[]> request = probe.request();
      if (request.isEmpty()) {
        continue;
      }
      Socket s;
      try {
        s = open(host, port, deadline, resources);
      } catch (ConnectException | SocketTimeoutException e) {
        break;
      }
      try (TcpConnectionImpl conn =
          new TcpConnectionImpl(endpoint, s, deadline, connector.settings().readCap())) {
        conn.send(request.get());
        byte[] reply = conn.readAvailable(wait.multipliedBy(2), MATCH_BYTES);
        Optional<String> own = recognised(probe, reply);
        if (own.isEmpty()) {
          own = match(reply, port);
        }
        if (own.isPresent()) {
          return Optional.of(open(port, own.get(), "answer to the " + probe.service() + " probe"));
        }
      } catch (SocketTimeoutException e) {
        // No answer to this protocol; try the next.
      }
    }
    return Optional.empty();
  }

  PortState udp(HostState host, int port, Instant deadline, Resources resources)
      throws IOException {
    Endpoint endpoint = endpoint(host, port, Transport.UDP);
    for (ServiceProbe probe : ordered(port, Transport.UDP)) {
      if (!probe.likelyPorts().contains(port) || probe.request().isEmpty()) {
        continue;
      }
      try (UdpConnectionImpl udp =
          new UdpConnectionImpl(
              endpoint,
              connector.openUdp(host, host.target.host(), host.address, port, deadline, resources),
              deadline,
              connector.settings().readCap())) {
        Optional<byte[]> reply =
            udp.exchange(probe.request().get(), connector.settings().connectTimeout());
        Optional<String> service = reply.flatMap(r -> recognised(probe, r));
        if (service.isPresent()) {
          host.markAlive();
          return new PortState(
              port, Transport.UDP, PortState.State.OPEN, service.get(), "udp reply");
        }
      } catch (java.net.PortUnreachableException e) {
        host.markAlive();
        return new PortState(port, Transport.UDP, PortState.State.CLOSED, "", "port unreachable");
      }
    }
    return new PortState(port, Transport.UDP, PortState.State.FILTERED, "", "no udp reply");
  }

  private Socket open(HostState host, int port, Instant deadline, Resources resources)
      throws IOException {
    return connector.openTcp(
        host, host.target.host(), host.address, port, deadline, resources, false);
  }

  private static PortState open(int port, String service, String note) {
    return new PortState(port, Transport.TCP, PortState.State.OPEN, service, note);
  }

  /** The first probe recognising {@code reply}, probes that list {@code port} first. */
  private Optional<String> match(byte[] reply, int port) {
    if (reply.length == 0) {
      return Optional.empty();
    }
    for (ServiceProbe p : ordered(port, Transport.TCP)) {
      Optional<String> service = recognised(p, reply);
      if (service.isPresent()) {
        return service;
      }
    }
    return Optional.empty();
  }

  /** The service {@code probe} names for {@code reply}; a probe that throws recognises nothing. */
  private static Optional<String> recognised(ServiceProbe probe, byte[] reply) {
    if (reply.length == 0) {
      return Optional.empty();
    }
    try {
      return probe.recognises(reply.clone())
          ? Optional.of(probe.refine(reply.clone()))
          : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private List<ServiceProbe> ordered(int port, Transport transport) {
    List<ServiceProbe> list = new ArrayList<>();
    for (ServiceProbe p : probes) {
      if (p.transport() == transport) {
        list.add(p);
      }
    }
    list.sort(Comparator.comparing(p -> !p.likelyPorts().contains(port)));
    return list;
  }

  private static Endpoint endpoint(HostState host, int port, Transport transport) {
    return new Endpoint(
        host.target.host(), host.address, port, transport, Endpoint.UNKNOWN_SERVICE);
  }
}
