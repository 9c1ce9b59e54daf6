package dev.tenken.printer;

import dev.tenken.spi.ServiceProbe;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Recognises FTP by its greeting: {@code 220 } or {@code 220-} at the start of the banner (HP
 * JetDirect: {@code 220 JD FTP Server Ready}; vsftpd: {@code 220 (vsFTPd 3.0.3)}), on a first line
 * that does not name SMTP (mail servers greet with {@code 220} too). Banner only: no request.
 * Stateless and thread-safe.
 */
final class FtpServiceProbe implements ServiceProbe {
  /** The one instance. */
  static final FtpServiceProbe INSTANCE = new FtpServiceProbe();

  private FtpServiceProbe() {}

  @Override
  public String service() {
    return "ftp";
  }

  @Override
  public List<Integer> likelyPorts() {
    return List.of(21);
  }

  @Override
  public boolean recognises(byte[] reply) {
    if (reply.length < 5
        || reply[0] != '2'
        || reply[1] != '2'
        || reply[2] != '0'
        || (reply[3] != ' ' && reply[3] != '-')) {
      return false;
    }
    int end = 0;
    while (end < reply.length && end < 512 && reply[end] != '\n') {
      end++;
    }
    if (end == reply.length || end >= 512) {
      return false; // a greeting is one complete line
    }
    String first = new String(reply, 0, end, StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT);
    return !first.contains("SMTP") && !first.contains(" POSTFIX") && !first.contains("MAIL");
  }

  @Override
  public String toString() {
    return "FtpServiceProbe";
  }
}
