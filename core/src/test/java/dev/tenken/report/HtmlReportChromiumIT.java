package dev.tenken.report;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTML report in a real browser: Debian's {@code chromium}, headless, opens the sample report
 * from a {@code file:} URL, dumps the DOM it built and takes a screenshot into {@code
 * target/html-report/}. The page must render the findings, show the hostile device text as text,
 * and log nothing to the console: a Content-Security-Policy violation (a blocked style or script)
 * or any script error would appear there. A third run proves that such a violation is caught.
 *
 * <p>Skipped when chromium is not installed, unless the environment variable {@code CI} is set:
 * then its absence fails the test. Each browser run is bounded to 60 seconds.
 */
class HtmlReportChromiumIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path OUT = Path.of("target", "html-report");
  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @BeforeAll
  static void chromiumInstalled() throws IOException {
    boolean installed = Files.isExecutable(CHROMIUM);
    if (!installed && System.getenv("CI") != null) {
      fail(CHROMIUM + " is missing: install the Debian package chromium (CI is set, so no skip)");
    }
    assumeTrue(installed, "skipped: " + CHROMIUM + " is missing (apt-get install chromium)");
    Files.createDirectories(OUT);
  }

  /** What one headless chromium run printed. */
  private record Run(int exit, String dom, String log) {
    /** The lines the page's console logged: CSP violations, script errors, anything. */
    List<String> consoleLines() {
      return log.lines().filter(l -> l.contains(":CONSOLE")).toList();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "ja"})
  void pageRendersWithoutConsoleMessages(String language) throws Exception {
    Path page = OUT.resolve("report-" + language + ".html");
    try (OutputStream out = Files.newOutputStream(page)) {
      HtmlReportWriter.write(SampleReports.sample(), out, Locale.forLanguageTag(language));
    }
    Path screenshot = OUT.resolve("report-" + language + ".png");
    Files.deleteIfExists(screenshot);

    Run run = chromium(page, screenshot);

    assertThat(run.exit()).as("chromium exit status; its log:\n%s", run.log()).isZero();
    assertThat(run.consoleLines()).as("console messages of the page").isEmpty();
    assertThat(run.dom())
        .contains("<html lang=\"" + language + "\">")
        .contains("Redis answers without authentication")
        .contains("Web panel titled &lt;script&gt;alert('panel')&lt;/script&gt;")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; IPカメラ|X")
        .contains("CVE-2025-49844")
        .contains("<svg class=\"chart\"")
        .doesNotContain("<script");
    byte[] png = Files.readAllBytes(screenshot);
    assertThat(png).startsWith(PNG_MAGIC);
    assertThat(png.length)
        .as("screenshot bytes: a rendered page, not a blank one")
        .isGreaterThan(50_000);
  }

  @Test
  void aPolicyViolationWouldBeCaught() throws Exception {
    String html = HtmlReportWriter.render(SampleReports.sample(), ReportLabels.of(Locale.ENGLISH));
    Path page = OUT.resolve("violation.html");
    Files.writeString(
        page, html.replace("</main>", "<p style=\"color:red\">x</p><script>1</script></main>"));

    Run run = chromium(page, OUT.resolve("violation.png"));

    assertThat(run.consoleLines())
        .anyMatch(l -> l.contains("Content Security Policy") && l.contains("inline script"))
        .anyMatch(l -> l.contains("Content Security Policy") && l.contains("inline style"));
  }

  /** Opens {@code page} in headless chromium, dumps its DOM and screenshots it. */
  private static Run chromium(Path page, Path screenshot) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("tenken-chromium");
    Path dom = Files.createTempFile("tenken-dom", ".html");
    Path log = Files.createTempFile("tenken-chromium", ".log");
    List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless=new"));
    command.addAll(
        List.of(
            "--no-sandbox", // the tests may run as root, where the sandbox refuses to start
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--user-data-dir=" + profile,
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=1280,2000",
            "--screenshot=" + screenshot.toAbsolutePath(),
            "--dump-dom",
            page.toAbsolutePath().toUri().toString()));
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(dom.toFile())
            .redirectError(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        fail("chromium did not finish within 60 s; its log:\n" + Files.readString(log, UTF_8));
      }
      return new Run(p.exitValue(), Files.readString(dom, UTF_8), Files.readString(log, UTF_8));
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      Files.deleteIfExists(dom);
      Files.deleteIfExists(log);
      deleteTree(profile);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
