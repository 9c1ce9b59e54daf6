package dev.tenken.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenken.AddressClass;
import dev.tenken.CheckResult;
import dev.tenken.Finding;
import dev.tenken.TargetResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
  private static final Pattern ATTRIBUTE =
      Pattern.compile("\\s([a-zA-Z:-]+)\\s*=\\s*(\"[^\"]*\"|'[^']*'|[^\\s>]+)");
  private static final Pattern TAG = Pattern.compile("<([a-zA-Z][a-zA-Z0-9]*)[^>]*>");

  private static String html(Report report) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ReportFormat.HTML.write(report, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String html(Report report, Locale locale) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    HtmlReportWriter.write(report, out, locale);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void deviceTextCannotInjectMarkup() throws IOException {
    String html = html(SampleReports.sample());

    assertThat(html).doesNotContainIgnoringCase("<script").doesNotContain("\u0001", "\u0002");
    assertThat(html)
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; IPカメラ|X")
        .contains("Web panel titled &lt;script&gt;alert(&#39;panel&#39;)&lt;/script&gt;</h4>")
        .contains("Acme &amp; Sons")
        .contains("os:Linux &lt;x86_64&gt; &amp; co | `whoami` \\u0001 日本語のバナー")
        .contains("malformed reply: RTSP/1.0 &lt;garbage&gt; &amp; \\u0001\\u0002 end");
    // Every tag in the page is one the writer writes: the device text added none.
    Set<String> tags = new java.util.TreeSet<>();
    Matcher m = TAG.matcher(html);
    while (m.find()) {
      tags.add(m.group(1).toLowerCase(Locale.ROOT));
    }
    assertThat(tags)
        .isSubsetOf(
            "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "h4",
            "h5", "p", "dl", "dt", "dd", "div", "time", "main", "section", "svg", "text", "rect",
            "ul", "li", "strong", "table", "thead", "tbody", "tr", "th", "td", "caption", "code",
            "a", "span", "br", "article", "footer");
  }

  @Test
  void escapesEveryCharacterThatCouldEndTextOrAnAttribute() {
    assertThat(HtmlReportWriter.esc("<a href=\"x\" title='y'>&amp;</a>\n\u202E"))
        .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;\\n\\u202E");
    assertThat(HtmlReportWriter.escLines("line 1\r\nline <2>\u0000"))
        .isEqualTo("line 1\nline &lt;2&gt;\\u0000");
  }

  @Test
  void loadsNothingAndLinksOnlyToReferences() throws IOException {
    Report report = SampleReports.sample();
    String html = html(report);

    Set<String> referenceLinks =
        report
            .findings()
            .flatMap(f -> f.references().stream())
            .map(r -> HtmlReportWriter.esc(r.link()))
            .collect(Collectors.toSet());
    List<String> hrefs = new ArrayList<>();
    Matcher m = ATTRIBUTE.matcher(html);
    while (m.find()) {
      String name = m.group(1).toLowerCase(Locale.ROOT);
      String value = m.group(2).replaceAll("^[\"']|[\"']$", "");
      assertThat(name).as("attribute").isNotIn("src", "srcset", "action", "formaction", "data");
      assertThat(name).as("event handler attribute").doesNotStartWith("on");
      if (name.equals("href")) {
        hrefs.add(value);
        assertThat(value).matches(v -> v.matches("#device-\\d+") || referenceLinks.contains(v));
      }
    }
    assertThat(hrefs).contains("#device-1").containsAll(referenceLinks);
    assertThat(referenceLinks)
        .contains("https://cwe.mitre.org/data/definitions/306.html")
        .contains("https://www.cve.org/CVERecord?id=CVE-2025-49844");
    assertThat(html)
        .doesNotContain("<link", "<img", "<iframe", "<object", "@import", "url(", "javascript:");
  }

  @Test
  void policyAllowsExactlyTheInlineStyleSheet() throws IOException {
    String html = html(SampleReports.sample());
    String css = html.substring(html.indexOf("<style>") + 7, html.indexOf("</style>"));

    assertThat(html)
        .contains(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src '"
                + HtmlReportWriter.sha256(css)
                + "'; base-uri 'none'; form-action 'none'\">");
    assertThat(html.indexOf("Content-Security-Policy")).isLessThan(html.indexOf("<style>"));
    assertThat(html).containsOnlyOnce("<style>").doesNotContain(" style=");
    assertThat(HtmlReportWriter.sha256(""))
        .isEqualTo("sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
  }

  @Test
  void everySectionInOrder() throws IOException {
    String html = html(SampleReports.sample());

    assertThat(html)
        .startsWith("<!DOCTYPE html>\n<html lang=\"en\">")
        .contains("<title>Tenken scan report</title>")
        .contains("<time datetime=\"2026-01-15T01:02:03Z\">2026-01-15 01:02:03 UTC</time>")
        .contains("<dt>Duration</dt><dd>42.5 s</dd>")
        .contains("<dt>Targets</dt><dd>3</dd>")
        .contains("<dt>Tool</dt><dd>Tenken 0.1.0-SNAPSHOT</dd>")
        .endsWith("</html>\n");
    List<Integer> order = new ArrayList<>();
    for (String section :
        List.of(
            "<section id=\"summary\">",
            "<section id=\"inventory\">",
            "<section id=\"findings\">",
            "<section id=\"errors\">",
            "<footer>")) {
      assertThat(html).containsOnlyOnce(section);
      order.add(html.indexOf(section));
    }
    assertThat(order).isSorted();
  }

  @Test
  void summaryChartsCountBySeverityAndCountermeasure() throws IOException {
    String html = html(SampleReports.sample());
    String summary = section(html, "summary");

    assertThat(summary)
        .contains("<dt>Highest severity</dt><dd><span class=\"badge critical\">Critical</span>")
        .contains("<dt>Passed</dt><dd>1</dd>")
        .contains("<dt>Failed</dt><dd>3</dd>")
        .contains("<dt>Skipped</dt><dd>1</dd>")
        .contains("<dt>Error</dt><dd>1</dd>")
        .contains("<title>Critical: 1, High: 1, Medium: 1, Low: 0, Info: 1</title>")
        .contains(
            "<title>Authentication: 1, Network exposure: 0, Software update: 2, Inventory:"
                + " 1</title>");
    // Bars scale with the largest count; an empty bar has no width.
    assertThat(summary)
        .contains("<rect class=\"bar critical\" x=\"170\" y=\"4\" width=\"300\"")
        .contains("<rect class=\"bar low\" x=\"170\" y=\"88\" width=\"0\"")
        .contains("<rect class=\"bar measure\" x=\"170\" y=\"4\" width=\"150\"")
        .contains("<rect class=\"bar measure\" x=\"170\" y=\"60\" width=\"300\"");
  }

  @Test
  void inventoryShowsIdentityServicesAndExposure() throws IOException {
    String inventory = section(html(SampleReports.sample()), "inventory");

    assertThat(inventory)
        .contains(
            "<th scope=\"row\"><a href=\"#device-1\"><code>127.0.0.1:6379,80,554</code></a></th>"
                + "<td><code>127.0.0.1</code></td><td>Loopback</td><td>—</td>")
        .contains(
            "<td class=\"fact\" title=\"Source: HTTP Server header (Firm)\">Acme &amp; Sons</td>")
        .contains("<td class=\"fact\" title=\"Source: ONVIF GetDeviceInformation (Confirmed)\">")
        .contains(
            "<code>6379/tcp</code> redis, <code>80/tcp</code> http, <code>554/tcp</code> rtsp")
        .contains("<td><span class=\"badge critical\">Critical</span>4</td>")
        .contains("Out of scope<br><span class=\"muted\">203.0.113.7 is outside the scope</span>")
        .contains("<code>redis://db.invalid:16379</code></th><td>—</td><td>—</td>");
  }

  @Test
  void findingsAreGroupedByDeviceMostSevereFirstWithEvidenceAndRemedy() throws IOException {
    String findings = section(html(SampleReports.sample()), "findings");

    assertThat(findings).containsOnlyOnce("<section class=\"device\"");
    assertThat(findings)
        .contains("Findings: 4 · passed: 1 · skipped: 1 · errors: 1")
        .contains("<dt>Check</dt><dd><code>database.redis.no-auth</code></dd>")
        .contains("<dt>Endpoint</dt><dd><code>tcp://127.0.0.1:6379</code> redis</dd>")
        .contains("<dt>Confidence</dt><dd>Tentative</dd>")
        .contains("<dt>Countermeasure</dt><dd>Software update</dd>")
        .contains("<tr><th scope=\"row\">reply</th><td><code>+PONG</code></td></tr>")
        .contains("<h5>Remediation</h5>\n<p class=\"prose\">Upgrade to 7.2.11 or later.</p>")
        .contains(
            "<a href=\"https://cwe.mitre.org/data/definitions/306.html\" rel=\"noopener"
                + " noreferrer external\">CWE-306</a>");
    List<Integer> order = new ArrayList<>();
    for (String title :
        List.of(
            "Redis answers without authentication</h4>",
            "Redis 7.2.4 is affected by CVE-2025-49844</h4>",
            "Redis 7.2.4 is affected by CVE-2024-31449</h4>",
            "Web panel titled")) {
      order.add(findings.indexOf(title));
    }
    assertThat(order).doesNotContain(-1).isSorted();
  }

  @Test
  void errorsListTheirReason() throws IOException {
    assertThat(section(html(SampleReports.sample()), "errors"))
        .contains(
            "<tr><td><code>127.0.0.1:6379,80,554</code></td><td><code>camera.rtsp.no-auth</code>"
                + "</td><td><code>tcp://127.0.0.1:554</code></td><td>malformed reply:");
  }

  @Test
  void publicAddressIsMarkedAndTheRaiseExplained() throws IOException {
    TargetResult scanned = SampleReports.scannedTarget();
    CheckResult first = scanned.results().get(0);
    Finding raised = first.findings().get(0).raisedForPublicAddressCopy();
    CheckResult result =
        new CheckResult(
            first.checkId(),
            first.endpoint(),
            first.status(),
            first.detail(),
            first.evidence(),
            List.of(raised),
            first.elapsed());
    TargetResult exposed =
        new TargetResult(
            scanned.target(),
            scanned.address(),
            AddressClass.PUBLIC,
            scanned.status(),
            scanned.detail(),
            scanned.endpoints(),
            scanned.identity(),
            List.of(result),
            scanned.elapsed());
    Report report =
        new Report(
            "Tenken",
            "1.0.0",
            List.of(),
            List.of(exposed),
            SampleReports.summarize(List.of(exposed)));

    String html = html(report);
    assertThat(html)
        .contains("<td class=\"public\">Public: reachable from the Internet</td>")
        .contains("<p class=\"public\">Severity raised one step: the address is public.</p>")
        .doesNotContain("<section id=\"errors\">");
  }

  @Test
  void japanese() throws IOException {
    String html = html(SampleReports.sample(), Locale.JAPAN);

    assertThat(html)
        .startsWith("<!DOCTYPE html>\n<html lang=\"ja\">")
        .contains("<title>Tenken 点検レポート</title>")
        .contains("<h2>機器一覧</h2>")
        .contains("<span class=\"badge critical\">緊急</span>")
        .contains("<h5>対処方法</h5>")
        .contains("<dt>所要時間</dt><dd>42.5 秒</dd>");
    assertThat(html(SampleReports.sample(), Locale.FRENCH)).isEqualTo(html(SampleReports.sample()));
  }

  @Test
  void emptyReportSaysSo() throws IOException {
    Report empty =
        new Report("Tenken", "1.0.0", List.of(), List.of(), SampleReports.summarize(List.of()));
    String html = html(empty);

    assertThat(html)
        .contains("<p>No targets.</p>")
        .contains("<p>No findings.</p>")
        .contains("<dt>Highest severity</dt><dd>none</dd>")
        .doesNotContain("<section id=\"errors\">");
  }

  @Test
  void rejectsNulls() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Report report = SampleReports.sample();
    assertThatThrownBy(() -> HtmlReportWriter.write(null, out, Locale.ENGLISH))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> HtmlReportWriter.write(report, null, Locale.ENGLISH))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> HtmlReportWriter.write(report, out, null))
        .isInstanceOf(NullPointerException.class);
  }

  /** The text of the section with id {@code id}, up to the next top-level section. */
  private static String section(String html, String id) {
    int start = html.indexOf("<section id=\"" + id + "\">");
    assertThat(start).as("section %s", id).isNotNegative();
    int end = html.indexOf("<section id=", start + 1);
    return html.substring(start, end < 0 ? html.indexOf("</main>") : end);
  }
}
