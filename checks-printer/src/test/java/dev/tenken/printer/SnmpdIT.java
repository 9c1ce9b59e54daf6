package dev.tenken.printer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tenken.Check;
import dev.tenken.CheckResult;
import dev.tenken.CheckRunner;
import dev.tenken.DeviceIdentity;
import dev.tenken.Finding;
import dev.tenken.Scope;
import dev.tenken.Severity;
import dev.tenken.report.Report;
import dev.tenken.test.CheckContract;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SNMP checks against the real Debian net-snmp agent ({@code /usr/sbin/snmpd} 5.9) on loopback
 * UDP ports, run in the foreground as the test's own process with {@code -C} (no default config
 * files) and its persistent directory in a temporary directory, in two configurations:
 *
 * <ul>
 *   <li><b>vulnerable</b>: {@code rocommunity public} + {@code rwcommunity private}, with a
 *       JetDirect sysDescr;
 *   <li><b>hardened</b>: no community at all, only an SNMPv3 authPriv user (SHA/AES).
 * </ul>
 */
class SnmpdIT {
  static final Path SNMPD = Path.of("/usr/sbin/snmpd");
  static final String SYS_DESCR =
      "HP ETHERNET MULTI-ENVIRONMENT,ROM none,JETDIRECT,JD153,EEPROM JSI24090012";
  static final String AUTH_PASS = "Tenken-auth-Str0ng-7c1e";
  static final String PRIV_PASS = "Tenken-priv-Str0ng-93ab";

