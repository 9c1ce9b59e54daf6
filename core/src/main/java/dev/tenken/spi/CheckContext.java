package dev.tenken.spi;

import dev.tenken.AddressClass;
import dev.tenken.CheckDescriptor;
import dev.tenken.Credentials;
import dev.tenken.Endpoint;
import dev.tenken.Finding;
import dev.tenken.Safety;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import javax.net.SocketFactory;

/**
 * Everything a running check may use, and the only way it reaches the network. Created by the
 * runner for one check on one endpoint; valid until the check returns or its deadline passes, after
 * which every connection it handed out is closed. Thread-safe.
 *
 * <p>Every connection it hands out — {@link #connect}, {@link #udp}, {@link #socketFactory()} for
 * client libraries — is refused before a packet is sent when the destination is out of scope or a
 * raw print port the guard protects, uses a connect timeout no longer than what is left of the
 * deadline, and counts against the scan's rate limit and the host's failure budget.
 */
public interface CheckContext {

  /** The descriptor of the running check. */
  CheckDescriptor check();

  /** When the check must be done. */
  Instant deadline();

  /** Time left until the deadline; zero once it has passed. */
  Duration remaining();

  /** The connect timeout to use now: the configured one, capped by {@link #remaining()}. */
  Duration connectTimeout();

  /**
   * Today's date in UTC from the runner's clock, for end-of-life verdicts. Checks never read the
   * system clock themselves, so a test (or a report re-run) can fix the date.
   */
  LocalDate today();

  /** The most bytes to read from one connection (default 256 KiB). */
  int readCap();

  /** Where the endpoint's address sits. */
  AddressClass addressClass();

  /** Whether the caller enabled checks of {@code safety}. */
  boolean isEnabled(Safety safety);

  /**
   * Opens a TCP connection to {@code endpoint} (its pinned address, never a fresh DNS answer).
   *
   * @throws OutOfScopeException when scope or the print-port guard forbids it; nothing is sent
   * @throws IOException when the connection fails or times out
   */
  TcpConnection connect(Endpoint endpoint) throws IOException;

  /**
   * Opens a UDP socket bound to {@code endpoint}.
   *
   * @throws OutOfScopeException when scope forbids it
   */
  UdpConnection udp(Endpoint endpoint) throws IOException;

  /**
   * A socket factory for client libraries (HTTP, Redis, MongoDB clients): each socket it makes is
   * scope-checked at {@code connect}, bounded by the deadline and closed by the runner with the
   * check. Its connections count as this check's. Reads through such sockets are not byte-capped:
   * the library code using it must cap them.
   */
  SocketFactory socketFactory();

  /**
   * Resolves {@code host} (for a redirect or a name a device announced) and returns the address
   * only if the scope admits it.
   *
   * @throws OutOfScopeException when the name resolves outside the scope
   * @throws IOException when it does not resolve
   */
  InetAddress resolveInScope(String host) throws IOException;

  /** Credentials the caller configured for {@code service}, for {@link Safety#SESSION} checks. */
  Optional<Credentials> credentials(String service);

  /** A check-specific option the caller set, such as {@code camera.rtsp.routes}. */
  Optional<String> option(String key);

  /** The host's budget of failed login attempts, shared across checks and protocols. */
  LoginBudget loginBudget();

  /** Facts shared by the checks on this host, including its merged identity. */
  HostFacts facts();

  /**
   * A finding builder pre-filled from the running check: its id, the endpoint, title, severity,
   * countermeasure, description, remediation and references. Evidence added to it is masked when
   * the finding is recorded.
   */
  Finding.Builder finding(Endpoint endpoint);

  /** {@code text} with every configured secret and secret-looking value masked. */
  String redact(String text);
}
