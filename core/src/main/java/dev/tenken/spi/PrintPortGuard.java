package dev.tenken.spi;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * The rule that keeps Tenken from printing: every byte that reaches a raw print port becomes paper
 * unless it is a PJL job-control query. The runner applies it to every connection centrally —
 * checks, identification and HTTP alike — so no check can forget it:
 *
 * <ul>
 *   <li>ports 9100-9107 and 9999 receive nothing unless print-port checks are enabled, and then
 *       only payloads {@link #isAllowed} accepts;
 *   <li>on any other port, the one thing sent before a service is identified is {@link
 *       #STATUS_QUERY}.
 * </ul>
 *
 * An allowed payload is framed by the Universal Exit Language sequence ({@code ESC%-12345X}) at
 * both ends and holds only {@code @PJL} lines whose command is a query: {@code INFO}, {@code
 * INQUIRE}, {@code DINQUIRE}, {@code ECHO}, {@code FSDIRLIST} or {@code FSQUERY}.
 */
public final class PrintPortGuard {
  /** The Universal Exit Language sequence that starts and ends every PJL job. */
  public static final String UEL = "\u001b%-12345X";

  private static final Set<String> QUERY_COMMANDS =
      Set.of("INFO", "INQUIRE", "DINQUIRE", "ECHO", "FSDIRLIST", "FSQUERY");

  /** A PJL status query: printers answer it and cannot print it. */
  public static final byte[] STATUS_QUERY = query("INFO STATUS");

  private PrintPortGuard() {}

  /** Whether {@code port} is a raw print port (9100-9107, 9999). */
  public static boolean isPrintPort(int port) {
    return (port >= 9100 && port <= 9107) || port == 9999;
  }

  /**
   * A UEL-framed PJL payload of the given query lines, such as {@code query("INFO ID")}.
   *
   * @throws IllegalArgumentException when a line is not an allowed query
   */
  public static byte[] query(String... commands) {
    StringBuilder sb = new StringBuilder(UEL);
    for (String command : commands) {
      sb.append("@PJL ").append(command).append("\r\n");
    }
    sb.append(UEL);
    byte[] bytes = sb.toString().getBytes(StandardCharsets.US_ASCII);
    if (!isAllowed(bytes)) {
      throw new IllegalArgumentException("not a PJL query: " + String.join(" / ", commands));
    }
    return bytes;
  }

  /** Whether {@code payload} is a UEL-framed series of PJL queries and nothing else. */
  public static boolean isAllowed(byte[] payload) {
    String text = new String(payload, StandardCharsets.ISO_8859_1);
    if (!text.startsWith(UEL) || !text.endsWith(UEL) || text.length() < 2 * UEL.length()) {
      return false;
    }
    String body = text.substring(UEL.length(), text.length() - UEL.length());
    if (body.isEmpty() || !body.endsWith("\n")) {
      return false;
    }
    // split with -1 keeps empty lines: String.split would drop trailing ones ("\n\n"), letting
    // blank lines, or a body of nothing but line feeds, through unchecked
    String[] lines = body.substring(0, body.length() - 1).split("\n", -1);
    for (String line : lines) {
      String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
      if (!l.startsWith("@PJL") || l.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
        return false;
      }
      String rest = l.substring(4).strip();
      if (rest.isEmpty()) {
        continue;
      }
      if (!(l.charAt(4) == ' ')) {
        return false;
      }
      String command = rest.split(" ", 2)[0].toUpperCase(Locale.ROOT);
      if (!QUERY_COMMANDS.contains(command)) {
        return false;
      }
    }
    return true;
  }
}
