package dev.tenken.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tenken.CheckResult;
import dev.tenken.CheckRunner;
import dev.tenken.Scope;
import dev.tenken.Target;
import dev.tenken.report.Report;
import dev.tenken.test.CheckContract;
import dev.tenken.test.sim.RecordingServer;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The memcached checks against the real Debian {@code /usr/bin/memcached} on loopback, in four
 * configurations: open with UDP on ({@code -U port}, vulnerable), open with UDP off ({@code -U 0},
 * the default since 1.5.6), SASL ({@code -S}: binary protocol only, an empty sasldb, so nobody can
 * log in) and ASCII authentication ({@code -Y authfile}).
 */
class MemcachedIT {
  static final Path MEMCACHED = Path.of("/usr/bin/memcached");
  static final String AUTH_SECRET = "Mc-Str0ng-canary-9f3";

  static final List<Process> PROCESSES = new ArrayList<>();
  static Path dir;
  static int udpOn;
  static int udpOff;
  static int sasl;
  static int authFile;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(Files.isExecutable(MEMCACHED), "Debian memcached is not installed");
    dir = Files.createTempDirectory("tenken-memcached");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path saslConf = dir.resolve("memcached.conf");
    Files.writeString(saslConf, "mech_list: plain\nsasldb_path: " + dir.resolve("sasldb2") + "\n");
    Path auth = dir.resolve("auth");
    Files.writeString(auth, "tenken:" + AUTH_SECRET + "\n");
    for (Path p : List.of(saslConf, auth)) {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
    }
    udpOn = freeTcpAndUdpPort();
    start(udpOn, List.of("-U", String.valueOf(udpOn)), false);
    udpOff = freeTcpAndUdpPort();
    start(udpOff, List.of("-U", "0"), false);
    sasl = freeTcpAndUdpPort();
    start(sasl, List.of("-U", "0", "-S"), true);
    authFile = freeTcpAndUdpPort();
    start(authFile, List.of("-U", "0", "-Y", auth.toString()), false);
  }

  static void start(int port, List<String> extra, boolean saslEnv) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(MEMCACHED.toString(), "-l", "127.0.0.1", "-p", String.valueOf(port)));
    if ("root".equals(System.getProperty("user.name"))) {
      cmd.addAll(List.of("-u", "nobody"));
    }
    cmd.addAll(extra);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.redirectOutput(dir.resolve("memcached-" + port + ".log").toFile());
    if (saslEnv) {
      pb.environment().put("SASL_CONF_PATH", dir.toString());
    }
    Process p = pb.start();
    PROCESSES.add(p);
    awaitListening(p, port, dir.resolve("memcached-" + port + ".log"));
  }

  static void awaitListening(Process p, int port, Path log) throws Exception {
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < until) {
      if (!p.isAlive()) {
        throw new IllegalStateException("server on " + port + " exited: " + Files.readString(log));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("server on " + port + " not listening within 10 s");
  }

  /** A port free for both TCP and UDP on loopback. */
  static int freeTcpAndUdpPort() throws IOException {
    for (int i = 0; i < 50; i++) {
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      try (DatagramSocket d = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
        return d.getLocalPort();
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IOException("no port free for both TCP and UDP");
  }

  @AfterAll
  static void stop() throws Exception {
    for (Process p : PROCESSES) {
      p.destroy();
    }
    for (Process p : PROCESSES) {
      if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    if (dir != null) {
      try (var files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  static String t(int port) {
    return "memcached://127.0.0.1:" + port;
  }

  @Test
  void noAuthStatsFailsOnOpenAndPassesOnSaslAndAsciiAuth() {
    CheckContract.of(new MemcachedNoAuthStats())
        .vulnerable(t(udpOn))
        .vulnerable(t(udpOff))
        .hardened(t(sasl))
        .hardened(t(authFile))
        .secrets(AUTH_SECRET)
        .verify();
  }

  @Test
  void saslPassCarriesTheBinaryAuthError() throws Exception {
    CheckResult r = result(new MemcachedNoAuthStats(), t(sasl));
    assertThat(r.status()).isEqualTo(CheckResult.Status.PASS);
    assertThat(r.detail()).contains("binary protocol", "0x0020");
    CheckResult y = result(new MemcachedNoAuthStats(), t(authFile));
    assertThat(y.detail()).contains("CLIENT_ERROR unauthenticated");
  }

  @Test
  void udpEnabledFailsWithUdpOnAndPassesWithUdpOffOrSasl() throws Exception {
    CheckContract.of(new MemcachedUdpEnabled())
        .vulnerable(t(udpOn))
        .hardened(t(udpOff))
        .hardened(t(sasl))
        .verify();
    CheckResult on = result(new MemcachedUdpEnabled(), t(udpOn));
    assertThat(on.findings().get(0).confidence()).isEqualTo(dev.tenken.Confidence.CONFIRMED);
    assertThat(on.findings().get(0).evidence().get("udp reply")).contains("request id echoed");
    CheckResult off = result(new MemcachedUdpEnabled(), t(udpOff));
    assertThat(off.detail()).contains("udpport 0");
  }

  @Test
  void versionCvePassesOnDebianMemcachedAndFailsOnAnOldVersion() throws Exception {
    // Debian's memcached (1.6.18) is not affected by any catalog entry: the real servers are the
    // hardened side, over the text protocol and (SASL) the binary VERSION. No vulnerable
    // memcached build is installable here, so the vulnerable side is a simulator answering
    // exactly as memcached 1.4.25 does to `version`.
    try (RecordingServer old =
        RecordingServer.builder()
            .answerLines(l -> l.equals("version") ? "VERSION 1.4.25\r\n" : "ERROR\r\n")
            .start()) {
      CheckContract.of(new MemcachedVersionCve())
          .vulnerable(old.target("memcached"))
          .hardened(t(udpOff))
          .hardened(t(sasl))
          .verify();
    }
    Report r = scan(new MemcachedVersionCve(), t(sasl));
    assertThat(r.targets().get(0).identity().toString()).contains("memcached", "1.6.18");
  }

  @Test
  void identificationFindsMemcachedOnANonDefaultPort() throws Exception {
    for (int port : new int[] {udpOff, sasl, authFile}) {
      Report r =
          CheckRunner.builder()
              .checks(DatabaseChecks.all())
              .scope(Scope.of("127.0.0.0/8"))
              .build()
              .scan(List.of(Target.parse("127.0.0.1:" + port)));
      assertThat(r.targets().get(0).endpoints())
          .as("port %d", port)
          .anySatisfy(e -> assertThat(e.service()).isEqualTo("memcached"));
    }
  }

  static Report scan(dev.tenken.Check check, String target) throws Exception {
    return CheckRunner.builder()
        .check(check)
        .scope(Scope.of("127.0.0.0/8"))
        .build()
        .scan(List.of(Target.parse(target)));
  }

  static CheckResult result(dev.tenken.Check check, String target) throws Exception {
    return scan(check, target).results().findFirst().orElseThrow();
  }
}
