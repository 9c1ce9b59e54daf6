package dev.tenken.report;

import dev.tenken.CheckResult;
import dev.tenken.Countermeasure;
import dev.tenken.DeviceIdentity;
import dev.tenken.Endpoint;
import dev.tenken.Finding;
import dev.tenken.Reference;
import dev.tenken.ScanSummary;
import dev.tenken.Severity;
import dev.tenken.TargetResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes a {@link Report} as GitHub-flavoured Markdown for people: a summary, an inventory of the
 * devices, the findings grouped by severity (highest first) and the checks that ended in an error.
 *
 * <p>Device-provided text is hostile. Every string from the model is escaped before it is written:
 * in prose, Markdown punctuation is backslash-escaped and {@code < > &} become entities, so a
 * banner can neither inject HTML nor links, emphasis or table cells; evidence goes in code spans
 * whose fence is longer than any run of backticks inside, with pipes escaped for tables. Control,
 * line-breaking and bidirectional characters become visible escapes ({@link Text}). Stateless and
 * thread-safe.
 */
final class MarkdownWriter {
  private MarkdownWriter() {}

  static void write(Report report, OutputStream out) throws IOException {
    out.write(render(report).getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  static String render(Report report) {
    StringBuilder md = new StringBuilder(8192);
    ScanSummary s = report.summary();
    md.append("# ").append(text(report.tool())).append(" scan report\n\n");
    md.append(text(report.tool()))
        .append(' ')
        .append(text(report.version()))
        .append(" · started ")
        .append(JsonModel.time(s.started()))
        .append(" · finished ")
        .append(JsonModel.time(s.finished()))
        .append(" · ")
        .append(JUnitXmlWriter.seconds(s.elapsed()))
        .append(" s");
    if (s.cancelled()) {
      md.append(" · **cancelled**");
    }
    md.append("\n\n");

    summary(md, report);
    inventory(md, report);
    findings(md, report);
    errors(md, report);
    return md.toString();
  }

  private static void summary(StringBuilder md, Report report) {
    ScanSummary s = report.summary();
    md.append("## Summary\n\n");
    long results = s.resultsByStatus().values().stream().mapToLong(Long::longValue).sum();
    md.append(results).append(" check results: ");
    List<String> parts = new ArrayList<>();
    for (CheckResult.Status status : CheckResult.Status.values()) {
      parts.add(s.resultsByStatus().getOrDefault(status, 0L) + " " + JsonModel.label(status));
    }
    md.append(String.join(", ", parts)).append(".\n\n");

    md.append("| Targets | Count |\n| --- | ---: |\n");
    for (TargetResult.Status status : TargetResult.Status.values()) {
      row(md, JsonModel.label(status), s.targetsByStatus().getOrDefault(status, 0L));
    }
    row(md, "**total**", s.targets());
    md.append('\n');

    md.append("| Findings by severity | Count |\n| --- | ---: |\n");
    for (int i = Severity.values().length - 1; i >= 0; i--) {
      Severity severity = Severity.values()[i];
      row(md, severity.label(), s.findingsBySeverity().getOrDefault(severity, 0L));
    }
    row(md, "**total**", s.findings());
    md.append('\n');

    md.append("| Findings by countermeasure | Count |\n| --- | ---: |\n");
    Map<Countermeasure, Long> byCountermeasure = JsonModel.countByCountermeasure(report.findings());
    for (Countermeasure c : Countermeasure.values()) {
      row(md, JsonModel.label(c), byCountermeasure.get(c));
    }
    md.append('\n');
  }

  private static void row(StringBuilder md, String label, long count) {
    md.append("| ").append(label).append(" | ").append(count).append(" |\n");
  }

  private static void inventory(StringBuilder md, Report report) {
    md.append("## Inventory\n\n");
    if (report.targets().isEmpty()) {
      md.append("No targets.\n\n");
      return;
    }
    md.append("| Target | Address | Status | Vendor | Model | Firmware | Services |\n");
    md.append("| --- | --- | --- | --- | --- | --- | --- |\n");
    for (TargetResult t : report.targets()) {
      String status = JsonModel.label(t.status());
      if (t.status() != TargetResult.Status.SCANNED && !t.detail().isEmpty()) {
        status += ": " + t.detail();
      }
      String services =
          t.endpoints().stream()
              .map(e -> e.port() + "/" + JsonModel.label(e.transport()) + " " + e.service())
              .collect(Collectors.joining(", "));
      md.append("| ")
          .append(code(t.target().toString(), true))
          .append(" | ")
          .append(
              t.address()
                  .map(a -> text(JsonModel.addressText(a)) + " (" + label(t) + ")")
                  .orElse("—"))
          .append(" | ")
          .append(text(status))
          .append(" | ")
          .append(fact(t, DeviceIdentity.Attribute.VENDOR))
          .append(" | ")
          .append(fact(t, DeviceIdentity.Attribute.MODEL))
          .append(" | ")
          .append(fact(t, DeviceIdentity.Attribute.FIRMWARE))
          .append(" | ")
          .append(services.isEmpty() ? "—" : text(services))
          .append(" |\n");
    }
    md.append('\n');
  }

  private static String label(TargetResult t) {
    return JsonModel.label(t.addressClass());
  }

  private static String fact(TargetResult t, DeviceIdentity.Attribute attribute) {
    return t.identity().value(attribute).map(MarkdownWriter::text).orElse("—");
  }

  private static void findings(StringBuilder md, Report report) {
    md.append("## Findings\n\n");
    if (report.findings().findAny().isEmpty()) {
      md.append("No findings.\n\n");
      return;
    }
    for (int i = Severity.values().length - 1; i >= 0; i--) {
      Severity severity = Severity.values()[i];
      List<Map.Entry<TargetResult, Finding>> list = new ArrayList<>();
      for (TargetResult t : report.targets()) {
        t.findings().filter(f -> f.severity() == severity).forEach(f -> list.add(Map.entry(t, f)));
      }
      if (list.isEmpty()) {
        continue;
      }
      md.append("### ")
          .append(capitalized(severity.label()))
          .append(" (")
          .append(list.size())
          .append(")\n\n");
      for (Map.Entry<TargetResult, Finding> e : list) {
        finding(md, e.getKey(), e.getValue());
      }
    }
  }

  private static void finding(StringBuilder md, TargetResult t, Finding f) {
    Endpoint ep = f.endpoint();
    md.append("#### ").append(text(f.title())).append("\n\n");
    md.append("- **Endpoint:** ")
        .append(code(ep.uri(), false))
        .append(" (")
        .append(text(ep.service()))
        .append(") on ")
        .append(code(t.target().toString(), false))
        .append('\n');
    md.append("- **Check:** ").append(code(f.checkId(), false)).append('\n');
    md.append("- **Confidence:** ")
        .append(JsonModel.label(f.confidence()))
        .append(" · **Countermeasure:** ")
        .append(JsonModel.label(f.countermeasure()));
    if (f.raisedForPublicAddress()) {
      md.append(" · raised one step: public address");
    }
    md.append('\n');
    if (!f.description().isEmpty()) {
      md.append("- **Why it matters:** ").append(text(f.description())).append('\n');
    }
    if (!f.remediation().isEmpty()) {
      md.append("- **Remediation:** ").append(text(f.remediation())).append('\n');
    }
    if (!f.references().isEmpty()) {
      md.append("- **References:** ")
          .append(
              f.references().stream().map(MarkdownWriter::link).collect(Collectors.joining(", ")))
          .append('\n');
    }
    md.append("- **Fingerprint:** ").append(code(f.fingerprint(), false)).append("\n\n");
    if (!f.evidence().isEmpty()) {
      md.append("| Evidence | Value |\n| --- | --- |\n");
      for (Map.Entry<String, String> e : f.evidence().entrySet()) {
        md.append("| ")
            .append(text(e.getKey()))
            .append(" | ")
            .append(code(e.getValue(), true))
            .append(" |\n");
      }
      md.append('\n');
    }
  }

  private static void errors(StringBuilder md, Report report) {
    List<String> lines = new ArrayList<>();
    for (TargetResult t : report.targets()) {
      for (CheckResult r : t.results()) {
        if (r.status() == CheckResult.Status.ERROR) {
          lines.add(
              "- "
                  + code(r.checkId(), false)
                  + " on "
                  + code(r.endpoint().uri(), false)
                  + ": "
                  + text(r.detail())
                  + "\n");
        }
      }
    }
    if (lines.isEmpty()) {
      return;
    }
    md.append("## Errors\n\n");
    lines.forEach(md::append);
    md.append('\n');
  }

  /**
   * {@code s} as inline Markdown text that renders as exactly {@code s}: on one line, HTML's {@code
   * < > &} as entities, Markdown punctuation backslash-escaped, autolinks broken up.
   */
  static String text(String s) {
    String line = Text.oneLine(s).strip();
    StringBuilder sb = new StringBuilder(line.length() + 16);
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '\\', '`', '*', '_', '[', ']', '#', '|', '~', '$', '!' -> sb.append('\\').append(c);
        case ':' -> sb.append(line.startsWith("//", i + 1) ? "\\:" : ":");
        case '.' -> sb.append(i >= 3 && line.regionMatches(true, i - 3, "www", 0, 3) ? "\\." : ".");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * {@code s} as a code span: the fence is one backtick longer than the longest run inside, padded
   * when the content starts or ends with a backtick or a space. In a table ({@code inTable}) pipes
   * are escaped, which GitHub-flavoured Markdown undoes inside code spans.
   */
  static String code(String s, boolean inTable) {
    String v = Text.oneLine(s);
    if (inTable) {
      v = v.replace("|", "\\|");
    }
    if (v.isEmpty()) {
      return "*(empty)*";
    }
    int longest = 0;
    int run = 0;
    for (int i = 0; i < v.length(); i++) {
      run = v.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    String fence = "`".repeat(longest + 1);
    boolean pad = v.startsWith("`") || v.endsWith("`") || (v.startsWith(" ") && v.endsWith(" "));
    String space = pad ? " " : "";
    return fence + space + v + space + fence;
  }

  /** A link to a reference; the text escaped, the address percent-encoded where unsafe. */
  static String link(Reference ref) {
    return "[" + text(ref.id()) + "](" + url(ref.link()) + ")";
  }

  private static String url(String url) {
    StringBuilder sb = new StringBuilder(url.length());
    for (byte b : url.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      boolean safe =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "-._~:/?#@!$&*+,;=%".indexOf(c) >= 0;
      if (safe) {
        sb.append((char) c);
      } else {
        sb.append('%').append(String.format(Locale.ROOT, "%02X", c));
      }
    }
    return sb.toString();
  }

  private static String capitalized(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
