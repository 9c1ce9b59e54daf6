package dev.tenken.database;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The read-only allow-list: what may be sent, and that nothing else can be. */
class RespCommandTest {

  private static String wire(String name, String... args) {
    return new String(RespCommand.of(name, args).encode(), UTF_8);
  }

  @Test
  void encodesAllowedCommandsAsRespArrays() {
    assertThat(wire("PING")).isEqualTo("*1\r\n$4\r\nPING\r\n");
    assertThat(wire("INFO", "server")).isEqualTo("*2\r\n$4\r\nINFO\r\n$6\r\nserver\r\n");
    assertThat(wire("INFO")).isEqualTo("*1\r\n$4\r\nINFO\r\n");
    assertThat(wire("CONFIG", "GET", "protected-mode"))
        .isEqualTo("*3\r\n$6\r\nCONFIG\r\n$3\r\nGET\r\n$14\r\nprotected-mode\r\n");
    assertThat(wire("COMMAND", "INFO", "CONFIG", "EVAL"))
        .isEqualTo("*4\r\n$7\r\nCOMMAND\r\n$4\r\nINFO\r\n$6\r\nCONFIG\r\n$4\r\nEVAL\r\n");
    assertThat(wire("ROLE")).isEqualTo("*1\r\n$4\r\nROLE\r\n");
    assertThat(wire("QUIT")).isEqualTo("*1\r\n$4\r\nQUIT\r\n");
    assertThat(wire("AUTH", "pw")).isEqualTo("*2\r\n$4\r\nAUTH\r\n$2\r\npw\r\n");
    assertThat(wire("AUTH", "user", "pw")).startsWith("*3\r\n");
  }

  @Test
  void argumentsWithLineBreaksStayInsideTheirBulkString() {
    String w = wire("AUTH", "x\r\nFLUSHALL\r\n");
    assertThat(w).isEqualTo("*2\r\n$4\r\nAUTH\r\n$13\r\nx\r\nFLUSHALL\r\n\r\n");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SET k v",
        "GET k",
        "DEL k",
        "FLUSHALL",
        "FLUSHDB",
        "CONFIG SET dir /root/.ssh",
        "CONFIG REWRITE",
        "CONFIG RESETSTAT",
        "CONFIG",
        "SAVE",
        "BGSAVE",
        "SLAVEOF 203.0.113.1 6379",
        "REPLICAOF 203.0.113.1 6379",
        "MODULE LOAD /tmp/x.so",
        "DEBUG SLEEP 0",
        "EVAL return 1 0",
        "EVALSHA abc 0",
        "FUNCTION LIST",
        "SCRIPT LOAD x",
        "MONITOR",
        "SUBSCRIBE a",
        "PSUBSCRIBE *",
        "PUBLISH a b",
        "CLIENT LIST",
        "CLIENT KILL ID 1",
        "HELLO 3",
        "ACL LIST",
        "ACL SETUSER x on",
        "SHUTDOWN",
        "KEYS *",
        "SCAN 0",
        "COMMAND",
        "COMMAND DOCS",
        "COMMAND COUNT",
        "COMMAND INFO",
        "PING extra",
        "ROLE x",
        "QUIT now",
        "AUTH",
        "AUTH a b c",
        "ping",
        "Info server",
        "INFO SERVER",
        "INFO server\r\nFLUSHALL",
        "CONFIG GET dir\r\n",
        "CONFIG GET *",
        "COMMAND INFO CONFIG\r\nFLUSHALL",
        "PING\r\nFLUSHALL",
        ""
      })
  void refusesEverythingElse(String command) {
    String[] words = command.isEmpty() ? new String[] {""} : command.split(" ");
    String[] args = Arrays.copyOfRange(words, 1, words.length);
    assertThatThrownBy(() -> RespCommand.of(words[0], args))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not on Tenken's read-only Redis allow-list");
  }

  @Test
  void refusalMessageDoesNotEchoLongOrControlText() {
    assertThatThrownBy(() -> RespCommand.of("X".repeat(500) + "\r\n"))
        .hasMessageNotContaining("\r")
        .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(200));
  }

  @Test
  void toStringMasksAuthArguments() {
    assertThat(RespCommand.of("AUTH", "foobared")).hasToString("AUTH ****");
    assertThat(RespCommand.of("AUTH", "default", "foobared")).hasToString("AUTH default ****");
    assertThat(RespCommand.of("INFO", "server")).hasToString("INFO server");
  }

  @Test
  void allowListIsExactlyTheDocumentedOne() {
    assertThat(RespCommand.ALLOWED)
        .containsExactlyInAnyOrder("PING", "INFO", "AUTH", "COMMAND", "CONFIG", "ROLE", "QUIT");
  }
}
