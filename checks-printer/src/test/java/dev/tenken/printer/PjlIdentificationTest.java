package dev.tenken.printer;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.tenken.CheckRunner;
import dev.tenken.Endpoint;
import dev.tenken.Scope;
import dev.tenken.Target;
import dev.tenken.TargetResult;
import dev.tenken.spi.PrintPortGuard;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The runner identifies a printer's PJL port by its answer to the status query and sends it nothing
 * else.
 */
class PjlIdentificationTest {
  private ServerSocket server;
  private Thread acceptor;
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();

  @BeforeEach
  void startPrinter() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::serve, "pjl-printer");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    acceptor.join(5_000);
  }

  /** Records every byte; answers once a UEL-framed job is complete, as a LaserJet does. */
  private void serve() {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        s.setSoTimeout(3_000);
        InputStream in = s.getInputStream();
        ByteArrayOutputStream job = new ByteArrayOutputStream();
        byte[] buf = new byte[1024];
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
          synchronized (received) {
            received.write(buf, 0, n);
          }
          job.write(buf, 0, n);
          String text = job.toString(ISO_8859_1);
          if (text.length() > PrintPortGuard.UEL.length() && text.endsWith(PrintPortGuard.UEL)) {
            s.getOutputStream()
                .write(
                    "@PJL INFO STATUS\r\nCODE=10001\r\nDISPLAY=\"Ready\"\r\nONLINE=TRUE\r\n\f"
                        .getBytes(ISO_8859_1));
            s.getOutputStream().flush();
            job.reset();
          }
        }
      } catch (SocketTimeoutException e) {
        // the client went quiet: next connection
      } catch (IOException e) {
        // closed by the test, or a client gone: next connection
      }
    }
  }

  @Test
  void identifiesPjlAndSendsNothingButTheStatusQuery() throws Exception {
    CheckRunner runner =
        CheckRunner.builder()
            .scope(Scope.of("127.0.0.1/32"))
            .checks(PrinterChecks.all())
            .bannerWait(Duration.ofMillis(200))
            .build();

    TargetResult result =
        runner.scan(List.of(Target.of("127.0.0.1", server.getLocalPort()))).targets().get(0);

    assertThat(result.endpoints())
        .extracting(Endpoint::port, Endpoint::service)
        .containsExactly(tuple(server.getLocalPort(), "pjl"));
    synchronized (received) {
      assertThat(received.toByteArray()).isEqualTo(PrintPortGuard.STATUS_QUERY);
    }
  }
}
