package dev.tenken.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenken.Check;
import dev.tenken.CheckResult;
import dev.tenken.CheckRunner;
import dev.tenken.Safety;
import dev.tenken.Scope;
import dev.tenken.TargetResult;
import dev.tenken.test.sim.RecordingServer;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replies no MongoDB would send: every check ends ERROR within its deadline, without allocating
 * what the device announces, and the wire client refuses commands off the allow-list.
 */
class MongoHostileRepliesTest {
  static final Duration DEADLINE = Duration.ofMillis(1500);

  /** Far above a loaded machine's slowest answer, so waiting it out cannot pass for an answer. */
  private static final Duration LONG_DEADLINE = Duration.ofSeconds(10);

  /** A reply header announcing {@code length} bytes, answering request 1 with OP_MSG. */
  static byte[] header(int length, int opCode) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MongoBson.writeInt(out, length);
    MongoBson.writeInt(out, 99);
    MongoBson.writeInt(out, 1);
    MongoBson.writeInt(out, opCode);
    return out.toByteArray();
  }

  static List<Function<byte[], byte[]>> hostile() {
    return List.of(
        // 2 GiB announced, 16 bytes sent, connection kept open
        req -> header(Integer.MAX_VALUE, MongoWire.OP_MSG),
        // 1 MiB announced: above the default 256 KiB read cap
        req -> header(1 << 20, MongoWire.OP_MSG),
        // truncated: 200 bytes announced, 30 sent, then the connection is closed
        req -> {
          byte[] h = header(200, MongoWire.OP_MSG);
          byte[] out = new byte[30];
          System.arraycopy(h, 0, out, 0, 16);
          return out;
        },
        // garbage
        req ->
            "HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        // a well-framed OP_MSG whose BSON document announces 2 GiB
        req -> {
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          out.writeBytes(header(16 + 5 + 8, MongoWire.OP_MSG));
          MongoBson.writeInt(out, 0);
          out.write(0);
          MongoBson.writeInt(out, Integer.MAX_VALUE);
          MongoBson.writeInt(out, 0);
          return out.toByteArray();
        },
        // a compressed reply
        req -> header(40, MongoWire.OP_COMPRESSED));
  }

  static List<Object[]> cases() {
    List<Object[]> out = new java.util.ArrayList<>();
    List<Function<byte[], byte[]>> h = hostile();
    for (int i = 0; i < h.size(); i++) {
      for (Check c : MongoChecks.checks()) {
        out.add(new Object[] {i, c});
      }
    }
    return out;
  }

  @ParameterizedTest(name = "reply {0} to {1}")
  @MethodSource("cases")
  void hostileRepliesEndInErrorWithinTheDeadline(int which, Check check) throws Exception {
    Function<byte[], byte[]> reply = hostile().get(which);
    try (RecordingServer server = RecordingServer.builder().answer(reply::apply).start()) {
      CheckRunner runner =
          CheckRunner.builder()
              .scope(Scope.of("127.0.0.1/32"))
              .check(check)
              .enable(Safety.values())
              .checkTimeout(DEADLINE)
              .build();
      long start = System.nanoTime();
      TargetResult t = runner.scan(List.of(server.target("mongodb"))).targets().get(0);
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      CheckResult r = MongoChecksTest.result(t, check);
      assertThat(r.status()).as(r.detail()).isEqualTo(CheckResult.Status.ERROR);
      assertThat(took).isLessThan(DEADLINE.plusSeconds(1));
    }
  }

  @Test
  void theOversizedReplyIsRefusedBeforeItsBodyIsRead() throws Exception {
    try (RecordingServer server =
        RecordingServer.builder()
            .answer(req -> header(Integer.MAX_VALUE, MongoWire.OP_MSG))
            .start()) {
      TargetResult t =
          MongoChecksTest.scan(
              MongoExposed.INSTANCE,
              "mongodb://127.0.0.1:" + server.port(),
              b -> b.checkTimeout(LONG_DEADLINE));
      CheckResult r = MongoChecksTest.result(t, MongoExposed.INSTANCE);
      assertThat(r.detail()).contains("more than the read cap");
      // Reading the body would have waited out the deadline; refusing the header does not.
      assertThat(r.elapsed()).isLessThan(LONG_DEADLINE.dividedBy(2));
    }
  }

  @Test
  void theAllowListRefusesEverythingElseBeforeSending() {
    for (String write :
        List.of(
            "insert",
            "update",
            "delete",
            "drop",
            "dropDatabase",
            "createUser",
            "eval",
            "shutdown",
            "setParameter",
            "find",
            "aggregate",
            "logout")) {
      assertThatThrownBy(() -> MongoWire.permit(Map.of(write, 1)))
          .as(write)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("allow-list");
    }
    assertThatThrownBy(() -> MongoWire.permit(Map.of("listDatabases", 1)))
        .hasMessageContaining("nameOnly");
    assertThatThrownBy(() -> MongoWire.permit(Map.of("getLog", "global")))
        .hasMessageContaining("startupWarnings");
    Map<String, Object> ok = new LinkedHashMap<>();
    ok.put("listDatabases", 1);
    ok.put("nameOnly", true);
    MongoWire.permit(ok);
    MongoWire.permit(Map.of("buildInfo", 1));
  }
}
