package dev.tenken;

import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import java.io.IOException;

/**
 * One security check: a stable id, what it applies to, and the code that runs it against one
 * endpoint. Implementations are stateless and thread-safe: the runner calls {@link #run} on many
 * endpoints at once.
 *
 * <p>A check talks to the device only through its {@link CheckContext} (connections, HTTP, socket
 * factories for client libraries), which enforces the scope, the deadline, the byte caps and the
 * print-port guard, so a check cannot forget them. A check that throws, hangs or returns {@code
 * null} costs only its own result: the runner records {@code ERROR} and goes on.
 */
public interface Check {

  /** What the check is: id, title, severity, services, ports, safety class. Never changes. */
  CheckDescriptor descriptor();

  /**
   * Runs the check against {@code endpoint}, whose service is one of {@link
   * CheckDescriptor#services()}.
   *
   * @return PASS with evidence, FAIL with findings, SKIP or ERROR with a reason
   * @throws IOException when the device cannot be talked to or answers malformed data; the runner
   *     records it as an {@code ERROR} result with the message as reason
   */
  Outcome run(Endpoint endpoint, CheckContext context) throws IOException;

  /** Shorthand for {@code descriptor().id()}. */
  default String id() {
    return descriptor().id();
  }
}
