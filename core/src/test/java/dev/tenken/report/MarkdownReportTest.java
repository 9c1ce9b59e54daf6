package dev.tenken.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.Reference;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {
  /** A CommonMark code span: a run of backticks, content, the same run not followed by another. */
  private static final Pattern CODE_SPAN = Pattern.compile("(?<!`)(`+)(?!`)(.+?)(?<!`)\\1(?!`)");

  private static String markdown(Report report) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ReportFormat.MARKDOWN.write(report, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void deviceTextCannotInjectHtml() throws IOException {
    String md = markdown(SampleReports.sample());

    assertThat(md).doesNotContainIgnoringCase("<script");
    assertThat(md)
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; IPカメラ\\|X")
        .contains("#### Web panel titled &lt;script&gt;alert('panel')&lt;/script&gt;")
        .contains("Acme &amp; Sons");
    // Outside code spans (which CommonMark shows literally) no '<' is left at all.
    String prose = CODE_SPAN.matcher(md).replaceAll("");
    assertThat(prose).doesNotContain("<");
    assertThat(md).doesNotContain("\u0001").doesNotContain("\u0002");
  }

  @Test
  void evidenceIsInCodeSpansWithBackticksAndPipesEscaped() throws IOException {
    String md = markdown(SampleReports.sample());

    // One backtick inside: a fence of two; the pipe escaped for the table; U+0001 visible.
    assertThat(md).contains("| info | ``os:Linux <x86_64> & co \\| `whoami` \\u0001 日本語のバナー`` |");
    // A run of two backticks inside: a fence of three; a Markdown link inside stays literal.
    assertThat(md)
        .contains("| title | ```IPカメラ \\| <Acme> ``admin`` [link](https://evil.example)``` |");
    assertThat(md).contains("| reply | `+PONG` |");
  }

  @Test
  void everyTableRowHasTheHeadersNumberOfCells() throws IOException {
    String md = markdown(SampleReports.sample());
    int tables = 0;
    int columns = -1;
    for (String line : md.split("\n")) {
      if (!line.startsWith("|")) {
        columns = -1;
        continue;
      }
      int cells = unescapedPipes(line) - 1;
      if (columns < 0) {
        columns = cells;
        tables++;
      }
      assertThat(cells).as("cells in %s", line).isEqualTo(columns);
    }
    assertThat(tables).as("3 summary tables, inventory, 4 evidence tables").isEqualTo(8);
  }

  @Test
  void summaryInventoryFindingsAndErrors() throws IOException {
    String md = markdown(SampleReports.sample());

    assertThat(md).startsWith("# Tenken scan report\n");
    assertThat(md)
        .contains("| scanned | 1 |\n| unreachable | 1 |")
        .contains("| out_of_scope | 1 |")
        .contains("| critical | 1 |\n| high | 1 |\n| medium | 1 |\n| low | 0 |\n| info | 1 |")
        .contains("| software_update | 2 |")
        .contains("6 check results: 1 pass, 3 fail, 1 skip, 1 error.");
    assertThat(md)
        .contains("| `127.0.0.1:6379,80,554` | 127.0.0.1 (loopback) | scanned | Acme &amp; Sons | ")
        .contains("| 1.2.3\\`echo\\` | 6379/tcp redis, 80/tcp http, 554/tcp rtsp |")
        .contains("| `redis://db.invalid:16379` | — | unreachable: db.invalid did not resolve |");

    // Highest severity first; empty severities left out.
    List<Integer> order = new ArrayList<>();
    for (String heading :
        List.of("### Critical (1)", "### High (1)", "### Medium (1)", "### Info (1)")) {
      assertThat(md).contains(heading);
      order.add(md.indexOf(heading));
    }
    assertThat(order).isSorted();
    assertThat(md).doesNotContain("### Low");
    assertThat(md.indexOf("#### Redis answers without authentication"))
        .isBetween(order.get(0), order.get(1));

    assertThat(md)
        .contains("- **Endpoint:** `tcp://127.0.0.1:6379` (redis) on `127.0.0.1:6379,80,554`")
        .contains("- **Confidence:** tentative · **Countermeasure:** software_update")
        .contains("- **Remediation:** Upgrade to 7.2.11 or later.")
        .contains("[CWE-306](https://cwe.mitre.org/data/definitions/306.html)")
        .contains("[CVE-2025-49844](https://www.cve.org/CVERecord?id=CVE-2025-49844)");

    assertThat(md.substring(md.indexOf("## Errors")))
        .isEqualTo(
            "## Errors\n\n- `camera.rtsp.no-auth` on `tcp://127.0.0.1:554`: malformed reply:"
                + " RTSP/1.0 &lt;garbage&gt; &amp; \\\\u0001\\\\u0002 end\n\n");
  }

  @Test
  void textEscaping() {
    assertThat(MarkdownWriter.text("[x](https://evil.example) *b* _i_ `c` | # ~s~ $m$ \\ !"))
        .isEqualTo(
            "\\[x\\](https\\://evil.example) \\*b\\* \\_i\\_ \\`c\\` \\| \\# \\~s\\~ \\$m\\$ \\\\ \\!");
    assertThat(MarkdownWriter.text("see www.example.com")).isEqualTo("see www\\.example.com");
    assertThat(MarkdownWriter.text("a\nb\u202Ec")).isEqualTo("a\\\\nb\\\\u202Ec");
    assertThat(MarkdownWriter.text("&lt; <!-- x -->")).isEqualTo("&amp;lt; &lt;\\!-- x --&gt;");
  }

  @Test
  void codeSpans() {
    assertThat(MarkdownWriter.code("plain", false)).isEqualTo("`plain`");
    assertThat(MarkdownWriter.code("`edge`", false)).isEqualTo("`` `edge` ``");
    assertThat(MarkdownWriter.code("a ``` b", false)).isEqualTo("````a ``` b````");
    assertThat(MarkdownWriter.code("a|b", true)).isEqualTo("`a\\|b`");
    assertThat(MarkdownWriter.code("a|b", false)).isEqualTo("`a|b`");
    assertThat(MarkdownWriter.code(" padded ", false)).isEqualTo("`  padded  `");
    assertThat(MarkdownWriter.code("line\nbreak", true)).isEqualTo("`line\\nbreak`");
    assertThat(MarkdownWriter.code("", true)).isEqualTo("*(empty)*");
  }

  @Test
  void linksAreEncoded() {
    assertThat(MarkdownWriter.link(Reference.url("https://example.com/a b)(<x>|")))
        .isEqualTo(
            "[https\\://example.com/a b)(&lt;x&gt;\\|](https://example.com/a%20b%29%28%3Cx%3E%7C)");
  }

  @Test
  void emptyReportSaysSo() throws IOException {
    Report empty =
        new Report("Tenken", "1.0.0", List.of(), List.of(), SampleReports.summarize(List.of()));
    String md = markdown(empty);
    assertThat(md).contains("No targets.").contains("No findings.").doesNotContain("## Errors");
  }

  /** Pipes that split cells: in GitHub-flavoured Markdown, any pipe not right after a backslash. */
  private static int unescapedPipes(String line) {
    int count = 0;
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == '|' && (i == 0 || line.charAt(i - 1) != '\\')) {
        count++;
      }
    }
    return count;
  }
}
