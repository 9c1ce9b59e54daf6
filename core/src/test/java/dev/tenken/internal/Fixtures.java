package dev.tenken.internal;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.Endpoint;
import dev.tenken.Safety;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Checks and loopback servers for the runner's tests. */
final class Fixtures {
  private Fixtures() {}

  /** The body of a test check. */
  interface Body {
    Outcome run(Endpoint endpoint, CheckContext context) throws IOException;
  }

  static Check check(String id, String service, Safety safety, Body body) {
    CheckDescriptor d =
        CheckDescriptor.builder(id, "test check " + id).services(service).safety(safety).build();
    return new Check() {
      @Override
      public CheckDescriptor descriptor() {
        return d;
      }

      @Override
      public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
        return body.run(endpoint, context);
      }
    };
  }

  static Check check(String id, Body body) {
    return check(id, "test", Safety.READ_ONLY, body);
  }

  /** A listener that accepts connections and counts them, reading and discarding input. */
  static final class CountingServer implements AutoCloseable {
    final ServerSocket server;
    final AtomicInteger accepted = new AtomicInteger();
    final AtomicInteger open = new AtomicInteger();
    private final Thread thread;

    CountingServer(String address) throws IOException {
      server = new ServerSocket();
      server.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
      thread =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try {
                    Socket s = server.accept();
                    accepted.incrementAndGet();
                    open.incrementAndGet();
                    Thread t =
                        new Thread(
                            () -> {
                              drain(s);
                              open.decrementAndGet();
                            });
                    t.setDaemon(true);
                    t.start();
                  } catch (IOException e) {
                    return;
                  }
                }
              },
              "counting-server");
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return server.getLocalPort();
    }

    private static void drain(Socket s) {
      try (s;
          InputStream in = s.getInputStream()) {
        while (in.read() >= 0) {
          // Keep the connection open and silent until the client goes.
        }
      } catch (IOException ignored) {
        // The client went.
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }

  /**
   * Ports whose SYNs go unanswered: a listener with a full accept queue that never accepts, the
   * loopback way of simulating a filtered address.
   */
  static final class FilteredPorts implements AutoCloseable {
    private final List<ServerSocket> servers = new ArrayList<>();
    private final List<Socket> fillers = new ArrayList<>();

    FilteredPorts(String address, int count) throws IOException {
      for (int i = 0; i < count; i++) {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getByName(address), 0), 1);
        servers.add(s);
        for (int fill = 0; fill < 8; fill++) {
          Socket c = new Socket();
          try {
            c.connect(s.getLocalSocketAddress(), 200);
            fillers.add(c);
          } catch (SocketTimeoutException full) {
            c.close();
            break;
          }
        }
      }
    }

    int[] ports() {
      return servers.stream().mapToInt(ServerSocket::getLocalPort).toArray();
    }

    @Override
    public void close() throws IOException {
      for (Socket c : fillers) {
        c.close();
      }
      for (ServerSocket s : servers) {
        s.close();
      }
    }
  }

  /**
   * A loopback server that sends an optional banner, then answers each chunk it reads with what
   * {@code answer} returns (null closes the connection, an empty array stays silent), recording
   * every byte it receives.
   */
  static final class ScriptedServer implements AutoCloseable {
    final ServerSocket server;
    final java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();

    ScriptedServer(byte[] banner, java.util.function.Function<byte[], byte[]> answer)
        throws IOException {
      server = new ServerSocket();
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      Thread t =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try {
                    Socket s = server.accept();
                    Thread h = new Thread(() -> serve(s, banner, answer));
                    h.setDaemon(true);
                    h.start();
                  } catch (IOException e) {
                    return;
                  }
                }
              },
              "scripted-server");
      t.setDaemon(true);
      t.start();
    }

    private void serve(
        Socket s, byte[] banner, java.util.function.Function<byte[], byte[]> answer) {
      try (s) {
        if (banner.length > 0) {
          s.getOutputStream().write(banner);
        }
        byte[] buf = new byte[4096];
        int n;
        while ((n = s.getInputStream().read(buf)) > 0) {
          byte[] chunk = java.util.Arrays.copyOf(buf, n);
          synchronized (received) {
            received.write(chunk);
          }
          byte[] reply = answer.apply(chunk);
          if (reply == null) {
            return;
          }
          s.getOutputStream().write(reply);
        }
      } catch (IOException ignored) {
        // The scanner went.
      }
    }

    int port() {
      return server.getLocalPort();
    }

    byte[] received() {
      synchronized (received) {
        return received.toByteArray();
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
