package dev.tenken.database;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.tenken.test.sim.RecordingServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * A scripted Redis for unit tests, on {@link RecordingServer}: answers the commands Tenken sends
 * (RESP arrays, each arriving in one chunk on loopback) like redis-server would, for a configured
 * version, password, protected-mode denial, INFO extras (fork markers) and renamed commands.
 * Records every command name it received. Not a Redis: only enough for the checks.
 */
final class RedisSimulator implements AutoCloseable {
  private final RecordingServer server;
  final List<String> commands = new CopyOnWriteArrayList<>();

  private final String infoServer;
  private final @Nullable String password;
  private final boolean denied;
  private final Set<String> renamed;
  private final Set<String> noperm;
  private final Map<String, String> config;

  private RedisSimulator(Builder b) throws IOException {
    this.infoServer = b.info.toString().replace("redis_mode:standalone", "redis_mode:" + b.mode);
    this.password = b.password;
    this.denied = b.denied;
    this.renamed = Set.copyOf(b.renamed);
    this.noperm = Set.copyOf(b.noperm);
    this.config = Map.copyOf(b.config);
    this.server = RecordingServer.builder().answer(this::answer).start();
  }

  static Builder builder(String version) {
    return new Builder(version);
  }

  int port() {
    return server.port();
  }

  String target() {
    return "redis://127.0.0.1:" + port();
  }

  RecordingServer server() {
    return server;
  }

  private byte[] answer(byte[] chunk) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (List<String> cmd : parse(new String(chunk, UTF_8))) {
      out.writeBytes(reply(cmd).getBytes(UTF_8));
    }
    return out.toByteArray();
  }

  /** The commands in a chunk of RESP arrays (inline commands as one word list). */
  private static List<List<String>> parse(String text) {
    List<List<String>> out = new ArrayList<>();
    String[] lines = text.split("\r\n", -1);
    int i = 0;
    while (i < lines.length && !lines[i].isEmpty()) {
      if (lines[i].startsWith("*")) {
        int n = Integer.parseInt(lines[i].substring(1));
        List<String> args = new ArrayList<>();
        i++;
        for (int k = 0; k < n && i + 1 < lines.length; k++) {
          args.add(lines[i + 1]);
          i += 2;
        }
        out.add(args);
      } else {
        out.add(List.of(lines[i].split(" ")));
        i++;
      }
    }
    return out;
  }

  /** Per connection: RecordingServer serves each connection on its own thread. */
  private final ThreadLocal<Boolean> authenticated = ThreadLocal.withInitial(() -> false);

  private String reply(List<String> cmd) {
    String name = cmd.get(0).toUpperCase(Locale.ROOT);
    commands.add(String.join(" ", name.equals("AUTH") ? List.of("AUTH", "****") : cmd));
    if (name.equals("QUIT")) {
      authenticated.set(false);
      return "+OK\r\n";
    }
    if (denied) {
      return "-DENIED Redis is running in protected mode because protected mode is enabled and"
          + " no password is set for the default user.\r\n";
    }
    if (name.equals("AUTH")) {
      if (password == null) {
        return "-ERR AUTH <password> called without any password configured for the default"
            + " user. Are you sure your configuration is correct?\r\n";
      }
      authenticated.set(cmd.get(cmd.size() - 1).equals(password));
      return authenticated.get()
          ? "+OK\r\n"
          : "-WRONGPASS invalid username-password pair or user is disabled.\r\n";
    }
    if (password != null && !authenticated.get()) {
      return "-NOAUTH Authentication required.\r\n";
    }
    if (noperm.contains(name)) {
      return "-NOPERM User default has no permissions to run the '"
          + cmd.get(0).toLowerCase(Locale.ROOT)
          + "' command\r\n";
    }
    if (renamed.contains(name)) {
      return "-ERR unknown command '" + cmd.get(0) + "', with args beginning with: \r\n";
    }
    switch (name) {
      case "PING":
        return "+PONG\r\n";
      case "INFO":
        String section = cmd.size() > 1 ? cmd.get(1) : "server";
        String text =
            section.equals("replication")
                ? "# Replication\r\nrole:master\r\nconnected_slaves:1\r\n"
                    + "slave0:ip=192.0.2.7,port=6379,state=online,offset=1,lag=0\r\n"
                : infoServer;
        return bulk(text);
      case "CONFIG":
        String param = cmd.get(2);
        String value = config.get(param);
        return value == null ? "*0\r\n" : "*2\r\n" + bulk(param) + bulk(value);
      case "COMMAND":
        StringBuilder b = new StringBuilder("*" + (cmd.size() - 2) + "\r\n");
        for (String c : cmd.subList(2, cmd.size())) {
          b.append(
              renamed.contains(c)
                  ? "*-1\r\n"
                  : "*3\r\n" + bulk(c.toLowerCase(Locale.ROOT)) + ":-2\r\n*0\r\n");
        }
        return b.toString();
      default:
        return "-ERR unknown command '" + cmd.get(0) + "'\r\n";
    }
  }

  private static String bulk(String s) {
    return "$" + s.getBytes(UTF_8).length + "\r\n" + s + "\r\n";
  }

  @Override
  public void close() {
    server.close();
  }

  static final class Builder {
    private final StringBuilder info = new StringBuilder("# Server\r\n");
    private @Nullable String password;
    private boolean denied;
    private String mode = "standalone";
    private final List<String> renamed = new ArrayList<>();
    private final List<String> noperm = new ArrayList<>();
    private final Map<String, String> config = new LinkedHashMap<>();

    private Builder(String version) {
      info.append("redis_version:").append(version).append("\r\n");
      info.append("redis_mode:standalone\r\nos:Linux 6.1.0 x86_64\r\n");
      config.put("protected-mode", "yes");
      config.put("dir", "/var/lib/redis");
      config.put("dbfilename", "dump.rdb");
      config.put("enable-debug-command", "no");
      config.put("enable-module-command", "no");
    }

    Builder info(String line) {
      info.append(line).append("\r\n");
      return this;
    }

    Builder mode(String value) {
      this.mode = value;
      return this;
    }

    Builder password(String value) {
      this.password = value;
      return this;
    }

    Builder denied() {
      this.denied = true;
      return this;
    }

    Builder renamed(String... names) {
      renamed.addAll(List.of(names));
      return this;
    }

    /** Commands the default user's ACL refuses with -NOPERM. */
    Builder noperm(String... names) {
      noperm.addAll(List.of(names));
      return this;
    }

    Builder config(String key, String value) {
      config.put(key, value);
      return this;
    }

    RedisSimulator start() throws IOException {
      return new RedisSimulator(this);
    }
  }
}
