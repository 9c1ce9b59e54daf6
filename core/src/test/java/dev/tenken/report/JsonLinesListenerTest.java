package dev.tenken.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenken.CheckResult;
import dev.tenken.Finding;
import dev.tenken.ScanProgress;
import dev.tenken.Target;
import dev.tenken.TargetResult;
import dev.tenken.Tenken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JsonLinesListenerTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A stream whose bytes become visible only when flushed, like a pipe read by another process. */
  private static final class FlushedOnly extends OutputStream {
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final ByteArrayOutputStream visible = new ByteArrayOutputStream();
    private boolean closed;

    @Override
    public void write(int b) {
      pending.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      pending.write(b, off, len);
    }

    @Override
    public void flush() {
      visible.writeBytes(pending.toByteArray());
      pending.reset();
    }

    @Override
    public void close() {
      closed = true;
    }

    /** The complete lines visible so far. */
    List<String> lines() {
      String text = visible.toString(StandardCharsets.UTF_8);
      int end = text.lastIndexOf('\n');
      return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n", -1));
    }

    String visibleText() {
      return visible.toString(StandardCharsets.UTF_8);
    }
  }

  /**
   * Plays the sample scan into {@code listener} the way the runner does: each result before its
   * findings, the target when it ends, progress after each target, the summary last; checks that
   * exactly one line became visible after each event that writes one.
   */
  private static void play(Report report, JsonLinesListener listener, FlushedOnly out) {
    int lines = 0;
    for (TargetResult t : report.targets()) {
      listener.targetStarted(t.target());
      assertThat(out.lines()).as("targetStarted writes nothing").hasSize(lines);
      for (CheckResult r : t.results()) {
        listener.result(t.target(), r);
        assertThat(out.lines()).as("result line flushed at once").hasSize(++lines);
        for (Finding f : r.findings()) {
          listener.finding(t.target(), f);
          assertThat(out.lines()).as("finding line flushed at once").hasSize(++lines);
        }
      }
      listener.targetFinished(t);
      assertThat(out.lines()).as("target line flushed at once").hasSize(++lines);
      listener.progress(new ScanProgress(1, 1, 0, 1, 1, Duration.ZERO));
      assertThat(out.lines()).as("progress writes nothing").hasSize(lines);
    }
    listener.scanFinished(report.summary());
    assertThat(out.lines()).as("summary line flushed at once").hasSize(++lines);
  }

  @Test
  void writesOneFlushedLinePerEventInEventOrder() throws IOException {
    Report report = SampleReports.sample();
    FlushedOnly out = new FlushedOnly();
    play(report, new JsonLinesListener(out), out);

    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.lines()) {
      lines.add(MAPPER.readTree(line));
    }
    List<String> types = lines.stream().map(n -> n.get("type").asText()).toList();
    assertThat(types)
        .containsExactly(
            "result", "finding", // no-auth
            "result", "finding", "finding", // known CVEs
            "result", "finding", // panel title
            "result", "result", "result", // pass, error, skip
            "target", "target", "target", "summary");
    assertThat(lines).allMatch(JsonNode::isObject);
    assertThat(out.closed).as("the caller owns the stream").isFalse();

    JsonNode result = lines.get(2);
    assertThat(result.get("target").asText()).isEqualTo("127.0.0.1:6379,80,554");
    assertThat(result.get("checkId").asText()).isEqualTo(SampleReports.KNOWN_CVE);
    assertThat(result.get("status").asText()).isEqualTo("fail");
    assertThat(result.has("findings")).as("findings come as their own lines").isFalse();
    assertThat(
            List.of(result.at("/fingerprints/0").asText(), result.at("/fingerprints/1").asText()))
        .containsExactly(
            lines.get(3).get("fingerprint").asText(), lines.get(4).get("fingerprint").asText());

    JsonNode finding = lines.get(1);
    assertThat(finding.get("checkId").asText()).isEqualTo(SampleReports.NO_AUTH);
    assertThat(finding.get("severity").asText()).isEqualTo("critical");
    assertThat(finding.get("target").asText()).isEqualTo("127.0.0.1:6379,80,554");
    assertThat(finding.at("/evidence/info").asText()).isEqualTo(SampleReports.HOSTILE_BANNER);

    JsonNode target = lines.get(10);
    assertThat(target.get("status").asText()).isEqualTo("scanned");
    assertThat(target.get("address").asText()).isEqualTo("127.0.0.1");
    assertThat(target.at("/identity/vendor/value").asText()).isEqualTo("Acme & Sons");
    assertThat(target.has("results")).isFalse();
    assertThat(lines.get(11).get("status").asText()).isEqualTo("out_of_scope");
    assertThat(lines.get(12).get("address").isNull()).isTrue();

    JsonNode summary = lines.get(13);
    assertThat(summary.get("tool").asText()).isEqualTo("Tenken");
    assertThat(summary.get("version").asText()).isEqualTo(Tenken.version());
    assertThat(summary.get("schemaVersion").asText()).isEqualTo("1");
    assertThat(summary.get("findings").asLong()).isEqualTo(4);
    assertThat(summary.at("/findingsByCountermeasure/software_update").asLong()).isEqualTo(2);
    assertThat(summary.at("/targetsByStatus/unreachable").asLong()).isEqualTo(1);

    assertThat(out.visibleText()).contains("日本語のバナー").doesNotContain("\u0001").endsWith("}\n");
  }

  @Test
  void reportFormatWritesTheLinesTheListenerWrote() throws IOException {
    Report report = SampleReports.sample();
    FlushedOnly heard = new FlushedOnly();
    play(
        report,
        new JsonLinesListener(
            new OutputStreamWriter(heard, StandardCharsets.UTF_8), report.tool(), report.version()),
        heard);

    ByteArrayOutputStream written = new ByteArrayOutputStream();
    ReportFormat.JSONL.write(report, written);

    assertThat(written.toString(StandardCharsets.UTF_8)).isEqualTo(heard.visibleText());
    assertThat(written.toString(StandardCharsets.UTF_8).lines())
        .hasSize(14)
        .last()
        .satisfies(
            l ->
                assertThat(MAPPER.readTree(l).get("version").asText()).isEqualTo("0.1.0-SNAPSHOT"));
  }

  @Test
  void writerFailureIsUncheckedAndFormatFailureIsChecked() {
    Writer broken =
        new Writer() {
          @Override
          public void write(char[] cbuf, int off, int len) throws IOException {
            throw new IOException("disk full");
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    JsonLinesListener listener = new JsonLinesListener(broken);
    assertThatThrownBy(() -> listener.scanFinished(SampleReports.sample().summary()))
        .isInstanceOf(UncheckedIOException.class)
        .hasRootCauseMessage("disk full");

    OutputStream brokenStream =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            throw new IOException("pipe closed");
          }
        };
    assertThatThrownBy(() -> ReportFormat.JSONL.write(SampleReports.sample(), brokenStream))
        .isInstanceOf(IOException.class)
        .hasMessage("pipe closed");
  }

  @Test
  void linesNeverInterleaveAcrossThreads() throws Exception {
    Report report = SampleReports.sample();
    Target target = report.targets().get(0).target();
    List<Finding> findings = report.findings().toList();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JsonLinesListener listener = new JsonLinesListener(out);

    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 200; i++) {
                    listener.finding(target, findings.get(i % findings.size()));
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(1600);
    Set<String> fingerprints = new HashSet<>();
    for (String line : lines) {
      JsonNode node = MAPPER.readTree(line);
      assertThat(node.get("type").asText()).isEqualTo("finding");
      fingerprints.add(node.get("fingerprint").asText());
    }
    assertThat(fingerprints).hasSize(findings.size());
  }
}
