package dev.tenken.test;

import static dev.tenken.test.TenkenAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenken.CheckResult;
import dev.tenken.CheckRunner;
import dev.tenken.Confidence;
import dev.tenken.Endpoint;
import dev.tenken.Finding;
import dev.tenken.ScanSummary;
import dev.tenken.Scope;
import dev.tenken.Severity;
import dev.tenken.Target;
import dev.tenken.TargetResult;
import dev.tenken.Transport;
import dev.tenken.report.Report;
import dev.tenken.test.sim.ClosedPort;
import dev.tenken.test.sim.RecordingServer;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The assertions, on reports of real scans of loopback servers. */
class TenkenAssertionsTest {
  private static final String ID = DemoBannerCheck.ID;
  private static RecordingServer open;
  private static RecordingServer locked;
  private static int closed;

  /** OPEN and LOCKED servers: one FAIL, one PASS. */
  private static Report clean;

  /** The same plus a closed port: one ERROR too. */
  private static Report withError;

  @BeforeAll
  static void scan() throws Exception {
    open = RecordingServer.withBanner("OPEN demo-device\r\n");
    locked = RecordingServer.withBanner("LOCKED demo-device\r\n");
    closed = ClosedPort.find();
    CheckRunner runner =
        CheckRunner.builder()
            .check(new DemoBannerCheck())
            .scope(Scope.of("127.0.0.0/8"))
            .checkTimeout(Duration.ofSeconds(3))
            .build();
    clean = runner.scan(List.of(open.target("demo"), locked.target("demo")));
    withError =
        runner.scan(
            List.of(
                open.target("demo"),
                locked.target("demo"),
                Target.parse("demo://127.0.0.1:" + closed)));
  }

  @AfterAll
  static void close() {
    open.close();
    locked.close();
  }

  private static String openUri() {
    return "tcp://127.0.0.1:" + open.port();
  }

  private static CheckResult result(Report report, CheckResult.Status status) {
    return report.results().filter(r -> r.status() == status).findFirst().orElseThrow();
  }

  private static Finding finding() {
    return clean.findings().findFirst().orElseThrow();
  }

  // ---- ReportAssert ----

  @Test
  void aReportOfRealScansPassesWhatItHolds() {
    assertThat(clean)
        .allTargetsEndedIn(TargetResult.Status.SCANNED)
        .hasNoErrors()
        .hasFinding(ID)
        .hasResult(ID, CheckResult.Status.FAIL)
        .hasResult(ID, CheckResult.Status.PASS)
        .hasNoFinding("demo.other.check")
        .hasNoFindingsAtLeast(Severity.CRITICAL);
    assertThat(clean).findings().hasSize(1).extracting(Finding::checkId).containsExactly(ID);
    assertThat(withError).hasResult(ID, CheckResult.Status.ERROR);
  }

  @Test
  void hasNoFindingsAtLeastListsTheOffendingFindings() {
    assertThatThrownBy(() -> assertThat(clean).hasNoFindingsAtLeast(Severity.HIGH))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected no finding of severity HIGH or above, but found 1:")
        .hasMessageContaining(
            "- HIGH " + ID + " " + openUri() + " \"" + DemoBannerCheck.TITLE + "\"");
  }

