package dev.tenken.printer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.Check;
import dev.tenken.CheckResult;
import dev.tenken.CheckRunner;
import dev.tenken.DeviceIdentity;
import dev.tenken.Finding;
import dev.tenken.Scope;
import dev.tenken.Secret;
import dev.tenken.Severity;
import dev.tenken.report.Report;
import dev.tenken.test.CheckContract;
import dev.tenken.test.sim.SnmpAgentSimulator;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.snmp4j.PDU;

/**
 * The SNMP checks against {@link SnmpAgentSimulator}: contract kit, identity, budget, hostile
 * replies.
 */
class SnmpChecksTest {
  static final String CANARY = "s3cret-community-canary";

  /** Across every test of this class, the agents saw nothing but GET and GETNEXT requests. */
  @AfterAll
  static void onlyGetAndGetNextWereEverSent() {
    assertThat(SnmpAgentSimulator.pduTypesInThisJvm())
        .isNotEmpty()
        .allMatch(t -> t == PDU.GET || t == PDU.GETNEXT, "GET or GETNEXT");
  }

  static String target(SnmpAgentSimulator sim) {
    return sim.target().toString();
  }

  static Report scan(Check check, SnmpAgentSimulator sim, Consumer<CheckRunner.Builder> more)
      throws InterruptedException {
    CheckRunner.Builder b =
        CheckRunner.builder()
            .check(check)
            .scope(Scope.of("127.0.0.0/8"))
            .enable(check.descriptor().safety());
    more.accept(b);
    return b.build().scan(target(sim));
  }

  static CheckResult only(Report report) {
    List<CheckResult> results = report.results().toList();
    assertThat(results).hasSize(1);
    return results.get(0);
  }

  // ------------------------------------------------------------------ contract kit

  @Test
  void v1v2cEnabledContract() throws Exception {
    try (SnmpAgentSimulator open =
            SnmpAgentSimulator.builder().community("public").engineId(null).start();
        SnmpAgentSimulator v3only = SnmpAgentSimulator.builder().start()) {
      CheckContract.of(new SnmpCommunityEnabled())
          .vulnerable(target(open))
          .hardened(target(v3only))
          .verify();
    }
  }

  @Test
  void defaultCommunityContract() throws Exception {
    try (SnmpAgentSimulator rw = SnmpAgentSimulator.builder().community("private").start();
        SnmpAgentSimulator ro =
            SnmpAgentSimulator.builder().community("public").engineId(null).start();
        SnmpAgentSimulator v3only = SnmpAgentSimulator.builder().start()) {
      CheckContract.of(new SnmpDefaultCommunity())
          .vulnerable(target(rw))
          .vulnerable(target(ro))
          .hardened(target(v3only))
          .configure(b -> b.loginAttemptsPerHost(4))
          .verify();
    }
  }

  @Test
  void aCommunityNeverAppearsInAnyOutput() throws Exception {
    List<SnmpDefaultCommunity.Candidate> candidates =
        List.of(
            new SnmpDefaultCommunity.Candidate("vendor community #1", Secret.of("nope-1-x"), true),
            new SnmpDefaultCommunity.Candidate("vendor community #2", Secret.of(CANARY), true));
    try (SnmpAgentSimulator agent = SnmpAgentSimulator.builder().community(CANARY).start();
        SnmpAgentSimulator v3only = SnmpAgentSimulator.builder().start()) {
      CheckContract.of(new SnmpDefaultCommunity(candidates))
          .vulnerable(target(agent))
          .hardened(target(v3only))
          .configure(b -> b.loginAttemptsPerHost(4))
          .secrets(CANARY, "nope-1-x")
          .verify();
      assertThat(agent.communitiesSeen()).containsExactly("nope-1-x", CANARY);
    }
  }

  @Test
  void engineDisclosureContract() throws Exception {
    try (SnmpAgentSimulator v3 =
            SnmpAgentSimulator.builder().engineId(SnmpAgentSimulator.hpEngineId()).start();
        SnmpAgentSimulator v2only =
            SnmpAgentSimulator.builder().community("public").engineId(null).start()) {
      CheckContract.of(new SnmpEngineDisclosure())
          .vulnerable(target(v3))
          .hardened(target(v2only))
          .verify();
    }
  }

  @Test
  void inventoryContract() throws Exception {
    try (SnmpAgentSimulator printer = SnmpAgentSimulator.builder().community("public").start();
        SnmpAgentSimulator v1printer =
            SnmpAgentSimulator.builder().community("public").versions(0).engineId(null).start();
        SnmpAgentSimulator v3only = SnmpAgentSimulator.builder().start()) {
      CheckContract.of(new SnmpPrinterMibInventory())
          .vulnerable(target(printer))
          .vulnerable(target(v1printer))
          .hardened(target(v3only))
          .verify();
    }
  }

