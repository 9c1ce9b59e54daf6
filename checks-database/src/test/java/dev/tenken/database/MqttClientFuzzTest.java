package dev.tenken.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tenken.spi.ProtocolException;
import dev.tenken.test.ReplayDevice;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@link MqttClient}'s packet reading: the broker's bytes answer a CONNECT (CONNACK) and
 * then the version subscription (SUBACK, PUBLISH). Only {@link ProtocolException} may escape (and
 * {@link SocketTimeoutException} when the bytes end before a CONNACK, as on a silent broker); no
 * input takes a second. Plain test runs replay {@code MqttClientFuzzTestInputs/<method>/}; {@code
 * JAZZER_FUZZ=1} fuzzes (docs/fuzzing.md).
 */
class MqttClientFuzzTest {

  /** Loads the parser's classes before the first timed input: class loading is not parsing. */
  @BeforeAll
  static void load() throws IOException {
    MqttClientFuzzTest test = new MqttClientFuzzTest();
    test.connectThenVersion(new byte[0]);
  }

  @Timeout(value = 1, unit = TimeUnit.SECONDS)
  @FuzzTest(maxDuration = "60s")
  void connectThenVersion(byte[] broker) throws IOException {
    MqttClient client =
        MqttClient.open(ReplayDevice.context(broker), ReplayDevice.endpoint(1883, "mqtt"));
    try {
      Optional<MqttClient.Connack> ack = client.connect(Optional.empty());
      if (ack.isPresent() && ack.get().returnCode() == 0) {
        StringBuilder refusal = new StringBuilder();
        Optional<String> version = client.readVersion(Duration.ofMillis(200), refusal);
        version.ifPresent(v -> assertThat(v.length()).isLessThanOrEqualTo(131));
        assertThat(version.isPresent() || refusal.length() > 0).isTrue();
      }
    } catch (ProtocolException | SocketTimeoutException e) {
      assertThat(e.getMessage()).isNotBlank();
    } finally {
      client.close();
    }
  }
}