  @Test
  void hasFindingShowsTheResultsAndFindingsPresent() {
    assertThatThrownBy(() -> assertThat(clean).hasFinding("demo.other.check"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected a finding of check demo.other.check, but found none.")
        .hasMessageContaining("Findings present:\n    - HIGH " + ID + " " + openUri());
  }

  @Test
  void hasNoFindingListsTheFindings() {
    assertThatThrownBy(() -> assertThat(clean).hasNoFinding(ID))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected no finding of check " + ID + ", but found 1:")
        .hasMessageContaining(openUri());
  }

  @Test
  void hasResultShowsTheActualResults() {
    assertThatThrownBy(() -> assertThat(clean).hasResult(ID, CheckResult.Status.SKIP))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected a result of check " + ID + " with status SKIP")
        .hasMessageContaining("- FAIL " + ID + " on " + openUri())
        .hasMessageContaining(
            "- PASS " + ID + " on tcp://127.0.0.1:" + locked.port() + ": banner says LOCKED");
    assertThatThrownBy(
            () -> assertThat(clean).hasResult("demo.other.check", CheckResult.Status.PASS))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("but the check has no result")
        .hasMessageContaining("Checks with results: [" + ID + "]");
  }

  @Test
  void hasNoErrorsListsTheErrors() {
    assertThatThrownBy(() -> assertThat(withError).hasNoErrors())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected no errors, but found 1 check result(s) in ERROR:")
        .hasMessageContaining(
            "- ERROR " + ID + " on tcp://127.0.0.1:" + closed + ": ConnectException");
  }

  @Test
  void allTargetsEndedInNamesTheOthers() {
    assertThatThrownBy(() -> assertThat(clean).allTargetsEndedIn(TargetResult.Status.UNREACHABLE))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(
            "Expected every target to end UNREACHABLE, but 2 of 2 ended otherwise:")
        .hasMessageContaining("- demo://127.0.0.1:" + open.port() + " SCANNED");
    Report empty =
        new Report(
            "Tenken",
            "test",
            List.of(),
            List.of(),
            new ScanSummary(
                Instant.now(), Instant.now(), false, 0, Map.of(), Map.of(), Map.of(), 0));
    assertThatThrownBy(() -> assertThat(empty).allTargetsEndedIn(TargetResult.Status.SCANNED))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("the report has no target");
  }

  @Test
  void descriptionsAndPercentSignsSurvive() {
    assertThatThrownBy(
            () -> assertThat(clean).as("nightly %s scan").hasNoFindingsAtLeast(Severity.LOW))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("[nightly %s scan] Expected no finding");
    Endpoint ep =
        new Endpoint("127.0.0.1", InetAddress.getLoopbackAddress(), 1234, Transport.TCP, "demo");
    Finding odd = Finding.builder(ID, ep).title("100% open %n%s").severity(Severity.LOW).build();
    assertThatThrownBy(() -> assertThat(odd).hasSeverity(Severity.HIGH))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("\"100% open %n%s\"");
  }

  @Test
  void aNullReportFails() {
    assertThatThrownBy(() -> assertThat((Report) null).hasNoErrors())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting actual not to be null");
  }

  // ---- TargetResultAssert ----

  @Test
  void targetResultAssertions() {
    TargetResult vulnerable = clean.targets().get(0);
    assertThat(vulnerable)
        .hasStatus(TargetResult.Status.SCANNED)
        .hasFinding(ID)
        .hasNoErrors()
        .hasResult(ID, CheckResult.Status.FAIL)
        .result(ID)
        .isFail();
    assertThat(vulnerable).findings().hasSize(1);
    assertThatThrownBy(() -> assertThat(vulnerable).hasStatus(TargetResult.Status.TIMEOUT))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(
            "Expected target demo://127.0.0.1:"
                + open.port()
                + " to end TIMEOUT, but it ended SCANNED");
    assertThatThrownBy(() -> assertThat(vulnerable).hasNoFindingsAtLeast(Severity.MEDIUM))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("- HIGH " + ID);
    assertThatThrownBy(() -> assertThat(vulnerable).result("demo.other.check"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected exactly one result of check demo.other.check")
        .hasMessageContaining("but found 0");
  }

  // ---- CheckResultAssert ----

  @Test
  void checkResultStatusAssertions() {
    CheckResult fail = result(clean, CheckResult.Status.FAIL);
    CheckResult pass = result(clean, CheckResult.Status.PASS);
    CheckResult error = result(withError, CheckResult.Status.ERROR);
    assertThat(fail).isFail().hasFindingAtLeast(Severity.HIGH).findings().hasSize(1);
    assertThat(pass).isPass().detailContains("LOCKED");
    assertThat(error).isError().detailContains("ConnectException");

    assertThatThrownBy(() -> assertThat(fail).isPass())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(
            "Expected check " + ID + " on " + openUri() + " to be PASS, but it was FAIL " + ID)
        .hasMessageContaining("- HIGH " + ID);
    assertThatThrownBy(() -> assertThat(pass).isFail())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to be FAIL, but it was PASS");
    assertThatThrownBy(() -> assertThat(pass).isError())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to be ERROR, but it was PASS");
    assertThatThrownBy(() -> assertThat(error).isSkip())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to be SKIP, but it was ERROR");
  }

  @Test
  void checkResultContentAssertions() {
    CheckResult fail = result(clean, CheckResult.Status.FAIL);
    CheckResult pass = result(clean, CheckResult.Status.PASS);
    assertThatThrownBy(() -> assertThat(fail).hasFindingAtLeast(Severity.CRITICAL))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(
            "Expected a finding of severity CRITICAL or above, but the findings were:")
        .hasMessageContaining("- HIGH " + ID);
    assertThatThrownBy(() -> assertThat(pass).hasFindingAtLeast(Severity.INFO))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("but there is none: PASS " + ID);
    assertThatThrownBy(() -> assertThat(pass).detailContains("OPEN"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to contain \"OPEN\", but it was \"banner says LOCKED\"");
  }

  // ---- FindingAssert ----

  @Test
  void findingAssertions() {
    Finding f = finding();
    assertThatCode(
            () ->
                assertThat(f)
                    .hasCheckId(ID)
                    .hasSeverity(Severity.HIGH)
                    .hasConfidence(Confidence.CONFIRMED)
                    .hasEvidenceContaining("OPEN")
                    .hasReference("CWE-306")
                    .hasReference("cwe-306"))
        .doesNotThrowAnyException();
    String line = "HIGH " + ID + " " + openUri() + " \"" + DemoBannerCheck.TITLE + "\"";
    assertThatThrownBy(() -> assertThat(f).hasSeverity(Severity.LOW))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected severity LOW but was HIGH in " + line);
    assertThatThrownBy(() -> assertThat(f).hasConfidence(Confidence.TENTATIVE))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected confidence TENTATIVE but was CONFIRMED in " + line);
    assertThatThrownBy(() -> assertThat(f).hasEvidenceContaining("LOCKED"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected evidence containing \"LOCKED\" in " + line)
        .hasMessageContaining("- banner: OPEN");
    assertThatThrownBy(() -> assertThat(f).hasReference("CVE-2025-49844"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected reference CVE-2025-49844")
        .hasMessageContaining("but the references were [CWE-306]");
    assertThatThrownBy(() -> assertThat(f).hasCheckId("demo.other.check"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected check id demo.other.check but was " + ID);
  }
}
