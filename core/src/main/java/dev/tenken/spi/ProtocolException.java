package dev.tenken.spi;

import java.io.IOException;

/**
 * A device answered something Tenken cannot accept: malformed, truncated, larger than the byte cap,
 * or announcing a length beyond it. Every parser Tenken ships throws this and nothing else for bad
 * input; the runner records it as an {@code ERROR} result with the message as the reason.
 */
public class ProtocolException extends IOException {
  /** A protocol error with a message that says what was wrong with the reply. */
  public ProtocolException(String message) {
    super(message);
  }

  /** A protocol error caused by {@code cause}. */
  public ProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