  @Test
  void everyCheckAndProbeIsDeclaredConsistently() {
    CheckContract.verifyIds(new dev.tenken.CheckSet(SnmpChecks.checks(), SnmpChecks.probes()));
    assertThat(SnmpChecks.checks())
        .extracting(Check::id)
        .containsExactly(
            "printer.snmp.default-community",
            "printer.snmp.v1v2c-enabled",
            "printer.snmp.v3-engine-disclosure",
            "printer.snmp.printer-mib-inventory");
  }

  // ------------------------------------------------------------------ what each check reports

  @Test
  void theInventoryBecomesTheIdentityWithItsSources() throws Exception {
    try (SnmpAgentSimulator printer = SnmpAgentSimulator.builder().community("public").start()) {
      Report report = scan(new SnmpPrinterMibInventory(), printer, b -> {});
      CheckResult r = only(report);
      assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
      Finding f = r.findings().get(0);
      assertThat(f.severity()).isEqualTo(Severity.INFO);
      assertThat(f.evidence())
          .containsEntry("prtGeneralSerialNumber", "PHBQ123456")
          .containsEntry("hrDeviceType.1", "hrDevicePrinter")
          .containsEntry("hrDeviceDescr.1", "HP LaserJet Pro M404dn")
          .containsEntry("prtInterpreterDescription", "PCL 6 Emulation; PostScript Level 3")
          .containsEntry("prtConsoleDisplayBufferText", "Ready")
          .containsEntry("sysName", "NPI8C1234");
      assertThat(f.evidence().get("readable")).contains("inventory readable by anyone");
      DeviceIdentity id = report.targets().get(0).identity();
      assertThat(id.get(DeviceIdentity.Attribute.VENDOR))
          .hasValueSatisfying(
              v -> {
                assertThat(v.value()).isEqualTo("HP");
                assertThat(v.source()).isEqualTo("SNMP sysObjectID");
              });
      assertThat(id.get(DeviceIdentity.Attribute.MODEL))
          .hasValueSatisfying(
              v -> {
                assertThat(v.value()).isEqualTo("HP LaserJet Pro M404dn");
                assertThat(v.source()).isEqualTo("SNMP hrDeviceDescr");
              });
      assertThat(id.get(DeviceIdentity.Attribute.SERIAL))
          .hasValueSatisfying(v -> assertThat(v.value()).isEqualTo("PHBQ123456"));
      assertThat(id.get(DeviceIdentity.Attribute.FIRMWARE))
          .hasValueSatisfying(
              v -> {
                assertThat(v.value()).isEqualTo("JSI24090012");
                assertThat(v.source()).isEqualTo("SNMP sysDescr");
              });
      assertThat(id.value(DeviceIdentity.Attribute.DEVICE_CLASS)).hasValue("printer");
      assertThat(printer.communitiesSeen()).containsOnly("public");
    }
  }

  @Test
  void firmwareAndVendorComeFromTheUsualSysDescrShapes() {
    assertThat(SnmpPrinterMibInventory.firmware("RICOH Aficio MP C3003 1.15 / RICOH Network"))
        .isEmpty();
    assertThat(SnmpPrinterMibInventory.firmware("Brother NC-8300w, Firmware Ver.1.09  ,MID 8C5"))
        .hasValue("1.09");
    assertThat(SnmpPrinterMibInventory.firmware("HP ETHERNET MULTI-ENVIRONMENT,ROM none,EEPROM"))
        .isEmpty();
    assertThat(SnmpPrinterMibInventory.vendorIn("KONICA MINOLTA bizhub C360"))
        .hasValue("Konica Minolta");
    assertThat(SnmpPrinterMibInventory.vendorIn("Linux printserver 6.1")).isEmpty();
  }

  @Test
  void aReadWriteCommunityIsHighAndPublicAloneIsMedium() throws Exception {
    try (SnmpAgentSimulator rw =
            SnmpAgentSimulator.builder().community("public").community("private").start();
        SnmpAgentSimulator ro = SnmpAgentSimulator.builder().community("public").start()) {
      CheckResult high = only(scan(new SnmpDefaultCommunity(), rw, b -> {}));
      assertThat(high.status()).isEqualTo(CheckResult.Status.FAIL);
      assertThat(high.findings().get(0).severity()).isEqualTo(Severity.HIGH);
      assertThat(high.findings().get(0).evidence().get("access")).contains("never writes");
      assertThat(rw.communitiesSeen()).containsExactly("private");

      CheckResult medium = only(scan(new SnmpDefaultCommunity(), ro, b -> {}));
      assertThat(medium.status()).isEqualTo(CheckResult.Status.FAIL);
      assertThat(medium.findings().get(0).severity()).isEqualTo(Severity.MEDIUM);
      assertThat(ro.communitiesSeen()).containsExactly("private", "public");
    }
  }

