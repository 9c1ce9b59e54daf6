package dev.tenken.test.sim;

import dev.tenken.Target;
import dev.tenken.Transport;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A loopback server that accepts and then says nothing, ever: the device that keeps a connection
 * open without answering (a wedged firmware, a tarpit, a printer swallowing a query). A check run
 * against it must give up by its deadline and must not conclude {@code PASS} from silence.
 *
 * <p>{@link #start()} listens on TCP: it accepts every connection, never reads, never writes and
 * never closes one until {@link #close()}. {@link #startUdp()} binds a UDP socket that reads and
 * discards every datagram. Both bind {@code 127.0.0.1} on an ephemeral port and run one daemon
 * thread.
 *
 * <p>Thread-safe: the counters may be read from any thread while connections arrive. {@link
 * #close()} is idempotent; it closes the listener and every accepted connection, then waits at most
 * 2 s for the thread to end.
 */
public final class SilentServer implements AutoCloseable {
  private final Transport transport;
  private final @Nullable ServerSocket tcp;
  private final @Nullable DatagramSocket udp;
  private final List<Socket> accepted = new ArrayList<>();
  private final Thread thread;
  private int connections;
  private boolean closed;

  private SilentServer(
      Transport transport, @Nullable ServerSocket tcp, @Nullable DatagramSocket udp) {
    this.transport = transport;
    this.tcp = tcp;
    this.udp = udp;
    this.thread =
        Loopback.daemon(
            "silent-server-" + transport.name().toLowerCase(Locale.ROOT) + "-" + port(),
            transport == Transport.TCP ? this::acceptLoop : this::receiveLoop);
    thread.start();
  }

  /**
   * Starts a silent TCP server on {@code 127.0.0.1}, an ephemeral port.
   *
   * @throws IOException when no port can be bound
   */
  public static SilentServer start() throws IOException {
    ServerSocket server = new ServerSocket();
    try {
      server.bind(new InetSocketAddress(Loopback.address(), 0), 64);
    } catch (IOException e) {
      server.close();
      throw e;
    }
    return new SilentServer(Transport.TCP, server, null);
  }

  /**
   * Starts a silent UDP socket on {@code 127.0.0.1}, an ephemeral port: every datagram is read and
   * dropped, and counted in {@link #connections()}.
   *
   * @throws IOException when no port can be bound
   */
  public static SilentServer startUdp() throws IOException {
    DatagramSocket socket = new DatagramSocket(new InetSocketAddress(Loopback.address(), 0));
    return new SilentServer(Transport.UDP, null, socket);
  }

  private void acceptLoop() {
    while (true) {
      Socket s;
      try {
        s = tcp.accept();
      } catch (IOException e) {
        return; // closed
      }
      synchronized (this) {
        if (closed) {
          Loopback.closeQuietly(s);
          return;
        }
        accepted.add(s);
        connections++;
        notifyAll();
      }
    }
  }

  private void receiveLoop() {
    byte[] buf = new byte[65535];
    while (true) {
      try {
        udp.receive(new DatagramPacket(buf, buf.length));
      } catch (IOException e) {
        return; // closed
      }
      synchronized (this) {
        connections++;
        notifyAll();
      }
    }
  }

  /** The port, on {@code 127.0.0.1}. */
  public int port() {
    return transport == Transport.TCP ? tcp.getLocalPort() : udp.getLocalPort();
  }

  /** {@code 127.0.0.1}. */
  public InetAddress address() {
    return Loopback.address();
  }

  /** TCP for {@link #start()}, UDP for {@link #startUdp()}. */
  public Transport transport() {
    return transport;
  }

  /**
   * A target naming this server's port with {@code service} as scheme, such as {@code
   * redis://127.0.0.1:41234}, so the runner skips identification and runs the checks of that
   * service.
   *
   * @throws dev.tenken.TargetParseException when {@code service} is not a scheme name
   */
  public Target target(String service) {
    return Target.parse(service + "://127.0.0.1:" + port());
  }

  /** Connections accepted (TCP) or datagrams received (UDP) so far. */
  public synchronized int connections() {
    return connections;
  }

  /**
   * Waits until at least {@code count} connections (or datagrams) arrived, at most {@code timeout}.
   *
   * @return whether they arrived in time
   * @throws InterruptedException when the waiting thread is interrupted
   * @throws IllegalArgumentException when {@code timeout} is negative
   */
  public synchronized boolean awaitConnections(int count, Duration timeout)
      throws InterruptedException {
    Loopback.requirePositive(timeout);
    long until = System.nanoTime() + timeout.toNanos();
    while (connections < count) {
      long left = until - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  /**
   * Stops listening and closes every accepted connection (the client then sees the end of the
   * stream). Waits at most 2 s for the server's thread. Idempotent; never throws.
   */
  @Override
  public void close() {
    List<Socket> toClose;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toClose = new ArrayList<>(accepted);
      accepted.clear();
      notifyAll();
    }
    if (tcp != null) {
      Loopback.closeQuietly(tcp);
    }
    if (udp != null) {
      udp.close();
    }
    toClose.forEach(Loopback::closeQuietly);
    Loopback.join(List.of(thread));
  }

  @Override
  public String toString() {
    return "SilentServer["
        + transport.name().toLowerCase(Locale.ROOT)
        + "://127.0.0.1:"
        + port()
        + ", "
        + connections()
        + " connection(s)]";
  }
}
