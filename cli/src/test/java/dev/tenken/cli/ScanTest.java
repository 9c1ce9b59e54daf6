package dev.tenken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenken.cli.MainTest.Result;
import dev.tenken.test.sim.RecordingServer;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** Real scans of a loopback server with an injected check. */
class ScanTest {
  @TempDir Path dir;
  private RecordingServer door;

  @BeforeEach
  void startDoor() throws Exception {
    door = RecordingServer.withBanner("DOOR open, come in\r\n");
  }

  @AfterEach
  void stopDoor() {
    door.close();
  }

  private Result scan(String... options) {
    String[] args = new String[options.length + 6];
    args[0] = "scan";
    args[1] = "127.0.0.1:" + door.port();
    args[2] = "--connect-timeout";
    args[3] = "1s";
    args[4] = "--host-budget";
    args[5] = "30s";
    System.arraycopy(options, 0, args, 6, options.length);
    return MainTest.run(new Main(DoorService.checks(), dir), args);
  }

  @Test
  void aHighFindingFailsAtHighAndPassesAtCritical() {
    Result high = scan("--fail-on", "high");

    assertThat(high.code()).as("stderr: %s", high.err()).isEqualTo(Main.FINDINGS);
    assertThat(high.err()).isEmpty();
    assertThat(high.out())
        .contains("127.0.0.1:" + door.port() + "  SCANNED")
        .contains(door.port() + "/tcp door")
        .contains("HIGH")
        .contains(DoorService.CHECK_ID)
        .contains("tcp://127.0.0.1:" + door.port())
        .contains(DoorService.TITLE)
        .contains("banner: DOOR open, come in")
        .contains("Targets:   1 (1 scanned)")
        .contains("Findings:  1 (1 high)")
        .contains("Fail-on:   high: 1 finding at or above it (exit 1)");

    Result critical = scan("--fail-on", "critical");
    assertThat(critical.code()).as("stderr: %s", critical.err()).isEqualTo(Main.OK);
    assertThat(critical.out()).contains("Fail-on:   critical: no finding at or above it");

    assertThat(scan("--fail-on", "none").code()).isEqualTo(Main.OK);
    assertThat(scan().code()).as("default --fail-on is high").isEqualTo(Main.FINDINGS);
  }

  @Test
  void sarifAndJunitAreWrittenToTheOutputDirectoryAndParse() throws Exception {
    Path reports = dir.resolve("reports");
    Files.createDirectories(reports);

    Result r = scan("--format", "sarif,junit", "--output", reports.toString());

    assertThat(r.code()).as("stderr: %s", r.err()).isEqualTo(Main.FINDINGS);
    assertThat(r.out()).as("no text format asked for").isEmpty();
    Path sarif = reports.resolve("tenken-report.sarif");
    Path junit = reports.resolve("tenken-report.xml");
    assertThat(r.err())
        .contains("wrote the sarif report to " + sarif)
        .contains("wrote the junit report to " + junit);

    JsonNode doc = new ObjectMapper().readTree(sarif.toFile());
    assertThat(doc.get("version").asText()).isEqualTo("2.1.0");
    assertThat(doc.toString()).contains(DoorService.CHECK_ID);

    Document xml = xml(junit);
    assertThat(xml.getDocumentElement().getNodeName()).isIn("testsuites", "testsuite");
    assertThat(Files.readString(junit)).contains(DoorService.CHECK_ID);
    try (var files = Files.list(reports)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
          .as("no partial files left behind")
          .containsExactly("tenken-report.sarif", "tenken-report.xml");
    }
  }

  @Test
  void withoutOutputReportsGoToTheWorkingDirectory() throws Exception {
    Result r = scan("--format", "text,json,markdown");

    assertThat(r.code()).isEqualTo(Main.FINDINGS);
    assertThat(r.out()).contains("SCANNED");
    assertThat(new ObjectMapper().readTree(dir.resolve("tenken-report.json").toFile())).isNotNull();
    assertThat(Files.readString(dir.resolve("tenken-report.md"))).contains(DoorService.CHECK_ID);
    assertThat(r.err())
        .contains("wrote the json report to " + dir.resolve("tenken-report.json").toAbsolutePath());
  }

