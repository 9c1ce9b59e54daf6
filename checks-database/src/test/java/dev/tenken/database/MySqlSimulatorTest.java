package dev.tenken.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.Check;
import dev.tenken.CheckResult;
import dev.tenken.CheckRunner;
import dev.tenken.DeviceIdentity;
import dev.tenken.Safety;
import dev.tenken.Scope;
import dev.tenken.TargetResult;
import dev.tenken.test.CheckContract;
import dev.tenken.test.sim.RecordingServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The MySQL/MariaDB checks against a loopback simulator that sends byte-exact first packets shaped
 * like real servers': MySQL 8.0.36 (CLIENT_SSL, caching_sha2_password), MySQL 8.4.3, MySQL 5.7.44
 * without TLS (mysql_native_password), MariaDB 10.11.6 ({@code 5.5.5-10.11.6-MariaDB}) and error
 * 1130 "host not allowed"; a server that lets root in with an empty password after an auth switch
 * (as MySQL 8.0 does) and one that answers 1045; hostile framing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MySqlSimulatorTest {
  private static final byte[] SALT1 =
      "3\u0012R\u001bMa\u0007p".getBytes(StandardCharsets.ISO_8859_1);
  private static final byte[] SALT2 =
      "\u0013dk\u0016J\u0003zL~!9\u0005".getBytes(StandardCharsets.ISO_8859_1);

  private RecordingServer mysql80;
  private RecordingServer mysql84;
  private RecordingServer mysql57;
  private RecordingServer mariadb;
  private RecordingServer hostBlocked;
  private RecordingServer emptyRoot;
  private RecordingServer denyRoot;

  /** A packet: 3-byte little-endian length, sequence, payload. */
  static byte[] packet(int seq, byte[] payload) {
    byte[] p = new byte[payload.length + 4];
    p[0] = (byte) payload.length;
    p[1] = (byte) (payload.length >>> 8);
    p[2] = (byte) (payload.length >>> 16);
    p[3] = (byte) seq;
    System.arraycopy(payload, 0, p, 4, payload.length);
    return p;
  }

  /**
   * A protocol-10 handshake laid out as MySQL/MariaDB send it: version, connection id, 8 bytes of
   * salt, filler, lower capabilities, collation, status, upper capabilities, auth data length, 10
   * reserved bytes (MariaDB puts its extended capabilities in the last 4), 12 more bytes of salt
   * and a NUL, the plugin name.
   */
  static byte[] handshake(String version, int caps, int collation, int mariaExt, String plugin) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(10);
    b.writeBytes(version.getBytes(StandardCharsets.US_ASCII));
    b.write(0);
    b.writeBytes(new byte[] {0x2a, 0, 0, 0});
    b.writeBytes(SALT1);
    b.write(0);
    b.write(caps);
    b.write(caps >>> 8);
    b.write(collation);
    b.writeBytes(new byte[] {2, 0});
    b.write(caps >>> 16);
    b.write(caps >>> 24);
    b.write(21);
    b.writeBytes(new byte[6]);
    b.writeBytes(new byte[] {(byte) mariaExt, (byte) (mariaExt >>> 8), 0, 0});
    b.writeBytes(SALT2);
    b.write(0);
    b.writeBytes(plugin.getBytes(StandardCharsets.US_ASCII));
    b.write(0);
    return packet(0, b.toByteArray());
  }

  static final byte[] MYSQL_8036 =
      handshake("8.0.36", 0xdfffffff, 0xff, 0, "caching_sha2_password");
  static final byte[] MYSQL_843 = handshake("8.4.3", 0xdfffffff, 0xff, 0, "caching_sha2_password");
  static final byte[] MYSQL_5744 =
      handshake("5.7.44", 0x81fff7ff, 0x08, 0, "mysql_native_password");
  static final byte[] MARIADB_10116 =
      handshake("5.5.5-10.11.6-MariaDB", 0x81fffffe, 0x2d, 0x1d, "mysql_native_password");

  static byte[] error(int seq, int code, String state, String message) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(0xff);
    b.write(code);
    b.write(code >>> 8);
    if (!state.isEmpty()) {
      b.write('#');
      b.writeBytes(state.getBytes(StandardCharsets.US_ASCII));
    }
    b.writeBytes(message.getBytes(StandardCharsets.UTF_8));
    return packet(seq, b.toByteArray());
  }

  static final byte[] HOST_NOT_ALLOWED =
      error(0, 1130, "", "Host '127.0.0.1' is not allowed to connect to this MySQL server");

  static final byte[] OK = packet(4, new byte[] {0, 0, 0, 2, 0, 0, 0});

  /** MySQL 8.0 with root on caching_sha2_password: auth switch, then OK or 1045. */
  static Function<byte[], byte[]> login(boolean emptyPasswordAccepted) {
    return c -> {
      if (c.length < 4) {
        return new byte[0];
      }
      int seq = c[3] & 0xff;
      if (seq == 1) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0xfe);
        b.writeBytes("caching_sha2_password\0".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(SALT1);
        b.writeBytes(SALT2);
        b.write(0);
        return packet(2, b.toByteArray());
      }
      if (seq == 3) {
        return emptyPasswordAccepted
            ? OK
            : error(
                4, 1045, "28000", "Access denied for user 'root'@'localhost' (using password: NO)");
      }
      return null; // COM_QUIT (sequence 0) or anything else: close
    };
  }

  @BeforeAll
  void start() throws Exception {
    mysql80 = RecordingServer.builder().banner(MYSQL_8036).start();
    mysql84 = RecordingServer.builder().banner(MYSQL_843).start();
    mysql57 = RecordingServer.builder().banner(MYSQL_5744).start();
    mariadb = RecordingServer.builder().banner(MARIADB_10116).start();
    hostBlocked = RecordingServer.builder().banner(HOST_NOT_ALLOWED).closeAfterBanner().start();
    emptyRoot = RecordingServer.builder().banner(MYSQL_8036).answer(login(true)).start();
    denyRoot = RecordingServer.builder().banner(MYSQL_8036).answer(login(false)).start();
  }

  @AfterAll
  void stop() {
    for (RecordingServer s :
        List.of(mysql80, mysql84, mysql57, mariadb, hostBlocked, emptyRoot, denyRoot)) {
      s.close();
    }
  }

  private static dev.tenken.Target t(RecordingServer s) {
    return s.target("mysql");
  }

  // ---- contract kit, one per check

  @Test
  void exposedVersion() {
    CheckContract.of(MySqlExposedVersion.INSTANCE)
        .vulnerable(t(mysql80))
        .vulnerable(t(mariadb))
        .hardened(t(hostBlocked))
        .verify();
  }

  @Test
  void tlsNotOffered() {
    CheckContract.of(MySqlTlsNotOffered.INSTANCE)
        .vulnerable(t(mysql57))
        .hardened(t(mysql80))
        .hardened(t(mariadb))
        .verify();
  }

  @Test
  void hostRestricted() {
    CheckContract.of(MySqlHostRestricted.INSTANCE)
        .vulnerable(t(mysql80))
        .hardened(t(hostBlocked))
        .verify();
  }

  @Test
  void emptyPassword() {
    CheckContract.of(MySqlEmptyPassword.INSTANCE)
        .vulnerable(t(emptyRoot))
        .hardened(t(denyRoot))
        .hardened(t(hostBlocked))
        .verify();
  }

  @Test
  void versionEolCve() {
    CheckContract.of(MySqlVersionEolCve.INSTANCE)
        .configure(b -> b.clock(CatalogDay.CLOCK))
        .vulnerable(t(mysql57))
        .vulnerable(t(mysql80))
        .hardened(t(mysql84))
        .hardened(t(mariadb))
        .verify();
  }

  // ---- details

  static TargetResult scan(Check check, RecordingServer s, Duration timeout) throws Exception {
    return CheckRunner.builder()
        .check(check)
        .scope(Scope.of("127.0.0.1/32"))
        .clock(CatalogDay.CLOCK)
        .enable(Safety.CREDENTIAL_ATTEMPT)
        .checkTimeout(timeout)
        .build()
        .scan(List.of(t(s)))
        .targets()
        .get(0);
  }

  static CheckResult only(TargetResult r) {
    assertThat(r.results()).hasSize(1);
    return r.results().get(0);
  }

  @Test
  void mariaDbIsJudgedAsMariaDbNeverAsMysql() throws Exception {
    TargetResult r = scan(MySqlVersionEolCve.INSTANCE, mariadb, Duration.ofSeconds(5));
    CheckResult c = only(r);
    assertThat(c.status()).isEqualTo(CheckResult.Status.PASS);
    assertThat(c.evidence()).containsEntry("product", "mariadb").containsEntry("branch", "10.11");
    assertThat(r.identity().value(DeviceIdentity.Attribute.PRODUCT)).contains("mariadb");
    assertThat(r.identity().value(DeviceIdentity.Attribute.VERSION)).contains("10.11.6-MariaDB");
    assertThat(r.identity().value(DeviceIdentity.Attribute.CPE))
        .contains("cpe:2.3:a:mariadb:mariadb:10.11.6");
  }

  @Test
  void mysql57IsPastItsEndOfLife() throws Exception {
    CheckResult c = only(scan(MySqlVersionEolCve.INSTANCE, mysql57, Duration.ofSeconds(5)));
    assertThat(c.findings()).hasSize(1);
    assertThat(c.findings().get(0).evidence())
        .containsEntry("branch", "5.7")
        .containsEntry("end of life", "2023-10-31");
  }

  @Test
  void oldMysqlGetsTheCve20122122FindingToo() throws Exception {
    try (RecordingServer old =
        RecordingServer.builder()
            .banner(handshake("5.5.23-log", 0x8007f7ff, 0x08, 0, "mysql_native_password"))
            .start()) {
      CheckResult c = only(scan(MySqlVersionEolCve.INSTANCE, old, Duration.ofSeconds(5)));
      assertThat(c.findings()).extracting(f -> f.key()).contains("CVE-2012-2122", "eol-5.5");
    }
  }

  @Test
  void handshakeFieldsAreParsed() throws Exception {
    MySqlClient.Handshake h =
        MySqlClient.handshake(Arrays.copyOfRange(MARIADB_10116, 4, MARIADB_10116.length));
    assertThat(h.serverVersion()).isEqualTo("5.5.5-10.11.6-MariaDB");
    assertThat(h.product()).isEqualTo("mariadb");
    assertThat(h.productVersion()).isEqualTo("10.11.6-MariaDB");
    assertThat(h.connectionId()).isEqualTo(42);
    assertThat(h.charset()).isEqualTo(0x2d);
    assertThat(h.authPlugin()).isEqualTo("mysql_native_password");
    assertThat(h.offersTls()).isTrue();
    MySqlClient.Handshake m =
        MySqlClient.handshake(Arrays.copyOfRange(MYSQL_8036, 4, MYSQL_8036.length));
    assertThat(m.authPlugin()).isEqualTo("caching_sha2_password");
    assertThat(m.product()).isEqualTo("mysql");
  }

  @Test
  void emptyPasswordSendsOnlyTheLoginTheEmptyAuthSwitchAnswerAndComQuit() throws Exception {
    int before = emptyRoot.connections();
    CheckResult c = only(scan(MySqlEmptyPassword.INSTANCE, emptyRoot, Duration.ofSeconds(5)));
    assertThat(c.status()).isEqualTo(CheckResult.Status.FAIL);
    assertThat(c.findings().get(0).evidence()).containsEntry("user", "root");
    assertThat(emptyRoot.awaitAllClosed(Duration.ofSeconds(5))).isTrue();
    byte[] got = emptyRoot.connection(before).received();
    int len = (got[0] & 0xff) | (got[1] & 0xff) << 8;
    byte[] response = Arrays.copyOfRange(got, 4, 4 + len);
    assertThat(MySqlClient.isAllowed(response)).isTrue();
    byte[] rest = Arrays.copyOfRange(got, 4 + len, got.length);
    assertThat(rest).containsExactly(0, 0, 0, 3, 1, 0, 0, 0, 1);
    assertThat(new String(response, StandardCharsets.ISO_8859_1))
        .contains("root\0\0mysql_native_password");
  }

  @Test
  void theAllowListRefusesQueriesAndPasswords() {
    assertThat(MySqlClient.isAllowed(new byte[] {1})).isTrue();
    assertThat(MySqlClient.isAllowed(new byte[0])).isTrue();
    assertThat(MySqlClient.isAllowed("\u0003SELECT 1".getBytes(StandardCharsets.US_ASCII)))
        .isFalse();
    assertThat(MySqlClient.isAllowed(new byte[] {0x0e})).isFalse(); // COM_PING
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(new byte[] {0, (byte) 0x82, 0, 0, 0, 0, 0, 1, 0x21});
    b.writeBytes(new byte[23]);
    b.writeBytes("root\0".getBytes(StandardCharsets.US_ASCII));
    b.write(20);
    b.writeBytes(new byte[20]);
    assertThat(MySqlClient.isAllowed(b.toByteArray()))
        .as("a response carrying a password")
        .isFalse();
  }

  @Test
  void hostileFramingEndsInErrorWithinTheDeadline() throws Exception {
    byte[] garbage = "SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII);
    List<byte[]> banners =
        List.of(
            new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0, 10, '8', '.'},
            Arrays.copyOf(MYSQL_8036, 20),
            packet(0, new byte[] {10, '8', '.', '0', 0, 1, 2}),
            garbage,
            packet(0, new byte[0]));
    for (byte[] banner : banners) {
      for (Check check : MySqlChecks.checks()) {
        try (RecordingServer s = RecordingServer.builder().banner(banner).start()) {
          long start = System.nanoTime();
          CheckResult r = only(scan(check, s, Duration.ofSeconds(2)));
          assertThat(r.status())
              .as(check.id() + ": " + r.detail())
              .isEqualTo(CheckResult.Status.ERROR);
          assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
      }
    }
  }

  @Test
  void theRunnerIdentifiesMysqlByItsBannerWithoutASchemeHint() throws Exception {
    CheckRunner runner =
        CheckRunner.builder()
            .checks(new dev.tenken.CheckSet(MySqlChecks.checks(), MySqlChecks.probes()))
            .scope(Scope.of("127.0.0.1/32"))
            .clock(CatalogDay.CLOCK)
            .bannerWait(Duration.ofMillis(300))
            .build();
    for (RecordingServer s : List.of(mysql80, mariadb, hostBlocked)) {
      TargetResult r =
          runner.scan(List.of(dev.tenken.Target.of("127.0.0.1", s.port()))).targets().get(0);
      assertThat(r.endpoints()).extracting(dev.tenken.Endpoint::service).containsExactly("mysql");
    }
  }

  @Test
  void probeRecognisesHandshakesAndErrorPacketsOnly() {
    MySqlServiceProbe p = MySqlServiceProbe.INSTANCE;
    assertThat(p.request()).isEmpty();
    assertThat(p.recognises(MYSQL_8036)).isTrue();
    assertThat(p.recognises(MYSQL_5744)).isTrue();
    assertThat(p.recognises(MARIADB_10116)).isTrue();
    assertThat(p.recognises(HOST_NOT_ALLOWED)).isTrue();
    assertThat(p.recognises("SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII)))
        .isFalse();
    assertThat(p.recognises("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII))).isFalse();
    assertThat(
            p.recognises(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0, 10, '8', '.', '0'}))
        .isFalse();
    assertThat(p.recognises(new byte[] {'N'})).isFalse();
  }
}
