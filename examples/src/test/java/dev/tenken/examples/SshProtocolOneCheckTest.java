package dev.tenken.examples;

import static dev.tenken.test.TenkenAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.CheckResult;
import dev.tenken.CheckRunner;
import dev.tenken.CheckSet;
import dev.tenken.Scope;
import dev.tenken.junit.TenkenScan;
import dev.tenken.junit.TenkenScanner;
import dev.tenken.report.Report;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SshProtocolOneCheckTest {

  /** Greets each connection with {@code banner} and a line end, as an SSH server does. */
  private static LoopbackServer sshServer(String banner) throws IOException {
    return new LoopbackServer("ssh-simulator") {
      @Override
      void serve(Socket socket) throws IOException {
        socket.getOutputStream().write((banner + "\r\n").getBytes(StandardCharsets.US_ASCII));
        lingeringClose(socket);
      }
    };
  }

  private static Report scan(LoopbackServer server) throws InterruptedException {
    CheckRunner runner =
        CheckRunner.builder().scope(Scope.of("127.0.0.1")).check(new SshProtocolOneCheck()).build();
    return runner.scan("ssh://127.0.0.1:" + server.port());
  }

  @Test
  void failsOnAServerThatStillOffersProtocolOne() throws Exception {
    try (LoopbackServer server = sshServer("SSH-1.99-OpenSSH_3.9p1")) {
      assertThat(scan(server))
          .hasResult(SshProtocolOneCheck.ID, CheckResult.Status.FAIL)
          .hasFinding(SshProtocolOneCheck.ID);
    }
  }

  @Test
  void passesOnAProtocolTwoServer() throws Exception {
    try (LoopbackServer server = sshServer("SSH-2.0-OpenSSH_9.6p1 Debian-4")) {
      assertThat(scan(server))
          .hasResult(SshProtocolOneCheck.ID, CheckResult.Status.PASS)
          .hasNoFinding(SshProtocolOneCheck.ID);
    }
  }

  @Test
  void isFoundByServiceLoaderDiscovery() {
    CheckSet discovered = CheckSet.discover(getClass().getClassLoader());

    assertThat(discovered.byId(SshProtocolOneCheck.ID)).isPresent();
  }

  @Test
  @TenkenScan(checks = SshProtocolOneCheck.ID)
  void runsInTestsThroughTheJUnitExtension(TenkenScanner tenken) throws Exception {
    try (LoopbackServer server = sshServer("SSH-1.5-Cisco-1.25")) {
      assertThat(tenken.scan("ssh://127.0.0.1:" + server.port()))
          .hasFinding(SshProtocolOneCheck.ID);
    }
  }
}
