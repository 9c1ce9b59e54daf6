package dev.tenken.database;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server from Debian's packages ({@code /usr/lib/postgresql/<n>/bin}), started on
 * a free loopback port in a temporary directory for the ITs, and always stopped and deleted by
 * {@link #close()}. As root, {@code initdb} and {@code postgres} run as the {@code postgres} OS
 * user through {@code runuser}, since both refuse to run as root. Every statement is logged ({@code
 * log_statement=all}) so a test can prove no query was run.
 */
final class PostgresRealServer implements AutoCloseable {
  private static final Duration READY = Duration.ofSeconds(30);

  private final Path dir;
  private final Path bin;
  private final int port;
  private final Process process;
  private final Path log;

  private PostgresRealServer(Path dir, Path bin, int port, Process process, Path log) {
    this.dir = dir;
    this.bin = bin;
    this.port = port;
    this.process = process;
    this.log = log;
  }

  /** The newest installed server's bin directory, if any. */
  static Path binDir() {
    Path root = Paths.get("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return null;
    }
    try (Stream<Path> s = Files.list(root)) {
      return s.map(p -> p.resolve("bin"))
          .filter(p -> Files.isExecutable(p.resolve("postgres")))
          .max(Comparator.comparing(p -> Integer.parseInt(p.getParent().getFileName().toString())))
          .orElse(null);
    } catch (IOException | NumberFormatException e) {
      return null;
    }
  }

  private static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }

  /**
   * Starts a server.
   *
   * @param method the pg_hba.conf method for host 127.0.0.1/32 ({@code trust}, {@code
   *     scram-sha-256}, {@code md5}, {@code password})
   * @param password the postgres password, or null for none
   * @param ssl whether to turn TLS on with a fresh self-signed certificate
   */
  static PostgresRealServer start(String method, String password, boolean ssl) throws Exception {
    Path bin = binDir();
    Path dir = Files.createTempDirectory("tenken-pg-");
    List<String> initdb =
        new ArrayList<>(
            List.of(
                bin.resolve("initdb").toString(),
                "-D",
                dir.resolve("data").toString(),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-sync"));
    if (password != null) {
      Path pw = dir.resolve("pw");
      Files.writeString(pw, password + "\n", StandardCharsets.UTF_8);
      initdb.add("--pwfile=" + pw);
    }
    chown(dir);
    run(initdb, Duration.ofSeconds(60));
    Files.deleteIfExists(dir.resolve("pw"));
    Path data = dir.resolve("data");
    Files.writeString(
        data.resolve("pg_hba.conf"),
        "local all all trust\nhost all all 127.0.0.1/32 " + method + "\n",
        StandardCharsets.UTF_8);
    List<String> cmd =
        new ArrayList<>(
            List.of(
                bin.resolve("postgres").toString(),
                "-D",
                data.toString(),
                "-c",
                "listen_addresses=127.0.0.1",
                "-k",
                dir.toString(),
                "-c",
                "log_statement=all",
                "-c",
                "log_connections=on",
                "-c",
                "fsync=off"));
    if (ssl) {
      Path crt = dir.resolve("server.crt");
      Path key = dir.resolve("server.key");
      run(
          List.of(
              "openssl",
              "req",
              "-x509",
              "-newkey",
              "rsa:2048",
              "-nodes",
              "-subj",
              "/CN=localhost",
              "-days",
              "1",
              "-keyout",
              key.toString(),
              "-out",
              crt.toString()),
          Duration.ofSeconds(60),
          false);
      chown(dir);
      run(List.of("chmod", "600", key.toString()), Duration.ofSeconds(10), false);
      cmd.addAll(
          List.of("-c", "ssl=on", "-c", "ssl_cert_file=" + crt, "-c", "ssl_key_file=" + key));
    }
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    cmd.addAll(List.of("-p", String.valueOf(port)));
    Path log = dir.resolve("server.log");
    ProcessBuilder pb =
        new ProcessBuilder(asPostgres(cmd)).redirectErrorStream(true).redirectOutput(log.toFile());
    Process p = pb.start();
    PostgresRealServer server = new PostgresRealServer(dir, bin, port, p, log);
    try {
      server.awaitReady();
    } catch (Exception e) {
      server.close();
      throw e;
    }
    return server;
  }

  private void awaitReady() throws Exception {
    Instant until = Instant.now().plus(READY);
    while (Instant.now().isBefore(until)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("postgres exited: " + Files.readString(log));
      }
      Process ready =
          new ProcessBuilder(
                  bin.resolve("pg_isready").toString(),
                  "-q",
                  "-h",
                  "127.0.0.1",
                  "-p",
                  String.valueOf(port),
                  "-t",
                  "1")
              .start();
      if (ready.waitFor(5, TimeUnit.SECONDS) && ready.exitValue() == 0) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("postgres not ready within " + READY);
  }

  private void deleteDir() throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  int port() {
    return port;
  }

  /** The server's log so far. */
  String log() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  private static List<String> asPostgres(List<String> cmd) {
    if (!root()) {
      return cmd;
    }
    List<String> out = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
    out.addAll(cmd);
    return out;
  }

  private static void chown(Path dir) throws Exception {
    if (root()) {
      run(List.of("chown", "-R", "postgres", dir.toString()), Duration.ofSeconds(10), false);
    }
  }

  private static void run(List<String> cmd, Duration limit) throws Exception {
    run(cmd, limit, true);
  }

  private static void run(List<String> cmd, Duration limit, boolean asPostgres) throws Exception {
    Process p =
        new ProcessBuilder(asPostgres ? asPostgres(cmd) : cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(cmd.get(0) + " did not end within " + limit);
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException(
          String.join(" ", cmd) + " failed: " + new String(out, StandardCharsets.UTF_8));
    }
  }

  @Override
  public void close() throws IOException {
    try {
      stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      deleteDir();
    }
  }

  private void stop() throws IOException, InterruptedException {
    try {
      Process stop =
          new ProcessBuilder(
                  asPostgres(
                      List.of(
                          bin.resolve("pg_ctl").toString(),
                          "stop",
                          "-m",
                          "immediate",
                          "-D",
                          dir.resolve("data").toString())))
              .redirectErrorStream(true)
              .start();
      stop.getInputStream().readAllBytes();
      stop.waitFor(20, TimeUnit.SECONDS);
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
      deleteDir();
    }
  }
}
