package dev.tenken.camera;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes what the webcam checks read from a device body: the JPEG and multipart (MJPEG) detection
 * of {@link WebcamHttp} and every product's body and header markers ({@link WebcamProducts#ALL}).
 * Input: a header value, a newline, the body. Nothing may throw, a found JPEG part must really
 * start with FF D8 FF, and no body may take a second. Plain test runs replay {@code
 * WebcamFuzzTestInputs/<method>/}; {@code JAZZER_FUZZ=1} fuzzes (docs/fuzzing.md).
 */
class WebcamFuzzTest {

  /** Loads the parser's classes before the first timed input: class loading is not parsing. */
  @BeforeAll
  static void load() {
    WebcamFuzzTest test = new WebcamFuzzTest();
    test.body(new byte[0]);
  }

  @Timeout(value = 1, unit = TimeUnit.SECONDS)
  @FuzzTest(maxDuration = "60s")
  void body(byte[] reply) {
    int nl = indexOf(reply, (byte) '\n');
    String header = new String(reply, 0, nl < 0 ? reply.length : nl, StandardCharsets.ISO_8859_1);
    byte[] body = nl < 0 ? new byte[0] : java.util.Arrays.copyOfRange(reply, nl + 1, reply.length);
    int at = WebcamHttp.firstJpegPart(body);
    if (at >= 0) {
      assertThat(at + 3).isLessThanOrEqualTo(body.length);
      assertThat(body[at] & 0xff).isEqualTo(0xff);
      assertThat(body[at + 1] & 0xff).isEqualTo(0xd8);
    } else {
      assertThat(at).isEqualTo(-1);
    }
    WebcamHttp.isJpeg(body);
    String text = new String(body, StandardCharsets.UTF_8);
    for (WebcamProduct p : WebcamProducts.ALL) {
      for (var markers : java.util.List.of(p.markers(), p.locked())) {
        for (WebcamProduct.Marker m : markers) {
          m.pattern().matcher(m.header() == null ? text : header).find();
        }
      }
    }
    assertThat(WebcamHttp.shown(text).length()).isLessThanOrEqualTo(90);
  }

  private static int indexOf(byte[] b, byte wanted) {
    for (int i = 0; i < b.length; i++) {
      if (b[i] == wanted) {
        return i;
      }
    }
    return -1;
  }
}
