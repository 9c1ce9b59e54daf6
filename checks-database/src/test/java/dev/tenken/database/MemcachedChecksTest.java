package dev.tenken.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.CheckResult;
import dev.tenken.CheckRunner;
import dev.tenken.Scope;
import dev.tenken.Target;
import dev.tenken.report.Report;
import dev.tenken.test.CheckContract;
import dev.tenken.test.sim.RecordingServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Memcached checks against simulators: contracts, hostile servers, what is sent. */
class MemcachedChecksTest {

  static final String STATS =
      "STAT pid 1\r\nSTAT uptime 5\r\nSTAT version 1.6.18\r\nSTAT curr_items 3\r\nEND\r\n";

  static RecordingServer memcached(String version, String settingsUdpPort) throws IOException {
    return RecordingServer.builder()
        .answerLines(
            line ->
                switch (line) {
                  case "stats" -> STATS;
                  case "stats settings" ->
                      "STAT maxbytes 67108864\r\nSTAT udpport " + settingsUdpPort + "\r\nEND\r\n";
                  case "version" -> "VERSION " + version + "\r\n";
                  case "quit" -> null;
                  default -> "ERROR\r\n";
                })
        .start();
  }

  static RecordingServer authRequired() throws IOException {
    return RecordingServer.builder()
        .answerLines(line -> "CLIENT_ERROR unauthenticated\r\n")
        .start();
  }

  @Test
  void noAuthStatsContract() throws Exception {
    try (RecordingServer open = memcached("1.6.18", "0");
        RecordingServer auth = authRequired()) {
      CheckContract.of(new MemcachedNoAuthStats())
          .vulnerable(open.target("memcached"))
          .hardened(auth.target("memcached"))
          .verify();
      assertSentOnlyAllowList(open);
      assertSentOnlyAllowList(auth);
    }
  }

  @Test
  void versionCveContract() throws Exception {
    try (RecordingServer old = memcached("1.4.25", "0");
        RecordingServer current = memcached("1.6.38", "0")) {
      CheckContract.of(new MemcachedVersionCve())
          .vulnerable(old.target("memcached"))
          .hardened(current.target("memcached"))
          .verify();
      Report r = scan(new MemcachedVersionCve(), old.target("memcached"));
      CheckResult result = r.results().findFirst().orElseThrow();
      assertThat(result.findings())
          .extracting(f -> f.key())
          .contains("CVE-2016-8704", "CVE-2016-8705", "CVE-2016-8706", "CVE-2017-9951");
      assertThat(r.targets().get(0).identity().toString()).contains("memcached", "1.4.25");
    }
  }

  @Test
  void versionOfAnotherProductIsNeverMappedToMemcachedCves() throws Exception {
    try (RecordingServer proxy = memcached("mcrouter 0.41.0", "0")) {
      CheckResult r =
          scan(new MemcachedVersionCve(), proxy.target("memcached"))
              .results()
              .findFirst()
              .orElseThrow();
      assertThat(r.status()).isEqualTo(CheckResult.Status.SKIP);
      assertThat(r.detail()).contains("not an upstream memcached version");
    }
  }

  @Test
  void udpEnabledContractFromSettingsAndIcmp() throws Exception {
    // The simulator has no UDP listener: udpport 11211 in the settings is a firm FAIL; udpport 0
    // plus ICMP port unreachable is a PASS.
    try (RecordingServer on = memcached("1.6.18", "11211");
        RecordingServer off = memcached("1.6.18", "0")) {
      CheckContract.of(new MemcachedUdpEnabled())
          .vulnerable(on.target("memcached"))
          .hardened(off.target("memcached"))
          .verify();
      assertSentOnlyAllowList(on);
    }
  }

  @Test
  void endlessStatLinesEndInErrorWithinTheDeadline() throws Exception {
    try (Streamer s =
        new Streamer("STAT filler 1234567890\r\n".getBytes(StandardCharsets.US_ASCII))) {
      long start = System.nanoTime();
      CheckResult r =
          scan(new MemcachedNoAuthStats(), s.target()).results().findFirst().orElseThrow();
      assertThat(r.status()).isEqualTo(CheckResult.Status.ERROR);
      assertThat(r.detail()).containsAnyOf("STAT lines", "cap");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }
  }

