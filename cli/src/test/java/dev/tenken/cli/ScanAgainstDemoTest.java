package dev.tenken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenken.CheckSet;
import dev.tenken.cli.MainTest.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * The must-show: {@code tenken scan} against the demo lab's targets, started in this
 * process as {@code tenken demo --serve} starts it, writes valid SARIF and JUnit XML and exits 1
 * with {@code --fail-on high}.
 */
class ScanAgainstDemoTest {
  @TempDir Path dir;

  @Test
  void scanningTheDemoLabWritesSarifAndJunitAndFailsOnHigh() throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "off");
    try (DemoLab lab = DemoLab.standard(false).start()) {
      List<String> args = new ArrayList<>(List.of("scan"));
      lab.devices().forEach(d -> args.addAll(d.targets()));
      args.addAll(
          List.of(
              "--enable",
              "credential-attempts",
              "--format",
              "sarif,junit",
              "--output",
              "reports/",
              "--fail-on",
              "high",
              "--connect-timeout",
              "1s"));

      Result r =
          MainTest.run(
              new Main(CheckSet.discover(getClass().getClassLoader()), dir),
              args.toArray(String[]::new));

      assertThat(r.code()).as("stderr: %s", r.err()).isEqualTo(Main.FINDINGS);
      JsonNode sarif =
          new ObjectMapper().readTree(dir.resolve("reports/tenken-report.sarif").toFile());
      assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
      assertThat(sarif.get("runs").get(0).get("results")).isNotEmpty();

      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      f.setExpandEntityReferences(false);
      Document junit =
          f.newDocumentBuilder().parse(dir.resolve("reports/tenken-report.xml").toFile());
      assertThat(junit.getElementsByTagName("failure").getLength()).isPositive();
    }
  }
}
