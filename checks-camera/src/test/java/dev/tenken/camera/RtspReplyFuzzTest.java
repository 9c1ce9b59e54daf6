package dev.tenken.camera;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tenken.spi.ProtocolException;
import dev.tenken.test.ReplayDevice;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the RTSP reply reader of {@link RtspClient} and what the checks read from a reply ({@link
 * RtspReply#challenges}, {@link RtspReply#sdp}): the device's bytes answer an {@code OPTIONS} and
 * then a {@code DESCRIBE} on the same connection. Only {@link ProtocolException} may escape, the
 * caps hold, and no input takes a second. Plain test runs replay {@code
 * RtspReplyFuzzTestInputs/<method>/}; {@code JAZZER_FUZZ=1} fuzzes (docs/fuzzing.md).
 */
class RtspReplyFuzzTest {

  /** Loads the parser's classes before the first timed input: class loading is not parsing. */
  @BeforeAll
  static void load() {
    RtspReplyFuzzTest test = new RtspReplyFuzzTest();
    test.optionsThenDescribe(new byte[0]);
  }

  @Timeout(value = 1, unit = TimeUnit.SECONDS)
  @FuzzTest(maxDuration = "60s")
  void optionsThenDescribe(byte[] device) {
    try (RtspClient client =
        new RtspClient(ReplayDevice.context(device), ReplayDevice.endpoint(554, "rtsp"))) {
      check(client.options());
      check(client.describe("/live", null));
    } catch (ProtocolException e) {
      assertThat(e.getMessage()).isNotBlank();
    } catch (java.io.IOException e) {
      throw new AssertionError("not a ProtocolException: " + e, e);
    }
  }

  private static void check(RtspReply reply) throws ProtocolException {
    assertThat(reply.body().length).isLessThanOrEqualTo(RtspClient.MAX_BODY);
    assertThat(reply.headers()).hasSizeLessThanOrEqualTo(RtspClient.MAX_HEADERS);
    assertThat(reply.reason().length()).isLessThanOrEqualTo(83);
    assertThat(reply.challenges()).isNotNull();
    reply.provesVideo();
    reply
        .sdp()
        .ifPresent(s -> assertThat(s.media()).hasSizeLessThanOrEqualTo(SdpSession.MAX_MEDIA));
  }
}
