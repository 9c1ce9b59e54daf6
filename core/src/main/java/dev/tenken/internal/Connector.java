package dev.tenken.internal;

import dev.tenken.spi.OutOfScopeException;
import dev.tenken.spi.PrintPortGuard;
import java.io.IOException;
import java.net.ConnectException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The one place Tenken opens connections. Before a packet leaves it checks the scope, the
 * print-port guard, the host's failure budget and the rate limit; it bounds the connect by the
 * configured timeout and the caller's deadline, and counts failures against the host.
 */
final class Connector {
  private final Settings settings;
  private final RateLimiter rateLimiter;

  Connector(Settings settings) {
    this.settings = settings;
    this.rateLimiter = new RateLimiter(settings.connectionsPerSecond());
  }

  Settings settings() {
    return settings;
  }

  /** Refuses, before any packet, what scope or the print-port guard forbid. */
  void admit(HostState host, String name, InetAddress address, int port, boolean rawSocket)
      throws IOException {
    var refusal = settings.scope().refusal(name, address);
    if (refusal.isPresent()) {
      throw new OutOfScopeException("refused: " + refusal.get());
    }
    if (PrintPortGuard.isPrintPort(port) && (rawSocket || !settings.printPorts())) {
      throw new OutOfScopeException(
          "refused: port "
              + port
              + " is a raw print port; "
              + (rawSocket
                  ? "only PJL queries through the print-port guard may reach it"
                  : "nothing is sent there unless print-port checks are enabled"));
    }
    if (host.isGivenUp()) {
      throw new HostUnreachableException(
          host.address.getHostAddress()
              + " was given up after "
              + host.connectFailures()
              + " connection timeouts");
    }
  }

  /**
   * Opens a TCP connection, registered with {@code resources} so it is closed with them.
   *
   * @param rawSocket whether the socket goes to code that the print-port guard cannot watch (a
   *     client library)
   */
  Socket openTcp(
      HostState host,
      String name,
      InetAddress address,
      int port,
      Instant deadline,
      Resources resources,
      boolean rawSocket)
      throws IOException {
    admit(host, name, address, port, rawSocket);
    InetSocketAddress to = new InetSocketAddress(address, port);
    Optional<Resources.ConnectedAhead> ahead = resources.takeConnectedAhead(to);
    if (ahead.isPresent()) {
      Resources.ConnectedAhead c = ahead.get();
      counted(
          host,
          to,
          c.timeoutMillis(),
          settings.connectTimeout(),
          () -> {
            if (c.failure() != null) {
              throw c.failure();
            }
          });
      Socket socket = c.channel().socket();
      socket.setTcpNoDelay(true);
      return socket;
    }
    rateLimiter.acquire(deadline);
    // Direct, never through a SOCKS proxy the JVM may be configured with (socksProxyHost): scope
    // was judged on the target's address, and that is where the packets must go.
    Socket socket = resources.register(new Socket(Proxy.NO_PROXY));
    connect(host, socket, to, deadline, settings.connectTimeout());
    return socket;
  }

  /**
   * Starts the TCP connect of a work item that has no thread yet on {@code selector}; {@code then}
   * runs on the selector thread when it has ended, and the item's first {@link #openTcp} to the
   * address takes the outcome instead of connecting. False, with nothing started, where the connect
   * must be made on the item's own thread: a rate limit (its wait blocks), or an admission refusal
   * (which {@link #openTcp} then reports).
   */
  boolean connectAhead(
      ConnectSelector selector,
      HostState host,
      int port,
      Instant deadline,
      Resources resources,
      Runnable then) {
    if (rateLimiter.limited()) {
      return false;
    }
    try {
      admit(host, host.target.host(), host.address, port, false);
    } catch (IOException e) {
      return false;
    }
    int timeout;
    SocketChannel channel;
    try {
      timeout = timeoutMillis(deadline, settings.connectTimeout());
      channel = resources.register(SocketChannel.open());
    } catch (IOException e) {
      return false;
    }
    InetSocketAddress to = new InetSocketAddress(host.address, port);
    selector.connect(
        channel,
        to,
        timeout,
        r -> {
          resources.connectedAhead(
              new Resources.ConnectedAhead(to, timeout, r.channel(), r.failure()));
          then.run();
        });
    return true;
  }

  /** Connects an already created socket, bounded by {@code limit} and the deadline. */
  void connect(
      HostState host, Socket socket, InetSocketAddress to, Instant deadline, Duration limit)
      throws IOException {
    int timeout = timeoutMillis(deadline, limit);
    counted(host, to, timeout, limit, () -> socket.connect(to, timeout));
    socket.setTcpNoDelay(true);
  }

  /**
   * Runs a connect given {@code timeoutMillis}: success or refusal marks the host alive; a timeout
   * or a missing route counts against it, except a timeout cut short by the check's deadline (below
   * {@code limit}), which says nothing about the host. A timeout is rethrown with a message naming
   * the address and the wait (the JDK's may have none).
   */
  static void counted(
      HostState host, InetSocketAddress to, int timeoutMillis, Duration limit, IoAction connect)
      throws IOException {
    try {
      connect.run();
    } catch (SocketTimeoutException e) {
      boolean cut = timeoutMillis < limit.toMillis();
      if (!cut) {
        host.connectFailed();
      }
      SocketTimeoutException described =
          new SocketTimeoutException(
              "connect to "
                  + (to.getAddress() instanceof java.net.Inet6Address
                      ? "[" + to.getAddress().getHostAddress() + "]"
                      : to.getAddress().getHostAddress())
                  + ":"
                  + to.getPort()
                  + " timed out after "
                  + timeoutMillis
                  + " ms"
                  + (cut ? ", all that was left of the check's deadline" : ""));
      described.initCause(e);
      throw described;
    } catch (NoRouteToHostException e) {
      host.connectFailed();
      throw e;
    } catch (ConnectException e) {
      // Refused: the host is there, the port is closed.
      if (e.getMessage() != null && e.getMessage().contains("refused")) {
        host.markAlive();
      } else {
        host.connectFailed();
      }
      throw e;
    }
    host.markAlive();
  }

  /** A connect that may fail. */
  interface IoAction {
    void run() throws IOException;
  }

  /** Opens a UDP socket connected to the endpoint, registered with {@code resources}. */
  DatagramSocket openUdp(
      HostState host,
      String name,
      InetAddress address,
      int port,
      Instant deadline,
      Resources resources)
      throws IOException {
    admit(host, name, address, port, false);
    rateLimiter.acquire(deadline);
    DatagramSocket socket = resources.register(new DatagramSocket());
    socket.connect(new InetSocketAddress(address, port));
    return socket;
  }

  /** Takes a rate-limit permit for a datagram exchange or a client library's connection. */
  void acquirePermit(Instant deadline) throws IOException {
    rateLimiter.acquire(deadline);
  }

  static int timeoutMillis(Instant deadline, Duration limit) throws SocketTimeoutException {
    long left = Duration.between(Instant.now(), deadline).toMillis();
    if (left <= 0) {
      throw new SocketTimeoutException("the deadline has passed");
    }
    return (int) Math.max(1, Math.min(left, Math.min(limit.toMillis(), Integer.MAX_VALUE)));
  }

  /** A connection refused because the host was given up. */
  static final class HostUnreachableException extends ConnectException {
    HostUnreachableException(String message) {
      super(message);
    }
  }
}
