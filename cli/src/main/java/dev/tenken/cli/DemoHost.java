package dev.tenken.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where one device of the {@linkplain DemoLab demo lab} lives: a loopback address of its own
 * ({@code 127.0.0.2}, {@code 127.0.0.3}...) and the ports its simulators are reachable on there.
 *
 * <p>The simulators of {@code tenken-test-support} listen on {@code 127.0.0.1}. When the device's
 * address is another one, {@link #tcp(int)} and {@link #udp(int)} relay a port of that address to
 * the simulator's port on {@code 127.0.0.1} (byte for byte, datagram for datagram), so a scan sees
 * one host per device and every reply comes from the address it asked. When the device's address is
 * {@code 127.0.0.1} itself (the fallback on systems that route only that address to the loopback
 * interface), nothing is relayed and the simulator's own port is used.
 *
 * <p>Relays use the simulator's port number when it is free on the device's address, else an
 * ephemeral one. Thread-safe; {@link #close()} stops every relay and waits at most about 2 s.
 */
final class DemoHost implements AutoCloseable {
  private static final int BUFFER = 16 * 1024;
  private static final long JOIN_MILLIS = 2000;

  private final InetAddress address;
  private final InetAddress upstream;
  private final List<AutoCloseable> open = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private boolean closed;

  DemoHost(InetAddress address) {
    if (!address.isLoopbackAddress()) {
      throw new IllegalArgumentException(
          "the demo lab lives on loopback only, not on " + address.getHostAddress());
    }
    this.address = address;
    this.upstream = loopback(1);
  }

  /** {@code 127.0.0.n}; {@code n} from 1 to 254. */
  static InetAddress loopback(int n) {
    if (n < 1 || n > 254) {
      throw new IllegalArgumentException("no loopback address 127.0.0." + n);
    }
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) n});
    } catch (UnknownHostException e) {
      throw new AssertionError("a 4-byte address is always valid", e);
    }
  }

  /** Whether this system lets a program listen on {@code address} (Linux: all of 127/8). */
  static boolean canBind(InetAddress address) {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(address, 0), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The device's address. */
  InetAddress address() {
    return address;
  }

  /** The device's address as text, {@code 127.0.0.2}. */
  String host() {
    return address.getHostAddress();
  }

  /** Whether ports are relayed (the device's address is not {@code 127.0.0.1}). */
  boolean relayed() {
    return !address.equals(upstream);
  }

  /**
   * The port on this device's address where the TCP server on {@code 127.0.0.1:localPort} is
   * reachable.
   *
   * @throws IOException when no port can be bound on the device's address
   */
  synchronized int tcp(int localPort) throws IOException {
    if (!relayed()) {
      return localPort;
    }
    ensureOpen();
    ServerSocket front = bind(localPort, p -> new ServerSocket(p, 50, address));
    open.add(front);
    start("demo-relay-tcp-" + host() + ":" + front.getLocalPort(), () -> accept(front, localPort));
    return front.getLocalPort();
  }

  /**
   * The port on this device's address where the UDP server on {@code 127.0.0.1:localPort} is
   * reachable; replies go back from that port.
   *
   * @throws IOException when no port can be bound on the device's address
   */
  synchronized int udp(int localPort) throws IOException {
    if (!relayed()) {
      return localPort;
    }
    ensureOpen();
    DatagramSocket front =
        bind(localPort, p -> new DatagramSocket(new InetSocketAddress(address, p)));
    open.add(front);
    start(
        "demo-relay-udp-" + host() + ":" + front.getLocalPort(),
        () -> relayDatagrams(front, localPort));
    return front.getLocalPort();
  }

  private interface Binder<T> {
    T bind(int port) throws IOException;
  }

  /** Binds the simulator's port number when free, else an ephemeral port. */
  private static <T> T bind(int preferred, Binder<T> binder) throws IOException {
    try {
      return binder.bind(preferred);
    } catch (BindException e) {
      return binder.bind(0);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the device's host is closed");
    }
  }

  private void start(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    threads.removeIf(done -> !done.isAlive());
    threads.add(t);
    t.start();
  }

  private void accept(ServerSocket front, int localPort) {
    while (true) {
      Socket client;
      try {
        client = front.accept();
      } catch (IOException e) {
        return; // closed
      }
      Socket server = new Socket();
      synchronized (this) {
        if (closed) {
          quietly(client);
          return;
        }
        open.add(client);
        open.add(server);
      }
      try {
        server.connect(new InetSocketAddress(upstream, localPort), 2000);
      } catch (IOException e) {
        // The simulator is gone: the client sees the connection closed, like a dead service.
        quietly(client);
        quietly(server);
        continue;
      }
      synchronized (this) {
        AtomicInteger running = new AtomicInteger(2);
        start("demo-relay-up-" + client.getPort(), () -> pump(client, server, running));
        start("demo-relay-down-" + client.getPort(), () -> pump(server, client, running));
      }
    }
  }

  /**
   * Copies {@code from} to {@code to}; at the end of {@code from}, half-closes {@code to}, and the
   * second direction to end closes both sockets. A reset on either side closes both at once.
   */
  private void pump(Socket from, Socket to, AtomicInteger running) {
    byte[] buffer = new byte[BUFFER];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
      }
      to.shutdownOutput();
      if (running.decrementAndGet() > 0) {
        return;
      }
    } catch (IOException e) {
      // Fall through: close both.
    }
    quietly(from);
    quietly(to);
    synchronized (this) {
      open.remove(from);
      open.remove(to);
    }
  }

  /** Forwards each client's datagrams from a socket of its own, and that socket's replies back. */
  private void relayDatagrams(DatagramSocket front, int localPort) {
    Map<SocketAddress, DatagramSocket> upstreams = new HashMap<>();
    byte[] buffer = new byte[65_535];
    while (true) {
      DatagramPacket p = new DatagramPacket(buffer, buffer.length);
      try {
        front.receive(p);
      } catch (IOException e) {
        return; // closed
      }
      SocketAddress client = p.getSocketAddress();
      try {
        DatagramSocket up = upstreams.get(client);
        if (up == null) {
          up = new DatagramSocket(new InetSocketAddress(upstream, 0));
          up.connect(upstream, localPort);
          synchronized (this) {
            if (closed) {
              up.close();
              return;
            }
            open.add(up);
            DatagramSocket u = up;
            start(
                "demo-relay-udp-back-" + up.getLocalPort(), () -> datagramsBack(u, front, client));
          }
          upstreams.put(client, up);
        }
        up.send(new DatagramPacket(p.getData(), p.getOffset(), p.getLength()));
      } catch (IOException e) {
        // A datagram lost, as UDP may.
      }
    }
  }

  private static void datagramsBack(DatagramSocket up, DatagramSocket front, SocketAddress client) {
    byte[] buffer = new byte[65_535];
    while (true) {
      DatagramPacket p = new DatagramPacket(buffer, buffer.length);
      try {
        up.receive(p);
        front.send(new DatagramPacket(p.getData(), p.getOffset(), p.getLength(), client));
      } catch (IOException e) {
        if (up.isClosed() || front.isClosed()) {
          return;
        }
        // ICMP port unreachable from a stopped simulator: keep going until closed.
      }
    }
  }

  private static void quietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // Best effort: the peer may be gone already.
    }
  }

  /** Stops every relay and closes its connections; waits at most about 2 s. Idempotent. */
  @Override
  public void close() {
    List<AutoCloseable> toClose;
    List<Thread> toJoin;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toClose = List.copyOf(open);
      toJoin = List.copyOf(threads);
    }
    toClose.forEach(DemoHost::quietly);
    long until = System.currentTimeMillis() + JOIN_MILLIS;
    for (Thread t : toJoin) {
      long left = until - System.currentTimeMillis();
      if (left <= 0) {
        return;
      }
      try {
        t.join(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public String toString() {
    return "DemoHost[" + host() + (relayed() ? ", relayed to 127.0.0.1" : "") + "]";
  }
}
