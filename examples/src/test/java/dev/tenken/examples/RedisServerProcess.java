package dev.tenken.examples;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} (Debian package {@code redis-server}) started on a free loopback
 * port, with no persistence, in the foreground. {@link #close()} stops it.
 */
final class RedisServerProcess implements AutoCloseable {
  private static final Duration READY_WITHIN = Duration.ofSeconds(15);

  private final Process process;
  private final int port;
  private final Path log;

  private RedisServerProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Whether a redis-server binary can be found (see {@link #start(String...)}). */
  static boolean isInstalled() {
    return find().isPresent();
  }

  /**
   * Starts redis-server with {@code options} (such as {@code "--requirepass", "s3cret"}) added to
   * its command line and waits until it answers {@code PING} ({@code -NOAUTH} counts as an answer).
   *
   * @throws IllegalStateException when the binary is missing or the server does not come up
   */
  static RedisServerProcess start(String... options) throws IOException, InterruptedException {
    Path binary =
        find()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "redis-server not found on PATH or in /usr/bin, /usr/sbin, /usr/local/bin;"
                            + " install it: sudo apt-get install redis-server"
                            + " (or set -Dtenken.redis-server=/path/to/redis-server)"));
    IllegalStateException failure = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = freePort();
      Path log = Files.createTempFile("tenken-redis-" + port + "-", ".log");
      List<String> command =
          new ArrayList<>(
              List.of(
                  binary.toString(),
                  "--port",
                  String.valueOf(port),
                  "--bind",
                  "127.0.0.1",
                  "--save",
                  "",
                  "--appendonly",
                  "no",
                  "--daemonize",
                  "no",
                  "--dir",
                  log.getParent().toString()));
      command.addAll(List.of(options));
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      RedisServerProcess server = new RedisServerProcess(process, port, log);
      try {
        server.awaitReady();
        return server;
      } catch (IllegalStateException e) {
        server.close();
        failure = e; // most likely the port was taken in between: try another
      }
    }
    throw failure;
  }

  /** The port it listens on (on 127.0.0.1). */
  int port() {
    return port;
  }

  private static Optional<Path> find() {
    String configured = System.getProperty("tenken.redis-server", "");
    if (!configured.isEmpty()) {
      return Optional.of(Path.of(configured)).filter(Files::isExecutable);
    }
    List<String> dirs = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      dirs.addAll(List.of(path.split(File.pathSeparator)));
    }
    dirs.addAll(List.of("/usr/bin", "/usr/sbin", "/usr/local/bin"));
    return dirs.stream()
        .filter(d -> !d.isEmpty())
        .map(d -> Path.of(d, "redis-server"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Polls connect + PING until it is answered, the process ends, or the bound passes. */
  private void awaitReady() throws InterruptedException {
    Instant until = Instant.now().plus(READY_WITHIN);
    while (Instant.now().isBefore(until)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "redis-server exited with " + process.exitValue() + " before answering: " + logText());
      }
      if (pings()) {
        return;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException(
        "redis-server did not answer PING on port "
            + port
            + " within "
            + READY_WITHIN
            + ": "
            + logText());
  }

  private boolean pings() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      s.setSoTimeout(500);
      s.getOutputStream().write("PING\r\n".getBytes(ISO_8859_1));
      InputStream in = s.getInputStream();
      byte[] reply = new byte[3];
      int n = 0;
      while (n < reply.length) {
        int r = in.read(reply, n, reply.length - n);
        if (r < 0) {
          return false;
        }
        n += r;
      }
      // "+PONG" from an open server, "-NOAUTH ..." from one with a password: both are up.
      String start = new String(reply, ISO_8859_1);
      return start.equals("+PO") || start.equals("-NO");
    } catch (IOException e) {
      return false;
    }
  }

  private String logText() {
    try {
      return Files.readString(log, ISO_8859_1).strip();
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Stops the server (SIGTERM, then SIGKILL after five seconds) and deletes its log. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Files.deleteIfExists(log);
    } catch (IOException e) {
      // a temp file left behind
    }
  }
}
