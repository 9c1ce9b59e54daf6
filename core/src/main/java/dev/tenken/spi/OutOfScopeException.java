package dev.tenken.spi;

import java.io.IOException;

/**
 * A connection was refused before any packet left because its destination is outside the scan's
 * {@link dev.tenken.Scope}, or because the print-port guard forbids it.
 */
public class OutOfScopeException extends IOException {
  /** A refusal with a message that says which address and why. */
  public OutOfScopeException(String message) {
    super(message);
  }
}
