package dev.tenken.test.sim;

import dev.tenken.spi.PrintPortGuard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Finds a loopback port with nothing listening: binds an ephemeral port on {@code 127.0.0.1},
 * closes it, and (for TCP) confirms that a connection to it is refused, trying again with another
 * port when something else took it. A check run against such a port must end {@code ERROR} or
 * {@code SKIP}, quickly.
 *
 * <p>Another process may bind the port between {@link #find()} and its use; on a test machine this
 * is rare, and the ports come from the ephemeral range, never a raw print port. Stateless and
 * thread-safe.
 */
public final class ClosedPort {
  private static final int ATTEMPTS = 20;

  private ClosedPort() {}

  /**
   * A TCP port on {@code 127.0.0.1} where a connection is refused now.
   *
   * @throws UncheckedIOException when no ephemeral port can be bound, or every port tried turned
   *     out to be in use
   */
  public static int find() {
    IOException last = null;
    for (int i = 0; i < ATTEMPTS; i++) {
      int port;
      try (ServerSocket s = new ServerSocket()) {
        s.setReuseAddress(false);
        s.bind(new InetSocketAddress(Loopback.address(), 0), 1);
        port = s.getLocalPort();
      } catch (IOException e) {
        last = e;
        continue;
      }
      if (PrintPortGuard.isPrintPort(port)) {
        continue;
      }
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress(Loopback.address(), port), 1000);
        // Something listens there now: try another port.
      } catch (ConnectException refused) {
        return port;
      } catch (IOException e) {
        last = e;
      }
    }
    throw new UncheckedIOException(
        "found no closed loopback TCP port in " + ATTEMPTS + " attempts",
        last == null ? new IOException("every port tried was in use") : last);
  }

  /**
   * A UDP port on {@code 127.0.0.1} with no socket bound to it now (datagrams sent there draw an
   * ICMP port-unreachable).
   *
   * @throws UncheckedIOException when no ephemeral port can be bound
   */
  public static int findUdp() {
    IOException last = null;
    for (int i = 0; i < ATTEMPTS; i++) {
      try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(Loopback.address(), 0))) {
        int port = s.getLocalPort();
        if (!PrintPortGuard.isPrintPort(port)) {
          return port;
        }
      } catch (IOException e) {
        last = e;
      }
    }
    throw new UncheckedIOException(
        "found no free loopback UDP port in " + ATTEMPTS + " attempts",
        last == null ? new IOException("every port tried was a print port") : last);
  }
}
