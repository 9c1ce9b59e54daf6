package dev.tenken.report;

import dev.tenken.AddressClass;
import dev.tenken.CheckResult;
import dev.tenken.Countermeasure;
import dev.tenken.DeviceIdentity;
import dev.tenken.DeviceIdentity.Attribute;
import dev.tenken.Endpoint;
import dev.tenken.Finding;
import dev.tenken.Reference;
import dev.tenken.ScanSummary;
import dev.tenken.Severity;
import dev.tenken.TargetResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Writes a {@link Report} as one self-contained HTML page for people who decide: a header with the
 * scan's times, a summary by severity and by countermeasure with bar charts, an inventory of the
 * devices, every finding grouped by device with its evidence and remedy, and the checks that ended
 * in an error.
 *
 * <p>The page loads nothing: no script, font, image or style sheet from anywhere; the charts are
 * inline SVG and the only style sheet is inline. A {@code Content-Security-Policy} meta element
 * forbids everything except that one style sheet, pinned by its SHA-256 hash, so even a markup
 * injection that got past the escaping could neither run nor load anything. The only external
 * addresses are the {@code href} of reference links (CVE, CWE, advisories), which are followed only
 * when clicked and never send a referrer. It follows the reader's light or dark colour scheme and
 * prints on paper.
 *
 * <p>Device-provided text is hostile: every string from the report is HTML-escaped ({@code & < > "
 * '}) and its control, line-breaking and bidirectional characters made visible ({@link Text}), so a
 * {@code <script>} in a banner shows as text. The same report and language give the same bytes.
 * Stateless and thread-safe.
 */
public final class HtmlReportWriter {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private static final String CSS =
      """
      :root{color-scheme:light dark;--bg:#f6f7f9;--card:#fff;--fg:#1b1f24;--muted:#59636e;\
      --line:#d7dce1;--accent:#0b5cad;--remedy:#e8f4ec;--remedy-line:#2f855a;\
      --critical:#8e0c1f;--high:#c2410c;--medium:#b7791f;--low:#2f6fb5;--info:#6b7280}
      @media (prefers-color-scheme:dark){:root{--bg:#14171b;--card:#1d2228;--fg:#e6e9ed;\
      --muted:#9aa4ae;--line:#343c45;--accent:#6cb0f5;--remedy:#18301f;--remedy-line:#48bb78;\
      --critical:#e5484d;--high:#f07d3b;--medium:#e2b340;--low:#5b9de6;--info:#8b949e}}
      *{box-sizing:border-box}
      body{margin:0;background:var(--bg);color:var(--fg);line-height:1.5;\
      font:15px/1.5 system-ui,-apple-system,"Segoe UI","Hiragino Sans","Noto Sans CJK JP",\
      "Yu Gothic",Meiryo,sans-serif}
      header,main,footer{max-width:1180px;margin:0 auto;padding:0 24px}
      header{padding-top:28px}
      h1{margin:0;font-size:26px}
      h2{margin:32px 0 12px;font-size:20px;border-bottom:2px solid var(--line);padding-bottom:4px}
      h3{margin:0 0 4px;font-size:17px;overflow-wrap:anywhere}
      h4{margin:0 0 8px;font-size:16px;overflow-wrap:anywhere}
      h5{margin:12px 0 4px;font-size:14px;color:var(--muted)}
      a{color:var(--accent)}
      code{font:13px/1.4 ui-monospace,"SF Mono",Menlo,Consolas,monospace;overflow-wrap:anywhere}
      .subtitle,.muted{color:var(--muted)}
      .meta{display:flex;flex-wrap:wrap;gap:8px 28px;margin:14px 0 0;padding:0}
      .meta div{display:flex;gap:8px}
      .meta dt{color:var(--muted)}
      .meta dd{margin:0;font-weight:600}
      .warning{border-left:4px solid var(--high);background:var(--card);padding:8px 12px}
      .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:16px}
      .card,.device,.finding{background:var(--card);border:1px solid var(--line);border-radius:8px}
      .card{padding:14px 16px}
      .card h3{font-size:15px}
      .figures{display:flex;flex-wrap:wrap;gap:12px 32px;margin:0}
      .figures dt{color:var(--muted);font-size:13px}
      .figures dd{margin:0;font-size:22px;font-weight:700}
      .chart{width:100%;height:auto;font-size:13px}
      .chart text{fill:var(--fg)}
      .hints{margin:8px 0 0;padding-left:18px;font-size:13px;color:var(--muted)}
      table{border-collapse:collapse;width:100%;background:var(--card)}
      th,td{border:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top;\
      overflow-wrap:break-word}
      caption{text-align:left;padding:2px 0}
      td.fact{overflow-wrap:anywhere;min-width:6em}
      thead th{background:var(--bg);font-size:13px}
      .scroll{overflow-x:auto}
      .inventory td{font-size:14px}
      .inventory code{overflow-wrap:normal;white-space:nowrap}
      .device{padding:16px;margin:0 0 20px}
      .finding{padding:14px 16px;margin:14px 0 0;border-left:6px solid var(--info)}
      .finding.critical{border-left-color:var(--critical)}
      .finding.high{border-left-color:var(--high)}
      .finding.medium{border-left-color:var(--medium)}
      .finding.low{border-left-color:var(--low)}
      .facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:0;font-size:14px}
      .facts dt{color:var(--muted)}
      .facts dd{margin:0}
      .prose{margin:0;white-space:pre-line;overflow-wrap:anywhere}
      .evidence{margin-top:6px}
      .evidence th{width:28%}
      .evidence td code{white-space:pre-wrap}
      .remedy{margin-top:12px;background:var(--remedy);border-left:4px solid var(--remedy-line);\
      padding:6px 12px;border-radius:4px}
      .remedy h5{margin-top:4px}
      .badge{display:inline-block;min-width:74px;padding:1px 8px;margin-right:8px;border-radius:10px;\
      color:#fff;font-size:12px;font-weight:700;text-align:center;vertical-align:2px;\
      background:var(--info)}
      .badge.critical,.bar.critical{background:var(--critical);fill:var(--critical)}
      .badge.high,.bar.high{background:var(--high);fill:var(--high)}
      .badge.medium,.bar.medium{background:var(--medium);fill:var(--medium)}
      .badge.low,.bar.low{background:var(--low);fill:var(--low)}
      .bar.info{fill:var(--info)}
      .bar.measure{fill:var(--accent)}
      .badge.medium{color:#1b1f24}
      .public{color:var(--high);font-weight:700}
      footer{margin:32px auto;font-size:13px;color:var(--muted)}
      @media print{:root{--bg:#fff;--card:#fff;--fg:#000;--muted:#444;--line:#bbb}
      body{font-size:11pt}header,main,footer{max-width:none;padding:0}
      .finding,.card,tr{break-inside:avoid}h2,h3{break-after:avoid}
      .badge,.bar,.remedy{print-color-adjust:exact;-webkit-print-color-adjust:exact}
      .scroll{overflow:visible}}
      """;

  /** The policy: nothing may load or run; only the style sheet above, by its hash, applies. */
  private static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src '" + sha256(CSS) + "'; base-uri 'none'; form-action 'none'";

  private static final int CHART_WIDTH = 520;
  private static final int CHART_LABEL_WIDTH = 170;
  private static final int CHART_ROW = 28;

  private final Report report;
  private final ReportLabels labels;
  private final StringBuilder html = new StringBuilder(32_768);

  private HtmlReportWriter(Report report, ReportLabels labels) {
    this.report = report;
    this.labels = labels;
  }

  /**
   * Writes {@code report} to {@code out} as an HTML page in {@code locale}'s language (see {@link
   * ReportLabels#of(Locale)}), UTF-8 encoded. Flushes {@code out} but does not close it. {@link
   * ReportFormat#HTML} writes the same page in English.
   *
   * @param report what to write
   * @param out where to write it; flushed, never closed
   * @param locale the reader's locale: Japanese for {@code ja}, English otherwise
   * @throws IOException when {@code out} fails; part of the page may have been written
   * @throws NullPointerException when an argument is null
   */
  public static void write(Report report, OutputStream out, Locale locale) throws IOException {
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(out, "out");
    out.write(render(report, ReportLabels.of(locale)).getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** The page for {@code report} in the language of {@code labels}. */
  static String render(Report report, ReportLabels labels) {
    return new HtmlReportWriter(report, labels).page();
  }

  private String page() {
    String title = labels.format("report.title", report.tool());
    html.append("<!DOCTYPE html>\n<html lang=\"")
        .append(labels.locale().toLanguageTag())
        .append("\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
        .append(CONTENT_SECURITY_POLICY)
        .append("\">\n<meta name=\"referrer\" content=\"no-referrer\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta name=\"color-scheme\" content=\"light dark\">\n")
        .append("<meta name=\"generator\" content=\"")
        .append(esc(report.tool() + " " + report.version()))
        .append("\">\n<title>")
        .append(esc(title))
        .append("</title>\n<style>")
        .append(CSS)
        .append("</style>\n</head>\n<body>\n");
    header(title);
    html.append("<main>\n");
    summary();
    inventory();
    findings();
    errors();
    html.append("</main>\n<footer><p>")
        .append(esc(labels.format("footer.generated", report.tool(), report.version())))
        .append("</p></footer>\n</body>\n</html>\n");
    return html.toString();
  }

  private void header(String title) {
    ScanSummary s = report.summary();
    html.append("<header>\n<h1>").append(esc(title)).append("</h1>\n");
    html.append("<p class=\"subtitle\">").append(label("report.subtitle")).append("</p>\n");
    html.append("<dl class=\"meta\">\n");
    metaTime("header.started", s.started());
    metaTime("header.finished", s.finished());
    meta("header.duration", esc(duration(s.elapsed())));
    meta("header.targets", Long.toString(s.targets()));
    meta("header.tool", esc(report.tool() + " " + report.version()));
    html.append("</dl>\n");
    if (s.cancelled()) {
      html.append("<p class=\"warning\">").append(label("header.cancelled")).append("</p>\n");
    }
    html.append("</header>\n");
  }

  private void metaTime(String key, Instant instant) {
    meta(
        key,
        "<time datetime=\""
            + JsonModel.time(instant)
            + "\">"
            + esc(TIME.format(instant))
            + "</time>");
  }

  private void meta(String key, String valueHtml) {
    html.append("<div><dt>")
        .append(label(key))
        .append("</dt><dd>")
        .append(valueHtml)
        .append("</dd></div>\n");
  }

  private String duration(Duration d) {
    long millis = d.toMillis();
    if (millis < 60_000) {
      return labels.format("unit.seconds", String.format(Locale.ROOT, "%.1f", millis / 1000.0));
    }
    return labels.format(
        "unit.minutes", millis / 60_000, String.format(Locale.ROOT, "%02d", millis / 1000 % 60));
  }

  private void summary() {
    ScanSummary s = report.summary();
    html.append("<section id=\"summary\">\n<h2>")
        .append(label("summary.heading"))
        .append("</h2>\n");
    html.append("<div class=\"card\">\n<dl class=\"figures\">\n");
    figure(label("summary.findings"), Long.toString(s.findings()));
    figure(
        label("summary.worst"),
        s.worstSeverity().map(this::badge).orElseGet(() -> label("summary.none")));
    for (CheckResult.Status status : CheckResult.Status.values()) {
      figure(
          esc(labels.name("result", status)),
          Long.toString(s.resultsByStatus().getOrDefault(status, 0L)));
    }
    html.append("</dl>\n</div>\n<div class=\"cards\">\n");

    List<Bar> severities = new ArrayList<>();
    for (Severity severity : mostSevereFirst()) {
      severities.add(
          new Bar(
              labels.name("severity", severity),
              s.findingsBySeverity().getOrDefault(severity, 0L),
              JsonModel.label(severity)));
    }
    chart("summary.bySeverity", severities, "");

    List<Bar> measures = new ArrayList<>();
    Map<Countermeasure, Long> counts = JsonModel.countByCountermeasure(report.findings());
    for (Countermeasure c : Countermeasure.values()) {
      measures.add(new Bar(labels.name("countermeasure", c), counts.get(c), "measure"));
    }
    StringBuilder hints = new StringBuilder("<ul class=\"hints\">\n");
    for (Countermeasure c : Countermeasure.values()) {
      hints
          .append("<li><strong>")
          .append(esc(labels.name("countermeasure", c)))
          .append("</strong>: ")
          .append(esc(labels.name("hint", c)))
          .append("</li>\n");
    }
    chart("summary.byCountermeasure", measures, hints.append("</ul>\n").toString());
    html.append("</div>\n</section>\n");
  }

  private void figure(String termHtml, String valueHtml) {
    html.append("<div><dt>")
        .append(termHtml)
        .append("</dt><dd>")
        .append(valueHtml)
        .append("</dd></div>\n");
  }

  /** One bar of a chart: its label, its value and the CSS class that colours it. */
  private record Bar(String label, long count, String style) {}

  /** A card with a horizontal bar chart in inline SVG, every bar labelled with its count. */
  private void chart(String titleKey, List<Bar> bars, String afterHtml) {
    long max = bars.stream().mapToLong(Bar::count).max().orElse(0);
    int barSpace = CHART_WIDTH - CHART_LABEL_WIDTH - 50;
    int height = bars.size() * CHART_ROW;
    String description =
        bars.stream()
            .map(b -> labels.format("summary.chart", b.label(), b.count()))
            .collect(Collectors.joining(", "));
    html.append("<div class=\"card\">\n<h3>").append(label(titleKey)).append("</h3>\n");
    html.append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
        .append(CHART_WIDTH)
        .append(' ')
        .append(height)
        .append("\" role=\"img\"><title>")
        .append(esc(description))
        .append("</title>\n");
    for (int i = 0; i < bars.size(); i++) {
      Bar bar = bars.get(i);
      int y = i * CHART_ROW;
      long width = bar.count() == 0 ? 0 : Math.max(3, bar.count() * barSpace / max);
      html.append("<text x=\"")
          .append(CHART_LABEL_WIDTH - 10)
          .append("\" y=\"")
          .append(y + 18)
          .append("\" text-anchor=\"end\">")
          .append(esc(bar.label()))
          .append("</text>");
      html.append("<rect class=\"bar ")
          .append(bar.style())
          .append("\" x=\"")
          .append(CHART_LABEL_WIDTH)
          .append("\" y=\"")
          .append(y + 4)
          .append("\" width=\"")
          .append(width)
          .append("\" height=\"20\" rx=\"3\"/>");
      html.append("<text x=\"")
          .append(CHART_LABEL_WIDTH + width + 6)
          .append("\" y=\"")
          .append(y + 18)
          .append("\">")
          .append(bar.count())
          .append("</text>\n");
    }
    html.append("</svg>\n").append(afterHtml).append("</div>\n");
  }

  private void inventory() {
    html.append("<section id=\"inventory\">\n<h2>")
        .append(label("inventory.heading"))
        .append("</h2>\n");
    if (report.targets().isEmpty()) {
      html.append("<p>").append(label("inventory.none")).append("</p>\n</section>\n");
      return;
    }
    html.append("<div class=\"scroll\"><table class=\"inventory\">\n<thead><tr>");
    for (String key :
        List.of(
            "inventory.target",
            "inventory.address",
            "inventory.exposure",
            "inventory.class",
            "inventory.vendor",
            "inventory.model",
            "inventory.firmware",
            "inventory.serial",
            "inventory.services",
            "inventory.status",
            "inventory.findings")) {
      html.append("<th scope=\"col\">").append(label(key)).append("</th>");
    }
    html.append("</tr></thead>\n<tbody>\n");
    for (int i = 0; i < report.targets().size(); i++) {
      TargetResult t = report.targets().get(i);
      long findings = t.findings().count();
      html.append("<tr><th scope=\"row\">");
      if (findings > 0) {
        html.append("<a href=\"#").append(deviceId(i)).append("\">");
      }
      html.append("<code>").append(esc(t.target().toString())).append("</code>");
      if (findings > 0) {
        html.append("</a>");
      }
      html.append("</th>");
      cell(t.address().map(a -> "<code>" + esc(JsonModel.addressText(a)) + "</code>"));
      AddressClass exposure = t.addressClass();
      html.append(exposure.isPublic() ? "<td class=\"public\">" : "<td>")
          .append(t.address().isPresent() ? esc(labels.name("address", exposure)) : "—")
          .append("</td>");
      fact(t.identity(), Attribute.DEVICE_CLASS, Attribute.DEVICE_CLASS);
      fact(t.identity(), Attribute.VENDOR, Attribute.VENDOR);
      fact(t.identity(), Attribute.MODEL, Attribute.PRODUCT);
      fact(t.identity(), Attribute.FIRMWARE, Attribute.VERSION);
      fact(t.identity(), Attribute.SERIAL, Attribute.SERIAL);
      cell(
          Optional.of(
                  t.endpoints().stream()
                      .map(
                          e ->
                              "<code>"
                                  + e.port()
                                  + "/"
                                  + JsonModel.label(e.transport())
                                  + "</code> "
                                  + esc(e.service()))
                      .collect(Collectors.joining(", ")))
              .filter(s -> !s.isEmpty()));
      String status = esc(labels.name("target", t.status()));
      if (t.status() != TargetResult.Status.SCANNED && !t.detail().isEmpty()) {
        status += "<br><span class=\"muted\">" + esc(t.detail()) + "</span>";
      }
      html.append("<td>").append(status).append("</td>");
      cell(worst(t).map(w -> badge(w) + findings));
      html.append("</tr>\n");
    }
    html.append("</tbody>\n</table></div>\n</section>\n");
  }

  /** A cell with {@code valueHtml}, or a dash when there is none. */
  private void cell(Optional<String> valueHtml) {
    html.append("<td>").append(valueHtml.orElse("—")).append("</td>");
  }

  /** A cell with a fact of {@code identity}, {@code fallback} when {@code preferred} is unknown. */
  private void fact(DeviceIdentity identity, Attribute preferred, Attribute fallback) {
    Optional<DeviceIdentity.Fact> fact = identity.get(preferred).or(() -> identity.get(fallback));
    if (fact.isEmpty()) {
      cell(Optional.empty());
      return;
    }
    DeviceIdentity.Fact f = fact.get();
    html.append("<td class=\"fact\" title=\"")
        .append(
            esc(
                labels.format(
                    "inventory.source", f.source(), labels.name("confidence", f.confidence()))))
        .append("\">")
        .append(esc(f.value()))
        .append("</td>");
  }

  private static Optional<Severity> worst(TargetResult t) {
    return t.findings().map(Finding::severity).max(Comparator.naturalOrder());
  }

  private void findings() {
    html.append("<section id=\"findings\">\n<h2>")
        .append(label("findings.heading"))
        .append("</h2>\n");
    if (report.findings().findAny().isEmpty()) {
      html.append("<p>").append(label("findings.none")).append("</p>\n");
    }
    for (int i = 0; i < report.targets().size(); i++) {
      TargetResult t = report.targets().get(i);
      List<Finding> list =
          t.findings()
              .sorted(Comparator.comparing(Finding::severity).reversed())
              .collect(Collectors.toList());
      if (list.isEmpty()) {
        continue;
      }
      html.append("<section class=\"device\" id=\"").append(deviceId(i)).append("\">\n<h3>");
      html.append("<code>").append(esc(t.target().toString())).append("</code>");
      String name =
          List.of(Attribute.VENDOR, Attribute.MODEL, Attribute.PRODUCT).stream()
              .map(a -> t.identity().value(a))
              .flatMap(Optional::stream)
              .collect(Collectors.joining(" "));
      if (!name.isEmpty()) {
        html.append(" — ").append(esc(name));
      }
      html.append("</h3>\n<p class=\"muted\">")
          .append(
              esc(
                  labels.format(
                      "findings.device",
                      list.size(),
                      count(t, CheckResult.Status.PASS),
                      count(t, CheckResult.Status.SKIP),
                      count(t, CheckResult.Status.ERROR))))
          .append("</p>\n");
      for (Finding f : list) {
        finding(f);
      }
      html.append("</section>\n");
    }
    html.append("</section>\n");
  }

  private static long count(TargetResult t, CheckResult.Status status) {
    return t.results().stream().filter(r -> r.status() == status).count();
  }

  private void finding(Finding f) {
    String severity = JsonModel.label(f.severity());
    Endpoint ep = f.endpoint();
    html.append("<article class=\"finding ").append(severity).append("\">\n<h4>");
    html.append(badge(f.severity())).append(esc(f.title())).append("</h4>\n");
    html.append("<dl class=\"facts\">\n");
    fact("finding.check", "<code>" + esc(f.checkId()) + "</code>");
    fact("finding.endpoint", "<code>" + esc(ep.uri()) + "</code> " + esc(ep.service()));
    fact("finding.confidence", esc(labels.name("confidence", f.confidence())));
    fact("finding.countermeasure", esc(labels.name("countermeasure", f.countermeasure())));
    html.append("</dl>\n");
    if (f.raisedForPublicAddress()) {
      html.append("<p class=\"public\">").append(label("finding.raised")).append("</p>\n");
    }
    if (!f.description().isEmpty()) {
      html.append("<h5>").append(label("finding.description")).append("</h5>\n");
      html.append("<p class=\"prose\">").append(escLines(f.description())).append("</p>\n");
    }
    if (!f.evidence().isEmpty()) {
      html.append("<table class=\"evidence\">\n<caption class=\"muted\">")
          .append(label("finding.evidence"))
          .append("</caption>\n<thead><tr><th scope=\"col\">")
          .append(label("finding.evidenceItem"))
          .append("</th><th scope=\"col\">")
          .append(label("finding.evidenceValue"))
          .append("</th></tr></thead>\n<tbody>\n");
      for (Map.Entry<String, String> e : f.evidence().entrySet()) {
        html.append("<tr><th scope=\"row\">")
            .append(esc(e.getKey()))
            .append("</th><td><code>")
            .append(escLines(e.getValue()))
            .append("</code></td></tr>\n");
      }
      html.append("</tbody>\n</table>\n");
    }
    if (!f.remediation().isEmpty()) {
      html.append("<div class=\"remedy\"><h5>")
          .append(label("finding.remediation"))
          .append("</h5>\n<p class=\"prose\">")
          .append(escLines(f.remediation()))
          .append("</p></div>\n");
    }
    html.append("<dl class=\"facts\">\n");
    if (!f.references().isEmpty()) {
      fact(
          "finding.references",
          f.references().stream().map(HtmlReportWriter::link).collect(Collectors.joining(", ")));
    }
    fact("finding.fingerprint", "<code>" + esc(f.fingerprint()) + "</code>");
    html.append("</dl>\n</article>\n");
  }

  private void fact(String key, String valueHtml) {
    html.append("<dt>").append(label(key)).append("</dt><dd>").append(valueHtml).append("</dd>\n");
  }

  /** A link that is only ever followed by a click: no referrer, no opener. */
  private static String link(Reference ref) {
    return "<a href=\""
        + esc(ref.link())
        + "\" rel=\"noopener noreferrer external\">"
        + esc(ref.id())
        + "</a>";
  }

  private void errors() {
    List<String> rows = new ArrayList<>();
    for (TargetResult t : report.targets()) {
      for (CheckResult r : t.results()) {
        if (r.status() == CheckResult.Status.ERROR) {
          rows.add(
              "<tr><td><code>"
                  + esc(t.target().toString())
                  + "</code></td><td><code>"
                  + esc(r.checkId())
                  + "</code></td><td><code>"
                  + esc(r.endpoint().uri())
                  + "</code></td><td>"
                  + esc(r.detail())
                  + "</td></tr>\n");
        }
      }
    }
    if (rows.isEmpty()) {
      return;
    }
    html.append("<section id=\"errors\">\n<h2>").append(label("errors.heading")).append("</h2>\n");
    html.append("<p>").append(label("errors.intro")).append("</p>\n");
    html.append("<div class=\"scroll\"><table>\n<thead><tr>");
    for (String key :
        List.of("inventory.target", "finding.check", "finding.endpoint", "errors.reason")) {
      html.append("<th scope=\"col\">").append(label(key)).append("</th>");
    }
    html.append("</tr></thead>\n<tbody>\n");
    rows.forEach(html::append);
    html.append("</tbody>\n</table></div>\n</section>\n");
  }

  private String badge(Severity severity) {
    return "<span class=\"badge "
        + JsonModel.label(severity)
        + "\">"
        + esc(labels.name("severity", severity))
        + "</span>";
  }

  private static List<Severity> mostSevereFirst() {
    List<Severity> list = new ArrayList<>(List.of(Severity.values()));
    list.sort(Comparator.reverseOrder());
    return list;
  }

  private static String deviceId(int index) {
    return "device-" + (index + 1);
  }

  /** An escaped label. */
  private String label(String key) {
    return esc(labels.get(key));
  }

  /** {@code s} on one line, escaped for HTML text and double- or single-quoted attributes. */
  static String esc(String s) {
    return escaped(Text.oneLine(s));
  }

  /** {@code s} escaped for HTML text, its line breaks kept for a {@code pre-line} element. */
  static String escLines(String s) {
    return escaped(Text.multiLine(s).replace("\r\n", "\n").replace('\r', '\n'));
  }

  private static String escaped(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /** The CSP source expression of a style sheet: {@code sha256-} and its Base64 digest. */
  static String sha256(String css) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(css.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
