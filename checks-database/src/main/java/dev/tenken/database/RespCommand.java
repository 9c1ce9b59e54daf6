package dev.tenken.database;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Redis command Tenken may send: the one place that enforces the read-only allow-list. Every byte
 * {@link RedisClient} writes to a device is a command made here, encoded as a RESP array of bulk
 * strings (so no argument can smuggle a second command in with {@code CR LF}).
 *
 * <p>Allowed, and nothing else:
 *
 * <ul>
 *   <li>{@code PING}, {@code ROLE}, {@code QUIT} without arguments;
 *   <li>{@code INFO} with optional section names (lower-case letters);
 *   <li>{@code COMMAND INFO name...} (command names: letters and {@code |});
 *   <li>{@code CONFIG GET parameter...} (lower-case letters, digits and {@code -});
 *   <li>{@code AUTH password} or {@code AUTH user password}: sent only by {@code
 *       database.redis.default-password} inside {@link dev.tenken.spi.CredentialAttempts}.
 * </ul>
 *
 * <p>Refused with {@link IllegalArgumentException}: everything that writes or changes state ({@code
 * SET}, {@code CONFIG SET}, {@code FLUSHALL}, {@code SLAVEOF}, {@code DEBUG}, {@code MODULE},
 * {@code EVAL}...), {@code MONITOR}, {@code SUBSCRIBE}, {@code CLIENT}, {@code HELLO}, other {@code
 * COMMAND} or {@code CONFIG} subcommands, and malformed names. {@link #toString()} masks {@code
 * AUTH}'s arguments. Immutable and thread-safe.
 */
final class RespCommand {
  /** The command names on the allow-list. */
  static final Set<String> ALLOWED =
      Set.of("PING", "INFO", "AUTH", "COMMAND", "CONFIG", "ROLE", "QUIT");

  private static final Pattern SECTION = Pattern.compile("[a-z]{1,32}");
  private static final Pattern COMMAND_NAME = Pattern.compile("[A-Za-z][A-Za-z|]{0,63}");
  private static final Pattern PARAMETER = Pattern.compile("[a-z][a-z0-9-]{0,63}");
  private static final int MAX_ARGS = 16;

  private final List<String> args;

  private RespCommand(List<String> args) {
    this.args = args;
  }

  /**
   * The command {@code name args...}, if the allow-list admits it.
   *
   * @throws IllegalArgumentException naming the command when it is not on the allow-list or its
   *     arguments are not allowed
   */
  static RespCommand of(String name, String... args) {
    String upper = name.toUpperCase(Locale.ROOT);
    if (!ALLOWED.contains(upper) || !name.equals(upper)) {
      throw refused(name);
    }
    if (args.length > MAX_ARGS) {
      throw refused(upper + " with " + args.length + " arguments");
    }
    switch (upper) {
      case "PING", "ROLE", "QUIT" -> {
        if (args.length != 0) {
          throw refused(upper + " with arguments");
        }
      }
      case "INFO" -> requireAll(upper, args, 0, SECTION);
      case "AUTH" -> {
        if (args.length < 1 || args.length > 2) {
          throw refused("AUTH with " + args.length + " arguments");
        }
      }
      case "COMMAND" -> {
        if (args.length < 2 || !args[0].equals("INFO")) {
          throw refused("COMMAND " + (args.length == 0 ? "" : subcommand(args[0])));
        }
        requireAll(upper, args, 1, COMMAND_NAME);
      }
      case "CONFIG" -> {
        if (args.length < 2 || !args[0].equals("GET")) {
          throw refused("CONFIG " + (args.length == 0 ? "" : subcommand(args[0])));
        }
        requireAll(upper, args, 1, PARAMETER);
      }
      default -> throw refused(upper);
    }
    String[] all = new String[args.length + 1];
    all[0] = upper;
    System.arraycopy(args, 0, all, 1, args.length);
    return new RespCommand(List.of(all));
  }

  private static void requireAll(String name, String[] args, int from, Pattern pattern) {
    for (int i = from; i < args.length; i++) {
      if (!pattern.matcher(args[i]).matches()) {
        throw refused(name + " with argument '" + RespValue.shorten(args[i], 32) + "'");
      }
    }
  }

  private static String subcommand(String s) {
    return RespValue.shorten(s, 32);
  }

  private static IllegalArgumentException refused(String what) {
    return new IllegalArgumentException(
        "refused: "
            + RespValue.shorten(what, 64)
            + " is not on Tenken's read-only Redis allow-list");
  }

  /** The command name, upper case. */
  String name() {
    return args.get(0);
  }

  /** The command as a RESP array of bulk strings. */
  byte[] encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("*" + args.size() + "\r\n").getBytes(StandardCharsets.US_ASCII));
    for (String a : args) {
      byte[] b = a.getBytes(StandardCharsets.UTF_8);
      out.writeBytes(("$" + b.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(b);
      out.writeBytes(new byte[] {'\r', '\n'});
    }
    return out.toByteArray();
  }

  /** The command as words, {@code AUTH}'s arguments masked. */
  @Override
  public String toString() {
    if (name().equals("AUTH")) {
      return args.size() == 3 ? "AUTH " + args.get(1) + " ****" : "AUTH ****";
    }
    return String.join(" ", args);
  }
}
