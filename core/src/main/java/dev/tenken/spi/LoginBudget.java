package dev.tenken.spi;

/**
 * The per-host budget of failed login attempts, shared by every check and protocol on one host
 * (default 2: devices lock their owners out after 3 to 5). A credential check takes one attempt
 * before each login and gives it back when the login succeeds, since only failures count towards a
 * lockout. Thread-safe.
 */
public interface LoginBudget {

  /** Takes one attempt; {@code false} (take nothing, try nothing) when the budget is spent. */
  boolean tryAcquire();

  /** Gives back the attempt taken for a login that succeeded. */
  void succeeded();

  /** Attempts left. */
  int remaining();

  /**
   * A budget of {@code attempts} failed logins kept in this process: the runner's own when no other
   * store is given. A store shared between processes gives each its own implementation.
   *
   * @throws IllegalArgumentException when {@code attempts} is negative
   */
  static LoginBudget inMemory(int attempts) {
    return new InMemoryLoginBudget(attempts);
  }
}
