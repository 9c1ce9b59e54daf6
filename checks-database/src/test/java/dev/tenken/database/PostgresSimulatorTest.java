package dev.tenken.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.Check;
import dev.tenken.CheckResult;
import dev.tenken.CheckRunner;
import dev.tenken.Safety;
import dev.tenken.Scope;
import dev.tenken.TargetResult;
import dev.tenken.test.CheckContract;
import dev.tenken.test.sim.RecordingServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL client and checks against scripted servers on loopback: end-of-life versions,
 * SCRAM servers that cannot prove they know the password, hostile framing; and the unit facts (MD5,
 * the allow-list, the probe; the SCRAM unit tests are in {@link ScramTest}).
 */
class PostgresSimulatorTest {

  // ---- message builders for the simulated server

  static byte[] msg(char type, byte[] body) {
    byte[] m = new byte[body.length + 5];
    m[0] = (byte) type;
    int len = body.length + 4;
    m[1] = (byte) (len >>> 24);
    m[2] = (byte) (len >>> 16);
    m[3] = (byte) (len >>> 8);
    m[4] = (byte) len;
    System.arraycopy(body, 0, m, 5, body.length);
    return m;
  }

  static byte[] auth(int code, byte[] rest) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(
        new byte[] {(byte) (code >>> 24), (byte) (code >>> 16), (byte) (code >>> 8), (byte) code});
    b.writeBytes(rest);
    return msg('R', b.toByteArray());
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      b.writeBytes(p);
    }
    return b.toByteArray();
  }

  static byte[] param(String name, String value) {
    return msg('S', (name + "\0" + value + "\0").getBytes(StandardCharsets.UTF_8));
  }

  static byte[] okWithVersion(String version) {
    return concat(
        auth(0, new byte[0]),
        param("server_version", version),
        msg('K', new byte[8]),
        msg('Z', new byte[] {'I'}));
  }

  static boolean isSslRequest(byte[] c) {
    return c.length == 8 && PostgresClient.readInt(c, 4) == PostgresClient.SSL_REQUEST_CODE;
  }

  static boolean isStartup(byte[] c) {
    return c.length >= 8 && PostgresClient.readInt(c, 4) == PostgresClient.PROTOCOL_3;
  }

  /** A trust server announcing {@code version}, TLS not offered. */
  static RecordingServer trustServer(String version) throws Exception {
    return server(
        c -> {
          if (isSslRequest(c)) {
            return new byte[] {'N'};
          }
          if (isStartup(c)) {
            return okWithVersion(version);
          }
          return null;
        });
  }

  static RecordingServer server(Function<byte[], byte[]> answer) throws Exception {
    return RecordingServer.builder().answer(answer).start();
  }

  static TargetResult scan(Check check, RecordingServer s, Duration timeout) throws Exception {
    CheckRunner runner =
        CheckRunner.builder()
            .check(check)
            .scope(Scope.of("127.0.0.1/32"))
            .clock(CatalogDay.CLOCK)
            .enable(Safety.CREDENTIAL_ATTEMPT)
            .loginAttemptsPerHost(3)
            .checkTimeout(timeout)
            .build();
    return runner.scan(List.of(s.target("postgresql"))).targets().get(0);
  }

  static CheckResult only(TargetResult t) {
    assertThat(t.results()).hasSize(1);
    return t.results().get(0);
  }

  // ---- version end of life

  @Test
  void versionEolFailsOnPostgres12AndPassesOn16() throws Exception {
    try (RecordingServer eol = trustServer("12.22 (Debian 12.22-1.pgdg120+1)");
        RecordingServer current = trustServer("16.4")) {
      CheckContract.of(PostgresVersionEol.INSTANCE)
          .configure(b -> b.clock(CatalogDay.CLOCK))
          .vulnerable(eol.target("postgresql"))
          .hardened(current.target("postgresql"))
          .verify();
      TargetResult t = scan(PostgresVersionEol.INSTANCE, eol, Duration.ofSeconds(5));
      assertThat(only(t).findings().get(0).evidence())
          .containsEntry("branch", "12")
          .containsEntry("end of life", "2024-11-21");
      // Terminate was sent right after ReadyForQuery: no query
      assertThat(eol.received()).doesNotContain((byte) 'Q');
    }
  }

  @Test
  void fourteenIsPastItsEndOfLifeOnTheCatalogDate() {
    assertThat(
            PostgresVersionEol.CATALOG.endOfLife(
                "postgresql", dev.tenken.Version.of("14.20"), java.time.LocalDate.of(2026, 11, 27)))
        .get()
        .satisfies(e -> assertThat(e.past()).isTrue());
    assertThat(
            PostgresVersionEol.CATALOG.endOfLife(
                "postgresql", dev.tenken.Version.of("15.18"), java.time.LocalDate.of(2026, 11, 27)))
        .get()
        .satisfies(e -> assertThat(e.past()).isFalse());
  }

  @Test
  void versionEolSkipsWhenAPasswordIsAsked() throws Exception {
    try (RecordingServer s =
        server(
            c ->
                isStartup(c)
                    ? auth(10, "SCRAM-SHA-256\0\0".getBytes(StandardCharsets.US_ASCII))
                    : null)) {
      CheckResult r = only(scan(PostgresVersionEol.INSTANCE, s, Duration.ofSeconds(5)));
      assertThat(r.status()).isEqualTo(CheckResult.Status.SKIP);
      assertThat(r.detail()).contains("version unknown").contains("SCRAM-SHA-256");
    }
  }

  // ---- SCRAM done right

  /** A SCRAM server that does not know the password: its signature is made up. */
  static RecordingServer scramServer(boolean sendFinal) throws Exception {
    return server(
        c -> {
          if (isStartup(c)) {
            return auth(10, "SCRAM-SHA-256\0\0".getBytes(StandardCharsets.US_ASCII));
          }
          if (c.length > 0 && c[0] == 'p') {
            String text = new String(c, StandardCharsets.ISO_8859_1);
            int r = text.indexOf("r=");
            if (text.contains("n,,")) {
              String nonce = text.substring(r + 2);
              String first =
                  "r="
                      + nonce
                      + "srv,s="
                      + Base64.getEncoder().encodeToString(new byte[16])
                      + ",i=4096";
              return auth(11, first.getBytes(StandardCharsets.US_ASCII));
            }
            byte[] ok = concat(auth(0, new byte[0]), msg('Z', new byte[] {'I'}));
            if (!sendFinal) {
              return ok;
            }
            String fake = "v=" + Base64.getEncoder().encodeToString(new byte[32]);
            return concat(auth(12, fake.getBytes(StandardCharsets.US_ASCII)), ok);
          }
          return null;
        });
  }

  @Test
  void aScramServerThatCannotProveThePasswordIsNotASuccess() throws Exception {
    for (boolean sendFinal : new boolean[] {true, false}) {
      try (RecordingServer s = scramServer(sendFinal)) {
        CheckResult r = only(scan(PostgresDefaultCredentials.INSTANCE, s, Duration.ofSeconds(5)));
        assertThat(r.status()).isEqualTo(CheckResult.Status.ERROR);
        assertThat(r.detail()).contains("did not prove");
      }
    }
  }

  @Test
  void md5AnswerIsMd5OfMd5PasswordUserAndSalt() {
    assertThat(PostgresClient.md5("postgres", "secretpw", new byte[] {1, 2, 3, 4}))
        .isEqualTo("md5f7f7d44173da53d13bbaf4fff77edc21");
  }

  // ---- the allow-list

  @Test
  void onlyStartupSslRequestPasswordAndTerminateMayBeSent() {
    assertThat(PostgresClient.isAllowed(PostgresClient.sslRequestBytes())).isTrue();
    assertThat(PostgresClient.isAllowed(new byte[] {'X', 0, 0, 0, 4})).isTrue();
    assertThat(PostgresClient.isAllowed(new byte[] {'p', 0, 0, 0, 6, 'x', 0})).isTrue();
    byte[] query = msg('Q', "SELECT 1\0".getBytes(StandardCharsets.US_ASCII));
    assertThat(PostgresClient.isAllowed(query)).isFalse();
    assertThat(PostgresClient.isAllowed(msg('P', new byte[4]))).isFalse();
    assertThat(PostgresClient.isAllowed(msg('F', new byte[4]))).isFalse();
    assertThat(PostgresClient.isAllowed(new byte[] {0, 0, 0, 8, 0, 0, 0, 0})).isFalse();
  }

  @Test
  void sendsNothingButStartupAndTerminateOnTrust() throws Exception {
    try (RecordingServer s = trustServer("16.4")) {
      assertThat(only(scan(PostgresTrustAuth.INSTANCE, s, Duration.ofSeconds(5))).status())
          .isEqualTo(CheckResult.Status.FAIL);
      assertThat(s.awaitAllClosed(Duration.ofSeconds(5))).isTrue();
      byte[] got = s.connection(0).received();
      assertThat(isStartup(got)).isTrue();
      int startupLength = PostgresClient.readInt(got, 0);
      assertThat(java.util.Arrays.copyOfRange(got, startupLength, got.length))
          .containsExactly('X', 0, 0, 0, 4);
    }
  }

  // ---- hostile servers

  @Test
  void hostileFramingEndsInErrorWithinTheDeadline() throws Exception {
    List<Function<byte[], byte[]>> hostile =
        List.of(
            c -> new byte[] {'R', 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff},
            c -> new byte[] {'R', 0, 0, 0, 2},
            c -> "HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
            c -> new byte[] {'R', 0, 0, 0, 100, 0, 0},
            c ->
                concat(
                    auth(0, new byte[0]),
                    msg('S', "server_version".getBytes(StandardCharsets.US_ASCII))),
            c -> auth(77, new byte[0]));
    for (Function<byte[], byte[]> answer : hostile) {
      for (Check check :
          List.<Check>of(PostgresTrustAuth.INSTANCE, PostgresDefaultCredentials.INSTANCE)) {
        try (RecordingServer s = server(answer)) {
          long start = System.nanoTime();
          CheckResult r = only(scan(check, s, Duration.ofSeconds(2)));
          Duration took = Duration.ofNanos(System.nanoTime() - start);
          assertThat(r.status())
              .as(check.id() + " " + r.detail())
              .isEqualTo(CheckResult.Status.ERROR);
          assertThat(took).isLessThan(Duration.ofSeconds(3));
        }
      }
    }
  }

  @Test
  void sslRequestAnsweredWithGarbageIsAnError() throws Exception {
    try (RecordingServer s = server(c -> "+PONG\r\n".getBytes(StandardCharsets.US_ASCII))) {
      CheckResult r = only(scan(PostgresTlsNotOffered.INSTANCE, s, Duration.ofSeconds(2)));
      assertThat(r.status()).isEqualTo(CheckResult.Status.ERROR);
    }
  }

  // ---- the probe

  @Test
  void probeRecognisesSslAnswersAndErrorResponsesOnly() {
    PostgresServiceProbe p = PostgresServiceProbe.INSTANCE;
    assertThat(p.request()).get().isEqualTo(PostgresClient.sslRequestBytes());
    assertThat(p.recognises(new byte[] {'N'})).isTrue();
    assertThat(p.recognises(new byte[] {'S'})).isTrue();
    byte[] fatal =
        msg(
            'E',
            "SFATAL\0VFATAL\0C0A000\0Munsupported frontend protocol 1234.5678\0\0"
                .getBytes(StandardCharsets.US_ASCII));
    assertThat(p.recognises(fatal)).isTrue();
    byte[] old = msg('E', "SFATAL\0C28000\0Mno user\0\0".getBytes(StandardCharsets.US_ASCII));
    assertThat(p.recognises(old)).isTrue();
    assertThat(p.recognises(new byte[] {'N', 'O'})).isFalse();
    assertThat(p.recognises(new byte[] {'X'})).isFalse();
    assertThat(p.recognises("+PONG\r\n".getBytes(StandardCharsets.US_ASCII))).isFalse();
    assertThat(p.recognises("HTTP/1.1 400 Bad Request\r\n".getBytes(StandardCharsets.US_ASCII)))
        .isFalse();
    assertThat(p.recognises("-ERR unknown command\r\n".getBytes(StandardCharsets.US_ASCII)))
        .isFalse();
    assertThat(p.recognises(new byte[] {'E', 0x7f, 0, 0, 0, 'S', 'X', 0, 'V'})).isFalse();
  }
}