  @Test
  void aSpentBudgetIsASkipNeverAPass() throws Exception {
    try (SnmpAgentSimulator v3only = SnmpAgentSimulator.builder().start()) {
      CheckResult r = only(scan(new SnmpDefaultCommunity(), v3only, b -> {}));
      assertThat(r.status()).isEqualTo(CheckResult.Status.SKIP);
      assertThat(r.detail()).contains("budget");
      assertThat(v3only.communitiesSeen()).hasSize(CheckRunner.DEFAULT_LOGIN_ATTEMPTS_PER_HOST);
    }
  }

  @Test
  void theEngineIdNamesTheEnterpriseAndTheMac() throws Exception {
    try (SnmpAgentSimulator v3 =
        SnmpAgentSimulator.builder().engineId(SnmpAgentSimulator.hpEngineId()).start()) {
      Report report = scan(new SnmpEngineDisclosure(), v3, b -> {});
      CheckResult r = only(report);
      assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
      assertThat(r.findings().get(0).evidence())
          .containsEntry("engine id", "8000000b03a0b3cc112233")
          .containsEntry("enterprise", "11 (HP)")
          .containsEntry("engine id names", "MAC a0:b3:cc:11:22:33")
          .containsEntry("engine boots", "7");
      assertThat(r.findings().get(0).severity()).isEqualTo(Severity.LOW);
      assertThat(report.targets().get(0).identity().value(DeviceIdentity.Attribute.VENDOR))
          .hasValue("HP");
      assertThat(v3.communitiesSeen()).isEmpty();
    }
  }

  // ------------------------------------------------------------------ hostile agents

