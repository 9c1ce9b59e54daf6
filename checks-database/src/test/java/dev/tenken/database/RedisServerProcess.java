package dev.tenken.database;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} (Debian's, {@code /usr/bin/redis-server}) on a free loopback port,
 * for the {@code *IT} tests: no persistence ({@code --save '' --appendonly no}), bound to {@code
 * 127.0.0.1}, its output in a log file. {@link #start} waits, within a bound, until the port
 * answers; {@link #close} destroys the process and waits for it.
 */
final class RedisServerProcess implements AutoCloseable {
  static final String BINARY = "/usr/bin/redis-server";
  private static final Duration READY_BOUND = Duration.ofSeconds(15);

  private final Process process;
  private final int port;
  private final Path log;

  private RedisServerProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  static boolean available() {
    return Files.isExecutable(Path.of(BINARY));
  }

  /**
   * Starts {@code redis-server [config] --port <free> ... extra...} in {@code workDir}.
   *
   * @param config a config file written by the test, or null
   * @param tls whether the free port is the TLS port (plaintext port 0)
   */
  static RedisServerProcess start(Path workDir, Path config, boolean tls, String... extra)
      throws IOException, InterruptedException {
    int port = freePort();
    List<String> cmd = new ArrayList<>();
    cmd.add(BINARY);
    if (config != null) {
      cmd.add(config.toString());
    }
    if (tls) {
      cmd.addAll(List.of("--port", "0", "--tls-port", String.valueOf(port)));
    } else {
      cmd.addAll(List.of("--port", String.valueOf(port)));
    }
    cmd.addAll(List.of("--save", "", "--appendonly", "no", "--bind", "127.0.0.1"));
    cmd.addAll(List.of(extra));
    Path log = Files.createTempFile(workDir, "redis-" + port + "-", ".log");
    Process p =
        new ProcessBuilder(cmd)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    RedisServerProcess server = new RedisServerProcess(p, port, log);
    try {
      server.awaitReady();
    } catch (IOException | RuntimeException | InterruptedException e) {
      server.close();
      throw e;
    }
    return server;
  }

  private void awaitReady() throws IOException, InterruptedException {
    long until = System.nanoTime() + READY_BOUND.toNanos();
    while (System.nanoTime() < until) {
      if (!process.isAlive()) {
        throw new IOException(
            "redis-server exited with " + process.exitValue() + ": " + Files.readString(log));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new IOException(
        "redis-server not ready within " + READY_BOUND + ": " + Files.readString(log));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  int port() {
    return port;
  }

  String target() {
    return "redis://127.0.0.1:" + port;
  }

  /**
   * Opens a plain client connection of the test's own (not Tenken's), optionally AUTHs, and sends
   * {@code MONITOR}; the returned socket streams every command the server receives.
   */
  Socket monitor(String password) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
    s.setSoTimeout(2_000);
    StringBuilder request = new StringBuilder();
    if (password != null) {
      request.append("*2\r\n$4\r\nAUTH\r\n$").append(password.length()).append("\r\n");
      request.append(password).append("\r\n");
    }
    request.append("*1\r\n$7\r\nMONITOR\r\n");
    s.getOutputStream().write(request.toString().getBytes(ISO_8859_1));
    s.getOutputStream().flush();
    InputStream in = s.getInputStream();
    int oks = password == null ? 1 : 2;
    StringBuilder line = new StringBuilder();
    while (oks > 0) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("MONITOR connection closed");
      }
      line.append((char) b);
      if (b == '\n') {
        if (!line.toString().startsWith("+OK")) {
          throw new IOException("MONITOR setup failed: " + line);
        }
        oks--;
        line.setLength(0);
      }
    }
    s.setSoTimeout(0);
    return s;
  }

  /**
   * Every command the server executed or refused so far, from {@code INFO commandstats} read on a
   * connection of the test's own: name (subcommands as {@code config|get}) to calls + rejected +
   * failed calls. Unlike MONITOR, it also counts admin commands (CONFIG, DEBUG, MODULE...), which
   * MONITOR never shows.
   */
  java.util.Map<String, Long> commandStats(String password) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
      s.setSoTimeout(5_000);
      StringBuilder request = new StringBuilder();
      if (password != null) {
        request.append("*2\r\n$4\r\nAUTH\r\n$").append(password.length()).append("\r\n");
        request.append(password).append("\r\n");
      }
      request.append("*2\r\n$4\r\nINFO\r\n$12\r\ncommandstats\r\n");
      s.getOutputStream().write(request.toString().getBytes(ISO_8859_1));
      java.io.BufferedReader in =
          new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(), ISO_8859_1));
      if (password != null && !in.readLine().startsWith("+OK")) {
        throw new IOException("AUTH refused");
      }
      String header = in.readLine();
      if (!header.startsWith("$")) {
        throw new IOException("INFO commandstats answered " + header);
      }
      char[] body = new char[Integer.parseInt(header.substring(1))];
      int off = 0;
      while (off < body.length) {
        int n = in.read(body, off, body.length - off);
        if (n < 0) {
          throw new IOException("closed inside INFO commandstats");
        }
        off += n;
      }
      java.util.Map<String, Long> stats = new java.util.TreeMap<>();
      for (String line : new String(body).split("\r\n")) {
        if (!line.startsWith("cmdstat_")) {
          continue;
        }
        String name = line.substring("cmdstat_".length(), line.indexOf(':'));
        long total = 0;
        for (String kv : line.substring(line.indexOf(':') + 1).split(",")) {
          String[] p = kv.split("=");
          if (p[0].equals("calls")
              || p[0].equals("rejected_calls")
              || p[0].equals("failed_calls")) {
            total += Long.parseLong(p[1]);
          }
        }
        stats.put(name, total);
      }
      return stats;
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "redis-server on 127.0.0.1:" + port;
  }
}
