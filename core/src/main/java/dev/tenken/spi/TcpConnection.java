package dev.tenken.spi;

import dev.tenken.Endpoint;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * A connected TCP socket handed out by a {@link CheckContext}. Every read is bounded by the check's
 * deadline and, over the connection's life, by the byte cap; every write is checked by the
 * print-port guard. The runner closes it when the check ends or its deadline passes, so a check may
 * but need not close it. Not thread-safe: one check uses it from one thread.
 */
public interface TcpConnection extends Closeable {

  /** Where it is connected. */
  Endpoint endpoint();

  /**
   * Sends {@code bytes}.
   *
   * @throws OutOfScopeException when the print-port guard refuses them (nothing is sent)
   * @throws IOException when the peer is gone or the deadline passed
   */
  void send(byte[] bytes) throws IOException;

  /**
   * The stream of bytes from the device. Reads block at most until the deadline ({@link
   * java.net.SocketTimeoutException}); reading past the byte cap throws {@link ProtocolException}.
   */
  InputStream input();

  /**
   * Reads what arrives within {@code wait} (or until the deadline, if sooner), up to {@code max}
   * bytes; returns early once at least one byte came and nothing more arrives for a short while.
   * Returns an empty array when nothing came or the peer closed.
   */
  byte[] readAvailable(java.time.Duration wait, int max) throws IOException;

  /** Whether the peer has closed its side (a read returned end of stream). */
  boolean peerClosed();

  /** Bytes received so far. */
  long bytesRead();
}
