package dev.tenken.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import javax.net.SocketFactory;

/**
 * Sockets for client libraries (HTTP, Redis, MongoDB): each one is admitted by the {@link
 * Connector} at {@code connect} — scope, print-port guard, host budget, rate limit — with a connect
 * timeout bounded by the check's deadline, and closed with the check's resources.
 */
final class GuardedSocketFactory extends SocketFactory {
  private final Connector connector;
  private final HostState host;
  private final Instant deadline;
  private final Resources resources;

  GuardedSocketFactory(Connector connector, HostState host, Instant deadline, Resources resources) {
    this.connector = connector;
    this.host = host;
    this.deadline = deadline;
    this.resources = resources;
  }

  @Override
  public Socket createSocket() {
    return new GuardedSocket();
  }

  @Override
  public Socket createSocket(String name, int port) throws IOException {
    Socket s = createSocket();
    s.connect(new InetSocketAddress(name, port));
    return s;
  }

  @Override
  public Socket createSocket(String name, int port, InetAddress localHost, int localPort)
      throws IOException {
    Socket s = createSocket();
    s.bind(new InetSocketAddress(localHost, localPort));
    s.connect(new InetSocketAddress(name, port));
    return s;
  }

  @Override
  public Socket createSocket(InetAddress address, int port) throws IOException {
    Socket s = createSocket();
    s.connect(new InetSocketAddress(address, port));
    return s;
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    Socket s = createSocket();
    s.bind(new InetSocketAddress(localAddress, localPort));
    s.connect(new InetSocketAddress(address, port));
    return s;
  }

  private final class GuardedSocket extends Socket {
    GuardedSocket() {
      // Never through a SOCKS proxy the JVM may be configured with: the scope was judged on the
      // target's address, and that is where the packets must go.
      super(Proxy.NO_PROXY);
    }

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
      connect(endpoint, 0);
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
      if (!(endpoint instanceof InetSocketAddress isa)) {
        throw new IOException("unsupported address type " + endpoint.getClass().getName());
      }
      String name = isa.getHostString();
      InetAddress address = isa.getAddress();
      if (address == null) {
        throw new UnknownHostException(name + " does not resolve");
      }
      connector.admit(host, name, address, isa.getPort(), true);
      connector.acquirePermit(deadline);
      resources.register(this);
      Duration limit = connector.settings().connectTimeout();
      if (timeout > 0 && timeout < limit.toMillis()) {
        limit = Duration.ofMillis(timeout);
      }
      int t = Connector.timeoutMillis(deadline, limit);
      Connector.counted(host, isa, t, limit, () -> super.connect(isa, t));
      if (getSoTimeout() == 0) {
        setSoTimeout(Connector.timeoutMillis(deadline, Duration.ofDays(1)));
      }
    }
  }
}
