package dev.tenken.printer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.Check;
import dev.tenken.CheckResult;
import dev.tenken.CheckRunner;
import dev.tenken.DeviceIdentity;
import dev.tenken.Finding;
import dev.tenken.Scope;
import dev.tenken.Target;
import dev.tenken.report.Report;
import dev.tenken.test.CheckContract;
import dev.tenken.test.sim.IppPrinterSimulator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The IPP and CUPS checks against the IPP printer simulator. */
class IppChecksTest {

  static Report scan(Check check, Target target) throws InterruptedException {
    return CheckRunner.builder()
        .check(check)
        .scope(Scope.of("127.0.0.0/8"))
        .checkTimeout(Duration.ofSeconds(5))
        .build()
        .scan(List.of(target));
  }

  static CheckResult result(Check check, Target target) throws InterruptedException {
    return scan(check, target)
        .results()
        .filter(r -> r.checkId().equals(check.id()))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void attributesWithoutAuthFailsOnAnOpenPrinterAndPassesBehindBasicAuth() throws Exception {
    try (IppPrinterSimulator open = IppPrinterSimulator.builder().start();
        IppPrinterSimulator locked = IppPrinterSimulator.builder().httpStatus(401).start();
        IppPrinterSimulator notAuthorized =
            IppPrinterSimulator.builder()
                .rawReply(
                    id -> {
                      IppCodecTest.Bytes b = IppCodecTest.Bytes.header(0x0403);
                      return b.end();
                    })
                .start()) {
      CheckContract.of(new IppAttributesWithoutAuth())
          .vulnerable(open.target("ipp"))
          .hardened(locked.target("ipp"))
          .hardened(notAuthorized.target("ipp"))
          .verify();
      Report r = scan(new IppAttributesWithoutAuth(), open.target("ipp"));
      Finding f = r.findings().findFirst().orElseThrow();
      assertThat(f.evidence())
          .containsEntry("printer-make-and-model", "Tenken Simulated Printer 1000")
          .containsEntry("printer-firmware-string-version", "1.0.0")
          .containsEntry("uri-authentication-supported", "none")
          .containsEntry("uri-security-supported", "none");
      assertThat(f.evidence().get("printer-device-id")).contains("MFG:Tenken");
      DeviceIdentity id = r.targets().get(0).identity();
      assertThat(id.value(DeviceIdentity.Attribute.VENDOR)).contains("Tenken");
      assertThat(id.value(DeviceIdentity.Attribute.FIRMWARE)).contains("1.0.0");
      assertThat(id.get(DeviceIdentity.Attribute.FIRMWARE).orElseThrow().source())
          .isEqualTo("IPP printer-firmware-string-version");
      assertThat(id.value(DeviceIdentity.Attribute.MODEL)).isPresent();
      CheckResult pass = result(new IppAttributesWithoutAuth(), locked.target("ipp"));
      assertThat(pass.detail()).contains("HTTP 401", "WWW-Authenticate Basic");
      CheckResult ippPass = result(new IppAttributesWithoutAuth(), notAuthorized.target("ipp"));
      assertThat(ippPass.detail()).contains("client-error-not-authorized");
      // Only queries ever reached the printers.
      assertThat(open.operations()).containsOnly(0x000B);
    }
  }

  @Test
  void aCupsQueueIsFoundThroughCupsGetPrinters() throws Exception {
    try (IppPrinterSimulator cups =
        IppPrinterSimulator.builder().path("/printers/office").server("CUPS/2.4 IPP/2.1").start()) {
      Report r = scan(new IppAttributesWithoutAuth(), cups.target("ipp"));
      Finding f = r.findings().findFirst().orElseThrow();
      assertThat(f.evidence().get("reply")).contains("/printers/office", "successful-ok");
      assertThat(cups.operations()).containsExactly(0x000B, 0x4002, 0x000B);
      assertThat(cups.paths()).containsExactly("/ipp/print", "/", "/printers/office");
    }
  }

  @Test
  void printWithoutAuthIsReadFromTheAttributesAndNeverPrints() throws Exception {
    try (IppPrinterSimulator open = IppPrinterSimulator.builder().start();
        IppPrinterSimulator userName =
            IppPrinterSimulator.builder()
                .keyword("uri-authentication-supported", "requesting-user-name")
                .start();
        IppPrinterSimulator basic =
            IppPrinterSimulator.builder().keyword("uri-authentication-supported", "basic").start();
        IppPrinterSimulator paused =
            IppPrinterSimulator.builder().bool("printer-is-accepting-jobs", false).start();
        IppPrinterSimulator locked = IppPrinterSimulator.builder().httpStatus(403).start()) {
      CheckContract.of(new IppPrintWithoutAuth())
          .vulnerable(open.target("ipp"))
          .vulnerable(userName.target("ipp"))
          .hardened(basic.target("ipp"))
          .hardened(paused.target("ipp"))
          .hardened(locked.target("ipp"))
          .verify();
      Finding f =
          scan(new IppPrintWithoutAuth(), open.target("ipp")).findings().findFirst().orElseThrow();
      assertThat(f.severity()).isEqualTo(dev.tenken.Severity.HIGH);
      assertThat(f.evidence())
          .containsEntry("uri-authentication-supported", "none")
          .containsEntry("printer-is-accepting-jobs", "true");
      assertThat(result(new IppPrintWithoutAuth(), basic.target("ipp")).detail())
          .contains("requires basic authentication");
      for (IppPrinterSimulator s : List.of(open, userName, basic, paused)) {
        assertThat(s.operations()).as("no job submitted to %s", s).containsOnly(0x000B);
      }
    }
  }

  @Test
  void theAuthenticationOfTheUriUsedIsRead() throws Exception {
    try (IppPrinterSimulator mixed =
        IppPrinterSimulator.builder()
            .attribute(
                "printer-uri-supported",
                IppPrinterSimulator.URI,
                "ipps://127.0.0.1:631/ipp/secure",
                "ipp://127.0.0.1:631/ipp/print")
            .keyword("uri-authentication-supported", "certificate", "none")
            .keyword("uri-security-supported", "tls", "none")
            .start()) {
      Finding f =
          scan(new IppPrintWithoutAuth(), mixed.target("ipp")).findings().findFirst().orElseThrow();
      assertThat(f.evidence()).containsEntry("printer-uri", "ipp://127.0.0.1:631/ipp/print");
      Finding plain =
          scan(new IppPlaintext(), mixed.target("ipp")).findings().findFirst().orElseThrow();
      assertThat(plain.evidence()).containsEntry("uri-security-supported", "none");
    }
  }

  @Test
  void plaintextFailsWithoutTlsAndPassesWhenTlsIsAnnouncedOrRequired() throws Exception {
    try (IppPrinterSimulator open = IppPrinterSimulator.builder().start();
        IppPrinterSimulator tls =
            IppPrinterSimulator.builder().keyword("uri-security-supported", "tls").start();
        IppPrinterSimulator upgrade = IppPrinterSimulator.builder().httpStatus(426).start()) {
      CheckContract.of(new IppPlaintext())
          .vulnerable(open.target("ipp"))
          .hardened(tls.target("ipp"))
          .hardened(upgrade.target("ipp"))
          .verify();
      assertThat(result(new IppPlaintext(), upgrade.target("ipp")).detail()).contains("426");
    }
  }

  @Test
  void jobListFailsWhenNamesAndOwnersShowAndMasksThem() throws Exception {
    try (IppPrinterSimulator open =
            IppPrinterSimulator.builder()
                .job("Quarterly salaries 2026.xlsx", "alice")
                .job("Dismissal letter.docx", "bob")
                .start();
        IppPrinterSimulator hidden =
            IppPrinterSimulator.builder().job(null, null).job(null, null).start();
        IppPrinterSimulator empty = IppPrinterSimulator.builder().start()) {
      CheckContract.of(new IppJobListDisclosed())
          .vulnerable(open.target("ipp"))
          .hardened(hidden.target("ipp"))
          .hardened(empty.target("ipp"))
          .secrets("Quarterly salaries 2026", "Dismissal letter.docx")
          .verify();
      Finding f =
          scan(new IppJobListDisclosed(), open.target("ipp")).findings().findFirst().orElseThrow();
      assertThat(f.evidence())
          .containsEntry("job names disclosed", "4")
          .containsEntry("owners disclosed", "2");
      assertThat(f.evidence().get("job names (masked)")).contains("Qua… (28 chars)");
      assertThat(f.evidence().get("owners (masked)")).contains("ali… (5 chars)");
      assertThat(f.toString() + f.evidence()).doesNotContain("alice", "salaries");
      assertThat(result(new IppJobListDisclosed(), hidden.target("ipp")).detail())
          .contains("job names and owners withheld");
      assertThat(open.operations()).containsOnly(0x000B, 0x000A);
    }
  }

  @Test
  void cupsWebInterfaceFailsWithVersionAndPassesWhenForbiddenOrDisabled() throws Exception {
    try (IppPrinterSimulator home =
            IppPrinterSimulator.builder()
                .server("CUPS/2.4 IPP/2.1")
                .webPage(200, "<html><head><title>Home - CUPS 2.4.2</title></head></html>")
                .start();
        IppPrinterSimulator forbidden =
            IppPrinterSimulator.builder()
                .server("CUPS/2.4 IPP/2.1")
                .webPage(403, "<html><head><title>Forbidden - CUPS v2.4.2</title></head></html>")
                .start();
        IppPrinterSimulator disabled =
            IppPrinterSimulator.builder()
                .server("CUPS/2.4 IPP/2.1")
                .webPage(
                    200,
                    "<html><head><title>Web Interface is Disabled - CUPS"
                        + " 2.4.2</title></head></html>")
                .start()) {
      CheckContract.of(new CupsWebInterfaceExposed())
          .vulnerable(home.target("ipp"))
          .hardened(forbidden.target("ipp"))
          .hardened(disabled.target("ipp"))
          .verify();
      Report r = scan(new CupsWebInterfaceExposed(), home.target("ipp"));
      Finding f = r.findings().findFirst().orElseThrow();
      assertThat(f.evidence()).containsEntry("cups version", "2.4.2");
      assertThat(r.targets().get(0).identity().value(DeviceIdentity.Attribute.PRODUCT))
          .contains("cups");
      assertThat(r.targets().get(0).identity().value(DeviceIdentity.Attribute.VERSION))
          .contains("2.4.2");
      try (IppPrinterSimulator notCups =
          IppPrinterSimulator.builder()
              .server("nginx")
              .webPage(200, "<title>Welcome</title>")
              .start()) {
        assertThat(result(new CupsWebInterfaceExposed(), notCups.target("http")).status())
            .isEqualTo(CheckResult.Status.SKIP);
      }
    }
  }

  @Test
  void everyIppCheckDeclaresIppAndPort631() {
    for (Check c : IppChecks.checks()) {
      assertThat(c.descriptor().services()).contains("ipp");
      assertThat(c.descriptor().defaultPorts()).containsExactly(631);
      assertThat(c.id()).startsWith("printer.");
    }
    assertThat(IppChecks.probes()).isEmpty();
  }
}
