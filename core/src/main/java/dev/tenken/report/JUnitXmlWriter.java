package dev.tenken.report;

import dev.tenken.CheckResult;
import dev.tenken.DeviceIdentity;
import dev.tenken.Finding;
import dev.tenken.Reference;
import dev.tenken.TargetResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a {@link Report} as JUnit XML, the format every CI server shows as a test report: one
 * {@code <testsuite>} per target, one {@code <testcase>} per check result (classname = check id,
 * name = endpoint URI). A {@code PASS} passes with its evidence in {@code <system-out>}, a {@code
 * FAIL} is a {@code <failure>} typed by its worst severity, an {@code ERROR} an {@code <error>}, a
 * {@code SKIP} is {@code <skipped>}. A target that did not end {@code SCANNED} gets one more
 * testcase named after its status: {@code unreachable}, {@code timeout} and {@code error} as
 * errors, {@code out_of_scope} and {@code cancelled} as skipped.
 *
 * <p>Device-provided text passes through {@link Text}: characters XML 1.0 forbids (control
 * characters from banners) become visible escapes, so the document always parses. Stateless and
 * thread-safe.
 */
final class JUnitXmlWriter {
  /** The classname of the testcase standing for a target's terminal state. */
  static final String TARGET_CLASSNAME = "tenken.target";

  private JUnitXmlWriter() {}

  /** The four counts of a suite. */
  private record Counts(long tests, long failures, long errors, long skipped) {
    Counts plus(Counts o) {
      return new Counts(
          tests + o.tests, failures + o.failures, errors + o.errors, skipped + o.skipped);
    }

    static Counts of(TargetResult target) {
      long failures = 0;
      long errors = 0;
      long skipped = 0;
      for (CheckResult r : target.results()) {
        switch (r.status()) {
          case FAIL -> failures++;
          case ERROR -> errors++;
          case SKIP -> skipped++;
          case PASS -> {}
        }
      }
      long tests = target.results().size();
      switch (target.status()) {
        case UNREACHABLE, TIMEOUT, ERROR -> {
          tests++;
          errors++;
        }
        case OUT_OF_SCOPE, CANCELLED -> {
          tests++;
          skipped++;
        }
        case SCANNED -> {}
      }
      return new Counts(tests, failures, errors, skipped);
    }
  }

  static void write(Report report, OutputStream out) throws IOException {
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    try {
      XMLStreamWriter x = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(writer);
      x.writeStartDocument("UTF-8", "1.0");
      newline(x, 0);
      Counts total = new Counts(0, 0, 0, 0);
      for (TargetResult t : report.targets()) {
        total = total.plus(Counts.of(t));
      }
      x.writeStartElement("testsuites");
      x.writeAttribute("name", attr(report.tool() + " " + report.version()));
      writeCounts(x, total);
      x.writeAttribute("time", seconds(report.summary().elapsed()));
      for (TargetResult t : report.targets()) {
        writeSuite(x, t);
      }
      newline(x, 0);
      x.writeEndElement();
      newline(x, 0);
      x.writeEndDocument();
      x.flush();
      x.close();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
    }
    writer.flush();
  }

  private static void writeSuite(XMLStreamWriter x, TargetResult t) throws XMLStreamException {
    newline(x, 1);
    x.writeStartElement("testsuite");
    x.writeAttribute("name", attr(t.target().toString()));
    writeCounts(x, Counts.of(t));
    x.writeAttribute("time", seconds(t.elapsed()));
    x.writeAttribute(
        "hostname", attr(t.address().map(JsonModel::addressText).orElse(t.target().host())));

    newline(x, 2);
    x.writeStartElement("properties");
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("status", JsonModel.label(t.status()));
    properties.put("detail", t.detail());
    properties.put("addressClass", JsonModel.label(t.addressClass()));
    for (Map.Entry<DeviceIdentity.Attribute, DeviceIdentity.Fact> e :
        t.identity().facts().entrySet()) {
      properties.put("identity." + JsonModel.label(e.getKey()), e.getValue().value());
    }
    new TreeMap<>(t.target().labels()).forEach((k, v) -> properties.put("label." + k, v));
    for (Map.Entry<String, String> e : properties.entrySet()) {
      newline(x, 3);
      x.writeEmptyElement("property");
      x.writeAttribute("name", attr(e.getKey()));
      x.writeAttribute("value", attr(e.getValue()));
    }
    newline(x, 2);
    x.writeEndElement();

    for (CheckResult r : t.results()) {
      writeCase(x, r);
    }
    writeTargetCase(x, t);
    newline(x, 1);
    x.writeEndElement();
  }

