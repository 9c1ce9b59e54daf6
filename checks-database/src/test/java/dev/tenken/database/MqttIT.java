package dev.tenken.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tenken.CheckResult;
import dev.tenken.CheckRunner;
import dev.tenken.DeviceIdentity;
import dev.tenken.Safety;
import dev.tenken.Scope;
import dev.tenken.Target;
import dev.tenken.report.Report;
import dev.tenken.test.CheckContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MQTT checks against the real Debian {@code /usr/sbin/mosquitto} on loopback, in four
 * configurations: anonymous ({@code allow_anonymous true}, vulnerable), a password file with the
 * default admin/admin (default-credentials vulnerable), a password file with a strong password
 * (hardened), and a TLS-only listener (plaintext-listener hardened).
 */
class MqttIT {
  static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");
  static final Path MOSQUITTO_PASSWD = Path.of("/usr/bin/mosquitto_passwd");
  static final String STRONG = "Mq-Str0ng-canary-7c1";

  static final List<Process> PROCESSES = new ArrayList<>();
  static Path dir;
  static int anonymous;
  static int defaultCreds;
  static int strong;
  static int tls;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(Files.isExecutable(MOSQUITTO), "Debian mosquitto is not installed");
    assumeTrue(Files.isExecutable(MOSQUITTO_PASSWD), "mosquitto_passwd is not installed");
    dir = Files.createTempDirectory("tenken-mosquitto");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path weakPw = dir.resolve("weak.pw");
    Path strongPw = dir.resolve("strong.pw");
    run(MOSQUITTO_PASSWD.toString(), "-c", "-b", weakPw.toString(), "admin", "admin");
    run(MOSQUITTO_PASSWD.toString(), "-c", "-b", strongPw.toString(), "admin", STRONG);
    run(
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=localhost",
        "-keyout",
        dir.resolve("key.pem").toString(),
        "-out",
        dir.resolve("cert.pem").toString());
    for (String f : List.of("weak.pw", "strong.pw", "key.pem", "cert.pem")) {
      Files.setPosixFilePermissions(dir.resolve(f), PosixFilePermissions.fromString("rw-r--r--"));
    }
    anonymous = MemcachedIT.freeTcpAndUdpPort();
    broker("anonymous", anonymous, "allow_anonymous true\n");
    defaultCreds = MemcachedIT.freeTcpAndUdpPort();
    broker("weak", defaultCreds, "allow_anonymous false\npassword_file " + weakPw + "\n");
    strong = MemcachedIT.freeTcpAndUdpPort();
    broker("strong", strong, "allow_anonymous false\npassword_file " + strongPw + "\n");
    tls = MemcachedIT.freeTcpAndUdpPort();
    broker(
        "tls",
        tls,
        "allow_anonymous false\npassword_file "
            + strongPw
            + "\ncertfile "
            + dir.resolve("cert.pem")
            + "\nkeyfile "
            + dir.resolve("key.pem")
            + "\n");
  }

  static void run(String... cmd) throws Exception {
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("setup.log").toFile())
            .start();
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(
          String.join(" ", cmd) + " failed: " + Files.readString(dir.resolve("setup.log")));
    }
  }

  static void broker(String name, int port, String extra) throws Exception {
    Path conf = dir.resolve(name + ".conf");
    Files.writeString(
        conf, "listener " + port + " 127.0.0.1\n" + extra + "persistence false\nlog_dest none\n");
    Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-r--r--"));
    Path log = dir.resolve(name + ".log");
    Process p =
        new ProcessBuilder(MOSQUITTO.toString(), "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    PROCESSES.add(p);
    MemcachedIT.awaitListening(p, port, log);
  }

  @AfterAll
  static void stop() throws Exception {
    for (Process p : PROCESSES) {
      p.destroy();
    }
    for (Process p : PROCESSES) {
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
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
    return "mqtt://127.0.0.1:" + port;
  }

  @Test
  void anonymousConnectFailsOnAnonymousAndPassesWithConnack5() throws Exception {
    CheckContract.of(new MqttAnonymousConnect())
        .vulnerable(t(anonymous))
        .hardened(t(strong))
        .hardened(t(defaultCreds))
        .secrets(STRONG)
        .verify();
    CheckResult r = result(new MqttAnonymousConnect(), t(strong), 2);
    assertThat(r.detail()).contains("CONNACK return code 5 (not authorised)");
  }

  @Test
  void brokerVersionIsReadAnonymouslyAndReportedAsIdentity() throws Exception {
    CheckContract.of(new MqttBrokerVersion()).vulnerable(t(anonymous)).hardened(t(strong)).verify();
    Report r = scan(new MqttBrokerVersion(), t(anonymous), 2);
    DeviceIdentity id = r.targets().get(0).identity();
    assertThat(id.value(DeviceIdentity.Attribute.PRODUCT)).contains("mosquitto");
    assertThat(id.value(DeviceIdentity.Attribute.VERSION).orElseThrow())
        .matches("\\d+\\.\\d+\\.\\d+");
    assertThat(id.value(DeviceIdentity.Attribute.CPE).orElseThrow())
        .startsWith("cpe:2.3:a:eclipse:mosquitto:");
  }

  @Test
  void plaintextListenerFailsOnPlainAndPassesOnTlsOnly() throws Exception {
    CheckContract.of(new MqttPlaintextListener())
        .vulnerable(t(anonymous))
        .vulnerable(t(strong))
        .hardened(t(tls))
        .verify();
    CheckResult r = result(new MqttPlaintextListener(), t(tls), 2);
    assertThat(r.detail()).contains("TLS handshake completed", "TLSv1");
  }

  @Test
  void defaultCredentialsFailOnAdminAdminAndPassOnAStrongPassword() throws Exception {
    CheckContract.of(new MqttDefaultCredentials())
        .vulnerable(t(defaultCreds))
        .hardened(t(strong))
        .configure(b -> b.loginAttemptsPerHost(5))
        .secrets(STRONG)
        .verify();
    CheckResult weak = result(new MqttDefaultCredentials(), t(defaultCreds), 2);
    assertThat(weak.findings().get(0).evidence()).containsEntry("user", "admin");
    assertThat(weak.findings().get(0).evidence().get("password")).doesNotContain("admin");
    // Default budget of 2 with 3 candidates on a strong broker: SKIP, never PASS.
    CheckResult spent = result(new MqttDefaultCredentials(), t(strong), 2);
    assertThat(spent.status()).isEqualTo(CheckResult.Status.SKIP);
    // On an anonymous broker credentials prove nothing.
    assertThat(result(new MqttDefaultCredentials(), t(anonymous), 5).status())
        .isEqualTo(CheckResult.Status.SKIP);
  }

  static Report scan(dev.tenken.Check check, String target, int budget) throws Exception {
    return CheckRunner.builder()
        .check(check)
        .scope(Scope.of("127.0.0.0/8"))
        .enable(Safety.CREDENTIAL_ATTEMPT)
        .loginAttemptsPerHost(budget)
        .build()
        .scan(List.of(Target.parse(target)));
  }

  static CheckResult result(dev.tenken.Check check, String target, int budget) throws Exception {
    return scan(check, target, budget).results().findFirst().orElseThrow();
  }
}
