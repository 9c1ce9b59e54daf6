package dev.tenken;

import java.util.Objects;

/**
 * A user name and a {@link Secret}, as configured by the caller for {@link Safety#SESSION} checks
 * or listed as a vendor default for {@link Safety#CREDENTIAL_ATTEMPT} checks. The user name may be
 * empty (SNMP communities, Redis's default user). {@link #toString()} masks the secret.
 *
 * @param user the user name, never null
 * @param secret the password, never null
 */
public record Credentials(String user, Secret secret) {
  public Credentials {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(secret, "secret");
  }

  /** Shorthand for {@code new Credentials(user, Secret.of(password))}. */
  public static Credentials of(String user, String password) {
    return new Credentials(user, Secret.of(password));
  }

  @Override
  public String toString() {
    return user + ":" + Secret.MASK;
  }
}