  @Test
  void oneFormatWithOutputIsAFileAndSeveralWithAPrefixAreSiblings() throws Exception {
    assertThat(scan("--format", "json", "--output", "out/scan.json").code())
        .isEqualTo(Main.FINDINGS);
    assertThat(new ObjectMapper().readTree(dir.resolve("out/scan.json").toFile())).isNotNull();

    assertThat(scan("--format", "jsonl,junit", "--output", "prefix/scan").code())
        .isEqualTo(Main.FINDINGS);
    assertThat(dir.resolve("prefix/scan.jsonl")).isRegularFile();
    assertThat(dir.resolve("prefix/scan.xml")).isRegularFile();

    assertThat(scan("--format", "sarif,json", "--output", "newdir/").code())
        .isEqualTo(Main.FINDINGS);
    assertThat(dir.resolve("newdir/tenken-report.sarif")).isRegularFile();
    assertThat(dir.resolve("newdir/tenken-report.json")).isRegularFile();

    Result stdout = scan("--format", "json", "--output", "-");
    assertThat(new ObjectMapper().readTree(stdout.out()).toString()).contains(DoorService.CHECK_ID);
  }

  @Test
  void theTextSummaryAloneGoesToTheOutputFile() throws Exception {
    Result r = scan("-o", "summary.txt");

    assertThat(r.code()).isEqualTo(Main.FINDINGS);
    assertThat(r.out()).isEmpty();
    assertThat(Files.readString(dir.resolve("summary.txt")))
        .contains("SCANNED")
        .contains(DoorService.CHECK_ID);
  }

  @Test
  void aScopeThatExcludesTheTargetLeavesItOutOfScopeUntouched() {
    Result r = scan("--scope", "127.0.0.2");

    assertThat(r.code()).as("stderr: %s", r.err()).isEqualTo(Main.OK);
    assertThat(r.out())
        .contains("127.0.0.1:" + door.port() + "  OUT_OF_SCOPE")
        .contains("outside the scope")
        .contains("Targets:   1 (1 out of scope)")
        .doesNotContain(DoorService.CHECK_ID);
    assertThat(door.connections()).as("no packet to an out-of-scope target").isZero();

    Result excluded = scan("--exclude-scope", "127.0.0.0/8");
    assertThat(excluded.out()).contains("OUT_OF_SCOPE").contains("excluded by 127.0.0.0/8");
    assertThat(door.connections()).isZero();
  }

  @Test
  void aMatchingChecksPatternRunsTheCheck() {
    Result r = scan("--checks", "test.door.*");
    assertThat(r.code()).isEqualTo(Main.FINDINGS);
  }

  @Test
  void aReportThatCannotBeWrittenExits3AndTheOthersAreStillWritten() throws Exception {
    Path blocker = dir.resolve("blocker");
    Files.writeString(blocker, "a file where a directory is needed");
    Files.createDirectories(dir.resolve("out/tenken-report.sarif"));

    Result r = scan("--format", "sarif,json", "--output", "out/");

    assertThat(r.code()).as("stderr: %s", r.err()).isEqualTo(Main.FAILED);
    assertThat(r.err()).contains("cannot write the sarif report");
    assertThat(dir.resolve("out/tenken-report.json")).isRegularFile();
    assertThat(usageLine(scan("--format", "json", "--output", "blocker/x.json")))
        .contains("cannot create the directory");
  }

  private static String usageLine(Result r) {
    assertThat(r.code()).isEqualTo(Main.USAGE);
    assertThat(r.err().lines().toList()).hasSize(1);
    return r.err();
  }

  private static Document xml(Path file) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setNamespaceAware(true);
    return f.newDocumentBuilder().parse(file.toFile());
  }
}
