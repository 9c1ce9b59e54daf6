package dev.tenken.camera;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.CheckRunner;
import dev.tenken.Endpoint;
import dev.tenken.Scope;
import dev.tenken.Target;
import dev.tenken.TargetResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The runner identifies an RTSP server that drops the connection on the PJL status query (as strict
 * servers do) by the probe's own {@code OPTIONS} request.
 */
class RtspIdentificationTest {
  private static final Pattern REQUEST_LINE = Pattern.compile("[A-Z_]+ \\S+ RTSP/1\\.0");

  private ServerSocket server;
  private Thread acceptor;
  private final List<String> requestLines = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startStrictRtspServer() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::serve, "strict-rtsp");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    acceptor.join(5_000);
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        s.setSoTimeout(3_000);
        BufferedReader in =
            new BufferedReader(new InputStreamReader(s.getInputStream(), ISO_8859_1));
        String line = in.readLine();
        requestLines.add(String.valueOf(line));
        if (line == null || !REQUEST_LINE.matcher(line).matches()) {
          continue; // drop the connection without a word
        }
        String cseq = "0";
        for (String h = in.readLine(); h != null && !h.isEmpty(); h = in.readLine()) {
          if (h.regionMatches(true, 0, "CSeq:", 0, 5)) {
            cseq = h.substring(5).strip();
          }
        }
        OutputStream out = s.getOutputStream();
        out.write(
            ("RTSP/1.0 200 OK\r\nCSeq: "
                    + cseq
                    + "\r\nPublic: OPTIONS, DESCRIBE, SETUP, PLAY,"
                    + " TEARDOWN\r\n\r\n")
                .getBytes(ISO_8859_1));
        out.flush();
      } catch (IOException e) {
        // closed by the test, or a client gone: next connection
      }
    }
  }

  @Test
  void identifiesRtspByItsOptionsRequest() throws Exception {
    CheckRunner runner =
        CheckRunner.builder()
            .scope(Scope.of("127.0.0.1/32"))
            .checks(CameraChecks.all())
            .bannerWait(Duration.ofMillis(200))
            .build();

    TargetResult result =
        runner.scan(List.of(Target.of("127.0.0.1", server.getLocalPort()))).targets().get(0);

    assertThat(result.status()).isEqualTo(TargetResult.Status.SCANNED);
    assertThat(result.endpoints())
        .extracting(Endpoint::port, Endpoint::service)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(server.getLocalPort(), "rtsp"));
    // the probe identified the port; the RTSP checks then send their own requests
    assertThat(requestLines).contains("OPTIONS * RTSP/1.0");
  }
}
