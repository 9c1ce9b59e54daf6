package dev.tenken.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.CheckResult;
import dev.tenken.CheckRunner;
import dev.tenken.Scope;
import dev.tenken.Target;
import dev.tenken.report.Report;
import dev.tenken.spi.Outcome;
import dev.tenken.spi.TcpConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** How the runner's TCP connections go out and how they end, seen from the device's side. */
class ConnectionEndsTest {

  private static final byte[] PING = "PING\r\n".getBytes(StandardCharsets.US_ASCII);

  private static CheckRunner runner(Fixtures.Body body) {
    return CheckRunner.builder()
        .scope(Scope.of("127.0.0.0/8"))
        .connectionsPerSecond(0)
        .check(Fixtures.check("test.t.ends", body))
        .build();
  }

  private static CheckResult.Status scanOne(CheckRunner runner, int port)
      throws InterruptedException {
    Report report = runner.scan(List.of(Target.parse("test://127.0.0.1:" + port)));
    return report.targets().get(0).results().get(0).status();
  }

  /** Connects, sends PING, reads the reply, then sends {@code last} (if any) and closes. */
  private static Fixtures.Body ping(byte[] last) {
    return (e, c) -> {
      try (TcpConnection conn = c.connect(e)) {
        conn.send(PING);
        byte[] reply = conn.readAvailable(Duration.ofSeconds(5), 7);
        if (last.length > 0) {
          conn.send(last);
        }
        return Outcome.pass(new String(reply, StandardCharsets.US_ASCII));
      }
    };
  }

  /** How the device saw the connection of a check running {@code body} end. */
  private static String endingOf(Fixtures.Body body) throws Exception {
    try (Device device = new Device()) {
      assertThat(scanOne(runner(body), device.port())).isEqualTo(CheckResult.Status.PASS);
      return device.nextEnding();
    }
  }

  @Test
  void aConnectionWhoseBytesWereAnsweredEndsWithAReset() throws Exception {
    assertThat(endingOf(ping(new byte[0]))).isEqualTo("reset after PING\r\n");
  }

  @Test
  void bytesStillUnansweredAtTheCloseAreDeliveredByAGracefulClose() throws Exception {
    // Like a protocol's goodbye that is sent and not waited for.
    byte[] goodbye = "BYE\r\n".getBytes(StandardCharsets.US_ASCII);

    assertThat(endingOf(ping(goodbye))).isEqualTo("end of stream after PING\r\nBYE\r\n");
  }

  @Test
  void aProxyConfiguredForTheJvmIsNeverUsed() throws Exception {
    ProxySelector saved = ProxySelector.getDefault();
    try (Device device = new Device();
        Fixtures.CountingServer proxy = new Fixtures.CountingServer("127.0.0.1")) {
      // What an embedding application may install: every socket through its SOCKS proxy. (The
      // JDK's own selector, driven by socksProxyHost, always lets loopback go direct.)
      Proxy socks = new Proxy(Proxy.Type.SOCKS, proxy.server.getLocalSocketAddress());
      ProxySelector.setDefault(
          new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
              return List.of(socks);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException e) {}
          });
      CheckResult.Status status =
          scanOne(
              runner(
                  (e, c) -> {
                    ping(new byte[0]).run(e, c);
                    // A client library's socket, made by the context's factory.
                    try (Socket s = c.socketFactory().createSocket()) {
                      s.connect(new InetSocketAddress(e.address(), e.port()), 2_000);
                      s.getOutputStream().write(PING);
                      s.getInputStream().readNBytes(7);
                    }
                    return Outcome.pass("both direct");
                  }),
              device.port());

      assertThat(status).isEqualTo(CheckResult.Status.PASS);
      assertThat(proxy.accepted.get()).isZero();
      assertThat(device.nextEnding()).endsWith("PING\r\n");
      assertThat(device.nextEnding()).endsWith("PING\r\n");
    } finally {
      ProxySelector.setDefault(saved);
    }
  }

  /**
   * A loopback device that answers {@code PING} with {@code +PONG} and reports how each connection
   * ended: "end of stream" (the scanner's FIN) or "reset" (its RST), with the bytes received.
   */
  private static final class Device implements AutoCloseable {
    private final ServerSocket server = new ServerSocket();
    private final BlockingQueue<String> endings = new LinkedBlockingQueue<>();

    Device() throws IOException {
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      Thread t = new Thread(this::acceptAll, "device");
      t.setDaemon(true);
      t.start();
    }

    int port() {
      return server.getLocalPort();
    }

    /** How the next connection ended, waiting a bounded time for it. */
    String nextEnding() throws InterruptedException {
      String ending = endings.poll(10, TimeUnit.SECONDS);
      assertThat(ending).as("a connection ended within 10 s").isNotNull();
      return ending;
    }

    private void acceptAll() {
      while (!server.isClosed()) {
        try {
          Socket s = server.accept();
          Thread h = new Thread(() -> serve(s));
          h.setDaemon(true);
          h.start();
        } catch (IOException e) {
          return;
        }
      }
    }

    private void serve(Socket s) {
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      String how;
      try (s) {
        InputStream in = s.getInputStream();
        byte[] buf = new byte[256];
        int n;
        while ((n = in.read(buf)) > 0) {
          received.write(buf, 0, n);
          if (received.toString(StandardCharsets.US_ASCII).endsWith("PING\r\n")) {
            s.getOutputStream().write("+PONG\r\n".getBytes(StandardCharsets.US_ASCII));
          }
        }
        how = "end of stream";
      } catch (SocketException e) {
        how = "reset";
      } catch (IOException e) {
        how = "failed: " + e;
      }
      endings.add(how + " after " + received.toString(StandardCharsets.US_ASCII));
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
