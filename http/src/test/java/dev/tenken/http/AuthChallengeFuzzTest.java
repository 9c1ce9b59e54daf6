package dev.tenken.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tenken.Credentials;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@link AuthChallenge#parse}, which reads device {@code WWW-Authenticate} headers (HTTP and
 * RTSP): garbage yields no challenge, never an exception; the bounds hold; and every supported
 * challenge can be answered. Input: one header value per line. Plain test runs replay {@code
 * AuthChallengeFuzzTestInputs/parse/}; {@code JAZZER_FUZZ=1} fuzzes (docs/fuzzing.md).
 */
class AuthChallengeFuzzTest {

  /** Loads the parser's classes before the first timed input: class loading is not parsing. */
  @BeforeAll
  static void load() {
    AuthChallengeFuzzTest test = new AuthChallengeFuzzTest();
    test.parse(new byte[0]);
  }

  @Timeout(value = 1, unit = TimeUnit.SECONDS)
  @FuzzTest(maxDuration = "60s")
  void parse(byte[] data) {
    List<String> values =
        Arrays.asList(new String(data, StandardCharsets.ISO_8859_1).split("\n", 16));
    List<AuthChallenge> challenges = AuthChallenge.parse(values);
    assertThat(challenges).hasSizeLessThanOrEqualTo(AuthChallenge.MAX_CHALLENGES);
    for (AuthChallenge c : challenges) {
      assertThat(c.params()).hasSizeLessThanOrEqualTo(AuthChallenge.MAX_PARAMS);
      assertThat(c.realm()).isNotNull();
      if (c.isSupported()) {
        assertThat(c.authorization(Credentials.of("admin", "12345"), "GET", "/", "0a4f113b"))
            .isNotBlank();
      }
    }
  }
}
