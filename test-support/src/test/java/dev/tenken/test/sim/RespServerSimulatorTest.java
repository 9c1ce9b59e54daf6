package dev.tenken.test.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RespServerSimulatorTest {

  /** A minimal RESP2 client: sends arrays of bulk strings, reads one reply as raw text. */
  private static final class Client implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;

    Client(RespServerSimulator server) throws IOException {
      socket = new Socket();
      socket.connect(new InetSocketAddress(server.address(), server.port()), 2000);
      socket.setSoTimeout(2000);
      in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
    }

    String call(String... args) throws IOException {
      StringBuilder b = new StringBuilder("*" + args.length + "\r\n");
      for (String a : args) {
        b.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
      }
      return raw(b.toString());
    }

    String raw(String bytes) throws IOException {
      socket.getOutputStream().write(bytes.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return reply();
    }

    /** One reply; bulk strings and arrays read whole, joined with LF. */
    String reply() throws IOException {
      String line = in.readLine();
      if (line == null) {
        return "<eof>";
      }
      if (line.startsWith("$") && !line.equals("$-1")) {
        char[] data = new char[Integer.parseInt(line.substring(1)) + 2];
        int off = 0;
        while (off < data.length) {
          off += in.read(data, off, data.length - off);
        }
        return new String(data, 0, data.length - 2);
      }
      if (line.startsWith("*") && !line.equals("*-1")) {
        int n = Integer.parseInt(line.substring(1));
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
          b.append(i == 0 ? "" : "\n").append(reply());
        }
        return b.toString();
      }
      return line;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  @Test
  void openServerAnswersInfoConfigAndCommandInfoWithoutAuth() throws Exception {
    try (RespServerSimulator redis = RespServerSimulator.start(RespServerSimulator.Variant.OPEN);
        Client c = new Client(redis)) {
      assertThat(redis.target()).matches("redis://127\\.0\\.0\\.1:\\d+");
      assertThat(c.call("PING")).isEqualTo("+PONG");
      assertThat(c.call("INFO", "server"))
          .startsWith("# Server\r\nredis_version:7.0.11\r\n")
          .contains("redis_mode:standalone")
          .doesNotContain("# Keyspace");
      assertThat(c.call("INFO")).contains("# Replication", "role:master", "# Keyspace");
      assertThat(c.call("CONFIG", "GET", "protected-mode")).isEqualTo("protected-mode\nno");
      assertThat(c.call("CONFIG", "GET", "no-such-parameter")).isEmpty();
      assertThat(c.call("CONFIG", "SET", "dir", "/tmp")).startsWith("-ERR unknown subcommand");
      assertThat(c.call("COMMAND", "INFO", "CONFIG", "NOSUCH"))
          .startsWith("config\n:-2")
          .endsWith("*-1");
      assertThat(c.call("AUTH", "foobared")).startsWith("-ERR AUTH <password> called without");
      assertThat(c.call("SET", "k", "v"))
          .isEqualTo("-ERR unknown command 'SET', with args beginning with: 'k' 'v' ");
      assertThat(c.call("QUIT")).isEqualTo("+OK");
      assertThat(c.reply()).isEqualTo("<eof>");
      assertThat(redis.failedAuths()).isEqualTo(1);
      assertThat(redis.commandNames())
          .containsExactly(
              "PING", "INFO", "INFO", "CONFIG", "CONFIG", "CONFIG", "COMMAND", "AUTH", "SET",
              "QUIT");
      assertThat(redis.commands()).contains("AUTH ****", "SET k v");
    }
  }

  @Test
  void passwordServerRefusesUntilAuthAndCountsFailures() throws Exception {
    try (RespServerSimulator redis =
            RespServerSimulator.builder(RespServerSimulator.Variant.PASSWORD)
                .password("s3cret-demo")
                .start();
        Client c = new Client(redis)) {
      assertThat(c.call("INFO", "server")).isEqualTo("-NOAUTH Authentication required.");
      assertThat(c.call("PING")).isEqualTo("-NOAUTH Authentication required.");
      // Unknown commands are refused as unknown before authentication, as redis-server does.
      assertThat(c.raw("\u001b%-12345X@PJL INFO STATUS\r\n"))
          .startsWith(
              "-ERR unknown command '\u001b%-12345X@PJL', with args beginning with: 'INFO'");
      assertThat(c.call("AUTH", "foobared")).startsWith("-WRONGPASS");
      assertThat(c.call("AUTH", "admin", "s3cret-demo")).startsWith("-WRONGPASS");
      assertThat(c.call("AUTH", "s3cret-demo")).isEqualTo("+OK");
      assertThat(c.call("INFO", "server")).contains("redis_version:7.4.6");
      assertThat(redis.failedAuths()).isEqualTo(2);
      assertThat(redis.commands()).doesNotContain("AUTH s3cret-demo").contains("AUTH ****");
      assertThat(redis.toString()).doesNotContain("s3cret-demo");
    }
  }

  @Test
  void authenticationIsPerConnection() throws Exception {
    try (RespServerSimulator redis =
        RespServerSimulator.builder(RespServerSimulator.Variant.PASSWORD).start()) {
      try (Client first = new Client(redis)) {
        assertThat(first.call("AUTH", redis.password().orElseThrow())).isEqualTo("+OK");
      }
      try (Client second = new Client(redis)) {
        assertThat(second.raw("PING\r\n")).isEqualTo("-NOAUTH Authentication required.");
      }
      assertThat(redis.connections()).isEqualTo(2);
    }
  }

  @Test
  void oversizedRequestsAnswerAProtocolErrorAndClose() throws Exception {
    try (RespServerSimulator redis = RespServerSimulator.start(RespServerSimulator.Variant.OPEN);
        Client c = new Client(redis)) {
      assertThat(c.raw("*1\r\n$999999\r\n")).startsWith("-ERR Protocol error");
      assertThat(c.reply()).isEqualTo("<eof>");
    }
  }

  @Test
  void bindsOnlyLoopbackAddresses() throws Exception {
    assertThatThrownBy(
            () ->
                RespServerSimulator.builder(RespServerSimulator.Variant.OPEN)
                    .bind(InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 1})))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("loopback only");
  }
}
