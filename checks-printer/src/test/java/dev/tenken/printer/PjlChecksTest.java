package dev.tenken.printer;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.Check;
import dev.tenken.CheckResult;
import dev.tenken.CheckRunner;
import dev.tenken.DeviceIdentity;
import dev.tenken.Scope;
import dev.tenken.Target;
import dev.tenken.TargetResult;
import dev.tenken.report.Report;
import dev.tenken.spi.PrintPortGuard;
import dev.tenken.test.CheckContract;
import dev.tenken.test.sim.PjlPrinterSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The PJL checks against the PJL printer simulator and hostile printers. */
class PjlChecksTest {

  static PjlPrinterSimulator vulnerable() throws Exception {
    return PjlPrinterSimulator.builder().fileSystem(true).password(false).start();
  }

  static PjlPrinterSimulator hardened() throws Exception {
    return PjlPrinterSimulator.builder().fileSystem(false).password(true).start();
  }

  static Report scan(Check check, Target target) throws InterruptedException {
    return CheckRunner.builder()
        .scope(Scope.of("127.0.0.1/32"))
        .check(check)
        .printPorts(true)
        .checkTimeout(Duration.ofSeconds(5))
        .build()
        .scan(List.of(target));
  }

  static CheckResult only(Report r) {
    return r.results().findFirst().orElseThrow();
  }

  @AfterAll
  static void nothingPrintableReachedAnyPjlSimulator() {
    assertThat(PjlPrinterSimulator.receivedInThisJvm()).isNotEmpty();
    PjlPrinterSimulator.assertOnlyPjlQueriesInThisJvm();
    for (byte[] conn : PjlPrinterSimulator.receivedInThisJvm()) {
      assertThat(conn).isNotEmpty();
    }
  }

  @Test
  void exposedContract() throws Exception {
    try (PjlPrinterSimulator open = vulnerable();
        PjlPrinterSimulator locked =
            PjlPrinterSimulator.builder().model("?").password(true).start()) {
      CheckContract.of(new PjlExposed())
          .vulnerable(open.target())
          .hardened(locked.target())
          .configure(b -> b.printPorts(true))
          .verify();
      open.assertOnlyPjlQueries();
      locked.assertOnlyPjlQueries();
      assertThat(open.queries()).isNotEmpty().allMatch("INFO ID"::equals);
    }
  }

  @Test
  void statusConfigContractAndEvidence() throws Exception {
    try (PjlPrinterSimulator open = vulnerable()) {
      CheckContract.of(new PjlStatusConfigReadable())
          .vulnerable(open.target())
          .skipHardened(
              "every printer that speaks PJL answers INFO STATUS and INFO CONFIG; the hardening"
                  + " (restricting the raw port) is what printer.raw9100.exposed checks")
          .configure(b -> b.printPorts(true))
          .verify();
      open.assertOnlyPjlQueries();
      assertThat(open.queries())
          .isNotEmpty()
          .allMatch(q -> q.equals("INFO STATUS") || q.equals("INFO CONFIG"));
    }
  }

  @Test
  void exposedNamesModelAndVendorWithTheirSource() throws Exception {
    try (PjlPrinterSimulator printer =
        PjlPrinterSimulator.builder().model("HP LaserJet 4250").start()) {
      Report r = scan(new PjlExposed(), printer.target());
      assertThat(only(r).status()).isEqualTo(CheckResult.Status.FAIL);
      assertThat(only(r).findings().get(0).evidence()).containsEntry("model", "HP LaserJet 4250");
      TargetResult t = r.targets().get(0);
      DeviceIdentity.Fact model = t.identity().get(DeviceIdentity.Attribute.MODEL).orElseThrow();
      assertThat(model.value()).isEqualTo("HP LaserJet 4250");
      assertThat(model.source()).isEqualTo("PJL INFO ID");
      assertThat(t.identity().value(DeviceIdentity.Attribute.VENDOR)).contains("HP");
      printer.assertOnlyPjlQueries();
    }
  }

