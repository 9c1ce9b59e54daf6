package dev.tenken.database;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.tenken.CheckRunner;
import dev.tenken.CheckSet;
import dev.tenken.Endpoint;
import dev.tenken.Scope;
import dev.tenken.Target;
import dev.tenken.TargetResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Identification alone (the probes, no checks: the Redis checks send their own PING). The runner
 * identifies a RESP server by the probe's own {@code PING} when the server dropped the connection
 * on the PJL status query (as Redis proxies that reject unknown commands do), and by the reply when
 * it answered the query like redis-server.
 */
class RespIdentificationTest {
  private ServerSocket server;
  private Thread acceptor;
  private volatile boolean answerUnknownCommands;
  private final List<String> lines = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::serve, "resp-simulator");
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
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          lines.add(line);
          String reply;
          if (line.equals("PING")) {
            reply = "+PONG\r\n";
          } else if (answerUnknownCommands) {
            reply =
                "-ERR unknown command '"
                    + line.split(" ", 2)[0]
                    + "', with args beginning with: \r\n";
          } else {
            break; // a proxy that hangs up on what it does not know
          }
          s.getOutputStream().write(reply.getBytes(ISO_8859_1));
          s.getOutputStream().flush();
        }
      } catch (IOException e) {
        // closed by the test, or a client gone: next connection
      }
    }
  }

  private TargetResult scan() throws InterruptedException {
    CheckRunner runner =
        CheckRunner.builder()
            .scope(Scope.of("127.0.0.1/32"))
            .checks(new CheckSet(List.of(), DatabaseChecks.all().probes()))
            .bannerWait(Duration.ofMillis(200))
            .build();
    return runner.scan(List.of(Target.of("127.0.0.1", server.getLocalPort()))).targets().get(0);
  }

  @Test
  void identifiesRespByPingWhenTheServerHungUpOnThePjlQuery() throws Exception {
    TargetResult result = scan();

    assertThat(result.endpoints())
        .extracting(Endpoint::port, Endpoint::service)
        .containsExactly(tuple(server.getLocalPort(), "redis"));
    assertThat(lines).contains("PING");
  }

  @Test
  void identifiesRespByItsAnswerToThePjlQuery() throws Exception {
    answerUnknownCommands = true;

    TargetResult result = scan();

    assertThat(result.endpoints())
        .extracting(Endpoint::port, Endpoint::service)
        .containsExactly(tuple(server.getLocalPort(), "redis"));
    assertThat(lines).doesNotContain("PING");
  }
}
