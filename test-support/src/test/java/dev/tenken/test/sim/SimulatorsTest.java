package dev.tenken.test.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class SimulatorsTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private static Socket connect(int port) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress(LOOPBACK, port), 2000);
    s.setSoTimeout(2000);
    return s;
  }

  private static String read(Socket s, int n) throws IOException {
    return new String(s.getInputStream().readNBytes(n), StandardCharsets.ISO_8859_1);
  }

  private static void send(Socket s, String text) throws IOException {
    s.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    s.getOutputStream().flush();
  }

  private static boolean threadAlive(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.isAlive() && t.getName().startsWith(prefix));
  }

  // ---- SilentServer ----

  @Test
  void aSilentServerAcceptsCountsAndNeverAnswers() throws Exception {
    Socket client;
    try (SilentServer server = SilentServer.start()) {
      assertThat(server.address().getHostAddress()).isEqualTo("127.0.0.1");
      client = connect(server.port());
      client.setSoTimeout(300);
      send(client, "hello?\r\n");
      assertThat(server.awaitConnections(1, Duration.ofSeconds(2))).isTrue();
      assertThat(server.connections()).isEqualTo(1);
      assertThatThrownBy(() -> client.getInputStream().read())
          .isInstanceOf(SocketTimeoutException.class);
      assertThat(server.awaitConnections(2, Duration.ofMillis(100))).isFalse();
      assertThat(server.target("redis").toString()).isEqualTo("redis://127.0.0.1:" + server.port());
    }
    // Closing the server closes the connection it held: the client sees the end of the stream.
    client.setSoTimeout(2000);
    int read;
    try {
      read = client.getInputStream().read();
    } catch (IOException reset) {
      read = -1;
    }
    assertThat(read).isEqualTo(-1);
    client.close();
  }

  @Test
  void aClosedSilentServerRefusesAndItsThreadEnds() throws Exception {
    SilentServer server = SilentServer.start();
    int port = server.port();
    server.close();
    server.close(); // idempotent
    assertThat(threadAlive("silent-server-tcp-" + port)).isFalse();
    assertThatThrownBy(() -> connect(port)).isInstanceOf(ConnectException.class);
  }

  @Test
  void aSilentUdpServerCountsDatagramsAndNeverAnswers() throws Exception {
    try (SilentServer server = SilentServer.startUdp();
        DatagramSocket client = new DatagramSocket()) {
      client.setSoTimeout(300);
      byte[] ping = "ping".getBytes(StandardCharsets.US_ASCII);
      client.send(new DatagramPacket(ping, ping.length, LOOPBACK, server.port()));
      assertThat(server.awaitConnections(1, Duration.ofSeconds(2))).isTrue();
      assertThatThrownBy(() -> client.receive(new DatagramPacket(new byte[16], 16)))
          .isInstanceOf(SocketTimeoutException.class);
      assertThat(server.transport()).isEqualTo(dev.tenken.Transport.UDP);
    }
  }

  // ---- ClosedPort ----

  @Test
  void aClosedPortRefusesConnections() {
    int port = ClosedPort.find();
    assertThat(port).isBetween(1024, 65535);
    assertThatThrownBy(() -> connect(port)).isInstanceOf(ConnectException.class);
  }

  @Test
  void aClosedUdpPortIsFree() throws Exception {
    int port = ClosedPort.findUdp();
    // Nothing is bound there: we can bind it ourselves.
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
      assertThat(s.getLocalPort()).isEqualTo(port);
    }
  }

  // ---- RecordingServer ----

  @Test
  void aRecordingServerSendsItsBannerAnswersAndRecords() throws Exception {
    try (RecordingServer server =
            RecordingServer.builder()
                .banner("HELLO\r\n")
                .answer(
                    chunk ->
                        new String(chunk, StandardCharsets.ISO_8859_1)
                            .toUpperCase(Locale.ROOT)
                            .getBytes(StandardCharsets.ISO_8859_1))
                .start();
        Socket a = connect(server.port());
        Socket b = connect(server.port())) {
      assertThat(read(a, 7)).isEqualTo("HELLO\r\n");
      send(a, "ping");
      assertThat(read(a, 4)).isEqualTo("PING");
      assertThat(read(b, 7)).isEqualTo("HELLO\r\n");
      send(b, "\u0000\u00ffbin");
      assertThat(server.awaitReceived("bin", Duration.ofSeconds(2))).isTrue();

      assertThat(server.awaitConnections(2, Duration.ofSeconds(2))).isTrue();
      assertThat(server.connection(0).receivedText()).isEqualTo("ping");
      assertThat(server.connection(1).received()).containsExactly(0, 0xff, 'b', 'i', 'n');
      assertThat(server.receivedText()).isEqualTo("ping\u0000\u00ffbin");
      assertThat(server.connection(0).isClosed()).isFalse();

      a.shutdownOutput(); // the server sees the end of the stream and closes its side
      assertThat(server.awaitAllClosed(Duration.ofMillis(200))).isFalse(); // b is still open
      assertThat(server.connection(0).isClosed()).isTrue();
      b.shutdownOutput();
      assertThat(server.awaitAllClosed(Duration.ofSeconds(2))).isTrue();
    }
  }

  @Test
  void aNullAnswerClosesTheConnection() throws Exception {
    try (RecordingServer server = RecordingServer.builder().answer(chunk -> null).start();
        Socket s = connect(server.port())) {
      send(s, "QUIT\r\n");
      assertThat(s.getInputStream().read()).isEqualTo(-1);
      assertThat(server.awaitAllClosed(Duration.ofSeconds(2))).isTrue();
      assertThat(server.connection(0).receivedText()).isEqualTo("QUIT\r\n");
    }
  }

  @Test
  void lineAnswersSeeWholeLines() throws Exception {
    try (RecordingServer server =
            RecordingServer.builder()
                .answerLines(line -> line.equals("QUIT") ? null : "+" + line + "\r\n")
                .start();
        Socket s = connect(server.port())) {
      send(s, "PI");
      Thread.sleep(50);
      send(s, "NG\r\nINFO\nQU");
      assertThat(read(s, 12)).isEqualTo("+PING\r\n+INFO");
      assertThat(read(s, 2)).isEqualTo("\r\n");
      send(s, "IT\r\n");
      assertThat(s.getInputStream().read()).isEqualTo(-1);
    }
  }

  @Test
  void closeAfterBannerAndTheRecordCap() throws Exception {
    try (RecordingServer server =
            RecordingServer.builder().banner("BYE\n").closeAfterBanner().start();
        Socket s = connect(server.port())) {
      assertThat(read(s, 10)).isEqualTo("BYE\n");
    }
    try (RecordingServer server = RecordingServer.builder().recordCap(3).start();
        Socket s = connect(server.port())) {
      send(s, "abcdef");
      s.shutdownOutput();
      assertThat(server.awaitConnections(1, Duration.ofSeconds(2))).isTrue();
      assertThat(server.awaitAllClosed(Duration.ofSeconds(2))).isTrue();
      assertThat(server.connection(0).receivedText()).isEqualTo("abc");
      assertThat(server.connection(0).receivedCount()).isEqualTo(6);
    }
  }

  @Test
  void aFailingAnswerClosesTheConnectionAndIsKept() throws Exception {
    try (RecordingServer server =
            RecordingServer.builder()
                .answer(
                    chunk -> {
                      throw new IllegalStateException("scripted failure");
                    })
                .start();
        Socket s = connect(server.port())) {
      send(s, "x");
      assertThat(s.getInputStream().read()).isEqualTo(-1);
      assertThat(server.awaitAllClosed(Duration.ofSeconds(2))).isTrue();
      assertThat(server.connection(0).answerFailure())
          .get()
          .extracting(Throwable::getMessage)
          .isEqualTo("scripted failure");
    }
  }

  @Test
  void closingTheServerClosesItsConnectionsAndEndsItsThreadsInBoundedTime() throws Exception {
    RecordingServer server = RecordingServer.withBanner("HI\n");
    int port = server.port();
    Socket s = connect(server.port());
    assertThat(read(s, 3)).isEqualTo("HI\n");
    assertThat(server.awaitConnections(1, Duration.ofSeconds(2))).isTrue();
    long start = System.nanoTime();
    server.close();
    server.close(); // idempotent
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    InputStream in = s.getInputStream();
    int read;
    try {
      read = in.read();
    } catch (IOException reset) {
      read = -1;
    }
    assertThat(read).isEqualTo(-1);
    assertThat(threadAlive("recording-server-" + port)).isFalse();
    assertThat(server.connection(0).isClosed()).isTrue();
    s.close();
    assertThatThrownBy(() -> connect(port)).isInstanceOf(ConnectException.class);
  }

  @Test
  void waitsRejectNegativeTimeouts() throws Exception {
    try (RecordingServer server = RecordingServer.builder().start()) {
      assertThatThrownBy(() -> server.awaitConnections(1, Duration.ofMillis(-1)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