  @Test
  void filesystemContract() throws Exception {
    try (PjlPrinterSimulator open = vulnerable();
        PjlPrinterSimulator noDisk = hardened();
        PjlPrinterSimulator locked =
            PjlPrinterSimulator.builder().fileSystem(true).password(true).start()) {
      CheckContract.of(new PjlFilesystemAccessible())
          .vulnerable(open.target())
          .hardened(noDisk.target())
          .hardened(locked.target())
          .configure(b -> b.printPorts(true))
          .verify();
      assertThat(open.queries())
          .contains("INFO FILESYS", "FSDIRLIST NAME=\"0:\\\" ENTRY=1 COUNT=16");
      assertThat(noDisk.queries()).doesNotContain("FSDIRLIST NAME=\"0:\\\" ENTRY=1 COUNT=16");
      open.assertOnlyPjlQueries();
      noDisk.assertOnlyPjlQueries();
      locked.assertOnlyPjlQueries();
    }
  }

  @Test
  void filesystemEvidenceListsAFewNamesOnly() throws Exception {
    try (PjlPrinterSimulator open = vulnerable()) {
      CheckResult r = only(scan(new PjlFilesystemAccessible(), open.target()));
      assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
      var evidence = r.findings().get(0).evidence();
      assertThat(evidence.get("volumes")).isEqualTo("0:, 1:");
      assertThat(evidence.get("names")).isEqualTo("PJL, webServer, saveDevice, objects");
      assertThat(evidence.get("listing")).startsWith("4 entries");
    }
  }

  @Test
  void securitySettingsContract() throws Exception {
    try (PjlPrinterSimulator open = vulnerable();
        PjlPrinterSimulator locked = hardened()) {
      CheckContract.of(new PjlSecuritySettings())
          .vulnerable(open.target())
          .hardened(locked.target())
          .configure(b -> b.printPorts(true))
          .verify();
      assertThat(open.queries())
          .contains("DINQUIRE PASSWORD", "DINQUIRE CPLOCK", "DINQUIRE DISKLOCK");
      CheckResult r = only(scan(new PjlSecuritySettings(), open.target()));
      assertThat(r.findings().get(0).key()).isEqualTo("password");
      assertThat(r.findings().get(0).evidence())
          .containsEntry("password", "DISABLED")
          .containsEntry("disklock", "OFF");
      open.assertOnlyPjlQueries();
      locked.assertOnlyPjlQueries();
    }
  }

  @Test
  void everyQueryTheClientCanSendIsAllowedByTheGuard() {
    for (PjlClient.Query q : PjlClient.Query.values()) {
      byte[] p = q.payload();
      assertThat(PrintPortGuard.isAllowed(p)).as(q.name()).isTrue();
      assertThat(new String(p, ISO_8859_1))
          .startsWith(PrintPortGuard.UEL + "@PJL " + q.command)
          .endsWith(PrintPortGuard.UEL);
    }
  }

  @Test
  void simulatorFlagsWhatWouldHavePrinted() throws Exception {
    try (PjlPrinterSimulator printer = PjlPrinterSimulator.builder().outsideJvmLog().start();
        java.net.Socket s = new java.net.Socket("127.0.0.1", printer.port())) {
      s.getOutputStream().write("Hello printer\r\n".getBytes(ISO_8859_1));
      s.getOutputStream()
          .write(
              (PrintPortGuard.UEL + "@PJL RDYMSG DISPLAY=\"x\"\r\n" + PrintPortGuard.UEL)
                  .getBytes(ISO_8859_1));
      s.getOutputStream().flush();
      s.close();
      long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (printer.wouldHavePrinted().size() < 2 && System.nanoTime() < until) {
        Thread.sleep(20);
      }
      assertThat(printer.wouldHavePrinted()).hasSize(2);
      assertThat(printer.jobs()).isEmpty();
      org.assertj.core.api.Assertions.assertThatThrownBy(printer::assertOnlyPjlQueries)
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("would have printed");
    }
  }

  // ---- hostile printers: ERROR within the deadline, bounded ----

