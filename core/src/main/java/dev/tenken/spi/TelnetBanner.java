package dev.tenken.spi;

import dev.tenken.Confidence;
import dev.tenken.Endpoint;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What a telnet service says before the client says anything: the passive banner read shared by the
 * telnet checks of every device module, and its classification.
 *
 * <p>{@link #read} connects, reads what arrives within {@value #WAIT_MILLIS} ms (at most {@value
 * #MAX_BYTES} bytes, never past the check's deadline), sends nothing — not even answers to the
 * option negotiation — and closes. {@link #kind} then says what the bytes were: telnet option
 * negotiation ({@code IAC WILL/WONT/DO/DONT/SB}), a login or shell prompt without negotiation, a
 * connection the service closed without a byte, silence, or something that is not telnet.
 *
 * <p>Immutable and thread-safe; the byte array is copied in and out.
 */
public final class TelnetBanner {
  /** How long {@link #read} waits for the banner, in milliseconds. */
  public static final int WAIT_MILLIS = 1000;

  /** The most banner bytes {@link #read} keeps; more are not read. */
  public static final int MAX_BYTES = 1024;

  /** Interpret As Command: starts every telnet command. */
  public static final int IAC = 0xff;

  /** Subnegotiation begin. */
  public static final int SB = 0xfa;

  /** Subnegotiation end. */
  public static final int SE = 0xf0;

  /** The first option verb ({@code WILL}); {@code WONT}, {@code DO}, {@code DONT} follow. */
  public static final int WILL = 0xfb;

  /** The last option verb ({@code DONT}). */
  public static final int DONT = 0xfe;

  /** Words that make a banner without negotiation a telnet login or shell prompt. */
  private static final List<String> PROMPTS =
      List.of("login:", "password:", "username:", "user name:", "telnet");

  /** What the banner is. */
  public enum Kind {
    /** The banner opens with telnet option negotiation: a telnet server, for certain. */
    NEGOTIATION,
    /** A login or shell prompt without negotiation: very likely a telnet console. */
    PROMPT,
    /** The service closed the connection without sending a byte. */
    CLOSED,
    /** Nothing arrived within the wait, and the connection stayed open. */
    SILENT,
    /** Bytes that are neither negotiation nor a prompt: another protocol. */
    OTHER
  }

  private final byte[] bytes;
  private final boolean peerClosed;

  private TelnetBanner(byte[] bytes, boolean peerClosed) {
    this.bytes = bytes.clone();
    this.peerClosed = peerClosed;
  }

  /**
   * Reads the banner of {@code endpoint} passively, as described on the class.
   *
   * @throws OutOfScopeException when scope or the print-port guard forbids the connection
   * @throws IOException when the connection fails or times out
   */
  public static TelnetBanner read(CheckContext context, Endpoint endpoint) throws IOException {
    TcpConnection conn = context.connect(endpoint);
    try {
      byte[] banner = conn.readAvailable(Duration.ofMillis(WAIT_MILLIS), MAX_BYTES);
      return new TelnetBanner(banner, conn.peerClosed());
    } finally {
      conn.close();
    }
  }

  /**
   * A banner made of {@code bytes}, for tests and for callers that read it themselves.
   *
   * @param peerClosed whether the service closed the connection after these bytes
   */
  public static TelnetBanner of(byte[] bytes, boolean peerClosed) {
    return new TelnetBanner(bytes, peerClosed);
  }

  /**
   * The whole verdict of a "telnet exposed" check, shared by the device modules: reads the banner
   * of {@code endpoint} passively ({@link #read}) and judges it. Option negotiation FAILs with a
   * CONFIRMED finding, a prompt without negotiation with a FIRM one (key {@code telnet}, evidence
   * {@code banner} and the printable {@code text}); a connection the service closed without a byte
   * PASSes; silence or a banner that is not telnet SKIPs.
   *
   * @param extraPromptWords lower-case words that also mark a prompt for this kind of device
   * @throws IOException as {@link #read} does
   */
  public static Outcome exposure(
      CheckContext context, Endpoint endpoint, List<String> extraPromptWords) throws IOException {
    TelnetBanner banner = read(context, endpoint);
    Kind kind = banner.kind(extraPromptWords);
    switch (kind) {
      case CLOSED:
        return Outcome.pass(
            "the service closed the connection without a telnet negotiation or prompt",
            java.util.Map.of("banner", "connection closed, no bytes"));
      case SILENT:
        return Outcome.skip("nothing arrived within " + WAIT_MILLIS + " ms");
      case OTHER:
        return Outcome.skip("the banner is not telnet: " + banner.printable(60));
      default:
        break;
    }
    boolean negotiation = kind == Kind.NEGOTIATION;
    var f =
        context
            .finding(endpoint)
            .confidence(negotiation ? Confidence.CONFIRMED : Confidence.FIRM)
            .key("telnet")
            .evidence(
                "banner",
                negotiation
                    ? "telnet option negotiation (" + banner.options() + ")"
                    : "prompt without negotiation");
    String text = banner.printable(120);
    if (!text.isBlank()) {
      f.evidence("text", text);
    }
    return Outcome.fail(f.build());
  }

  /** Whether {@code data} opens with a telnet option negotiation or subnegotiation. */
  public static boolean startsWithNegotiation(byte[] data) {
    if (data.length < 3 || (data[0] & 0xff) != IAC) {
      return false;
    }
    int cmd = data[1] & 0xff;
    return (cmd >= WILL && cmd <= DONT) || cmd == SB;
  }

  /** The raw bytes read; a copy. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** What the banner is, with the generic prompt words only. */
  public Kind kind() {
    return kind(List.of());
  }

  /**
   * What the banner is.
   *
   * @param extraPromptWords lower-case words that also mark a prompt for this kind of device (a
   *     printer check adds {@code jetdirect})
   */
  public Kind kind(List<String> extraPromptWords) {
    if (bytes.length == 0) {
      return peerClosed ? Kind.CLOSED : Kind.SILENT;
    }
    if (startsWithNegotiation(bytes)) {
      return Kind.NEGOTIATION;
    }
    String lower = text().toLowerCase(Locale.ROOT);
    boolean prompt =
        PROMPTS.stream().anyMatch(lower::contains)
            || extraPromptWords.stream().anyMatch(lower::contains)
            || lower.endsWith("> ")
            || lower.endsWith("# ");
    return prompt ? Kind.PROMPT : Kind.OTHER;
  }

  /** The printable text of the banner (tabs and line ends kept), telnet commands removed. */
  public String text() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xff;
      if (b == IAC && i + 1 < bytes.length) {
        int cmd = bytes[i + 1] & 0xff;
        if (cmd >= WILL) {
          i += 2; // IAC verb option
        } else if (cmd == SB) {
          int se = i + 2;
          while (se + 1 < bytes.length
              && !((bytes[se] & 0xff) == IAC && (bytes[se + 1] & 0xff) == SE)) {
            se++;
          }
          i = se + 1;
        } else {
          i += 1;
        }
      } else if (b == '\n' || b == '\r' || b == '\t' || (b >= 0x20 && b < 0x7f)) {
        sb.append((char) b);
      }
    }
    return sb.toString();
  }

  /**
   * The stripped text with control characters replaced by {@code ?}, cut to {@code max} characters
   * ({@code ...} appended when cut): safe to put in evidence.
   */
  public String printable(int max) {
    String t = text().strip();
    StringBuilder sb = new StringBuilder(Math.min(t.length(), max));
    for (int i = 0; i < t.length() && sb.length() < max; i++) {
      char c = t.charAt(i);
      sb.append(c < 0x20 || c >= 0x7f ? '?' : c);
    }
    if (t.length() > max) {
      sb.append("...");
    }
    return sb.toString();
  }

  /**
   * The first four negotiations, such as {@code WILL ECHO, WILL SUPPRESS-GO-AHEAD}; {@code IAC SB}
   * when the banner opens with a subnegotiation only.
   */
  public String options() {
    StringBuilder sb = new StringBuilder();
    int shown = 0;
    for (int i = 0; i + 2 < bytes.length && shown < 4; i++) {
      if ((bytes[i] & 0xff) == IAC) {
        int cmd = bytes[i + 1] & 0xff;
        if (cmd >= WILL && cmd <= DONT) {
          String verb = new String[] {"WILL", "WONT", "DO", "DONT"}[cmd - WILL];
          sb.append(shown == 0 ? "" : ", ").append(verb).append(' ').append(option(bytes[i + 2]));
          shown++;
          i += 2;
        }
      }
    }
    return sb.length() == 0 ? "IAC SB" : sb.toString();
  }

  private static String option(byte b) {
    int opt = b & 0xff;
    return switch (opt) {
      case 1 -> "ECHO";
      case 3 -> "SUPPRESS-GO-AHEAD";
      case 24 -> "TERMINAL-TYPE";
      case 31 -> "NAWS";
      case 32 -> "TERMINAL-SPEED";
      case 33 -> "LINEMODE";
      case 39 -> "NEW-ENVIRON";
      default -> "option " + opt;
    };
  }

  @Override
  public String toString() {
    return "TelnetBanner[" + bytes.length + " bytes, " + kind() + "]";
  }
}
