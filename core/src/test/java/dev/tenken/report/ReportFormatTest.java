package dev.tenken.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReportFormatTest {

  private static byte[] write(ReportFormat format, Report report) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    format.write(report, out);
    return out.toByteArray();
  }

  @Test
  void parsesItsNamesInAnyCase() {
    assertThat(ReportFormat.parse("json")).isEqualTo(ReportFormat.JSON);
    assertThat(ReportFormat.parse("jsonl")).isEqualTo(ReportFormat.JSONL);
    assertThat(ReportFormat.parse("sarif")).isEqualTo(ReportFormat.SARIF);
    assertThat(ReportFormat.parse("junit")).isEqualTo(ReportFormat.JUNIT);
    assertThat(ReportFormat.parse("markdown")).isEqualTo(ReportFormat.MARKDOWN);
    assertThat(ReportFormat.parse(" SARIF ")).isEqualTo(ReportFormat.SARIF);
  }

  @Test
  void unknownNameListsTheAcceptedOnes() {
    for (String bad : new String[] {"junit-xml", "md", "", "yaml"}) {
      assertThatThrownBy(() -> ReportFormat.parse(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "unknown report format '"
                  + bad
                  + "': use one of json, jsonl, sarif, junit, markdown, html");
    }
    assertThatThrownBy(() -> ReportFormat.parse(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void extensions() {
    assertThat(ReportFormat.values())
        .extracting(ReportFormat::extension)
        .containsExactly("json", "jsonl", "sarif", "xml", "md", "html");
  }

  @ParameterizedTest
  @EnumSource(ReportFormat.class)
  void sameReportGivesSameBytes(ReportFormat format) throws IOException {
    byte[] first = write(format, SampleReports.sample());
    assertThat(first).isNotEmpty();
    assertThat(write(format, SampleReports.sample())).isEqualTo(first);
    // Maps the model keeps unordered, filled in another order, change nothing.
    assertThat(new String(write(format, SampleReports.sample(true)), StandardCharsets.UTF_8))
        .isEqualTo(new String(first, StandardCharsets.UTF_8));
    assertThat(new String(first, StandardCharsets.UTF_8)).doesNotContain("\r").endsWith("\n");
  }

  @ParameterizedTest
  @EnumSource(ReportFormat.class)
  void flushesButNeverClosesTheStream(ReportFormat format) throws IOException {
    boolean[] closed = {false};
    int[] flushes = {0};
    OutputStream out =
        new ByteArrayOutputStream() {
          @Override
          public void flush() {
            flushes[0]++;
          }

          @Override
          public void close() {
            closed[0] = true;
          }
        };
    format.write(SampleReports.sample(), out);
    assertThat(closed[0]).isFalse();
    assertThat(flushes[0]).isPositive();
  }

  @ParameterizedTest
  @EnumSource(ReportFormat.class)
  void rejectsNulls(ReportFormat format) {
    assertThatThrownBy(() -> format.write(null, new ByteArrayOutputStream()))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> format.write(SampleReports.sample(), null))
        .isInstanceOf(NullPointerException.class);
  }
}