  private static void assertErrorWithinDeadline(IntFunction<byte[]> chunks, String... reason)
      throws Exception {
    for (Check check :
        List.of(new PjlExposed(), new PjlFilesystemAccessible(), new PjlSecuritySettings())) {
      try (PjlHostilePrinter hostile = new PjlHostilePrinter(chunks)) {
        long start = System.nanoTime();
        CheckResult r = only(scan(check, Target.parse(hostile.target())));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(r.status())
            .as(check.id() + ": " + r.detail())
            .isEqualTo(CheckResult.Status.ERROR);
        assertThat(r.detail()).as(check.id()).containsAnyOf(reason);
        assertThat(took).as(check.id()).isLessThan(Duration.ofSeconds(6));
      }
    }
  }

  @Test
  void endlessReplyWithoutFormFeedIsAnError() throws Exception {
    byte[] line = "@PJL INFO ID\r\nCODE=10001 DISPLAY=\"x\"\r\n".getBytes(ISO_8859_1);
    assertErrorWithinDeadline(i -> line, "longer than", "more than");
  }

  @Test
  void tenMegabyteReplyIsAnError() throws Exception {
    byte[] big = new byte[10 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) 'A');
    byte[] head = "@PJL INFO ID\r\n\"".getBytes(ISO_8859_1);
    System.arraycopy(head, 0, big, 0, head.length);
    assertErrorWithinDeadline(i -> i == 0 ? big : null, "longer than", "more than", "cap");
  }

  @Test
  void binaryGarbageIsAnError() throws Exception {
    Random random = new Random(7);
    byte[] garbage = new byte[4096];
    random.nextBytes(garbage);
    garbage[0] = 0x01;
    assertErrorWithinDeadline(i -> i == 0 ? garbage : null, "binary", "not a PJL reply");
  }

  @Test
  void anotherProtocolIsAnError() throws Exception {
    byte[] http = "HTTP/1.1 400 Bad Request\r\n\r\n\f".getBytes(ISO_8859_1);
    assertErrorWithinDeadline(i -> i == 0 ? http : null, "not a PJL reply");
  }

  @Test
  void truncatedReplyIsAnError() throws Exception {
    byte[] cut = "@PJL INFO ID\r\n\"HP Laser".getBytes(ISO_8859_1);
    assertErrorWithinDeadline(i -> i == 0 ? cut : null, "truncated");
  }

  // ---- real-world reply shapes ----

  private static CheckResult against(Check check, String reply) throws Exception {
    byte[] bytes = reply.getBytes(ISO_8859_1);
    try (PjlHostilePrinter printer = new PjlHostilePrinter(i -> i == 0 ? bytes : null)) {
      return only(scan(check, Target.parse(printer.target())));
    }
  }

  @Test
  void unquotedModelFramedByUelIsUnderstood() throws Exception {
    CheckResult r =
        against(
            new PjlExposed(),
            PrintPortGuard.UEL
                + "@PJL INFO ID\r\nBrother HL-L2350DW series:84U-F75:Ver.1.33\r\n\f");
    assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
    assertThat(r.findings().get(0).evidence())
        .containsEntry("model", "Brother HL-L2350DW series:84U-F75:Ver.1.33");
  }

  @Test
  void questionMarkToInfoIdIsAPass() throws Exception {
    CheckResult r = against(new PjlExposed(), "@PJL INFO ID\r\n?\r\n\f");
    assertThat(r.status()).isEqualTo(CheckResult.Status.PASS);
  }

  @Test
  void nameValueAnswerToDinquireIsUnderstood() throws Exception {
    try (dev.tenken.test.sim.RecordingServer printer =
        dev.tenken.test.sim.RecordingServer.builder()
            .answer(
                chunk -> {
                  String q = new String(chunk, ISO_8859_1);
                  String reply =
                      q.contains("DINQUIRE PASSWORD")
                          ? "@PJL DINQUIRE PASSWORD\r\nPASSWORD=DISABLED\r\n\f"
                          : "@PJL DINQUIRE X\r\n?\r\n\f";
                  return reply.getBytes(ISO_8859_1);
                })
            .start()) {
      CheckResult r = only(scan(new PjlSecuritySettings(), printer.target("pjl")));
      assertThat(r.status()).as(r.detail()).isEqualTo(CheckResult.Status.FAIL);
      assertThat(r.findings().get(0).evidence())
          .containsEntry("password", "DISABLED")
          .containsEntry("disklock", "?");
    }
  }
}
