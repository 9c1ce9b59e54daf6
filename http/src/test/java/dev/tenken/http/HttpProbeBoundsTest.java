package dev.tenken.http;

import static dev.tenken.http.Scans.result;
import static dev.tenken.http.Scans.runner;
import static dev.tenken.http.Scans.scan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.CheckResult;
import dev.tenken.TargetResult;
import dev.tenken.spi.Outcome;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Devices that lie about lengths or never stop sending, played by raw loopback servers (WireMock
 * cannot lie), driven through the real runner.
 */
class HttpProbeBoundsTest {
  private static final long TWO_GB = 2_000_000_000L;

  /** Bytes the calling thread has allocated so far (HotSpot). */
  private static long allocated() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }

  @Test
  void aContentLengthOfTwoGigabytesWithLittleSentAllocatesLittleAndEndsAtOnce() throws Exception {
    try (Scans.RawServer device =
        new Scans.RawServer(
            "127.0.0.1",
            s -> {
              Scans.RawServer.readHead(s);
              Scans.RawServer.write(
                  s,
                  "HTTP/1.1 200 OK\r\nContent-Length: "
                      + TWO_GB
                      + "\r\nContent-Type: text/plain\r\n\r\nonly a little");
              s.close();
            })) {
      TestCheck check =
          TestCheck.of(
              "liar",
              (e, c) -> {
                long before = allocated();
                long begin = System.nanoTime();
                try (HttpProbe probe = HttpProbe.of(c)) {
                  HttpReply r = probe.get(e, "/");
                  Map<String, String> m = new LinkedHashMap<>();
                  m.put("body", r.bodyText());
                  m.put("truncated", String.valueOf(r.truncated()));
                  m.put("content-length", r.header("Content-Length").orElse("-"));
                  m.put("allocated", String.valueOf(allocated() - before));
                  m.put(
                      "millis",
                      String.valueOf(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin)));
                  return Outcome.pass("read", m);
                }
              });

      CheckResult r =
          result(
              scan(
                  runner(check).checkTimeout(Duration.ofSeconds(5)),
                  "http://127.0.0.1:" + device.port()),
              "liar");

      assertThat(r.status()).as(r.detail()).isEqualTo(CheckResult.Status.PASS);
      assertThat(r.evidence())
          .containsEntry("body", "only a little")
          .containsEntry("truncated", "true")
          .containsEntry("content-length", String.valueOf(TWO_GB));
      assertThat(Long.parseLong(r.evidence().get("allocated"))).isLessThan(32L * 1024 * 1024);
      assertThat(Long.parseLong(r.evidence().get("millis"))).isLessThan(2000);
    }
  }

  @Test
  void aContentLengthOfTwoGigabytesThenSilenceEndsInErrorWithinDeadlinePlusOneSecond()
      throws Exception {
    try (Scans.RawServer device =
        new Scans.RawServer(
            "127.0.0.1",
            s -> {
              Scans.RawServer.readHead(s);
              Scans.RawServer.write(
                  s, "HTTP/1.1 200 OK\r\nContent-Length: " + TWO_GB + "\r\n\r\nthe start");
              Thread.sleep(10_000); // and then nothing, connection kept open
            })) {
      AtomicReference<IOException> thrown = new AtomicReference<>();
      AtomicLong allocatedBeforeThrow = new AtomicLong(-1);
      TestCheck check =
          TestCheck.of(
              "silent-liar",
              (e, c) -> {
                long before = allocated();
                try (HttpProbe probe = HttpProbe.of(c)) {
                  return Outcome.pass("read " + probe.get(e, "/").bodyLength());
                } catch (IOException ex) {
                  allocatedBeforeThrow.set(allocated() - before);
                  thrown.set(ex);
                  throw ex;
                }
              });

      long begin = System.nanoTime();
      TargetResult target =
          scan(
              runner(check).checkTimeout(Duration.ofSeconds(1)),
              "http://127.0.0.1:" + device.port());
      long wall = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);

      assertThat(result(target, "silent-liar").status()).isEqualTo(CheckResult.Status.ERROR);
      assertThat(wall).isLessThan(2000);
      for (int i = 0; i < 100 && thrown.get() == null; i++) {
        Thread.sleep(20);
      }
      assertThat(thrown.get()).isInstanceOf(SocketTimeoutException.class);
      assertThat(thrown.get().getMessage()).contains("deadline");
      assertThat(allocatedBeforeThrow.get()).isBetween(0L, 32L * 1024 * 1024);
    }
  }

  @Test
  void readingStopsAtTheCapWithoutDrainingTheRest() throws Exception {
    long size = 64L * 1024 * 1024;
    CompletableFuture<Long> written = new CompletableFuture<>();
    try (Scans.RawServer device =
        new Scans.RawServer(
            "127.0.0.1",
            s -> {
              Scans.RawServer.readHead(s);
              Scans.RawServer.write(s, "HTTP/1.1 200 OK\r\nContent-Length: " + size + "\r\n\r\n");
              OutputStream out = s.getOutputStream();
              byte[] block = new byte[64 * 1024];
              long sent = 0;
              try {
                while (sent < size) {
                  out.write(block);
                  sent += block.length;
                }
                out.flush();
              } catch (IOException e) {
                // The client shut the connection: what we are measuring.
              }
              written.complete(sent);
            })) {
      TestCheck check =
          TestCheck.of(
              "endless",
              (e, c) -> {
                try (HttpProbe probe = HttpProbe.of(c)) {
                  HttpReply r = probe.get(e, "/");
                  return Outcome.pass(
                      "read",
                      Map.of(
                          "length",
                          String.valueOf(r.bodyLength()),
                          "truncated",
                          String.valueOf(r.truncated())));
                }
              });

      CheckResult r =
          result(
              scan(runner(check).readCap(64 * 1024), "http://127.0.0.1:" + device.port()),
              "endless");

      assertThat(r.evidence()).containsEntry("length", "65536").containsEntry("truncated", "true");
      long sent = written.get(5, TimeUnit.SECONDS);
      assertThat(sent).as("bytes the device managed to write").isLessThan(size);
    }
  }

  @Test
  void aReplyThatIsNotHttpIsAProtocolError() throws Exception {
    try (Scans.RawServer device =
        new Scans.RawServer(
            "127.0.0.1",
            s -> {
              Scans.RawServer.readHead(s);
              Scans.RawServer.write(s, "SSH-2.0-OpenSSH_9.6\r\n");
              s.close();
            })) {
      TestCheck check =
          TestCheck.of(
              "not-http",
              (e, c) -> {
                try (HttpProbe probe = HttpProbe.of(c)) {
                  return Outcome.pass("read " + probe.get(e, "/").status());
                }
              });

      CheckResult r = result(scan(runner(check), "http://127.0.0.1:" + device.port()), "not-http");

      assertThat(r.status()).isEqualTo(CheckResult.Status.ERROR);
      assertThat(r.detail()).startsWith("ProtocolException").contains("HTTP GET http://127.0.0.1:");
    }
  }

  @Test
  void tooManyHeadersAreRefused() throws Exception {
    try (Scans.RawServer device =
        new Scans.RawServer(
            "127.0.0.1",
            s -> {
              Scans.RawServer.readHead(s);
              StringBuilder sb = new StringBuilder("HTTP/1.1 200 OK\r\n");
              for (int i = 0; i < 500; i++) {
                sb.append("X-H").append(i).append(": v\r\n");
              }
              Scans.RawServer.write(s, sb.append("Content-Length: 0\r\n\r\n").toString());
              s.close();
            })) {
      TestCheck check =
          TestCheck.of(
              "many-headers",
              (e, c) -> {
                try (HttpProbe probe = HttpProbe.of(c)) {
                  return Outcome.pass("read " + probe.get(e, "/").headers().size());
                }
              });

      CheckResult r =
          result(scan(runner(check), "http://127.0.0.1:" + device.port()), "many-headers");

      assertThat(r.status()).isEqualTo(CheckResult.Status.ERROR);
      assertThat(r.detail()).startsWith("ProtocolException").containsIgnoringCase("header");
    }
  }
}