  static final List<Process> PROCESSES = new ArrayList<>();
  static Path dir;
  static int vulnerable;
  static int hardened;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(Files.isExecutable(SNMPD), "Debian snmpd is not installed");
    dir = Files.createTempDirectory("tenken-snmpd");
    vulnerable =
        start(
            "vulnerable",
            String.join(
                "\n",
                "rocommunity public 127.0.0.1",
                "rwcommunity private 127.0.0.1",
                "sysdescr " + SYS_DESCR,
                "sysname NPI8C1234",
                "syslocation Floor 3 copy room",
                "sysservices 72",
                ""));
    hardened =
        start(
            "hardened",
            String.join(
                "\n",
                "createUser tenkenuser SHA \"" + AUTH_PASS + "\" AES \"" + PRIV_PASS + "\"",
                "rouser tenkenuser priv",
                "sysdescr " + SYS_DESCR,
                ""));
  }

  static int start(String name, String config) throws Exception {
    Path conf = dir.resolve(name + ".conf");
    Files.writeString(conf, config);
    Path persistent = Files.createDirectories(dir.resolve(name + "-persistent"));
    Path log = dir.resolve(name + ".log");
    for (int attempt = 0; attempt < 5; attempt++) {
      int port = freeUdpPort();
      ProcessBuilder pb =
          new ProcessBuilder(
                  SNMPD.toString(),
                  "-f",
                  "-Lo",
                  "-C",
                  "-c",
                  conf.toString(),
                  "-p",
                  dir.resolve(name + ".pid").toString(),
                  "--persistentDir=" + persistent,
                  "--noPersistentLoad=1",
                  "udp:127.0.0.1:" + port)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      pb.environment().put("SNMP_PERSISTENT_DIR", persistent.toString());
      pb.environment().put("SNMPCONFPATH", dir.toString());
      pb.environment().put("MIBS", "");
      Process p = pb.start();
      PROCESSES.add(p);
      if (awaitReady(p, port)) {
        return port;
      }
      p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    throw new IllegalStateException("snmpd did not start: " + Files.readString(log));
  }

  /** Polls with the SNMPv3 discovery message (credential-free) for at most 10 s. */
  static boolean awaitReady(Process p, int port) throws Exception {
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    byte[] probe = SnmpClient.discoveryMessage(1);
    try (DatagramSocket s = new DatagramSocket()) {
      s.setSoTimeout(200);
      while (System.nanoTime() < until && p.isAlive()) {
        s.send(new DatagramPacket(probe, probe.length, InetAddress.getLoopbackAddress(), port));
        DatagramPacket reply = new DatagramPacket(new byte[65_535], 65_535);
        try {
          s.receive(reply);
          if (SnmpClient.isSnmpReply(Arrays.copyOf(reply.getData(), reply.getLength()))) {
            return true;
          }
        } catch (SocketTimeoutException | java.net.PortUnreachableException notYet) {
          Thread.sleep(50);
        }
      }
    }
    return false;
  }

  static int freeUdpPort() throws IOException {
    try (DatagramSocket d = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      return d.getLocalPort();
    }
  }

  @AfterAll
  static void stop() throws Exception {
    for (Process p : PROCESSES) {
      p.destroy();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
    PROCESSES.clear();
    if (dir != null) {
      try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
        for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(f);
        }
      }
    }
  }

  static String target(int port) {
    return "snmp://127.0.0.1:" + port;
  }

  static Report scan(Check check, int port, Consumer<CheckRunner.Builder> more)
      throws InterruptedException {
    CheckRunner.Builder b =
        CheckRunner.builder()
            .check(check)
            .scope(Scope.of("127.0.0.0/8"))
            .enable(check.descriptor().safety());
    more.accept(b);
    return b.build().scan(target(port));
  }

  static CheckResult only(Report report) {
    List<CheckResult> results = report.results().toList();
    assertThat(results).hasSize(1);
    return results.get(0);
  }

  // ------------------------------------------------------------------ the setups are what we say

  @Test
  void theHardenedAgentServesItsSnmpv3UserButNoCommunity() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/snmpget")), "snmp tools are not installed");
    String v3 =
        run(
            "/usr/bin/snmpget",
            "-v3",
            "-l",
            "authPriv",
            "-u",
            "tenkenuser",
            "-a",
            "SHA",
            "-A",
            AUTH_PASS,
            "-x",
            "AES",
            "-X",
            PRIV_PASS,
            "-t",
            "2",
            "-r",
            "0",
            "-On",
            "127.0.0.1:" + hardened,
            "1.3.6.1.2.1.1.1.0");
    assertThat(v3).contains("JETDIRECT");
    String v2 =
        run(
            "/usr/bin/snmpget",
            "-v2c",
            "-c",
            "public",
            "-t",
            "1",
            "-r",
            "0",
            "127.0.0.1:" + hardened,
            "1.3.6.1.2.1.1.1.0");
    assertThat(v2).contains("Timeout");
  }

  static String run(String... cmd) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    // the net-snmp tools, too, keep their state in the temporary directory, never in /var
    pb.environment().put("SNMP_PERSISTENT_DIR", dir.resolve("client-persistent").toString());
    pb.environment().put("SNMPCONFPATH", dir.toString());
    pb.environment().put("MIBS", "");
    Process p = pb.start();
    PROCESSES.add(p);
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------------ contract kit, real agent

  @Test
  void v1v2cEnabledContract() {
    CheckContract.of(new SnmpCommunityEnabled())
        .vulnerable(target(vulnerable))
        .hardened(target(hardened))
        .secrets(AUTH_PASS, PRIV_PASS)
        .verify();
  }

  @Test
  void defaultCommunityContract() {
    CheckContract.of(new SnmpDefaultCommunity())
        .vulnerable(target(vulnerable))
        .hardened(target(hardened))
        .configure(b -> b.loginAttemptsPerHost(4))
        .secrets(AUTH_PASS, PRIV_PASS)
        .verify();
  }

  @Test
  void engineDisclosureContract() {
    CheckContract.of(new SnmpEngineDisclosure())
        .vulnerable(target(vulnerable))
        .vulnerable(target(hardened))
        .skipHardened(
            "net-snmp always answers SNMPv3 discovery; the hardened case (an agent without v3)"
                + " is SnmpChecksTest#engineDisclosureContract")
        .secrets(AUTH_PASS, PRIV_PASS)
        .verify();
  }

  @Test
  void inventoryContract() {
    CheckContract.of(new SnmpPrinterMibInventory())
        .vulnerable(target(vulnerable))
        .hardened(target(hardened))
        .secrets(AUTH_PASS, PRIV_PASS)
        .verify();
  }

  // ------------------------------------------------------------------ what the real agent shows

  @Test
  void bothVersionsAnswerTheDefaultCommunity() throws Exception {
    CheckResult r = only(scan(new SnmpCommunityEnabled(), vulnerable, b -> {}));
    assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
    assertThat(r.findings().get(0).evidence().get("answered")).contains("SNMPv2c and SNMPv1");
    assertThat(r.findings().get(0).evidence()).containsEntry("sysDescr.0", SYS_DESCR);

    CheckResult pass = only(scan(new SnmpCommunityEnabled(), hardened, b -> {}));
    assertThat(pass.status()).isEqualTo(CheckResult.Status.PASS);
    assertThat(pass.detail()).contains("live SNMPv3 agent");
  }

  @Test
  void theReadWriteCommunityIsHighWithoutWriting() throws Exception {
    CheckResult r = only(scan(new SnmpDefaultCommunity(), vulnerable, b -> {}));
    assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
    Finding f = r.findings().get(0);
    assertThat(f.severity()).isEqualTo(Severity.HIGH);
    assertThat(f.evidence().get("accepted")).contains("#1").doesNotContain("private");
    assertThat(f.evidence()).containsEntry("sysDescr.0", SYS_DESCR);
    // Nothing was written: sysLocation still holds the configured value, and the agent saw only
    // GET requests (SnmpChecksTest proves the module cannot build anything else).
    assertThat(
            run(
                "/usr/bin/snmpget",
                "-v2c",
                "-c",
                "public",
                "-t",
                "2",
                "-r",
                "0",
                "-Oqv",
                "127.0.0.1:" + vulnerable,
                "1.3.6.1.2.1.1.6.0"))
        .contains("Floor 3 copy room");
  }

  @Test
  void theHardenedAgentIsSkippedOnTheDefaultBudgetAndPassesOnALargerOne() throws Exception {
    CheckResult skip = only(scan(new SnmpDefaultCommunity(), hardened, b -> {}));
    assertThat(skip.status()).isEqualTo(CheckResult.Status.SKIP);
    assertThat(skip.detail()).contains("budget");
    CheckResult pass =
        only(scan(new SnmpDefaultCommunity(), hardened, b -> b.loginAttemptsPerHost(4)));
    assertThat(pass.status()).isEqualTo(CheckResult.Status.PASS);
    assertThat(pass.detail()).contains("answered none of the 4 default communities");
  }

  @Test
  void theEngineIdNamesNetSnmp() throws Exception {
    for (int port : List.of(vulnerable, hardened)) {
      Report report = scan(new SnmpEngineDisclosure(), port, b -> {});
      CheckResult r = only(report);
      assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
      Map<String, String> e = r.findings().get(0).evidence();
      assertThat(e.get("engine id")).startsWith("80001f88");
      assertThat(e).containsEntry("enterprise", "8072 (net-snmp)");
      assertThat(e.get("engine boots")).matches("[0-9]+");
      assertThat(e.get("report")).isEqualTo("1.3.6.1.6.3.15.1.1.4.0");
      assertThat(r.findings().get(0).severity()).isEqualTo(Severity.LOW);
      assertThat(report.targets().get(0).identity().value(DeviceIdentity.Attribute.PRODUCT))
          .hasValue("net-snmp");
    }
  }

  @Test
  void theInventoryReadsTheJetDirectStrings() throws Exception {
    Report report = scan(new SnmpPrinterMibInventory(), vulnerable, b -> {});
    CheckResult r = only(report);
    assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
    Map<String, String> e = r.findings().get(0).evidence();
    assertThat(e).containsEntry("sysDescr", SYS_DESCR).containsEntry("sysName", "NPI8C1234");
    assertThat(e.get("sysObjectID")).startsWith("1.3.6.1.4.1.8072.");
    DeviceIdentity id = report.targets().get(0).identity();
    assertThat(id.get(DeviceIdentity.Attribute.VENDOR))
        .hasValueSatisfying(
            v -> {
              assertThat(v.value()).isEqualTo("HP");
              assertThat(v.source()).isEqualTo("SNMP sysDescr");
            });
    assertThat(id.value(DeviceIdentity.Attribute.FIRMWARE)).hasValue("JSI24090012");

    CheckResult pass = only(scan(new SnmpPrinterMibInventory(), hardened, b -> {}));
    assertThat(pass.status()).isEqualTo(CheckResult.Status.PASS);
    assertThat(pass.evidence().get("SNMPv3")).contains("live agent");
  }
}
