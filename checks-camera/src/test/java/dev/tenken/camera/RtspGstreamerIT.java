package dev.tenken.camera;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tenken.CheckResult;
import dev.tenken.Confidence;
import dev.tenken.Finding;
import dev.tenken.Safety;
import dev.tenken.TargetResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The RTSP checks against a real RTSP server: GStreamer's {@code gst-rtsp-server} through its
 * Python bindings ({@code src/test/resources/gst/rtsp_server.py}), serving a test pattern as
 * RTP/JPEG on 127.0.0.1, open, behind Basic and behind Digest. Needs Debian/Ubuntu packages {@code
 * python3-gi gir1.2-gst-rtsp-server-1.0 gir1.2-gstreamer-1.0 gstreamer1.0-plugins-base
 * gstreamer1.0-plugins-good}; without them the test is skipped, or fails when {@code CI} is set.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RtspGstreamerIT {
  static final String PACKAGES =
      "python3-gi gir1.2-gst-rtsp-server-1.0 gir1.2-gstreamer-1.0 gstreamer1.0-plugins-base"
          + " gstreamer1.0-plugins-good";
  static final String HIKVISION_ROUTE = "/Streaming/Channels/101";

  private final List<Process> processes = new ArrayList<>();
  private final List<Path> logs = new ArrayList<>();
  private String python;
  private Path script;
  private String open;
  private String basicDefault;
  private String digestDefault;
  private String digestStrong;

  @BeforeAll
  void startServers() throws Exception {
    python = findPython();
    script = Files.createTempFile("tenken-rtsp-server", ".py");
    try (InputStream in = getClass().getResourceAsStream("/gst/rtsp_server.py")) {
      assertThat(in).as("test resource gst/rtsp_server.py").isNotNull();
      Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
    }
    open = start("/live", "none", "admin", "admin", "");
    basicDefault = start(HIKVISION_ROUTE, "basic", "admin", "12345", "Hikvision");
    digestDefault = start(HIKVISION_ROUTE, "digest", "admin", "12345", "Hikvision");
    digestStrong = start("/live", "digest", "admin", "Gst-Str0ng-Pass", "IP Camera");
  }

  @AfterAll
  void stopServers() throws Exception {
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
    for (Path log : logs) {
      Files.deleteIfExists(log);
    }
    if (script != null) {
      Files.deleteIfExists(script);
    }
  }

  /** A python3 that can import GstRtspServer, or a skip (a failure on CI) naming the packages. */
  private static String findPython() throws InterruptedException {
    for (String candidate : List.of("/usr/bin/python3", "python3")) {
      try {
        Process p =
            new ProcessBuilder(
                    candidate,
                    "-c",
                    "import gi; gi.require_version('GstRtspServer', '1.0');"
                        + " gi.require_version('GstRtsp', '1.0');"
                        + " from gi.repository import Gst, GstRtspServer;"
                        + " Gst.init(None);"
                        + " assert all(Gst.ElementFactory.find(e) for e in"
                        + " ['videotestsrc', 'jpegenc', 'rtpjpegpay'])")
                .redirectErrorStream(true)
                .start();
        p.getInputStream().readAllBytes();
        if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return candidate;
        }
        p.destroyForcibly();
      } catch (IOException e) {
        // not installed under this name: next candidate
      }
    }
    String message = "GStreamer's RTSP server for Python is missing: apt-get install " + PACKAGES;
    if (System.getenv("CI") != null) {
      fail(message);
    }
    Assumptions.abort(message);
    return null;
  }

  private String start(String mount, String auth, String user, String password, String realm)
      throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path log = Files.createTempFile("tenken-gst-rtsp", ".log");
    logs.add(log);
    List<String> cmd =
        new ArrayList<>(
            List.of(
                python,
                script.toString(),
                "--port",
                String.valueOf(port),
                "--mount",
                mount,
                "--auth",
                auth,
                "--user",
                user,
                "--password",
                password));
    if (!realm.isEmpty()) {
      cmd.addAll(List.of("--realm", realm));
    }
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    processes.add(p);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < until) {
      if (!p.isAlive()) {
        fail("the GStreamer RTSP server exited: " + Files.readString(log));
      }
      if (answersOptions(port)) {
        return "rtsp://127.0.0.1:" + port;
      }
      Thread.sleep(100);
    }
    fail("the GStreamer RTSP server did not answer OPTIONS within 20 s: " + Files.readString(log));
    return null;
  }

  private static boolean answersOptions(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      s.setSoTimeout(1000);
      s.getOutputStream()
          .write(
              ("OPTIONS rtsp://127.0.0.1:" + port + "/ RTSP/1.0\r\nCSeq: 1\r\n\r\n")
                  .getBytes(ISO_8859_1));
      byte[] head = s.getInputStream().readNBytes(9);
      return new String(head, ISO_8859_1).equals("RTSP/1.0 ");
    } catch (IOException e) {
      return false;
    }
  }

  private static TargetResult scan(String target) throws Exception {
    return RtspChecksTest.scan(target, RtspChecks.ALL, b -> b.enable(Safety.CREDENTIAL_ATTEMPT));
  }

  @Test
  void openServer() throws Exception {
    TargetResult r = scan(open);
    Finding exposed = RtspChecksTest.single(r, "camera.rtsp.service-exposed");
    assertThat(exposed.evidence()).containsEntry("server", "GStreamer RTSP server");
    Finding stream = RtspChecksTest.single(r, "camera.rtsp.unauthenticated-stream");
    assertThat(stream.confidence()).isEqualTo(Confidence.CONFIRMED);
    assertThat(stream.evidence())
        .containsEntry("route", "/live")
        .containsEntry("media", "video JPEG (RTP/AVP)");
    assertThat(RtspChecksTest.status(r, "camera.rtsp.accepts-any-route"))
        .isEqualTo(CheckResult.Status.PASS);
    assertThat(RtspChecksTest.status(r, "camera.rtsp.default-credentials"))
        .isEqualTo(CheckResult.Status.SKIP);
  }

  @Test
  void basicAuthWithTheVendorDefault() throws Exception {
    TargetResult r = scan(basicDefault);
    assertThat(RtspChecksTest.status(r, "camera.rtsp.unauthenticated-stream"))
        .isEqualTo(CheckResult.Status.PASS);
    assertThat(RtspChecksTest.single(r, "camera.rtsp.auth-scheme").evidence())
        .containsEntry("offered", "Basic realm=\"Hikvision\"");
    Finding login = RtspChecksTest.single(r, "camera.rtsp.default-credentials");
    assertThat(login.confidence()).isEqualTo(Confidence.CONFIRMED);
    assertThat(login.evidence())
        .containsEntry("vendor", "Hikvision")
        .containsEntry("with credentials", "2xx application/sdp: video JPEG (RTP/AVP)");
  }

  @Test
  void digestAuthWithTheVendorDefault() throws Exception {
    TargetResult r = scan(digestDefault);
    assertThat(RtspChecksTest.status(r, "camera.rtsp.auth-scheme"))
        .isEqualTo(CheckResult.Status.PASS);
    assertThat(RtspChecksTest.single(r, "camera.rtsp.default-credentials").confidence())
        .isEqualTo(Confidence.CONFIRMED);
  }

  @Test
  void digestAuthWithAStrongPassword() throws Exception {
    TargetResult r = scan(digestStrong);
    RtspChecksTest.single(r, "camera.rtsp.service-exposed");
    assertThat(RtspChecksTest.status(r, "camera.rtsp.unauthenticated-stream"))
        .isEqualTo(CheckResult.Status.PASS);
    assertThat(RtspChecksTest.status(r, "camera.rtsp.default-credentials"))
        .isEqualTo(CheckResult.Status.PASS);
    assertThat(RtspChecksTest.status(r, "camera.rtsp.auth-scheme"))
        .isEqualTo(CheckResult.Status.PASS);
  }
}
