package dev.tenken.test.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.test.sim.WebcamSimulator.Product;
import dev.tenken.test.sim.WebcamSimulator.Variant;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The webcam simulator on its own, over raw sockets: streams end, credentials are checked. */
class WebcamSimulatorTest {

  private static byte[] exchange(WebcamSimulator sim, String request, int max) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), sim.port())) {
      s.setSoTimeout(5000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = s.getInputStream();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[1024];
      int n;
      while (out.size() < max && (n = in.read(buf)) >= 0) {
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    }
  }

  private static String get(String path, String auth) {
    return "GET " + path + " HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n";
  }

  @Test
  void theStreamSendsJpegPartsUntilTheClientCloses() throws Exception {
    try (WebcamSimulator sim = WebcamSimulator.start(Product.MJPG_STREAMER, Variant.OPEN)) {
      byte[] reply = exchange(sim, get("/?action=stream", ""), 4096);
      String text = new String(reply, StandardCharsets.ISO_8859_1);
      assertThat(text)
          .startsWith("HTTP/1.0 200 OK")
          .contains("Server: MJPG-Streamer")
          .contains("multipart/x-mixed-replace;boundary=" + WebcamSimulator.BOUNDARY)
          .contains("\r\n\r\n\u00ff\u00d8\u00ff");
      for (int i = 0; i < 100 && sim.streamsEnded() == 0; i++) {
        Thread.sleep(20);
      }
      assertThat(sim.streamsOpened()).isEqualTo(1);
      assertThat(sim.streamsEnded()).isEqualTo(1);
      assertThat(sim.framesSent()).isPositive();
    }
  }

  @Test
  void basicAndDigestAreCheckedAndFailuresCounted() throws Exception {
    try (WebcamSimulator basic = WebcamSimulator.start(Product.IP_CAMERA, Variant.BASIC)) {
      String good =
          Base64.getEncoder()
              .encodeToString(
                  (WebcamSimulator.USER + ":" + WebcamSimulator.DEFAULT_PASSWORD)
                      .getBytes(StandardCharsets.UTF_8));
      assertThat(new String(exchange(basic, get("/snapshot.jpg", ""), 1 << 16), "ISO-8859-1"))
          .startsWith("HTTP/1.1 401")
          .contains("WWW-Authenticate: Basic realm=\"IP Camera\"");
      assertThat(
              new String(
                  exchange(
                      basic,
                      get("/snapshot.jpg", "Authorization: Basic " + good + "\r\n"),
                      1 << 16),
                  "ISO-8859-1"))
          .startsWith("HTTP/1.1 200")
          .contains("Content-Type: image/jpeg");
      exchange(basic, get("/", "Authorization: Basic Zm9vOmJhcg==\r\n"), 1 << 16);
      assertThat(basic.failedLogins()).isEqualTo(1);
    }
    try (WebcamSimulator digest = WebcamSimulator.start(Product.MOTION, Variant.LOCKED)) {
      String challenge = new String(exchange(digest, get("/", ""), 1 << 16), "ISO-8859-1");
      assertThat(challenge).contains("WWW-Authenticate: Digest realm=\"Motion Security Access\"");
      String nonce = challenge.replaceAll("(?s).*nonce=\"([0-9a-f]+)\".*", "$1");
      String realm = "Motion Security Access";
      String ha1 = md5(WebcamSimulator.USER + ":" + realm + ":" + WebcamSimulator.STRONG_PASSWORD);
      String ha2 = md5("GET:/");
      String response = md5(ha1 + ":" + nonce + ":00000001:abc:auth:" + ha2);
      String auth =
          "Authorization: Digest username=\"admin\", realm=\""
              + realm
              + "\", nonce=\""
              + nonce
              + "\", uri=\"/\", qop=auth, nc=00000001, cnonce=\"abc\", response=\""
              + response
              + "\"\r\n";
      assertThat(new String(exchange(digest, get("/", auth), 1 << 16), "ISO-8859-1"))
          .startsWith("HTTP/1.1 200")
          .contains("Motion 4.3.2 Running [1] Camera");
      assertThat(digest.failedLogins()).isZero();
      assertThat(digest.requests()).isEqualTo(2);
    }
  }

  @Test
  void theCatchAllAnswersAnyPathWithAJpeg() throws Exception {
    try (WebcamSimulator any = WebcamSimulator.catchAll()) {
      byte[] reply = exchange(any, get("/no/such/page", ""), 1 << 16);
      String text = new String(reply, StandardCharsets.ISO_8859_1);
      assertThat(text).startsWith("HTTP/1.1 200").contains("Content-Type: image/jpeg");
      assertThat(text.substring(text.indexOf("\r\n\r\n") + 4)).startsWith("\u00ff\u00d8\u00ff");
      assertThat(any.paths()).containsExactly("/no/such/page");
    }
  }

  private static String md5(String s) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
  }
}
