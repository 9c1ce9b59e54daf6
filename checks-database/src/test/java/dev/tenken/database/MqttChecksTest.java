package dev.tenken.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.Check;
import dev.tenken.CheckResult;
import dev.tenken.CheckRunner;
import dev.tenken.Safety;
import dev.tenken.Scope;
import dev.tenken.Target;
import dev.tenken.test.CheckContract;
import dev.tenken.test.sim.RecordingServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MQTT checks against simulated brokers: contracts and hostile brokers. */
class MqttChecksTest {

  /** A broker answering CONNECT with {@code anonymousCode}, or 0 for admin/admin. */
  static RecordingServer broker(int anonymousCode, boolean adminAdmin) throws IOException {
    return RecordingServer.builder()
        .answer(
            chunk -> {
              int type = (chunk[0] & 0xff) >> 4;
              if (type == 1) {
                boolean creds = (chunk[9] & 0x80) != 0;
                String text = new String(chunk, StandardCharsets.ISO_8859_1);
                int code =
                    !creds
                        ? anonymousCode
                        : (adminAdmin && text.endsWith("\u0000\u0005admin\u0000\u0005admin")
                            ? 0
                            : 5);
                return new byte[] {0x20, 0x02, 0x00, (byte) code};
              }
              if (type == 8) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.writeBytes(new byte[] {(byte) 0x90, 0x03, 0x00, 0x01, 0x00});
                byte[] topic = "$SYS/broker/version".getBytes(StandardCharsets.UTF_8);
                byte[] payload = "mosquitto version 1.6.9".getBytes(StandardCharsets.UTF_8);
                out.write(0x31);
                out.write(2 + topic.length + payload.length);
                out.write(0);
                out.write(topic.length);
                out.writeBytes(topic);
                out.writeBytes(payload);
                return out.toByteArray();
              }
              return null;
            })
        .start();
  }

  @Test
  void anonymousConnectContract() throws Exception {
    try (RecordingServer open = broker(0, false);
        RecordingServer closed = broker(5, false)) {
      CheckContract.of(new MqttAnonymousConnect())
          .vulnerable(open.target("mqtt"))
          .hardened(closed.target("mqtt"))
          .verify();
      assertOnlyAllowedPackets(open);
    }
  }

  @Test
  void brokerVersionContractAndIdentity() throws Exception {
    try (RecordingServer open = broker(0, false);
        RecordingServer closed = broker(5, false)) {
      CheckContract.of(new MqttBrokerVersion())
          .vulnerable(open.target("mqtt"))
          .hardened(closed.target("mqtt"))
          .verify();
      var report = scan(new MqttBrokerVersion(), open.target("mqtt"));
      assertThat(report.targets().get(0).identity().toString()).contains("mosquitto", "1.6.9");
      assertOnlyAllowedPackets(open);
    }
  }

  @Test
  void defaultCredentialsContract() throws Exception {
    try (RecordingServer weak = broker(5, true);
        RecordingServer strong = broker(5, false)) {
      CheckContract.of(new MqttDefaultCredentials())
          .vulnerable(weak.target("mqtt"))
          .hardened(strong.target("mqtt"))
          .configure(b -> b.loginAttemptsPerHost(5))
          .verify();
    }
  }

  @Test
  void defaultCredentialsSkipsWhenTheBudgetIsSpent() throws Exception {
    try (RecordingServer strong = broker(5, false)) {
      CheckResult r =
          scanWith(new MqttDefaultCredentials(), strong.target("mqtt"), 2)
              .results()
              .findFirst()
              .orElseThrow();
      assertThat(r.status()).isEqualTo(CheckResult.Status.SKIP);
      assertThat(r.detail()).contains("login budget spent");
    }
  }

  @Test
  void hostileRemainingLengthTruncationAndGarbageEndInError() throws Exception {
    byte[][] hostile = {
      {0x20, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f},
      {0x20, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f},
      {0x20, 0x02, 0x00},
      "garbage\r\n".getBytes(StandardCharsets.US_ASCII),
      {0x20, 0x02, 0x00, 0x09}
    };
    for (byte[] answer : hostile) {
      try (RecordingServer s = RecordingServer.builder().answer(chunk -> answer).start()) {
        long start = System.nanoTime();
        CheckResult r =
            scan(new MqttAnonymousConnect(), s.target("mqtt")).results().findFirst().orElseThrow();
        assertThat(r.status()).as(r.detail()).isEqualTo(CheckResult.Status.ERROR);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
      }
    }
  }

  static dev.tenken.report.Report scan(Check check, Target target) throws Exception {
    return scanWith(check, target, 2);
  }

  static dev.tenken.report.Report scanWith(Check check, Target target, int budget)
      throws Exception {
    return CheckRunner.builder()
        .check(check)
        .scope(Scope.of("127.0.0.0/8"))
        .enable(Safety.CREDENTIAL_ATTEMPT)
        .loginAttemptsPerHost(budget)
        .checkTimeout(Duration.ofSeconds(2))
        .build()
        .scan(List.of(target));
  }

  /** Every packet received is a CONNECT, a SUBSCRIBE to $SYS/broker/version or a DISCONNECT. */
  static void assertOnlyAllowedPackets(RecordingServer server) {
    for (RecordingServer.Connection c : server.connectionList()) {
      byte[] b = c.received();
      int i = 0;
      while (i < b.length) {
        int type = (b[i] & 0xff) >> 4;
        assertThat(type).isIn(1, 8, 14);
        int len = b[i + 1] & 0x7f; // every packet we send is < 128 bytes
        if (type == 8) {
          assertThat(new String(b, i + 6, len - 5, StandardCharsets.UTF_8))
              .isEqualTo("$SYS/broker/version");
        }
        i += 2 + len;
      }
    }
  }
}