  private static void writeCase(XMLStreamWriter x, CheckResult r) throws XMLStreamException {
    newline(x, 2);
    boolean empty =
        r.status() == CheckResult.Status.PASS && r.detail().isEmpty() && r.evidence().isEmpty();
    if (empty) {
      x.writeEmptyElement("testcase");
    } else {
      x.writeStartElement("testcase");
    }
    x.writeAttribute("classname", attr(r.checkId()));
    x.writeAttribute("name", attr(r.endpoint().uri()));
    x.writeAttribute("time", seconds(r.elapsed()));
    if (empty) {
      return;
    }
    newline(x, 3);
    switch (r.status()) {
      case PASS -> {
        x.writeStartElement("system-out");
        x.writeCharacters(text(passText(r)));
        x.writeEndElement();
      }
      case FAIL -> {
        x.writeStartElement("failure");
        x.writeAttribute("message", attr(failureMessage(r.findings())));
        x.writeAttribute("type", r.worstSeverity().map(JsonModel::label).orElse(""));
        x.writeCharacters(text(failureText(r.findings())));
        x.writeEndElement();
      }
      case ERROR -> {
        x.writeStartElement("error");
        x.writeAttribute("message", attr(r.detail()));
        x.writeAttribute("type", "error");
        x.writeCharacters(text(r.detail()));
        x.writeEndElement();
      }
      case SKIP -> {
        x.writeEmptyElement("skipped");
        x.writeAttribute("message", attr(r.detail()));
      }
    }
    newline(x, 2);
    x.writeEndElement();
  }

  private static void writeTargetCase(XMLStreamWriter x, TargetResult t) throws XMLStreamException {
    if (t.status() == TargetResult.Status.SCANNED) {
      return;
    }
    String status = JsonModel.label(t.status());
    String message = t.detail().isEmpty() ? status : t.detail();
    newline(x, 2);
    x.writeStartElement("testcase");
    x.writeAttribute("classname", TARGET_CLASSNAME);
    x.writeAttribute("name", status);
    x.writeAttribute("time", seconds(t.elapsed()));
    newline(x, 3);
    switch (t.status()) {
      case UNREACHABLE, TIMEOUT, ERROR -> {
        x.writeStartElement("error");
        x.writeAttribute("message", attr(message));
        x.writeAttribute("type", status);
        x.writeCharacters(text(t.target() + ": " + message));
        x.writeEndElement();
      }
      default -> {
        x.writeEmptyElement("skipped");
        x.writeAttribute("message", attr(message));
      }
    }
    newline(x, 2);
    x.writeEndElement();
  }

  private static String passText(CheckResult r) {
    StringBuilder sb = new StringBuilder(r.detail());
    new TreeMap<>(r.evidence())
        .forEach((k, v) -> sb.append(sb.isEmpty() ? "" : "\n").append(k).append(": ").append(v));
    return sb.toString();
  }

  private static String failureMessage(List<Finding> findings) {
    if (findings.size() == 1) {
      return findings.get(0).title();
    }
    return findings.size()
        + " findings: "
        + findings.stream().map(Finding::title).collect(Collectors.joining("; "));
  }

  private static String failureText(List<Finding> findings) {
    StringBuilder sb = new StringBuilder();
    for (Finding f : findings) {
      if (!sb.isEmpty()) {
        sb.append("\n\n");
      }
      sb.append('[')
          .append(f.severity().label())
          .append("] ")
          .append(f.title())
          .append(" (")
          .append(JsonModel.label(f.confidence()))
          .append(", ")
          .append(JsonModel.label(f.countermeasure()))
          .append(")\n");
      sb.append("endpoint: ").append(f.endpoint().uri()).append('\n');
      sb.append("fingerprint: ").append(f.fingerprint()).append('\n');
      if (!f.description().isEmpty()) {
        sb.append(f.description()).append('\n');
      }
      for (Map.Entry<String, String> e : f.evidence().entrySet()) {
        sb.append("evidence ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
      }
      if (!f.remediation().isEmpty()) {
        sb.append("remediation: ").append(f.remediation()).append('\n');
      }
      for (Reference ref : f.references()) {
        sb.append("reference: ").append(ref.id()).append(' ').append(ref.link()).append('\n');
      }
    }
    return sb.toString();
  }

  private static void writeCounts(XMLStreamWriter x, Counts c) throws XMLStreamException {
    x.writeAttribute("tests", Long.toString(c.tests()));
    x.writeAttribute("failures", Long.toString(c.failures()));
    x.writeAttribute("errors", Long.toString(c.errors()));
    x.writeAttribute("skipped", Long.toString(c.skipped()));
  }

  private static void newline(XMLStreamWriter x, int depth) throws XMLStreamException {
    x.writeCharacters("\n" + "  ".repeat(depth));
  }

  /** Seconds with millisecond precision, as JUnit XML writes time: {@code 1.250}. */
  static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.3f", d.toMillis() / 1000.0);
  }

  /** Attribute text: one line, nothing XML 1.0 forbids. */
  private static String attr(String s) {
    return Text.oneLine(s);
  }

  /** Element text: line breaks kept, nothing XML 1.0 forbids. */
  private static String text(String s) {
    return Text.multiLine(s);
  }
}
