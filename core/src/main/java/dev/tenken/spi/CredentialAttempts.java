package dev.tenken.spi;

import dev.tenken.Credentials;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The one loop every {@code CREDENTIAL_ATTEMPT} check uses: tries a tiny list of credentials in
 * order, each only after taking an attempt from the host's {@link LoginBudget} (shared across
 * protocols, so a device that locks its owner out after 3 failures never sees 3 from Tenken), stops
 * at the first success and gives that attempt back. Stateless.
 */
public final class CredentialAttempts {
  private CredentialAttempts() {}

  /** What one login attempt showed. */
  public enum Verdict {
    /** The device accepted the credentials (the check has verified a post-login marker). */
    ACCEPTED,
    /** The device refused them. */
    REJECTED
  }

  /** One login, done by the check in its protocol; it must log out again after a success. */
  @FunctionalInterface
  public interface Login {
    /**
     * Tries {@code credentials} once.
     *
     * @throws IOException when the device cannot be talked to; the attempt still counts
     */
    Verdict attempt(Credentials credentials) throws IOException;
  }

  /**
   * What the loop found.
   *
   * @param accepted the credentials the device accepted, if any
   * @param tried how many were tried
   * @param budgetSpent whether the loop stopped because the host's budget ran out
   */
  public record Result(Optional<Credentials> accepted, int tried, boolean budgetSpent) {}

  /**
   * Tries {@code candidates} in order within the host's budget.
   *
   * @throws IOException from {@code login}; the loop stops there
   */
  public static Result run(CheckContext context, List<Credentials> candidates, Login login)
      throws IOException {
    LoginBudget budget = context.loginBudget();
    int tried = 0;
    for (Credentials c : candidates) {
      if (!budget.tryAcquire()) {
        return new Result(Optional.empty(), tried, true);
      }
      tried++;
      if (login.attempt(c) == Verdict.ACCEPTED) {
        budget.succeeded();
        return new Result(Optional.of(c), tried, false);
      }
    }
    return new Result(Optional.empty(), tried, false);
  }
}
