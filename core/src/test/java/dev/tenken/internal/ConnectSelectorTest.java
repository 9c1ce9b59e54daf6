package dev.tenken.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectSelectorTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  private ConnectSelector selector() throws IOException {
    ConnectSelector s = new ConnectSelector();
    toClose.add(s);
    return s;
  }

  private SocketChannel channel() throws IOException {
    SocketChannel c = SocketChannel.open();
    toClose.add(c);
    return c;
  }

  private static CompletableFuture<ConnectSelector.Result> connect(
      ConnectSelector s, SocketChannel c, InetSocketAddress to, int timeoutMillis) {
    CompletableFuture<ConnectSelector.Result> done = new CompletableFuture<>();
    s.connect(
        c,
        to,
        timeoutMillis,
        r -> {
          if (!done.complete(r)) {
            throw new AssertionError("a connect ended twice");
          }
        });
    return done;
  }

  /** A port nothing listens on: bound, then closed. */
  private static InetSocketAddress closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
      return new InetSocketAddress(LOOPBACK, s.getLocalPort());
    }
  }

  /**
   * A listener whose accept queue is full: Linux drops new SYNs to it, so a connect neither
   * succeeds nor fails, as with a filtered address, without leaving loopback.
   */
  private InetSocketAddress silentAddress() throws IOException {
    ServerSocket server = new ServerSocket(0, 1, LOOPBACK);
    toClose.add(server);
    InetSocketAddress to = new InetSocketAddress(LOOPBACK, server.getLocalPort());
    for (int i = 0; i < 16; i++) {
      Socket s = new Socket();
      toClose.add(s);
      try {
        s.connect(to, 300);
      } catch (SocketTimeoutException e) {
        return to;
      }
    }
    throw new AssertionError("the accept queue never filled up");
  }

  @Test
  void aListeningPortIsHandedOverConnectedAndBlocking() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK)) {
      ConnectSelector.Result r =
          connect(
                  selector(),
                  channel(),
                  new InetSocketAddress(LOOPBACK, server.getLocalPort()),
                  2_000)
              .get(5, TimeUnit.SECONDS);
      assertThat(r.failure()).isNull();
      assertThat(r.channel().isConnected()).isTrue();
      assertThat(r.channel().isBlocking()).isTrue();
      // The socket view works as a blocking socket with a read timeout, as the checks use it.
      Socket socket = r.channel().socket();
      socket.setSoTimeout(1_000);
      try (Socket accepted = server.accept()) {
        accepted.getOutputStream().write('x');
        assertThat(socket.getInputStream().read()).isEqualTo('x');
      }
    }
  }

  @Test
  void aClosedPortEndsWithTheRefusal() throws Exception {
    ConnectSelector.Result r =
        connect(selector(), channel(), closedPort(), 2_000).get(5, TimeUnit.SECONDS);
    assertThat(r.channel()).isNull();
    assertThat(r.failure()).isInstanceOf(ConnectException.class);
    assertThat(r.failure().getMessage()).contains("refused");
  }

  @Test
  void aConnectNobodyAnswersEndsAtItsTimeout() throws Exception {
    InetSocketAddress to = silentAddress();
    long start = System.nanoTime();
    ConnectSelector.Result r = connect(selector(), channel(), to, 400).get(5, TimeUnit.SECONDS);
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(r.failure()).isInstanceOf(SocketTimeoutException.class);
    assertThat(tookMillis).isBetween(350L, 4_000L);
  }

  @Test
  void aChannelClosedWhilePendingEndsOnce() throws Exception {
    InetSocketAddress to = silentAddress();
    SocketChannel c = channel();
    CompletableFuture<ConnectSelector.Result> done = connect(selector(), c, to, 300);
    c.close(); // what the runner does when the work's deadline passes
    ConnectSelector.Result r = done.get(5, TimeUnit.SECONDS);
    assertThat(r.channel()).isNull();
    assertThat(r.failure()).isNotNull();
  }

  @Test
  void closingTheSelectorEndsWhatIsPendingAndWhatComesAfter() throws Exception {
    InetSocketAddress to = silentAddress();
    ConnectSelector s = selector();
    CompletableFuture<ConnectSelector.Result> pending = connect(s, channel(), to, 30_000);
    s.close();
    assertThat(pending.get(5, TimeUnit.SECONDS).failure())
        .hasMessageContaining("the scan has ended");
    CompletableFuture<ConnectSelector.Result> late = connect(s, channel(), closedPort(), 30_000);
    assertThat(late.get(5, TimeUnit.SECONDS).failure()).hasMessageContaining("the scan has ended");
  }
}