  static Stream<Arguments> hostileReplies() {
    UnaryOperator<byte[]> truncated = r -> Arrays.copyOf(r, r.length / 2);
    UnaryOperator<byte[]> lyingLength =
        r -> {
          // the outer SEQUENCE claims 4 GiB - 1
          byte[] head = {0x30, (byte) 0x84, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
          byte[] out = Arrays.copyOf(head, head.length + r.length - 2);
          System.arraycopy(r, 2, out, head.length, r.length - 2);
          return out;
        };
    UnaryOperator<byte[]> innerLie =
        r -> {
          byte[] c = r.clone();
          for (int i = 2; i + 1 < c.length; i++) {
            if (c[i] == 0x04) { // the first OCTET STRING: claim 127 bytes
              c[i + 1] = 0x7f;
              break;
            }
          }
          return c;
        };
    UnaryOperator<byte[]> garbage =
        r -> {
          byte[] g = new byte[SnmpClient.MAX_DATAGRAM]; // the largest UDP payload
          new java.util.Random(7).nextBytes(g);
          return g;
        };
    UnaryOperator<byte[]> deep =
        r -> {
          byte[] d = new byte[400];
          for (int i = 0; i < d.length; i += 2) {
            d[i] = 0x30;
            d[i + 1] = (byte) Math.min(127, d.length - i - 2);
          }
          return d;
        };
    UnaryOperator<byte[]> trailing = r -> Arrays.copyOf(r, r.length + 5);
    return Stream.of(
            Arguments.of("truncated BER", truncated),
            Arguments.of("outer length lying (4 GiB)", lyingLength),
            Arguments.of("inner length lying", innerLie),
            Arguments.of("64 KB of garbage", garbage),
            Arguments.of("nesting too deep", deep),
            Arguments.of("trailing bytes", trailing))
        .flatMap(
            a -> SnmpChecks.checks().stream().map(c -> Arguments.of(a.get()[0], a.get()[1], c)));
  }

  @ParameterizedTest(name = "{2} on {0}")
  @MethodSource("hostileReplies")
  void aHostileReplyIsAnErrorWithinTheDeadline(
      String name, UnaryOperator<byte[]> reply, Check check) throws Exception {
    try (SnmpAgentSimulator hostile = SnmpAgentSimulator.builder().hostile(reply).start()) {
      long start = System.nanoTime();
      Report report =
          scan(check, hostile, b -> b.checkTimeout(Duration.ofSeconds(3)).loginAttemptsPerHost(4));
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      CheckResult r = only(report);
      assertThat(r.status()).as(r.detail()).isEqualTo(CheckResult.Status.ERROR);
      assertThat(r.detail()).as("the reply was parsed and refused").doesNotContain("silence");
      assertThat(took).isLessThan(Duration.ofSeconds(4));
    }
  }

  @Test
  void aReplyFromAnotherSourcePortIsIgnored() throws Exception {
    try (SnmpAgentSimulator elsewhere =
        SnmpAgentSimulator.builder().community("public").replyFromElsewhere().start()) {
      for (Check check :
          List.of(
              new SnmpCommunityEnabled(),
              new SnmpPrinterMibInventory(),
              new SnmpEngineDisclosure())) {
        CheckResult r = only(scan(check, elsewhere, b -> b.checkTimeout(Duration.ofSeconds(3))));
        assertThat(r.status())
            .as(check.id() + ": " + r.detail())
            .isEqualTo(CheckResult.Status.ERROR);
        assertThat(r.detail()).contains("silence proves nothing");
      }
      assertThat(elsewhere.pduTypes()).isNotEmpty();
    }
  }

  // ------------------------------------------------------------------ the allow-list

  @Test
  void snmpClientCanOnlyBuildGetAndGetNext() throws Exception {
    Class<?> operation =
        Arrays.stream(SnmpClient.class.getDeclaredClasses())
            .filter(c -> c.getSimpleName().equals("Operation"))
            .findFirst()
            .orElseThrow();
    assertThat(operation.isEnum()).isTrue();
    assertThat(java.lang.reflect.Modifier.isPrivate(operation.getModifiers())).isTrue();
    assertThat(Arrays.stream(operation.getEnumConstants()).map(Object::toString))
        .containsExactly("GET", "GETNEXT");
    for (java.lang.reflect.Method m : SnmpClient.class.getDeclaredMethods()) {
      if (java.lang.reflect.Modifier.isPrivate(m.getModifiers())) {
        continue;
      }
      assertThat(m.getParameterTypes())
          .as("non-private SnmpClient.%s takes no PDU, PDU type or operation", m.getName())
          .doesNotContain(PDU.class, operation)
          .noneMatch(t -> PDU.class.isAssignableFrom(t));
    }
  }

  @Test
  void noClassOfTheModuleReferencesTheSetOrOtherWritePduTypes() throws Exception {
    // PDU.SET (-93), V1TRAP, TRAP, INFORM and GETBULK are compile-time constants; javac inlines
    // them, so search every compiled class of the module for a PDU#setType call with anything but
    // the Operation enum's field. SnmpClient is the only class that calls setType at all.
    java.nio.file.Path classes =
        java.nio.file.Path.of(
            SnmpClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> callers;
    try (Stream<java.nio.file.Path> files = java.nio.file.Files.walk(classes)) {
      callers =
          files
              .filter(p -> p.toString().endsWith(".class"))
              .filter(
                  p -> {
                    try {
                      String text =
                          new String(
                              java.nio.file.Files.readAllBytes(p),
                              java.nio.charset.StandardCharsets.ISO_8859_1);
                      return text.contains("org/snmp4j/PDU") && text.contains("setType");
                    } catch (java.io.IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  })
              .map(p -> p.getFileName().toString())
              .toList();
    }
    assertThat(callers).containsExactly("SnmpClient.class");
  }

  @Test
  void theProbeSendsNoCommunityAndRecognisesAnAgent() throws Exception {
    byte[] request = SnmpServiceProbe.INSTANCE.request().orElseThrow();
    assertThat(new String(request, java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain("public");
    try (SnmpAgentSimulator agent = SnmpAgentSimulator.builder().start();
        java.net.DatagramSocket s = new java.net.DatagramSocket()) {
      s.setSoTimeout(2000);
      s.send(
          new java.net.DatagramPacket(
              request, request.length, java.net.InetAddress.getLoopbackAddress(), agent.port()));
      java.net.DatagramPacket p = new java.net.DatagramPacket(new byte[65535], 65535);
      s.receive(p);
      byte[] reply = Arrays.copyOf(p.getData(), p.getLength());
      assertThat(SnmpServiceProbe.INSTANCE.recognises(reply)).isTrue();
      assertThat(SnmpServiceProbe.INSTANCE.recognises(Arrays.copyOf(reply, reply.length - 1)))
          .isFalse();
      assertThat(agent.pduTypes()).containsExactly(PDU.GET);
    }
    assertThat(SnmpServiceProbe.INSTANCE.recognises("HTTP/1.1 400 Bad".getBytes())).isFalse();
    assertThat(SnmpServiceProbe.INSTANCE.recognises(new byte[0])).isFalse();
    assertThat(SnmpServiceProbe.INSTANCE.transport()).isEqualTo(dev.tenken.Transport.UDP);
  }

  @Test
  void validatorRejectsEveryMalformedShapeWithoutAllocating() {
    for (byte[] bad :
        List.of(
            new byte[] {0x30},
            new byte[] {0x30, (byte) 0x80, 0, 0},
            new byte[] {0x30, (byte) 0x85, 1, 1, 1, 1, 1},
            new byte[] {0x30, 0x03, 0x02, 0x05, 0x00},
            new byte[] {0x1f, 0x01, 0x00})) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> SnmpClient.validate(bad))
          .isInstanceOf(dev.tenken.spi.ProtocolException.class);
    }
  }
}
