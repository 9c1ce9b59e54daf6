package dev.tenken.test.sim;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A Redis server on a loopback port, shaped like redis-server 7.x speaking RESP2: enough of the
 * protocol for read-only checks and for a person poking at it with {@code redis-cli}. It stores no
 * data; every command that would write or change state is answered {@code -ERR unknown command} and
 * recorded, so a test can prove that only allow-listed commands arrived.
 *
 * <pre>{@code
 * try (RespServerSimulator redis = RespServerSimulator.start(RespServerSimulator.Variant.OPEN)) {
 *   runner.scan(List.of(Target.parse(redis.target())));   // redis://127.0.0.1:<port>
 *   assertThat(redis.commandNames()).isSubsetOf("PING", "INFO", "CONFIG", "COMMAND", "QUIT");
 * }
 * }</pre>
 *
 * <p>What it answers, as Redis 7.0 would:
 *
 * <ul>
 *   <li>{@code PING [message]}, {@code ECHO message}, {@code QUIT} ({@code +OK}, then the
 *       connection closes), {@code ROLE} (a master without replicas);
 *   <li>{@code INFO [section...]}: {@code server} (with {@code redis_version}, {@link
 *       Builder#version} — default 7.0.11 for {@link Variant#OPEN}, 7.4.6 for {@link
 *       Variant#PASSWORD}), {@code clients}, {@code memory}, {@code persistence}, {@code stats},
 *       {@code replication}, {@code cpu}, {@code keyspace}; no argument, {@code default}, {@code
 *       all} or {@code everything}: all of them;
 *   <li>{@code CONFIG GET parameter...} (exact names: {@code protected-mode}, {@code requirepass}
 *       masked as real Redis shows it only to authenticated clients, {@code bind}, {@code dir},
 *       {@code dbfilename}, {@code enable-debug-command}, {@code enable-module-command}, {@code
 *       tls-port}, {@code port}...);
 *   <li>{@code COMMAND INFO name...} (a short entry per known command, nil for others), {@code
 *       COMMAND COUNT}, {@code COMMAND DOCS} (an empty map);
 *   <li>{@code CLIENT ID|GETNAME|SETNAME}, {@code HELLO [2]} ({@code HELLO 3}: {@code -NOPROTO},
 *       RESP3 is not spoken);
 *   <li>{@code AUTH [user] password}: in {@link Variant#OPEN} Redis's error about no password being
 *       configured; in {@link Variant#PASSWORD} {@code +OK} for the right password (user {@code
 *       default}), otherwise {@code -WRONGPASS}, counted in {@link #failedAuths()}.
 * </ul>
 *
 * Unknown commands get Redis 7's {@code -ERR unknown command 'name', with args beginning with: ...}
 * before any authentication test, as redis-server does (so a PJL or HTTP probe is answered with a
 * RESP error). In {@link Variant#PASSWORD}, every known command except {@code AUTH}, {@code HELLO}
 * and {@code QUIT} answers {@code -NOAUTH Authentication required.} until {@code AUTH} succeeds on
 * that connection. Both variants run with protected mode off ({@code CONFIG GET protected-mode}:
 * {@code no}), as a server reachable from the network must.
 *
 * <p>Inline commands (words separated by spaces, ending in {@code LF}) and RESP arrays of bulk
 * strings are accepted; a command longer than 64 KiB or with more than 1024 arguments answers a
 * protocol error and closes the connection, as Redis does for oversized requests.
 *
 * <p>Thread-safe. Binds {@code 127.0.0.1} (or the loopback address given to {@link
 * Builder#bind(InetAddress)}) on an ephemeral port; one daemon thread accepts, one serves each
 * connection. {@link #close()} is idempotent and waits at most 2 s for the threads.
 */
public final class RespServerSimulator implements AutoCloseable {
  private static final int MAX_COMMAND_BYTES = 64 * 1024;
  private static final int MAX_ARGS = 1024;
  private static final Set<String> NO_AUTH_NEEDED = Set.of("AUTH", "HELLO", "QUIT");
  private static final Map<String, Integer> ARITY =
      Map.ofEntries(
          Map.entry("ping", -1),
          Map.entry("echo", 2),
          Map.entry("quit", -1),
          Map.entry("role", 1),
          Map.entry("info", -1),
          Map.entry("config", -2),
          Map.entry("command", -1),
          Map.entry("client", -2),
          Map.entry("hello", -1),
          Map.entry("auth", -2),
          Map.entry("get", 2),
          Map.entry("set", -3),
          Map.entry("module", -2),
          Map.entry("debug", -2),
          Map.entry("eval", -3),
          Map.entry("slaveof", 3),
          Map.entry("replicaof", 3),
          Map.entry("flushall", -1));
  private static final Set<String> SERVED =
      Set.of(
          "PING", "ECHO", "QUIT", "ROLE", "INFO", "CONFIG", "COMMAND", "CLIENT", "HELLO", "AUTH");

  /** The state the server is configured in. */
  public enum Variant {
    /** No password, protected mode off: every client may run every command. */
    OPEN,
    /** {@code requirepass} set: {@code -NOAUTH} until {@code AUTH} with the right password. */
    PASSWORD
  }

  private final Variant variant;
  private final String version;
  private final @Nullable String password;
  private final ServerSocket server;
  private final Thread acceptor;
  private final List<Socket> sockets = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final List<String> commands = new ArrayList<>();
  private int failedAuths;
  private int connections;
  private long nextClientId = 3;
  private boolean closed;

  private RespServerSimulator(Builder b, ServerSocket server) {
    this.variant = b.variant;
    this.version = b.version != null ? b.version : b.variant == Variant.OPEN ? "7.0.11" : "7.4.6";
    this.password = b.variant == Variant.PASSWORD ? b.password : null;
    this.server = server;
    this.acceptor = Loopback.daemon("resp-server-" + server.getLocalPort(), this::acceptLoop);
    acceptor.start();
  }

  /**
   * Starts a server in {@code variant} on {@code 127.0.0.1} with the defaults of {@link Builder}.
   *
   * @throws IOException when no port can be bound
   */
  public static RespServerSimulator start(Variant variant) throws IOException {
    return builder(variant).start();
  }

  /** A builder for a server in {@code variant}. */
  public static Builder builder(Variant variant) {
    return new Builder(variant);
  }

  /** The port it listens on. */
  public int port() {
    return server.getLocalPort();
  }

  /** The address it listens on, a loopback address. */
  public InetAddress address() {
    return server.getInetAddress();
  }

  /** {@code redis://<address>:<port>}, such as {@code redis://127.0.0.1:40123}. */
  public String target() {
    return "redis://" + address().getHostAddress() + ":" + port();
  }

  /** The variant it runs in. */
  public Variant variant() {
    return variant;
  }

  /** The {@code redis_version} that {@code INFO server} reports. */
  public String version() {
    return version;
  }

  /** The password {@code AUTH} accepts; empty in {@link Variant#OPEN}. */
  public java.util.Optional<String> password() {
    return java.util.Optional.ofNullable(password);
  }

  /**
   * Every command received, in arrival order, as its upper-case name followed by its arguments;
   * {@code AUTH}'s arguments are shown as {@code ****}.
   */
  public synchronized List<String> commands() {
    return List.copyOf(commands);
  }

  /** The upper-case names of every command received, in arrival order. */
  public synchronized List<String> commandNames() {
    return commands.stream().map(c -> c.split(" ", 2)[0]).toList();
  }

  /** How many {@code AUTH} commands were refused (wrong password or no password configured). */
  public synchronized int failedAuths() {
    return failedAuths;
  }

  /** How many connections were accepted. */
  public synchronized int connections() {
    return connections;
  }

  private void acceptLoop() {
    while (true) {
      Socket s;
      try {
        s = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      synchronized (this) {
        if (closed) {
          Loopback.closeQuietly(s);
          return;
        }
        connections++;
        sockets.add(s);
        Thread t = Loopback.daemon("resp-client-" + s.getPort(), () -> serve(s));
        threads.add(t);
        t.start();
      }
    }
  }

  private void serve(Socket s) {
    Session session = new Session();
    try (s;
        InputStream in = new BufferedInputStream(s.getInputStream());
        OutputStream out = s.getOutputStream()) {
      s.setSoTimeout(60_000);
      while (true) {
        List<String> cmd;
        try {
          cmd = read(in);
        } catch (ProtocolError e) {
          out.write(("-ERR Protocol error: " + e.getMessage() + "\r\n").getBytes(UTF8));
          out.flush();
          return;
        }
        if (cmd == null) {
          return;
        }
        if (cmd.isEmpty()) {
          continue;
        }
        String reply = reply(cmd, session);
        out.write(reply.getBytes(UTF8));
        out.flush();
        if (session.quit) {
          return;
        }
      }
    } catch (IOException e) {
      // The client went away or the server closed: nothing to answer.
    } finally {
      synchronized (this) {
        sockets.remove(s);
      }
    }
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  /** A problem with a request that makes Redis answer a protocol error and close. */
  private static final class ProtocolError extends Exception {
    private static final long serialVersionUID = 1L;

    ProtocolError(String message) {
      super(message, null, false, false);
    }
  }

  /** The next command; null at the end of the stream; empty for a blank inline line. */
  private static @Nullable List<String> read(InputStream in) throws IOException, ProtocolError {
    int first = in.read();
    if (first < 0) {
      return null;
    }
    if (first != '*') {
      String line = (char) first + line(in, MAX_COMMAND_BYTES);
      List<String> words = new ArrayList<>();
      for (String w : line.strip().split("[ \t]+")) {
        if (!w.isEmpty()) {
          words.add(w);
        }
      }
      if (words.size() > MAX_ARGS) {
        throw new ProtocolError("too many arguments");
      }
      return words;
    }
    int n = number(line(in, 32), "multibulk length");
    if (n > MAX_ARGS) {
      throw new ProtocolError("invalid multibulk length");
    }
    List<String> args = new ArrayList<>();
    int total = 0;
    for (int i = 0; i < n; i++) {
      String header = line(in, 32);
      if (!header.startsWith("$")) {
        throw new ProtocolError("expected '$', got '" + printable(header, 8) + "'");
      }
      int len = number(header.substring(1), "bulk length");
      total += len;
      if (len > MAX_COMMAND_BYTES || total > MAX_COMMAND_BYTES) {
        throw new ProtocolError("invalid bulk length");
      }
      byte[] data = in.readNBytes(len + 2);
      if (data.length != len + 2) {
        return null;
      }
      args.add(new String(data, 0, len, UTF8));
    }
    return args;
  }

  /** One line without its CR LF (or LF), at most {@code cap} bytes. */
  private static String line(InputStream in, int cap) throws IOException, ProtocolError {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    while (true) {
      int c = in.read();
      if (c < 0 || c == '\n') {
        byte[] bytes = b.toByteArray();
        int len = bytes.length;
        if (len > 0 && bytes[len - 1] == '\r') {
          len--;
        }
        return new String(bytes, 0, len, UTF8);
      }
      if (b.size() >= cap) {
        throw new ProtocolError("too big inline request");
      }
      b.write(c);
    }
  }

  private static int number(String s, String what) throws ProtocolError {
    try {
      int n = Integer.parseInt(s.strip());
      if (n < 0) {
        throw new ProtocolError("invalid " + what);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new ProtocolError("invalid " + what);
    }
  }

  /** The per-connection state. */
  private static final class Session {
    boolean authenticated;
    boolean quit;
    long id;
    @Nullable String name;
  }

  private String reply(List<String> cmd, Session session) {
    String name = cmd.get(0).toUpperCase(Locale.ROOT);
    List<String> args = cmd.subList(1, cmd.size());
    synchronized (this) {
      commands.add(
          name.equals("AUTH") && !args.isEmpty()
              ? "AUTH ****"
              : String.join(" ", cmd).replaceFirst("^\\S+", name));
      if (session.id == 0) {
        session.id = nextClientId++;
      }
    }
    if (!SERVED.contains(name)) {
      return unknown(cmd);
    }
    if (password != null && !session.authenticated && !NO_AUTH_NEEDED.contains(name)) {
      return "-NOAUTH Authentication required.\r\n";
    }
    return switch (name) {
      case "PING" -> args.isEmpty() ? "+PONG\r\n" : bulk(args.get(0));
      case "ECHO" -> args.size() == 1 ? bulk(args.get(0)) : wrongArity("echo");
      case "QUIT" -> {
        session.quit = true;
        yield "+OK\r\n";
      }
      case "ROLE" -> "*3\r\n" + bulk("master") + ":0\r\n*0\r\n";
      case "INFO" -> bulk(info(args));
      case "CONFIG" -> config(args);
      case "COMMAND" -> command(args);
      case "CLIENT" -> client(args, session);
      case "HELLO" -> hello(args, session);
      case "AUTH" -> auth(args, session);
      default -> unknown(cmd);
    };
  }

  private static String unknown(List<String> cmd) {
    StringBuilder b =
        new StringBuilder("-ERR unknown command '")
            .append(printable(cmd.get(0), 128))
            .append("', with args beginning with: ");
    for (String a : cmd.subList(1, Math.min(cmd.size(), 16))) {
      b.append('\'').append(printable(a, 128)).append("' ");
    }
    return b.append("\r\n").toString();
  }

  private static String wrongArity(String name) {
    return "-ERR wrong number of arguments for '" + name + "' command\r\n";
  }

  private String auth(List<String> args, Session session) {
    if (args.isEmpty() || args.size() > 2) {
      return "-ERR syntax error\r\n";
    }
    if (password == null) {
      synchronized (this) {
        failedAuths++;
      }
      return "-ERR AUTH <password> called without any password configured for the default user."
          + " Are you sure your configuration is correct?\r\n";
    }
    boolean user = args.size() == 1 || args.get(0).equals("default");
    if (user && args.get(args.size() - 1).equals(password)) {
      session.authenticated = true;
      return "+OK\r\n";
    }
    synchronized (this) {
      failedAuths++;
    }
    return "-WRONGPASS invalid username-password pair or user is disabled.\r\n";
  }

  private String hello(List<String> args, Session session) {
    if (!args.isEmpty() && !args.get(0).equals("2")) {
      return args.get(0).equals("3")
          ? "-NOPROTO unsupported protocol version\r\n"
          : "-ERR Protocol version is not an integer or out of range\r\n";
    }
    if (args.size() >= 4 && args.get(1).equalsIgnoreCase("AUTH")) {
      String r = auth(args.subList(2, 4), session);
      if (!r.startsWith("+")) {
        return r;
      }
    }
    if (password != null && !session.authenticated) {
      return "-NOAUTH HELLO must be called with the client already authenticated, otherwise the"
          + " HELLO <proto> AUTH <user> <pass> option can be used to authenticate the client and"
          + " select the RESP protocol version at the same time\r\n";
    }
    return "*14\r\n"
        + bulk("server")
        + bulk("redis")
        + bulk("version")
        + bulk(version)
        + bulk("proto")
        + ":2\r\n"
        + bulk("id")
        + ":"
        + session.id
        + "\r\n"
        + bulk("mode")
        + bulk("standalone")
        + bulk("role")
        + bulk("master")
        + bulk("modules")
        + "*0\r\n";
  }

  private String client(List<String> args, Session session) {
    if (args.isEmpty()) {
      return wrongArity("client");
    }
    String sub = args.get(0).toUpperCase(Locale.ROOT);
    return switch (sub) {
      case "ID" -> ":" + session.id + "\r\n";
      case "GETNAME" -> session.name == null ? "$-1\r\n" : bulk(session.name);
      case "SETNAME" -> {
        if (args.size() != 2) {
          yield wrongArity("client|setname");
        }
        session.name = args.get(1);
        yield "+OK\r\n";
      }
      default ->
          "-ERR unknown subcommand '" + printable(args.get(0), 64) + "'. Try CLIENT HELP.\r\n";
    };
  }

  private String config(List<String> args) {
    if (args.isEmpty()) {
      return wrongArity("config");
    }
    if (!args.get(0).equalsIgnoreCase("GET")) {
      // Only reads are simulated: CONFIG SET/REWRITE/RESETSTAT are refused.
      return "-ERR unknown subcommand '" + printable(args.get(0), 64) + "'. Try CONFIG HELP.\r\n";
    }
    if (args.size() < 2) {
      return wrongArity("config|get");
    }
    Map<String, String> all = configValues();
    StringBuilder items = new StringBuilder();
    int n = 0;
    for (String p : args.subList(1, args.size())) {
      String value = all.get(p.toLowerCase(Locale.ROOT));
      if (value != null) {
        items.append(bulk(p.toLowerCase(Locale.ROOT))).append(bulk(value));
        n += 2;
      }
    }
    return "*" + n + "\r\n" + items;
  }

  private Map<String, String> configValues() {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("port", "6379");
    c.put("bind", "* -::*");
    c.put("protected-mode", "no");
    c.put("requirepass", password == null ? "" : "********");
    c.put("dir", "/var/lib/redis");
    c.put("dbfilename", "dump.rdb");
    c.put("enable-debug-command", "no");
    c.put("enable-module-command", "no");
    c.put("enable-protected-configs", "no");
    c.put("tls-port", "0");
    c.put("maxclients", "10000");
    c.put("appendonly", "no");
    return c;
  }

  private static String command(List<String> args) {
    if (args.isEmpty()) {
      // The full command table: not simulated; a short answer rather than a wrong one.
      return "-ERR COMMAND without a subcommand is not simulated\r\n";
    }
    String sub = args.get(0).toUpperCase(Locale.ROOT);
    return switch (sub) {
      case "COUNT" -> ":" + ARITY.size() + "\r\n";
      case "DOCS" -> "*0\r\n";
      case "INFO" -> {
        StringBuilder b = new StringBuilder("*" + (args.size() - 1) + "\r\n");
        for (String c : args.subList(1, args.size())) {
          Integer arity = ARITY.get(c.toLowerCase(Locale.ROOT));
          b.append(
              arity == null
                  ? "*-1\r\n"
                  : "*6\r\n"
                      + bulk(c.toLowerCase(Locale.ROOT))
                      + ":"
                      + arity
                      + "\r\n*0\r\n:0\r\n:0\r\n:0\r\n");
        }
        yield b.toString();
      }
      default ->
          "-ERR unknown subcommand '" + printable(args.get(0), 64) + "'. Try COMMAND HELP.\r\n";
    };
  }

  private String info(List<String> args) {
    List<String> wanted = new ArrayList<>();
    for (String a : args) {
      wanted.add(a.toLowerCase(Locale.ROOT));
    }
    boolean all =
        wanted.isEmpty()
            || wanted.contains("default")
            || wanted.contains("all")
            || wanted.contains("everything");
    Map<String, String> sections = sections();
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, String> e : sections.entrySet()) {
      if (all || wanted.contains(e.getKey())) {
        if (b.length() > 0) {
          b.append("\r\n");
        }
        b.append(e.getValue());
      }
    }
    return b.toString();
  }

  private Map<String, String> sections() {
    Map<String, String> s = new LinkedHashMap<>();
    s.put(
        "server",
        lines(
            "# Server",
            "redis_version:" + version,
            "redis_git_sha1:00000000",
            "redis_git_dirty:0",
            "redis_build_id:" + buildId(),
            "redis_mode:standalone",
            "os:Linux 6.1.0-18-amd64 x86_64",
            "arch_bits:64",
            "monotonic_clock:POSIX clock_gettime",
            "multiplexing_api:epoll",
            "gcc_version:12.2.0",
            "process_id:" + (1000 + port() % 1000),
            "run_id:" + buildId() + buildId() + buildId().substring(0, 8),
            "tcp_port:6379",
            "uptime_in_seconds:864000",
            "uptime_in_days:10",
            "executable:/usr/bin/redis-server",
            "config_file:/etc/redis/redis.conf"));
    s.put(
        "clients",
        lines(
            "# Clients",
            "connected_clients:" + Math.max(1, sockets()),
            "maxclients:10000",
            "blocked_clients:0"));
    s.put(
        "memory",
        lines(
            "# Memory",
            "used_memory:1182456",
            "used_memory_human:1.13M",
            "maxmemory:0",
            "maxmemory_policy:noeviction"));
    s.put(
        "persistence",
        lines("# Persistence", "loading:0", "rdb_changes_since_last_save:0", "aof_enabled:0"));
    s.put(
        "stats",
        lines(
            "# Stats",
            "total_connections_received:" + connections(),
            "total_commands_processed:" + commands().size(),
            "rejected_connections:0"));
    s.put(
        "replication",
        lines(
            "# Replication",
            "role:master",
            "connected_slaves:0",
            "master_failover_state:no-failover",
            "master_replid:" + buildId() + buildId() + buildId().substring(0, 8),
            "master_repl_offset:0"));
    s.put("cpu", lines("# CPU", "used_cpu_sys:12.345678", "used_cpu_user:23.456789"));
    s.put("keyspace", lines("# Keyspace", "db0:keys=42,expires=0,avg_ttl=0"));
    return s;
  }

  private synchronized int sockets() {
    return sockets.size();
  }

  private String buildId() {
    return String.format(Locale.ROOT, "%016x", (long) version.hashCode() * 0x9E3779B97F4A7C15L);
  }

  private static String lines(String... lines) {
    return String.join("\r\n", lines) + "\r\n";
  }

  private static String bulk(String s) {
    return "$" + s.getBytes(UTF8).length + "\r\n" + s + "\r\n";
  }

  /** {@code s} shortened, CR and LF (which would end the reply line) as spaces, as Redis does. */
  private static String printable(String s, int max) {
    String p = s.replace('\r', ' ').replace('\n', ' ');
    return p.length() <= max ? p : p.substring(0, max);
  }

  /**
   * Stops accepting, closes every connection and waits at most 2 s for the threads. Recorded data
   * stays readable. Idempotent; never throws.
   */
  @Override
  public void close() {
    List<Thread> toJoin;
    List<Socket> toClose;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toClose = List.copyOf(sockets);
      toJoin = new ArrayList<>(threads);
      toJoin.add(0, acceptor);
    }
    Loopback.closeQuietly(server);
    toClose.forEach(Loopback::closeQuietly);
    Loopback.join(toJoin);
  }

  @Override
  public String toString() {
    return "RespServerSimulator[" + target() + ", " + variant + ", redis " + version + "]";
  }

  /** Configures a simulator. Not thread-safe. */
  public static final class Builder {
    private final Variant variant;
    private @Nullable String version;
    private String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
    private InetAddress bind = Loopback.address();

    private Builder(Variant variant) {
      this.variant = Objects.requireNonNull(variant, "variant");
    }

    /**
     * The {@code redis_version} to report. Default {@code 7.0.11} (a release without the 2025
     * security fixes) for {@link Variant#OPEN}, {@code 7.4.6} (fixed) for {@link Variant#PASSWORD}.
     */
    public Builder version(String value) {
      this.version = Objects.requireNonNull(value, "version");
      return this;
    }

    /**
     * The password {@link Variant#PASSWORD} requires. Default: 24 random hexadecimal digits, so no
     * default-password list can guess it. Ignored by {@link Variant#OPEN}.
     */
    public Builder password(String value) {
      this.password = Objects.requireNonNull(value, "password");
      return this;
    }

    /**
     * The loopback address to listen on, such as {@code 127.0.0.2}. Default {@code 127.0.0.1}.
     *
     * @throws IllegalArgumentException when {@code address} is not a loopback address
     */
    public Builder bind(InetAddress address) {
      if (!address.isLoopbackAddress()) {
        throw new IllegalArgumentException(
            "a simulator listens on loopback only, not on " + address.getHostAddress());
      }
      this.bind = address;
      return this;
    }

    /**
     * Binds an ephemeral port and starts serving.
     *
     * @throws IOException when no port can be bound (for an address other than 127.0.0.1: when the
     *     system does not route it to the loopback interface)
     */
    public RespServerSimulator start() throws IOException {
      ServerSocket s = new ServerSocket();
      try {
        s.bind(new InetSocketAddress(bind, 0), 50);
      } catch (IOException e) {
        s.close();
        throw e;
      }
      return new RespServerSimulator(this, s);
    }
  }
}