  @Test
  void endlessLineEndsInErrorWithinTheDeadline() throws Exception {
    try (Streamer s =
        new Streamer(
            "STAT xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx".getBytes(StandardCharsets.US_ASCII), true)) {
      CheckResult r =
          scan(new MemcachedNoAuthStats(), s.target()).results().findFirst().orElseThrow();
      assertThat(r.status()).isEqualTo(CheckResult.Status.ERROR);
      assertThat(r.detail()).contains("longer than");
    }
  }

  @Test
  void binaryBodyLengthBeyondTheCapIsRefusedBeforeAllocation() throws Exception {
    // A "memcached" that ignores text and answers binary with a 2 GiB body announcement.
    byte[] hostile = new byte[24];
    hostile[0] = (byte) 0x81;
    hostile[1] = 0x0b;
    hostile[8] = 0x7f;
    hostile[9] = (byte) 0xff;
    hostile[10] = (byte) 0xff;
    hostile[11] = (byte) 0xff;
    try (RecordingServer s =
        RecordingServer.builder()
            .answer(chunk -> (chunk[0] & 0xff) == 0x80 ? hostile : new byte[0])
            .start()) {
      CheckResult r =
          scan(new MemcachedVersionCve(), s.target("memcached"))
              .results()
              .findFirst()
              .orElseThrow();
      assertThat(r.status()).isEqualTo(CheckResult.Status.ERROR);
      assertThat(r.detail()).contains("announces a 2147483647-byte body");
    }
  }

  @Test
  void garbageIsAProtocolError() throws Exception {
    try (RecordingServer s =
        RecordingServer.builder()
            .answer(c -> "HTTP/1.1 400 Bad\r\n".getBytes(StandardCharsets.US_ASCII))
            .start()) {
      CheckResult r =
          scan(new MemcachedNoAuthStats(), s.target("memcached"))
              .results()
              .findFirst()
              .orElseThrow();
      assertThat(r.status()).isEqualTo(CheckResult.Status.ERROR);
      assertThat(r.detail()).contains("not a memcached stats reply");
    }
  }

  static Report scan(dev.tenken.Check check, Target target) throws Exception {
    CheckRunner runner =
        CheckRunner.builder()
            .check(check)
            .scope(Scope.of("127.0.0.0/8"))
            .checkTimeout(Duration.ofSeconds(2))
            .build();
    return runner.scan(List.of(target));
  }

  /** Every line any connection received is on the text allow-list or a binary allowed opcode. */
  static void assertSentOnlyAllowList(RecordingServer server) {
    for (RecordingServer.Connection c : server.connectionList()) {
      byte[] b = c.received();
      if (b.length > 0 && (b[0] & 0xff) == 0x80) {
        assertThat(b[1] & 0xff).isIn(0x07, 0x0b, 0x10);
        continue;
      }
      for (String line : c.receivedText().split("\r\n")) {
        if (!line.isEmpty()) {
          assertThat(line).isIn("stats", "stats settings", "version", "quit");
        }
      }
    }
  }

  /** A server that, after the first bytes arrive, streams {@code unit} without end. */
  static final class Streamer implements AutoCloseable {
    private final ServerSocket server;
    private final Thread thread;
    final AtomicLong sent = new AtomicLong();

    Streamer(byte[] unit) throws IOException {
      this(unit, false);
    }

    Streamer(byte[] unit, boolean prefixOnce) throws IOException {
      server = new ServerSocket();
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      thread =
          new Thread(
              () -> {
                try (Socket s = server.accept()) {
                  s.getInputStream().read(new byte[64]);
                  OutputStream out = s.getOutputStream();
                  if (prefixOnce) {
                    out.write(unit);
                    unit[0] = 'x';
                    unit[1] = 'x';
                    unit[2] = 'x';
                    unit[3] = 'x';
                  }
                  while (!Thread.currentThread().isInterrupted()) {
                    out.write(unit);
                    sent.addAndGet(unit.length);
                  }
                } catch (IOException ignored) {
                  // the client gave up: expected
                }
              });
      thread.setDaemon(true);
      thread.start();
    }

    Target target() {
      return Target.parse("memcached://127.0.0.1:" + server.getLocalPort());
    }

    @Override
    public void close() throws IOException {
      server.close();
      thread.interrupt();
      try {
        thread.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
