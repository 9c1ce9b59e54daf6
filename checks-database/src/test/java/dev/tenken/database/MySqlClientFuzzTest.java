package dev.tenken.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tenken.spi.ProtocolException;
import dev.tenken.test.ReplayDevice;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@link MySqlClient}'s packet reading: the server's bytes are its greeting (a protocol-10
 * handshake or an error packet) and then its answers to an empty-password login. Only {@link
 * ProtocolException} may escape and no input takes a second. Plain test runs replay {@code
 * MySqlClientFuzzTestInputs/<method>/}; {@code JAZZER_FUZZ=1} fuzzes (docs/fuzzing.md).
 */
class MySqlClientFuzzTest {

  /** Loads the parser's classes before the first timed input: class loading is not parsing. */
  @BeforeAll
  static void load() throws IOException {
    MySqlClientFuzzTest test = new MySqlClientFuzzTest();
    test.greetingThenLogin(new byte[0]);
  }

  @Timeout(value = 1, unit = TimeUnit.SECONDS)
  @FuzzTest(maxDuration = "60s")
  void greetingThenLogin(byte[] server) throws IOException {
    try (MySqlClient client =
        MySqlClient.open(ReplayDevice.context(server), ReplayDevice.endpoint(3306, "mysql"))) {
      MySqlClient.Greeting greeting = client.greeting();
      if (greeting instanceof MySqlClient.Handshake h) {
        assertThat(h.serverVersion()).isNotEmpty();
        if ((h.capabilities() & MySqlClient.CLIENT_PROTOCOL_41) != 0) {
          assertThat(client.loginWithEmptyPassword("root", h).detail()).isNotNull();
        }
      }
    } catch (ProtocolException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
