package dev.tenken.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class QuickStartTest {
  private HttpSimulator web;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

  @BeforeEach
  void startWebServer() throws Exception {
    web = new HttpSimulator();
  }

  @AfterEach
  void stopWebServer() throws Exception {
    web.close();
  }

  private String output() {
    return buffer.toString(StandardCharsets.UTF_8);
  }

  @Test
  void printsTheEndpointsOfEachTarget() throws Exception {
    int status = QuickStart.scan(out, "127.0.0.1:" + web.port());

    assertThat(output())
        .contains("127.0.0.1:" + web.port() + ": SCANNED")
        .contains("  endpoint tcp://127.0.0.1:" + web.port() + " http")
        .contains("1 target(s), 0 finding(s)");
    assertThat(status).isZero();
  }

  @Test
  void reportsTargetsOutsideTheScopeWithoutTouchingThem() throws Exception {
    int status = QuickStart.scan(out, "127.0.0.2:" + web.port());

    assertThat(output()).contains("127.0.0.2:" + web.port() + ": OUT_OF_SCOPE");
    assertThat(status).isZero();
  }
}
