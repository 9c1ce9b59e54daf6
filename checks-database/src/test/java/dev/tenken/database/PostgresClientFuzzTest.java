package dev.tenken.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tenken.Secret;
import dev.tenken.spi.ProtocolException;
import dev.tenken.test.ReplayDevice;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@link PostgresClient}'s message reading: the server's bytes answer a login with a known
 * default password (trust, cleartext, MD5 and SCRAM-SHA-256 paths, ErrorResponse, ParameterStatus)
 * and, on a second connection, an SSLRequest. Only {@link ProtocolException} may escape and no
 * input takes a second. Plain test runs replay {@code PostgresClientFuzzTestInputs/<method>/};
 * {@code JAZZER_FUZZ=1} fuzzes (docs/fuzzing.md).
 */
class PostgresClientFuzzTest {

  /** Loads the parser's classes before the first timed input: class loading is not parsing. */
  @BeforeAll
  static void load() throws IOException {
    PostgresClientFuzzTest test = new PostgresClientFuzzTest();
    test.login(new byte[0]);
  }

  @Timeout(value = 1, unit = TimeUnit.SECONDS)
  @FuzzTest(maxDuration = "60s")
  void login(byte[] server) throws IOException {
    var context = ReplayDevice.context(server);
    var endpoint = ReplayDevice.endpoint(5432, "postgresql");
    try (PostgresClient client = PostgresClient.open(context, endpoint)) {
      PostgresClient.Login login =
          client.login("postgres", "postgres", Secret.of("postgres"), true);
      assertThat(login.message().length()).isLessThanOrEqualTo(1024);
    } catch (ProtocolException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
    try (PostgresClient client = PostgresClient.open(context, endpoint)) {
      assertThat(client.sslRequest()).isIn('S', 'N', 'E');
    } catch (ProtocolException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
