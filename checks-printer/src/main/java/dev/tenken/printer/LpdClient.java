package dev.tenken.printer;

import dev.tenken.Endpoint;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.ProtocolException;
import dev.tenken.spi.TcpConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A read-only LPD client (RFC 1179) over one {@link TcpConnection}. The allow-list lives here and
 * nowhere else: the one thing it can send is "send queue state (short)", the byte {@code 0x03}, a
 * queue name and a line feed. Never {@code 0x02} "receive a printer job" (that prints), {@code
 * 0x01} "print waiting jobs" or {@code 0x05} "remove jobs". The queue name is checked against
 * {@code [A-Za-z0-9_.-]{1,32}}, so no byte of a name can form another command.
 *
 * <p>RFC 1179 asks clients to use a source port 721-731; unprivileged scanners cannot, and servers
 * that insist close the connection, which the check reads as refused.
 *
 * <p>Hostile input: the state text is read until the server closes or goes quiet, at most {@value
 * #MAX_REPLY} bytes; more, or binary bytes, throw {@link ProtocolException}. Reads are bounded by
 * the check's deadline and byte cap. Not thread-safe.
 */
final class LpdClient {
  /** Most bytes of a queue-state reply. */
  static final int MAX_REPLY = 32 * 1024;

  /** The RFC 1179 command "send queue state (short)". */
  static final byte SEND_QUEUE_STATE_SHORT = 0x03;

  /** Longest wait for the queue state. */
  static final Duration MAX_WAIT = Duration.ofSeconds(3);

  private static final Pattern QUEUE = Pattern.compile("[A-Za-z0-9_.-]{1,32}");

  private LpdClient() {}

  /** The request for the short queue state of {@code queue}. */
  static byte[] shortQueueState(String queue) {
    if (!QUEUE.matcher(queue).matches()) {
      throw new IllegalArgumentException("not an LPD queue name: " + queue);
    }
    byte[] name = queue.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[name.length + 2];
    out[0] = SEND_QUEUE_STATE_SHORT;
    System.arraycopy(name, 0, out, 1, name.length);
    out[out.length - 1] = '\n';
    return out;
  }

  /**
   * Asks for the short state of {@code queue} and reads the text until the server closes.
   *
   * @return the text (empty when the server closed without a byte)
   * @throws ProtocolException when the reply is binary or longer than {@link #MAX_REPLY}
   */
  static String queueState(CheckContext context, Endpoint endpoint, String queue)
      throws IOException {
    byte[] request = shortQueueState(queue);
    try (TcpConnection conn = context.connect(endpoint)) {
      conn.send(request);
      // LPD closes after the state; readAvailable also ends when a server keeps the connection
      // open and goes quiet.
      Duration left = context.remaining();
      Duration wait = left.compareTo(MAX_WAIT) < 0 ? left : MAX_WAIT;
      byte[] reply = conn.readAvailable(wait, MAX_REPLY + 1);
      if (reply.length == 0 && !conn.peerClosed()) {
        // Silence proves nothing: only a close without a byte is the refusal LPD gives.
        throw new java.net.SocketTimeoutException(
            "LPD sent nothing within " + wait.toMillis() + " ms");
      }
      if (reply.length > MAX_REPLY) {
        throw new ProtocolException("the LPD queue state is longer than " + MAX_REPLY + " bytes");
      }
      for (byte value : reply) {
        int b = value & 0xff;
        if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != 0) {
          throw new ProtocolException(
              String.format("binary byte 0x%02x in the LPD queue state: not LPD", b));
        }
      }
      return new String(reply, StandardCharsets.ISO_8859_1).replace('\0', ' ');
    }
  }
}
