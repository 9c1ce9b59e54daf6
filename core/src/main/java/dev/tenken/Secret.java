package dev.tenken;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A password, community string or token. Its {@link #toString()} is always {@code "****"}, so a
 * secret that reaches a log line, an exception message or a report by accident shows nothing. The
 * runner also masks every configured secret wherever its text appears in evidence.
 *
 * <p>Immutable and thread-safe. Two secrets are equal when their values are equal; the comparison
 * takes constant time.
 */
public final class Secret {
  /** The text every secret prints as. */
  public static final String MASK = "****";

  private final char[] value;

  private Secret(char[] value) {
    this.value = value.clone();
  }

  /** A secret holding {@code value}; the empty string is a valid secret (an empty password). */
  public static Secret of(String value) {
    return new Secret(value.toCharArray());
  }

  /** The secret's text, for the one place that must send it. Never log or report it. */
  public String reveal() {
    return new String(value);
  }

  /** Whether the secret is the empty string. */
  public boolean isEmpty() {
    return value.length == 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret other
        && MessageDigest.isEqual(
            new String(value).getBytes(StandardCharsets.UTF_8),
            new String(other.value).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return MASK;
  }
}
