package dev.tenken.internal;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.CheckRunner;
import dev.tenken.CheckSet;
import dev.tenken.Endpoint;
import dev.tenken.Scope;
import dev.tenken.TargetResult;
import dev.tenken.report.Report;
import dev.tenken.spi.Outcome;
import dev.tenken.spi.PrintPortGuard;
import dev.tenken.spi.ServiceProbe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class IdentificationTest {

  /**
   * A probe recognising replies that start with {@code prefix}, optionally asking with {@code
   * request}.
   */
  private static ServiceProbe probe(String service, String prefix, String request) {
    return probe(service, prefix, request, List.of());
  }

  private static ServiceProbe probe(
      String service, String prefix, String request, List<Integer> likelyPorts) {
    return new ServiceProbe() {
      @Override
      public String service() {
        return service;
      }

      @Override
      public List<Integer> likelyPorts() {
        return likelyPorts;
      }

      @Override
      public Optional<byte[]> request() {
        return Optional.ofNullable(request).map(r -> r.getBytes(US_ASCII));
      }

      @Override
      public boolean recognises(byte[] reply) {
        return new String(reply, US_ASCII).startsWith(prefix);
      }
    };
  }

  @Test
  void portsAreIdentifiedByWhatTheyAnswerAndAPrinterOnAnOddPortGetsOnlyThePjlQuery()
      throws Exception {
    byte[] none = new byte[0];
    try (var banner =
            new Fixtures.ScriptedServer("SSH-2.0-Test\r\n".getBytes(US_ASCII), c -> none);
        var http =
            new Fixtures.ScriptedServer(
                none, c -> "HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(US_ASCII));
        var picky =
            new Fixtures.ScriptedServer(
                none,
                c ->
                    new String(c, US_ASCII).equals("HELLO\r\n")
                        ? "WORLD\r\n".getBytes(US_ASCII)
                        : null);
        var silent = new Fixtures.ScriptedServer(none, c -> none);
        var printer =
            new Fixtures.ScriptedServer(
                none, c -> "@PJL INFO STATUS\r\nCODE=10001\r\n\f".getBytes(US_ASCII))) {
      CheckSet probes =
          new CheckSet(
              List.of(Fixtures.check("test.t.passes", (e, ctx) -> Outcome.pass("ok"))),
              List.of(
                  probe("ssh", "SSH-", null),
                  probe("http", "HTTP/1.", "GET / HTTP/1.0\r\n\r\n"),
                  probe("hello", "WORLD", "HELLO\r\n"),
                  probe("pjl", "@PJL", null)));
      CheckRunner r =
          CheckRunner.builder()
              .scope(Scope.of("127.0.0.1"))
              .checks(probes)
              .bannerWait(Duration.ofMillis(300))
              .build();
      String ports =
          List.of(banner, http, picky, silent, printer).stream()
              .map(s -> Integer.toString(s.port()))
              .collect(Collectors.joining(","));
      Report report = r.scan("127.0.0.1:" + ports);

      TargetResult t = report.targets().get(0);
      assertThat(t.status()).isEqualTo(TargetResult.Status.SCANNED);
      Map<Integer, String> services =
          t.endpoints().stream().collect(Collectors.toMap(Endpoint::port, Endpoint::service));
      assertThat(services)
          .containsEntry(banner.port(), "ssh")
          .containsEntry(http.port(), "http")
          .containsEntry(picky.port(), "hello")
          .containsEntry(silent.port(), Endpoint.UNKNOWN_SERVICE)
          .containsEntry(printer.port(), "pjl");
      assertThat(silent.received()).isEqualTo(PrintPortGuard.STATUS_QUERY);
      assertThat(printer.received()).isEqualTo(PrintPortGuard.STATUS_QUERY);
      assertThat(http.received()).isEqualTo(PrintPortGuard.STATUS_QUERY);
    }
  }

  @Test
  void rawPrintPortsGetNothingUnlessEnabled() throws Exception {
    CheckRunner r =
        CheckRunner.builder()
            .scope(Scope.of("127.0.0.1"))
            .check(Fixtures.check("test.t.passes", (e, ctx) -> Outcome.pass("ok")))
            .build();
    // 9100 is refused before a connection is even attempted: the target lists it, the guard drops
    // it.
    Report report = r.scan("127.0.0.1:9100");
    assertThat(report.targets().get(0).endpoints()).isEmpty();
  }

  /** Answers only once a blank line ends the request, as many HTTP servers do. */
  private static java.util.function.Function<byte[], byte[]> waitsForBlankLine() {
    StringBuilder seen = new StringBuilder();
    return chunk -> {
      seen.append(new String(chunk, US_ASCII));
      return seen.indexOf("\r\n\r\n") >= 0
          ? "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(US_ASCII)
          : new byte[0];
    };
  }

  @Test
  void aSilentPortIsAskedOnlyByProtocolsThatClaimIt() throws Exception {
    byte[] none = new byte[0];
    try (var claimed = new Fixtures.ScriptedServer(none, waitsForBlankLine());
        var unclaimed = new Fixtures.ScriptedServer(none, waitsForBlankLine())) {
      CheckSet probes =
          new CheckSet(
              List.of(Fixtures.check("test.t.passes", (e, ctx) -> Outcome.pass("ok"))),
              List.of(probe("http", "HTTP/1.", "GET / HTTP/1.0\r\n\r\n", List.of(claimed.port()))));
      Report report =
          CheckRunner.builder()
              .scope(Scope.of("127.0.0.1"))
              .checks(probes)
              .bannerWait(Duration.ofMillis(200))
              .build()
              .scan("127.0.0.1:" + claimed.port() + "," + unclaimed.port());

      Map<Integer, String> services =
          report.targets().get(0).endpoints().stream()
              .collect(Collectors.toMap(Endpoint::port, Endpoint::service));
      assertThat(services)
          .containsEntry(claimed.port(), "http")
          .containsEntry(unclaimed.port(), Endpoint.UNKNOWN_SERVICE);
      assertThat(unclaimed.received()).isEqualTo(PrintPortGuard.STATUS_QUERY);
    }
  }

  @Test
  void aReplyFollowedByAResetStillIdentifiesThePort() throws Exception {
    try (var server = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Thread t =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try (java.net.Socket s = server.accept()) {
                    s.getInputStream().read(new byte[4]);
                    s.getOutputStream()
                        .write("RTSP/1.0 400 Bad Request\r\n\r\n".getBytes(US_ASCII));
                    s.setSoLinger(true, 0);
                  } catch (java.io.IOException e) {
                    return;
                  }
                }
              });
      t.setDaemon(true);
      t.start();
      Report report =
          CheckRunner.builder()
              .scope(Scope.of("127.0.0.1"))
              .checks(
                  new CheckSet(
                      List.of(Fixtures.check("test.t.passes", (e, ctx) -> Outcome.pass("ok"))),
                      List.of(probe("rtsp", "RTSP/1.0", null))))
              .build()
              .scan("127.0.0.1:" + server.getLocalPort());

      assertThat(report.targets().get(0).endpoints())
          .extracting(Endpoint::service)
          .containsExactly("rtsp");
    }
  }
}
