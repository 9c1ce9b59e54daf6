package dev.tenken.cli;

/**
 * A usage error found after picocli parsed the command line (a bad target, a scope entry, a check
 * selector that matches nothing, an unreadable target file): a message key in {@link Lang}'s bundle
 * and its arguments, which together say on one line what is wrong and how to fix it. The command
 * prints it and exits {@link Main#USAGE}.
 */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final String key;
  final transient Object[] args;

  UsageException(String key, Object... args) {
    super(key, null, false, false);
    this.key = key;
    this.args = args.clone();
  }

  /** The message in {@code lang}. */
  String message(Lang lang) {
    return lang.text(key, args);
  }
}
