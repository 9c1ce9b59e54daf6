package dev.tenken.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.CheckResult;
import dev.tenken.CheckRunner;
import dev.tenken.Scope;
import dev.tenken.TargetResult;
import dev.tenken.report.Report;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs scans through the real runner, scoped to 127.0.0.1/32, and raw loopback servers. */
final class Scans {
  private Scans() {}

  /** A runner builder scoped to 127.0.0.1/32 with the given checks. */
  static CheckRunner.Builder runner(TestCheck... checks) {
    CheckRunner.Builder b = CheckRunner.builder().scope(Scope.of("127.0.0.1/32"));
    for (TestCheck c : checks) {
      b.check(c);
    }
    return b;
  }

  /** Scans one target and returns its result. */
  static TargetResult scan(CheckRunner.Builder builder, String target) throws InterruptedException {
    Report report = builder.build().scan(target);
    assertThat(report.targets()).hasSize(1);
    return report.targets().get(0);
  }

  /** The result of check {@code test.http.<name>}. */
  static CheckResult result(TargetResult target, String name) {
    List<CheckResult> matching =
        target.results().stream().filter(r -> r.checkId().equals("test.http." + name)).toList();
    assertThat(matching).as("results of test.http." + name + " in " + target).hasSize(1);
    return matching.get(0);
  }

  /** A loopback TCP server that hands each connection to a handler on its own thread. */
  static final class RawServer implements AutoCloseable {
    interface Handler {
      void handle(Socket socket) throws Exception;
    }

    final ServerSocket server;
    final AtomicInteger accepted = new AtomicInteger();
    final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    RawServer(String address, Handler handler) throws IOException {
      server = new ServerSocket(0, 50, InetAddress.getByName(address));
      Thread t =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  Socket s;
                  try {
                    s = server.accept();
                  } catch (IOException e) {
                    return;
                  }
                  accepted.incrementAndGet();
                  sockets.add(s);
                  Thread worker =
                      new Thread(
                          () -> {
                            try {
                              handler.handle(s);
                            } catch (Throwable e) {
                              failures.add(e);
                            }
                          },
                          "raw-server-worker");
                  worker.setDaemon(true);
                  worker.start();
                }
              },
              "raw-server");
      t.setDaemon(true);
      t.start();
    }

    int port() {
      return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      server.close();
      for (Socket s : sockets) {
        s.close();
      }
    }

    /** Reads a request head (up to the blank line). */
    static String readHead(Socket s) throws IOException {
      InputStream in = s.getInputStream();
      StringBuilder sb = new StringBuilder();
      int c;
      while ((c = in.read()) >= 0) {
        sb.append((char) c);
        if (sb.length() >= 4 && sb.substring(sb.length() - 4).equals("\r\n\r\n")) {
          break;
        }
      }
      return sb.toString();
    }

    static void write(Socket s, String text) throws IOException {
      OutputStream out = s.getOutputStream();
      out.write(text.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }
  }
}
