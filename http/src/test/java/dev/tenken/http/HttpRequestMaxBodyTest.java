package dev.tenken.http;

import static dev.tenken.http.Scans.result;
import static dev.tenken.http.Scans.runner;
import static dev.tenken.http.Scans.scan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenken.CheckResult;
import dev.tenken.spi.Outcome;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@link HttpRequest.Builder#maxBody}: a per-request body cap below the check's read cap, against a
 * raw loopback server that sends an endless body (an MJPEG stream never ends). The check must get a
 * truncated reply of exactly the cap, well before its deadline, and the server must see the
 * connection closed.
 */
class HttpRequestMaxBodyTest {

  /** Sends a multipart head and then 1 KiB blocks until the client goes away; counts the bytes. */
  private static Scans.RawServer endless(AtomicLong sent, CompletableFuture<Long> stopped)
      throws IOException {
    return new Scans.RawServer(
        "127.0.0.1",
        s -> {
          Scans.RawServer.readHead(s);
          Scans.RawServer.write(
              s,
              "HTTP/1.1 200 OK\r\n"
                  + "Content-Type: multipart/x-mixed-replace; boundary=frame\r\n"
                  + "Connection: close\r\n\r\n");
          byte[] block = new byte[1024];
          Arrays.fill(block, (byte) 'x');
          OutputStream out = s.getOutputStream();
          try {
            while (true) {
              out.write(block);
              out.flush();
              sent.addAndGet(block.length);
            }
          } catch (IOException e) {
            stopped.complete(sent.get());
          }
        });
  }

  private static TestCheck reader(HttpRequest request) {
    return TestCheck.of(
        "endless",
        (e, c) -> {
          long begin = System.nanoTime();
          try (HttpProbe probe = HttpProbe.of(c)) {
            HttpReply r = probe.send(e, request);
            Map<String, String> m = new LinkedHashMap<>();
            m.put("length", String.valueOf(r.bodyLength()));
            m.put("truncated", String.valueOf(r.truncated()));
            m.put(
                "millis", String.valueOf(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin)));
            return Outcome.pass("read", m);
          }
        });
  }

  @Test
  void anEndlessBodyIsCutAtTheRequestCapAndTheConnectionClosedBeforeTheDeadline() throws Exception {
    AtomicLong sent = new AtomicLong();
    CompletableFuture<Long> stopped = new CompletableFuture<>();
    try (Scans.RawServer device = endless(sent, stopped)) {
      HttpRequest request = HttpRequest.builder("GET", "/video.mjpg").maxBody(8192).build();
      CheckResult r =
          result(
              scan(
                  runner(reader(request)).checkTimeout(Duration.ofSeconds(30)),
                  "http://127.0.0.1:" + device.port()),
              "endless");

      // PASS means the probe returned: the deadline (30 s) would have made it an ERROR.
      assertThat(r.status()).as(r.detail()).isEqualTo(CheckResult.Status.PASS);
      assertThat(r.evidence()).containsEntry("length", "8192").containsEntry("truncated", "true");
      assertThat(Long.parseLong(r.evidence().get("millis"))).isLessThan(25_000);
      // The client closed: the server's writes failed and it stopped streaming.
      long total = stopped.get(10, TimeUnit.SECONDS);
      assertThat(total).isLessThan(64L * 1024 * 1024);
    }
  }

  @Test
  void theContextReadCapStillWinsWhenItIsLower() throws Exception {
    AtomicLong sent = new AtomicLong();
    CompletableFuture<Long> stopped = new CompletableFuture<>();
    try (Scans.RawServer device = endless(sent, stopped)) {
      HttpRequest request = HttpRequest.builder("GET", "/").maxBody(1 << 20).build();
      CheckResult r =
          result(
              scan(
                  runner(reader(request)).readCap(4096).checkTimeout(Duration.ofSeconds(30)),
                  "http://127.0.0.1:" + device.port()),
              "endless");

      assertThat(r.status()).as(r.detail()).isEqualTo(CheckResult.Status.PASS);
      assertThat(r.evidence()).containsEntry("length", "4096").containsEntry("truncated", "true");
    }
  }

  @Test
  void withoutARequestCapTheReadCapApplies() throws Exception {
    AtomicLong sent = new AtomicLong();
    CompletableFuture<Long> stopped = new CompletableFuture<>();
    try (Scans.RawServer device = endless(sent, stopped)) {
      CheckResult r =
          result(
              scan(
                  runner(reader(HttpRequest.get("/"))).readCap(20_000),
                  "http://127.0.0.1:" + device.port()),
              "endless");

      assertThat(r.status()).as(r.detail()).isEqualTo(CheckResult.Status.PASS);
      assertThat(r.evidence()).containsEntry("length", "20000").containsEntry("truncated", "true");
    }
  }

  @Test
  void theCapIsKeptByDerivedRequestsAndMustBePositive() {
    HttpRequest request = HttpRequest.builder("GET", "/").maxBody(100).build();
    assertThat(request.maxBody()).hasValue(100);
    assertThat(request.followRedirects(1).maxBody()).hasValue(100);
    assertThat(HttpRequest.get("/").maxBody()).isEmpty();
    assertThatThrownBy(() -> HttpRequest.builder("GET", "/").maxBody(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive");
    assertThatThrownBy(() -> HttpRequest.builder("GET", "/").maxBody(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
