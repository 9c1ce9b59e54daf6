package dev.tenken.camera;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.Check;
import dev.tenken.CheckResult;
import dev.tenken.CheckRunner;
import dev.tenken.Safety;
import dev.tenken.Scope;
import dev.tenken.Target;
import dev.tenken.test.sim.RtspCameraSimulator;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Hostile RTSP replies end every RTSP check with ERROR and a reason naming what was wrong, within
 * the deadline, without allocating from the device's lengths.
 */
class RtspHostileRepliesTest {

  void assertError(Function<String, byte[]> reply, String reason, List<Check> checks)
      throws Exception {
    try (RtspCameraSimulator sim = RtspCameraSimulator.builder().rawReply(reply).start()) {
      for (Check c : checks) {
        long start = System.nanoTime();
        CheckResult r =
            CheckRunner.builder()
                .check(c)
                .scope(Scope.of("127.0.0.0/8"))
                .enable(Safety.CREDENTIAL_ATTEMPT)
                .checkTimeout(Duration.ofSeconds(3))
                .build()
                .scan(List.of(Target.parse(sim.target())))
                .results()
                .findFirst()
                .orElseThrow();
        assertThat(r.status())
            .as("%s on %s: %s", c.id(), reason, r.detail())
            .isEqualTo(CheckResult.Status.ERROR);
        assertThat(r.detail()).as("%s on %s", c.id(), reason).containsIgnoringCase(reason);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
      }
    }
  }

  void assertErrorEverywhere(String reply, String reason) throws Exception {
    assertError(line -> reply.getBytes(ISO_8859_1), reason, RtspChecks.ALL);
  }

  @Test
  void truncatedBody() throws Exception {
    assertErrorEverywhere(
        "RTSP/1.0 404 Not Found\r\nContent-Length: 100\r\n\r\nv=0\r\n",
        "the body ended after 5 of 100 bytes");
  }

  @Test
  void truncatedStatusLine() throws Exception {
    assertErrorEverywhere("RTSP/1.0 2", "truncated RTSP reply");
  }

  @Test
  void contentLengthOverTheCap() throws Exception {
    assertErrorEverywhere(
        "RTSP/1.0 404 Not Found\r\nContent-Length: 70000\r\n\r\n" + "x".repeat(70000),
        "more than the 65536-byte cap");
  }

  @Test
  void aGigabyteContentLengthLie() throws Exception {
    assertErrorEverywhere(
        "RTSP/1.0 200 OK\r\n"
            + "Content-Type: application/sdp\r\n"
            + "Content-Length: 1073741824\r\n\r\n"
            + "v=0\r\n",
        "announces 1073741824 bytes");
  }

  @Test
  void absurdContentLength() throws Exception {
    assertErrorEverywhere(
        "RTSP/1.0 404 Not Found\r\nContent-Length: 99999999999999999999999\r\n\r\n",
        "Content-Length");
  }

  @Test
  void garbage() throws Exception {
    assertErrorEverywhere("GARBAGE-GARBAGE-GARBAGE\r\n\r\n", "not an RTSP reply");
  }

  @Test
  void interleavedRtpData() throws Exception {
    assertErrorEverywhere("$\u0000\u0000\u0004abcd", "interleaved RTP data");
  }

  @Test
  void endlessHeaders() throws Exception {
    assertErrorEverywhere(
        "RTSP/1.0 404 Not Found\r\n" + "X-Padding: yes\r\n".repeat(10_000) + "\r\n",
        "more than 64 header lines");
  }

  @Test
  void aHeaderLineWithoutEnd() throws Exception {
    assertErrorEverywhere(
        "RTSP/1.0 404 Not Found\r\nX-Long: " + "A".repeat(20_000), "longer than 8192 bytes");
  }

  @Test
  void aRouteAnswering200WithoutAnSdpBody() throws Exception {
    assertError(
        line ->
            (line.contains("tenken-canary") || line.startsWith("OPTIONS")
                    ? "RTSP/1.0 404 Not Found\r\n\r\n"
                    : "RTSP/1.0 200 OK\r\n"
                        + "Content-Type: application/sdp\r\n"
                        + "Content-Length: 15\r\n\r\n"
                        + "<html>hi</html>")
                .getBytes(ISO_8859_1),
        "does not start with v=0",
        List.of(
            RtspUnauthenticatedStream.INSTANCE,
            RtspAuthScheme.INSTANCE,
            RtspDefaultCredentials.INSTANCE));
  }
}
