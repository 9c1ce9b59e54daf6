package dev.tenken.spi;

import dev.tenken.Endpoint;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * A UDP socket connected to one in-scope endpoint, handed out by a {@link CheckContext}. Datagrams
 * from any other address are ignored. Closed by the runner when the check ends. Not thread-safe.
 */
public interface UdpConnection extends Closeable {

  /** Where datagrams go. */
  Endpoint endpoint();

  /**
   * Sends one datagram and waits up to {@code wait} (never past the deadline) for one reply,
   * truncated to the byte cap.
   *
   * @return the reply, or empty when none came (no listener, filtered, or dropped)
   * @throws IOException when the network refuses to send (for example ICMP port unreachable)
   */
  Optional<byte[]> exchange(byte[] request, Duration wait) throws IOException;
}
