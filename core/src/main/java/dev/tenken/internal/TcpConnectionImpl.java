package dev.tenken.internal;

import dev.tenken.Endpoint;
import dev.tenken.spi.OutOfScopeException;
import dev.tenken.spi.PrintPortGuard;
import dev.tenken.spi.ProtocolException;
import dev.tenken.spi.TcpConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;

/**
 * A socket whose reads are bounded by a deadline and a byte cap and whose writes pass the guard.
 */
final class TcpConnectionImpl implements TcpConnection {
  /** After the first bytes of a reply, this much silence ends {@link #readAvailable}. */
  private static final int IDLE_MILLIS = 60;

  private final Endpoint endpoint;
  private final Socket socket;
  private final Instant deadline;
  private final int cap;
  private final CappedInput input;
  private boolean peerClosed;

  /** Bytes were sent and no reply has been read since: a close must let them reach the peer. */
  private boolean unanswered;

  TcpConnectionImpl(Endpoint endpoint, Socket socket, Instant deadline, int cap)
      throws IOException {
    this.endpoint = endpoint;
    this.socket = socket;
    this.deadline = deadline;
    this.cap = cap;
    this.input = new CappedInput(socket.getInputStream());
  }

  @Override
  public Endpoint endpoint() {
    return endpoint;
  }

  @Override
  public void send(byte[] bytes) throws IOException {
    if (PrintPortGuard.isPrintPort(endpoint.port()) && !PrintPortGuard.isAllowed(bytes)) {
      throw new OutOfScopeException(
          "refused: only UEL-framed PJL queries may be sent to print port " + endpoint.port());
    }
    if (Instant.now().isAfter(deadline)) {
      throw new SocketTimeoutException("the deadline has passed");
    }
    unanswered = true;
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
  }

  @Override
  public InputStream input() {
    return input;
  }

  @Override
  public byte[] readAvailable(Duration wait, int max) throws IOException {
    Instant until = Instant.now().plus(wait);
    if (until.isAfter(deadline)) {
      until = deadline;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[Math.max(1, Math.min(max, 8192))];
    while (out.size() < max) {
      long left = Duration.between(Instant.now(), until).toMillis();
      if (left <= 0) {
        break;
      }
      int timeout = (int) (out.size() == 0 ? left : Math.min(left, IDLE_MILLIS));
      int n;
      try {
        n = input.read(buf, 0, Math.min(buf.length, max - out.size()), Math.max(1, timeout));
      } catch (SocketTimeoutException e) {
        break;
      } catch (SocketException e) {
        if (socket.isClosed()) {
          // Closed on our side: the runner ends a check's connections at its deadline. That is
          // no answer from the device, and must not read as one.
          throw new SocketTimeoutException("the check's deadline has passed");
        }
        // A reset (the peer closed with our bytes unread) ends the reply like a close does;
        // what arrived before it is the answer.
        peerClosed = true;
        break;
      }
      if (n < 0) {
        break;
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  @Override
  public boolean peerClosed() {
    return peerClosed;
  }

  @Override
  public long bytesRead() {
    return input.count;
  }

  /**
   * Closes with a reset when everything sent has been answered, as nmap's connect scan does: no FIN
   * exchange, and no TIME_WAIT entry left behind for each device (at thousands of checks a second
   * the kernel's table of them overflows within a minute). A connection whose last bytes are still
   * unanswered closes gracefully, so that they are delivered.
   */
  @Override
  public void close() throws IOException {
    if (!unanswered && !socket.isClosed()) {
      try {
        socket.setSoLinger(true, 0);
      } catch (SocketException e) {
        // Already reset or closed by the peer: a plain close is all that is left to do.
      }
    }
    socket.close();
  }

  /** The socket's stream, bounded by the deadline per read and by the cap in total. */
  private final class CappedInput extends InputStream {
    private final InputStream in;
    private long count;

    CappedInput(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return read(b, off, len, Integer.MAX_VALUE);
    }

    int read(byte[] b, int off, int len, int timeoutMillis) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (count >= cap) {
        throw new ProtocolException(
            "the device sent more than the " + cap + "-byte cap on one connection");
      }
      socket.setSoTimeout(
          Math.min(timeoutMillis, Connector.timeoutMillis(deadline, Duration.ofDays(1))));
      int n = in.read(b, off, (int) Math.min(len, cap - count));
      unanswered = false;
      if (n < 0) {
        peerClosed = true;
        return -1;
      }
      count += n;
      return n;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
