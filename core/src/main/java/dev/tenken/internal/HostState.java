package dev.tenken.internal;

import dev.tenken.AddressClass;
import dev.tenken.Target;
import dev.tenken.spi.LoginBudget;
import java.net.InetAddress;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** What the scan knows about one host while it is being scanned. Thread-safe. */
final class HostState {
  final Target target;
  final InetAddress address;
  final AddressClass addressClass;
  final Instant budgetDeadline;
  final HostFactsImpl facts;
  private final Function<InetAddress, LoginBudget> loginBudgets;
  private final int maxConnectFailures;
  private final AtomicInteger connectFailures = new AtomicInteger();
  private final AtomicBoolean alive = new AtomicBoolean();
  private final AtomicBoolean givenUp = new AtomicBoolean();

  HostState(
      Target target,
      InetAddress address,
      Instant budgetDeadline,
      int maxConnectFailures,
      Function<InetAddress, LoginBudget> loginBudgets,
      Redactor redactor) {
    this.target = target;
    this.address = address;
    this.addressClass = AddressClass.of(address);
    this.budgetDeadline = budgetDeadline;
    this.maxConnectFailures = maxConnectFailures;
    this.facts = new HostFactsImpl(redactor);
    this.loginBudgets = loginBudgets;
  }

  /**
   * The login budget of this host's address, shared with every other target of the scan that
   * resolves to it ({@code rtsp://cam} and {@code http://cam} lock out the same account store).
   */
  LoginBudget loginBudget() {
    return loginBudgets.apply(address);
  }

  /** A connection succeeded or was refused: the host exists. */
  void markAlive() {
    alive.set(true);
  }

  /** A connection timed out or found no route; gives the host up when it never answered. */
  void connectFailed() {
    if (connectFailures.incrementAndGet() >= maxConnectFailures && !alive.get()) {
      givenUp.set(true);
    }
  }

  boolean isGivenUp() {
    return givenUp.get();
  }

  int connectFailures() {
    return connectFailures.get();
  }
}
