package dev.tenken.cli;

/**
 * A usage error found after picocli parsed the command line (a bad target, a scope entry, a {@code
 * --checks} pattern that matches nothing). Its message is one line that says what is wrong and how
 * to fix it; the command prints it and exits {@link Main#USAGE}.
 */
final class UsageException extends RuntimeException {
  UsageException(String message) {
    super(message, null, false, false);
  }
}
