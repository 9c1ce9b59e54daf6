package dev.tenken.cli;

import dev.tenken.CheckResult;
import dev.tenken.DeviceIdentity;
import dev.tenken.Endpoint;
import dev.tenken.Finding;
import dev.tenken.ScanSummary;
import dev.tenken.Severity;
import dev.tenken.TargetResult;
import dev.tenken.Transport;
import dev.tenken.report.Report;
import java.io.PrintStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The terminal summary of a scan ({@code --format text}): per target its status, open endpoints
 * with services, identity, findings (severity, check id, endpoint, title, key evidence) and check
 * errors; then the totals and what they mean for the exit code. ASCII only; every text that came
 * from a device passes through {@link Terminal#clean}.
 */
final class TextSummary {
  private static final int EVIDENCE_ENTRIES = 3;
  private static final int EVIDENCE_WIDTH = 100;

  private TextSummary() {}

  static void write(Report report, Converters.FailOn failOn, Lang lang, PrintStream out) {
    ScanSummary summary = report.summary();
    out.println(
        lang.text(
            summary.cancelled() ? "summary.heading.cancelled" : "summary.heading",
            report.version(),
            lang.count(summary.targets(), "target"),
            lang.count(report.checks().size(), "check"),
            seconds(summary.elapsed().toMillis())));
    for (TargetResult t : report.targets()) {
      out.println();
      writeTarget(t, lang, out);
    }
    out.println();
    writeTotals(report, failOn, lang, out);
  }

  private static void writeTarget(TargetResult t, Lang lang, PrintStream out) {
    String name = t.target().toString();
    String address = t.address().map(InetAddress::getHostAddress).orElse("");
    boolean showAddress = !address.isEmpty() && !address.equalsIgnoreCase(t.target().host());
    out.println(
        name
            + (showAddress ? " (" + address + ")" : "")
            + "  "
            + t.status()
            + "  "
            + Terminal.clean(t.detail(), 200));
    if (!t.endpoints().isEmpty()) {
      out.println(
          lang.text(
              "summary.open",
              t.endpoints().stream().map(TextSummary::endpoint).collect(Collectors.joining(", "))));
    }
    DeviceIdentity identity = t.identity();
    if (!identity.isEmpty()) {
      out.println(
          lang.text(
              "summary.identity",
              identity.facts().entrySet().stream()
                  .map(
                      e ->
                          e.getKey().name().toLowerCase(Locale.ROOT)
                              + "="
                              + Terminal.clean(e.getValue().value(), 60))
                  .collect(Collectors.joining(", "))));
    }
    List<Finding> findings = new ArrayList<>(t.findings().toList());
    findings.sort(
        Comparator.comparing(Finding::severity)
            .reversed()
            .thenComparing(Finding::checkId)
            .thenComparing(f -> f.endpoint().port()));
    for (Finding f : findings) {
      out.println(
          "  "
              + pad(f.severity().name(), 9)
              + f.checkId()
              + "  "
              + f.endpoint().uri()
              + "  "
              + Terminal.clean(f.title(), 160)
              + (f.confidence() == dev.tenken.Confidence.CONFIRMED
                  ? ""
                  : " (" + f.confidence().name().toLowerCase(Locale.ROOT) + ")"));
      List<Map.Entry<String, String>> evidence = new ArrayList<>(f.evidence().entrySet());
      for (int i = 0; i < Math.min(EVIDENCE_ENTRIES, evidence.size()); i++) {
        Map.Entry<String, String> e = evidence.get(i);
        out.println(
            "           "
                + Terminal.clean(e.getKey(), 40)
                + ": "
                + Terminal.clean(e.getValue(), EVIDENCE_WIDTH));
      }
      if (evidence.size() > EVIDENCE_ENTRIES) {
        out.println(
            "           " + lang.text("summary.more-evidence", evidence.size() - EVIDENCE_ENTRIES));
      }
    }
    for (CheckResult r : t.results()) {
      if (r.status() == CheckResult.Status.ERROR) {
        out.println(
            lang.text(
                "summary.error",
                r.checkId() + "  " + r.endpoint().uri() + "  " + Terminal.clean(r.detail(), 160)));
      }
    }
  }

  private static void writeTotals(
      Report report, Converters.FailOn failOn, Lang lang, PrintStream out) {
    ScanSummary s = report.summary();
    out.println(
        lang.text("summary.targets", s.targets())
            + counts(lang, "target-status", s.targetsByStatus(), TargetResult.Status.values()));
    long results = s.resultsByStatus().values().stream().mapToLong(Long::longValue).sum();
    out.println(
        lang.text("summary.checks", lang.count(results, "result"))
            + counts(lang, "result-status", s.resultsByStatus(), CheckResult.Status.values()));
    out.println(
        lang.text("summary.findings", s.findings())
            + counts(lang, "severity", s.findingsBySeverity(), reversed(Severity.values())));
    long failing = report.findings().filter(f -> failOn.fails(f.severity())).count();
    if (failOn.severity() == null) {
      out.println(lang.text("summary.fail-on.none"));
    } else if (failing > 0) {
      out.println(
          lang.text("summary.fail-on.failing", failOn.label(), lang.count(failing, "finding")));
    } else {
      out.println(lang.text("summary.fail-on.clean", failOn.label()));
    }
  }

  /** {@code " (1 scanned, 2 unreachable)"}: each non-zero count with its label, in order. */
  private static <E extends Enum<E>> String counts(
      Lang lang, String labels, Map<E, Long> counts, E[] order) {
    List<String> parts = new ArrayList<>();
    for (E key : order) {
      long n = counts.getOrDefault(key, 0L);
      if (n > 0) {
        parts.add(lang.text("summary.count", n, lang.label(labels, key)));
      }
    }
    return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
  }

  private static Severity[] reversed(Severity[] values) {
    Severity[] r = new Severity[values.length];
    for (int i = 0; i < values.length; i++) {
      r[i] = values[values.length - 1 - i];
    }
    return r;
  }

  private static String endpoint(Endpoint e) {
    return e.port()
        + (e.transport() == Transport.UDP ? "/udp" : "/tcp")
        + " "
        + Terminal.clean(e.service(), 40);
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }
}
