package dev.tenken.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.AddressClass;
import dev.tenken.DeviceIdentity;
import dev.tenken.Target;
import dev.tenken.TargetResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

class JUnitXmlReportTest {

  private static byte[] bytes(Report report) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ReportFormat.JUNIT.write(report, out);
    return out.toByteArray();
  }

  private static Document parse(byte[] xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    DocumentBuilder builder = f.newDocumentBuilder();
    builder.setErrorHandler(null);
    return builder.parse(new ByteArrayInputStream(xml));
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node n = nodes.item(i);
      if (n instanceof Element e && e.getTagName().equals(name)) {
        out.add(e);
      }
    }
    return out;
  }

  private static Element only(Element parent, String name) {
    List<Element> list = children(parent, name);
    assertThat(list).as("<%s> in <%s>", name, parent.getTagName()).hasSize(1);
    return list.get(0);
  }

  private static void assertCounts(
      Element suite, int tests, int failures, int errors, int skipped) {
    assertThat(suite.getAttribute("tests")).isEqualTo(Integer.toString(tests));
    assertThat(suite.getAttribute("failures")).isEqualTo(Integer.toString(failures));
    assertThat(suite.getAttribute("errors")).isEqualTo(Integer.toString(errors));
    assertThat(suite.getAttribute("skipped")).isEqualTo(Integer.toString(skipped));
    // The counts agree with the testcases actually written.
    List<Element> cases = children(suite, "testcase");
    if (suite.getTagName().equals("testsuite")) {
      assertThat(cases).hasSize(tests);
      assertThat(cases.stream().filter(c -> !children(c, "failure").isEmpty())).hasSize(failures);
      assertThat(cases.stream().filter(c -> !children(c, "error").isEmpty())).hasSize(errors);
      assertThat(cases.stream().filter(c -> !children(c, "skipped").isEmpty())).hasSize(skipped);
    }
  }

  @Test
  void suitesAndCountsPerTarget() throws Exception {
    Element root = parse(bytes(SampleReports.sample())).getDocumentElement();

    assertThat(root.getTagName()).isEqualTo("testsuites");
    assertCounts(root, 8, 3, 2, 2);
    assertThat(root.getAttribute("time")).isEqualTo("42.500");

    List<Element> suites = children(root, "testsuite");
    assertThat(suites)
        .extracting(s -> s.getAttribute("name"))
        .containsExactly("127.0.0.1:6379,80,554", "203.0.113.7", "redis://db.invalid:16379");
    assertCounts(suites.get(0), 6, 3, 1, 1);
    assertCounts(suites.get(1), 1, 0, 0, 1);
    assertCounts(suites.get(2), 1, 0, 1, 0);
    assertThat(suites.get(0).getAttribute("time")).isEqualTo("3.456");
    assertThat(suites.get(0).getAttribute("hostname")).isEqualTo("127.0.0.1");
  }

  @Test
  void oneTestcasePerResult() throws Exception {
    Element suite =
        children(parse(bytes(SampleReports.sample())).getDocumentElement(), "testsuite").get(0);
    List<Element> cases = children(suite, "testcase");

    assertThat(cases)
        .extracting(c -> c.getAttribute("classname"))
        .containsExactly(
            SampleReports.NO_AUTH,
            SampleReports.KNOWN_CVE,
            SampleReports.PANEL,
            SampleReports.DEFAULT_CREDENTIALS,
            SampleReports.RTSP_NO_AUTH,
            SampleReports.SNMP_COMMUNITY);
    assertThat(cases)
        .extracting(c -> c.getAttribute("name"))
        .containsExactly(
            "tcp://127.0.0.1:6379",
            "tcp://127.0.0.1:6379",
            "tcp://127.0.0.1:80",
            "tcp://127.0.0.1:80",
            "tcp://127.0.0.1:554",
            "udp://127.0.0.1:161");
    assertThat(cases.get(3).getAttribute("time")).isEqualTo("1.250");

    Element noAuth = only(cases.get(0), "failure");
    assertThat(noAuth.getAttribute("type")).isEqualTo("critical");
    assertThat(noAuth.getAttribute("message")).isEqualTo("Redis answers without authentication");
    // Device text survives escaping; the control character is made visible, not dropped silently.
    assertThat(noAuth.getTextContent())
        .contains("os:Linux <x86_64> & co | `whoami` \\u0001 日本語のバナー")
        .contains("CWE-306");

    Element cves = only(cases.get(1), "failure");
    assertThat(cves.getAttribute("type")).as("the worst severity").isEqualTo("high");
    assertThat(cves.getAttribute("message")).startsWith("2 findings: ").contains("CVE-2024-31449");

    assertThat(only(cases.get(2), "failure").getAttribute("message"))
        .isEqualTo(SampleReports.PANEL_TITLE);

    Element pass = cases.get(3);
    assertThat(children(pass, "failure")).isEmpty();
    assertThat(only(pass, "system-out").getTextContent())
        .contains("401 without credentials")
        .contains("www-authenticate: Basic realm=\"カメラ\"");

    Element error = only(cases.get(4), "error");
    assertThat(error.getAttribute("message"))
        .isEqualTo("malformed reply: RTSP/1.0 <garbage> & \\u0001\\u0002 end");

    assertThat(only(cases.get(5), "skipped").getAttribute("message"))
        .isEqualTo("credential attempts are not enabled");
  }

  @Test
  void targetsThatEndedEarlyGetOneCaseNamedAfterTheirStatus() throws Exception {
    Report sample = SampleReports.sample();
    List<TargetResult> targets = new ArrayList<>(sample.targets());
    targets.add(ended("198.51.100.1", TargetResult.Status.TIMEOUT, "host budget of 60 s spent"));
    targets.add(ended("198.51.100.2", TargetResult.Status.CANCELLED, ""));
    Report report =
        new Report(
            sample.tool(),
            sample.version(),
            sample.checks(),
            targets,
            SampleReports.summarize(targets));

    List<Element> suites = children(parse(bytes(report)).getDocumentElement(), "testsuite");
    assertThat(suites).hasSize(5);

    Element outOfScope = only(suites.get(1), "testcase");
    assertThat(outOfScope.getAttribute("classname")).isEqualTo("tenken.target");
    assertThat(outOfScope.getAttribute("name")).isEqualTo("out_of_scope");
    assertThat(only(outOfScope, "skipped").getAttribute("message"))
        .isEqualTo("203.0.113.7 is outside the scope");

    Element unreachable = only(suites.get(2), "testcase");
    assertThat(unreachable.getAttribute("name")).isEqualTo("unreachable");
    assertThat(only(unreachable, "error").getAttribute("type")).isEqualTo("unreachable");
    assertThat(suites.get(2).getAttribute("hostname")).isEqualTo("db.invalid");

    Element timeout = only(suites.get(3), "testcase");
    assertThat(timeout.getAttribute("name")).isEqualTo("timeout");
    assertThat(only(timeout, "error").getAttribute("message"))
        .isEqualTo("host budget of 60 s spent");
    assertCounts(suites.get(3), 1, 0, 1, 0);

    Element cancelled = only(suites.get(4), "testcase");
    assertThat(cancelled.getAttribute("name")).isEqualTo("cancelled");
    assertThat(only(cancelled, "skipped").getAttribute("message")).isEqualTo("cancelled");
    assertCounts(suites.get(4), 1, 0, 0, 1);
  }

  @Test
  void noCharacterIllegalInXmlReachesTheDocument() throws Exception {
    byte[] xml = bytes(SampleReports.sample());
    for (byte b : xml) {
      boolean legalControl = b == '\t' || b == '\n' || b == '\r';
      assertThat(b >= 0x20 || b < 0 || legalControl)
          .as("byte 0x%02x is a control character XML 1.0 forbids", b)
          .isTrue();
    }
    assertThat(new String(xml, java.nio.charset.StandardCharsets.UTF_8))
        .startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        .contains("IPカメラ");
  }

  private static TargetResult ended(String host, TargetResult.Status status, String detail) {
    return new TargetResult(
        Target.parse(host),
        Optional.empty(),
        AddressClass.RESERVED,
        status,
        detail,
        List.of(),
        DeviceIdentity.EMPTY,
        List.of(),
        Duration.ofMillis(60_000));
  }
}
