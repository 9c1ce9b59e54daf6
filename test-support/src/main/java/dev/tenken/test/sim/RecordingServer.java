package dev.tenken.test.sim;

import dev.tenken.Target;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A scripted loopback TCP server for tests of checks: it sends an optional banner on each
 * connection, answers what it receives through a function, and records every byte it receives, per
 * connection, so a test can assert what a check sent (and that it sent nothing it must not).
 *
 * <pre>{@code
 * try (RecordingServer redis = RecordingServer.builder()
 *     .answer(chunk -> "-NOAUTH Authentication required.\r\n".getBytes(US_ASCII))
 *     .start()) {
 *   Report report = runner.scan(List.of(redis.target("redis")));
 *   assertThat(redis.connection(0).receivedText()).startsWith("*1\r\n$4\r\nPING");
 * }
 * }</pre>
 *
 * <p>Behaviour: binds {@code 127.0.0.1} on an ephemeral port; one daemon thread accepts, one daemon
 * thread serves each connection. On a connection it writes the banner (if any), then reads; each
 * chunk read (what one {@code read} returns: TCP keeps no message boundaries, so a request may
 * arrive in pieces) is recorded and handed to the answer function, whose result is written back —
 * an empty answer writes nothing, a {@code null} answer closes the connection. With {@link
 * Builder#answerLines} the function sees whole lines instead. When the client closes its side, the
 * server closes the connection. By default nothing is answered and at most 1 MiB is recorded per
 * connection (further bytes are read and dropped).
 *
 * <p>Thread-safe: recorded data and counters may be read from any thread while connections are
 * served; the answer function runs on the connection's thread (one at a time per connection,
 * possibly concurrently across connections). {@link #close()} is idempotent, closes every
 * connection and waits at most 2 s for the threads to end.
 */
public final class RecordingServer implements AutoCloseable {
  private final ServerSocket server;
  private final byte[] banner;
  private final Function<Connection, Handler> handlers;
  private final boolean closeAfterBanner;
  private final int recordCap;
  private final List<Connection> connections = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final Thread acceptor;
  private boolean closed;

  private RecordingServer(Builder b, ServerSocket server) {
    this.server = server;
    this.banner = b.banner.clone();
    this.handlers = b.handlers;
    this.closeAfterBanner = b.closeAfterBanner;
    this.recordCap = b.recordCap;
    this.acceptor = Loopback.daemon("recording-server-" + server.getLocalPort(), this::acceptLoop);
    acceptor.start();
  }

  /** A builder: no banner, no answers, 1 MiB recorded per connection. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a server that sends {@code banner} (UTF-8) on each connection and answers nothing.
   *
   * @throws IOException when no port can be bound
   */
  public static RecordingServer withBanner(String banner) throws IOException {
    return builder().banner(banner).start();
  }

  /** The port, on {@code 127.0.0.1}. */
  public int port() {
    return server.getLocalPort();
  }

  /** {@code 127.0.0.1}. */
  public InetAddress address() {
    return Loopback.address();
  }

  /**
   * A target naming this server's port with {@code service} as scheme, such as {@code
   * rtsp://127.0.0.1:41234}, so the runner skips identification and runs that service's checks.
   *
   * @throws dev.tenken.TargetParseException when {@code service} is not a scheme name
   */
  public Target target(String service) {
    return Target.parse(service + "://127.0.0.1:" + port());
  }

  /** How many connections were accepted so far. */
  public synchronized int connections() {
    return connections.size();
  }

  /**
   * The {@code index}-th connection accepted (from 0), as a live view.
   *
   * @throws IndexOutOfBoundsException when fewer connections were accepted
   */
  public synchronized Connection connection(int index) {
    return connections.get(index);
  }

  /** Every connection accepted so far, in order, as live views. */
  public synchronized List<Connection> connectionList() {
    return List.copyOf(connections);
  }

  /** Every recorded byte of every connection, in connection order. */
  public byte[] received() {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (Connection c : connectionList()) {
      all.writeBytes(c.received());
    }
    return all.toByteArray();
  }

  /**
   * {@link #received()} as text, one char per byte (ISO-8859-1), so any byte can be asserted on.
   */
  public String receivedText() {
    return new String(received(), StandardCharsets.ISO_8859_1);
  }

  /**
   * Waits until at least {@code count} connections were accepted, at most {@code timeout}.
   *
   * @return whether they were in time
   * @throws InterruptedException when the waiting thread is interrupted
   * @throws IllegalArgumentException when {@code timeout} is negative
   */
  public boolean awaitConnections(int count, Duration timeout) throws InterruptedException {
    return await(() -> connections.size() >= count, timeout);
  }

  /**
   * Waits until the text received on some connection (ISO-8859-1) contains {@code text}, at most
   * {@code timeout}.
   *
   * @return whether it arrived in time
   * @throws InterruptedException when the waiting thread is interrupted
   * @throws IllegalArgumentException when {@code timeout} is negative
   */
  public boolean awaitReceived(String text, Duration timeout) throws InterruptedException {
    Objects.requireNonNull(text, "text");
    return await(
        () -> connections.stream().anyMatch(c -> c.receivedTextLocked().contains(text)), timeout);
  }

  /**
   * Waits until every connection accepted so far is closed (by either side), at most {@code
   * timeout}.
   *
   * @return whether they were closed in time
   * @throws InterruptedException when the waiting thread is interrupted
   * @throws IllegalArgumentException when {@code timeout} is negative
   */
  public boolean awaitAllClosed(Duration timeout) throws InterruptedException {
    return await(() -> connections.stream().allMatch(c -> c.closed), timeout);
  }

  private interface Condition {
    boolean holds();
  }

  private synchronized boolean await(Condition condition, Duration timeout)
      throws InterruptedException {
    Loopback.requirePositive(timeout);
    long until = System.nanoTime() + timeout.toNanos();
    while (!condition.holds()) {
      long left = until - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  private void acceptLoop() {
    while (true) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      synchronized (this) {
        if (closed) {
          Loopback.closeQuietly(socket);
          return;
        }
        Connection c = new Connection(connections.size(), socket);
        connections.add(c);
        Thread t = Loopback.daemon("recording-server-" + port() + "-" + c.index, () -> serve(c));
        threads.add(t);
        notifyAll();
        t.start();
      }
    }
  }

  private void serve(Connection c) {
    Handler handler = handlers.apply(c);
    try (Socket socket = c.socket) {
      OutputStream out = socket.getOutputStream();
      if (banner.length > 0) {
        out.write(banner);
        out.flush();
      }
      if (closeAfterBanner) {
        return;
      }
      InputStream in = socket.getInputStream();
      byte[] buf = new byte[8192];
      int n;
      while ((n = in.read(buf)) >= 0) {
        if (n == 0) {
          continue;
        }
        byte[] chunk = Arrays.copyOf(buf, n);
        record(c, chunk);
        byte[] reply;
        try {
          reply = handler.handle(chunk);
        } catch (RuntimeException e) {
          synchronized (this) {
            c.answerFailure = e;
          }
          return;
        }
        if (reply == null) {
          return;
        }
        if (reply.length > 0) {
          out.write(reply);
          out.flush();
        }
      }
    } catch (IOException ignored) {
      // The client went, or the server was closed.
    } finally {
      synchronized (this) {
        c.closed = true;
        notifyAll();
      }
    }
  }

  private synchronized void record(Connection c, byte[] chunk) {
    int room = recordCap - c.data.size();
    if (room > 0) {
      c.data.write(chunk, 0, Math.min(room, chunk.length));
    }
    c.total += chunk.length;
    notifyAll();
  }

  /**
   * Stops accepting, closes every connection and waits at most 2 s for the server's threads.
   * Recorded data stays readable. Idempotent; never throws.
   */
  @Override
  public void close() {
    List<Thread> toJoin;
    List<Connection> toClose;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toClose = List.copyOf(connections);
      toJoin = new ArrayList<>(threads);
      toJoin.add(0, acceptor);
      notifyAll();
    }
    Loopback.closeQuietly(server);
    toClose.forEach(c -> Loopback.closeQuietly(c.socket));
    Loopback.join(toJoin);
  }

  @Override
  public String toString() {
    return "RecordingServer[tcp://127.0.0.1:" + port() + ", " + connections() + " connection(s)]";
  }

  /** Turns received chunks into answers for one connection. */
  private interface Handler {
    byte @Nullable [] handle(byte[] chunk);
  }

  /** One accepted connection, as a live view of what the server received on it. Thread-safe. */
  public final class Connection {
    private final int index;
    private final Socket socket;
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
    private long total;
    private boolean closed;
    private @Nullable RuntimeException answerFailure;

    private Connection(int index, Socket socket) {
      this.index = index;
      this.socket = socket;
    }

    /** Its position in accept order, from 0. */
    public int index() {
      return index;
    }

    /** The bytes received so far, up to the record cap. */
    public byte[] received() {
      synchronized (RecordingServer.this) {
        return data.toByteArray();
      }
    }

    /** {@link #received()} as text, one char per byte (ISO-8859-1). */
    public String receivedText() {
      synchronized (RecordingServer.this) {
        return receivedTextLocked();
      }
    }

    private String receivedTextLocked() {
      return data.toString(StandardCharsets.ISO_8859_1);
    }

    /** Bytes received so far, including any beyond the record cap. */
    public long receivedCount() {
      synchronized (RecordingServer.this) {
        return total;
      }
    }

    /** What the answer function threw on this connection (the connection was then closed). */
    public Optional<RuntimeException> answerFailure() {
      synchronized (RecordingServer.this) {
        return Optional.ofNullable(answerFailure);
      }
    }

    /** Whether the connection is closed (by the client, the answer function or {@link #close}). */
    public boolean isClosed() {
      synchronized (RecordingServer.this) {
        return closed;
      }
    }

    @Override
    public String toString() {
      return "Connection["
          + index
          + ", "
          + receivedCount()
          + " byte(s) received"
          + (isClosed() ? ", closed]" : "]");
    }
  }

  /**
   * Configures a {@link RecordingServer}. Not thread-safe. Defaults: no banner, no answers (the
   * server only listens and records), connections stay open until the client closes them, 1 MiB
   * recorded per connection.
   */
  public static final class Builder {
    private byte[] banner = new byte[0];
    private Function<Connection, Handler> handlers = c -> chunk -> new byte[0];
    private boolean closeAfterBanner;
    private int recordCap = 1 << 20;

    private Builder() {}

    /** Sends {@code value} (UTF-8) first on each connection. Default: nothing. */
    public Builder banner(String value) {
      return banner(value.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends {@code value} first on each connection. Default: nothing. */
    public Builder banner(byte[] value) {
      this.banner = value.clone();
      return this;
    }

    /**
     * Answers each received chunk with what {@code answer} returns: an empty array writes nothing,
     * {@code null} closes the connection. Replaces an earlier {@code answer} or {@code
     * answerLines}. An exception thrown by {@code answer} closes the connection and is kept in
     * {@link Connection#answerFailure()}.
     */
    public Builder answer(Function<byte[], byte @Nullable []> answer) {
      Objects.requireNonNull(answer, "answer");
      this.handlers = c -> answer::apply;
      return this;
    }

    /**
     * Answers each received line (bytes up to {@code \n}, read as ISO-8859-1, without the {@code
     * \r\n} or {@code \n}) with what {@code answer} returns, written as ISO-8859-1 exactly as
     * returned (add the line end yourself): an empty string writes nothing, {@code null} closes the
     * connection. A partial last line waits for its end. Replaces an earlier {@code answer} or
     * {@code answerLines}.
     */
    public Builder answerLines(Function<String, @Nullable String> answer) {
      Objects.requireNonNull(answer, "answer");
      this.handlers =
          c -> {
            StringBuilder pending = new StringBuilder();
            return chunk -> {
              pending.append(new String(chunk, StandardCharsets.ISO_8859_1));
              ByteArrayOutputStream out = new ByteArrayOutputStream();
              int nl;
              while ((nl = pending.indexOf("\n")) >= 0) {
                String line = pending.substring(0, nl);
                pending.delete(0, nl + 1);
                if (line.endsWith("\r")) {
                  line = line.substring(0, line.length() - 1);
                }
                String reply = answer.apply(line);
                if (reply == null) {
                  return null;
                }
                out.writeBytes(reply.getBytes(StandardCharsets.ISO_8859_1));
              }
              return out.toByteArray();
            };
          };
      return this;
    }

    /** Closes each connection right after the banner, reading nothing. Default: false. */
    public Builder closeAfterBanner() {
      this.closeAfterBanner = true;
      return this;
    }

    /**
     * Most bytes recorded per connection; more are read and dropped. Default 1 MiB.
     *
     * @throws IllegalArgumentException when {@code bytes} is negative
     */
    public Builder recordCap(int bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("recordCap must not be negative, was " + bytes);
      }
      this.recordCap = bytes;
      return this;
    }

    /**
     * Binds {@code 127.0.0.1} on an ephemeral port and starts serving.
     *
     * @throws IOException when no port can be bound
     */
    public RecordingServer start() throws IOException {
      ServerSocket server = new ServerSocket();
      try {
        server.bind(new InetSocketAddress(Loopback.address(), 0), 64);
      } catch (IOException e) {
        server.close();
        throw e;
      }
      return new RecordingServer(this, server);
    }
  }
}
