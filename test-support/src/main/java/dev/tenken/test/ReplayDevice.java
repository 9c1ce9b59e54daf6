package dev.tenken.test;

import dev.tenken.Endpoint;
import dev.tenken.Transport;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.TcpConnection;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;

/**
 * A device for fuzz tests of protocol clients: every connection replays the same recorded bytes and
 * then closes, in memory, so a fuzzer can run thousands of exchanges a second without a socket. The
 * check context hands out such connections and answers only what clients ask (deadline, remaining
 * time and connect timeout of 5 s, read cap {@value #READ_CAP} bytes, {@code redact} as the
 * identity); anything else throws {@link UnsupportedOperationException}, which a fuzz test reports.
 * Stateless; each connection is single-threaded, as the runner's are.
 */
public final class ReplayDevice {
  /** The read cap the context reports, as the runner's default: 256 KiB. */
  public static final int READ_CAP = 256 * 1024;

  private ReplayDevice() {}

  /**
   * A context whose every {@code connect} replays {@code reply}.
   *
   * @param reply the bytes every connection reads, then end of stream; not copied
   */
  public static CheckContext context(byte[] reply) {
    return (CheckContext)
        Proxy.newProxyInstance(
            CheckContext.class.getClassLoader(),
            new Class<?>[] {CheckContext.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "connect" -> new Connection((Endpoint) args[0], reply);
                  case "remaining", "connectTimeout" -> Duration.ofSeconds(5);
                  case "deadline" -> Instant.now().plusSeconds(5);
                  case "readCap" -> READ_CAP;
                  case "redact" -> args[0];
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  /** A TCP endpoint named {@code device} on the loopback address, for {@code service}. */
  public static Endpoint endpoint(int port, String service) {
    return new Endpoint("device", InetAddress.getLoopbackAddress(), port, Transport.TCP, service);
  }

  /** One connection: what is sent is dropped, what is read is the reply, then end of stream. */
  private static final class Connection implements TcpConnection {
    private final Endpoint endpoint;
    private final ByteArrayInputStream in;
    private final int length;

    Connection(Endpoint endpoint, byte[] reply) {
      this.endpoint = endpoint;
      this.in = new ByteArrayInputStream(reply);
      this.length = reply.length;
    }

    @Override
    public Endpoint endpoint() {
      return endpoint;
    }

    @Override
    public void send(byte[] bytes) {}

    @Override
    public InputStream input() {
      return in;
    }

    @Override
    public byte[] readAvailable(Duration wait, int max) {
      byte[] b = new byte[Math.min(max, in.available())];
      in.read(b, 0, b.length);
      return b;
    }

    @Override
    public boolean peerClosed() {
      return in.available() == 0;
    }

    @Override
    public long bytesRead() {
      return length - in.available();
    }

    @Override
    public void close() {}
  }
}
