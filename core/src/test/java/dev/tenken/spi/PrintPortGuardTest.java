package dev.tenken.spi;

import static dev.tenken.spi.PrintPortGuard.UEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PrintPortGuardTest {

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] framed(String body) {
    return bytes(UEL + body + UEL);
  }

  @ParameterizedTest(name = "port {0}: {1}")
  @CsvSource({
    "1, false",
    "80, false",
    "631, false",
    "9099, false",
    "9100, true",
    "9101, true",
    "9104, true",
    "9107, true",
    "9108, false",
    "9998, false",
    "9999, true",
    "10000, false",
    "65535, false",
  })
  void isPrintPort(int port, boolean expected) {
    assertThat(PrintPortGuard.isPrintPort(port)).isEqualTo(expected);
  }

  @Test
  void theUelIsEscPercentMinus12345X() {
    assertThat(bytes(UEL)).containsExactly(0x1b, '%', '-', '1', '2', '3', '4', '5', 'X');
  }

  @Test
  void statusQueryIsAllowedAndExact() {
    assertThat(PrintPortGuard.isAllowed(PrintPortGuard.STATUS_QUERY)).isTrue();
    assertThat(new String(PrintPortGuard.STATUS_QUERY, StandardCharsets.US_ASCII))
        .isEqualTo(UEL + "@PJL INFO STATUS\r\n" + UEL);
  }

  @Test
  void queryBuildsAFramedAllowedPayload() {
    byte[] q = PrintPortGuard.query("INFO ID");

    assertThat(new String(q, StandardCharsets.US_ASCII)).isEqualTo(UEL + "@PJL INFO ID\r\n" + UEL);
    assertThat(PrintPortGuard.isAllowed(q)).isTrue();
    byte[] several =
        PrintPortGuard.query("INFO ID", "INFO CONFIG", "INQUIRE COPIES", "ECHO tenken");
    assertThat(PrintPortGuard.isAllowed(several)).isTrue();
    assertThat(new String(several, StandardCharsets.US_ASCII))
        .isEqualTo(
            UEL
                + "@PJL INFO ID\r\n@PJL INFO CONFIG\r\n@PJL INQUIRE COPIES\r\n@PJL ECHO tenken\r\n"
                + UEL);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "@PJL INFO ID\r\n",
        "@PJL INFO STATUS\r\n",
        "@PJL INFO\r\n",
        "@PJL INFO ID\n",
        "@PJL INQUIRE COPIES\r\n",
        "@PJL DINQUIRE PAPER\r\n",
        "@PJL ECHO tenken 1\r\n",
        "@PJL FSDIRLIST NAME=\"0:\\\" ENTRY=1 COUNT=10\r\n",
        "@PJL FSQUERY NAME=\"0:\\pjl\"\r\n",
        "@PJL info id\r\n",
        "@PJL\r\n@PJL INFO ID\r\n",
        "@PJL INFO ID\r\n@PJL INFO CONFIG\r\n@PJL INFO VARIABLES\r\n",
      })
  void allowsUelFramedQueries(String body) {
    assertThat(PrintPortGuard.isAllowed(framed(body))).as(body).isTrue();
  }

  static Stream<Arguments> rejected() {
    String q = "@PJL INFO ID\r\n";
    return Stream.of(
        Arguments.of("no UEL at the start", bytes(q + UEL)),
        Arguments.of("no UEL at the end", bytes(UEL + q)),
        Arguments.of("no UEL at all", bytes(q)),
        Arguments.of("a truncated UEL at the start", bytes("\u001b%-12345" + q + UEL)),
        Arguments.of("a truncated UEL at the end", bytes(UEL + q + "\u001b%-12345")),
        Arguments.of("only one UEL", bytes(UEL)),
        Arguments.of("empty payload", new byte[0]),
        Arguments.of("empty body", bytes(UEL + UEL)),
        Arguments.of("a body of one line feed", framed("\n")),
        Arguments.of("a body of line feeds", framed("\n\n\n")),
        Arguments.of("a body of CRLF", framed("\r\n")),
        Arguments.of("blank lines after a query", framed(q + "\n\n")),
        Arguments.of("a blank line between queries", framed(q + "\n" + q)),
        Arguments.of("a query without line end", framed("@PJL INFO ID")),
        Arguments.of("trailing bytes after the final UEL", bytes(UEL + q + UEL + "X")),
        Arguments.of("a newline after the final UEL", bytes(UEL + q + UEL + "\r\n")),
        Arguments.of("text after the UEL before @PJL", framed("X" + q)),
        Arguments.of("a space before @PJL", framed(" " + q)),
        Arguments.of("PCL reset", framed("\u001bE" + q)),
        Arguments.of("PCL after a query", framed(q + "\u001bE\u001b&l1X\r\n")),
        Arguments.of("plain text to print", framed("Hello printer\r\n")),
        Arguments.of("PostScript", framed("%!PS-Adobe-3.0\r\nshowpage\r\n")),
        Arguments.of("PostScript after a query", framed(q + "%!PS\r\nshowpage\r\n")),
        Arguments.of("a nested UEL with print data", framed(q + UEL + "Hello\r\n" + q)),
        Arguments.of("@PJL SET", framed("@PJL SET COPIES=1\r\n")),
        Arguments.of("@PJL SET after a query", framed(q + "@PJL SET COPIES=99\r\n")),
        Arguments.of("@PJL DEFAULT", framed("@PJL DEFAULT LANG=FRENCH\r\n")),
        Arguments.of("@PJL FSDELETE", framed("@PJL FSDELETE NAME=\"0:\\x\"\r\n")),
        Arguments.of("@PJL FSDOWNLOAD", framed("@PJL FSDOWNLOAD NAME=\"0:\\x\" SIZE=1\r\nA\r\n")),
        Arguments.of("@PJL FSUPLOAD", framed("@PJL FSUPLOAD NAME=\"0:\\x\"\r\n")),
        Arguments.of("@PJL FSMKDIR", framed("@PJL FSMKDIR NAME=\"0:\\x\"\r\n")),
        Arguments.of("@PJL ENTER LANGUAGE", framed("@PJL ENTER LANGUAGE=PCL\r\n")),
        Arguments.of(
            "@PJL ENTER LANGUAGE after a query",
            framed(q + "@PJL ENTER LANGUAGE=POSTSCRIPT\r\n%!PS\r\nshowpage\r\n")),
        Arguments.of("@PJL JOB", framed("@PJL JOB NAME=\"x\"\r\n")),
        Arguments.of("@PJL RDYMSG", framed("@PJL RDYMSG DISPLAY=\"hello\"\r\n")),
        Arguments.of("@PJL OPMSG", framed("@PJL OPMSG DISPLAY=\"hello\"\r\n")),
        Arguments.of("@PJL RESET", framed("@PJL RESET\r\n")),
        Arguments.of("@PJL INITIALIZE", framed("@PJL INITIALIZE\r\n")),
        Arguments.of("@PJL COMMENT", framed("@PJL COMMENT hi\r\n")),
        Arguments.of("@PJL USTATUS", framed("@PJL USTATUS DEVICE=ON\r\n")),
        Arguments.of("@PJLX", framed("@PJLX INFO ID\r\n")),
        Arguments.of("@PJLINFO", framed("@PJLINFO ID\r\n")),
        Arguments.of("lower-case @pjl", framed("@pjl INFO ID\r\n")),
        Arguments.of("a tab inside a line", framed("@PJL INFO\tID\r\n")),
        Arguments.of("a tab after @PJL", framed("@PJL\tINFO ID\r\n")),
        Arguments.of("a form feed inside a line", framed("@PJL INFO ID\f\r\n")),
        Arguments.of("a bare CR inside a line", framed("@PJL INFO ID\r@PJL SET X=1\r\n")),
        Arguments.of("a NUL inside a line", framed("@PJL INFO\u0000ID\r\n")),
        Arguments.of("ESC inside a line", framed("@PJL INFO ID\u001bE\r\n")),
        Arguments.of("DEL inside a line", framed("@PJL INFO ID\u007f\r\n")),
        Arguments.of("a non-ASCII byte", framed("@PJL INFO ID\u00e9\r\n")),
        Arguments.of("two CRs", framed("@PJL INFO ID\r\r\n")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejected")
  void rejects(String what, byte[] payload) {
    assertThat(PrintPortGuard.isAllowed(payload)).as(what).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SET COPIES=1",
        "DEFAULT LANG=FRENCH",
        "FSDELETE NAME=\"0:\\x\"",
        "FSDOWNLOAD NAME=\"0:\\x\" SIZE=1",
        "ENTER LANGUAGE=PCL",
        "RDYMSG DISPLAY=\"x\"",
        "INFO ID\r\n@PJL SET COPIES=1",
        "INFO ID\r\n\u001bE",
        "INFO\tID",
      })
  void queryThrowsOnANonQueryCommand(String command) {
    assertThatThrownBy(() -> PrintPortGuard.query(command))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a PJL query");
  }

  @Test
  void queryWithNoCommandThrows() {
    assertThatThrownBy(PrintPortGuard::query).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everySingleByteAppendedOrPrependedIsRejected() {
    byte[] good = PrintPortGuard.query("INFO ID");
    for (int b = 0; b < 256; b++) {
      byte[] after = Arrays.copyOf(good, good.length + 1);
      after[good.length] = (byte) b;
      byte[] before = new byte[good.length + 1];
      before[0] = (byte) b;
      System.arraycopy(good, 0, before, 1, good.length);

      assertThat(PrintPortGuard.isAllowed(after)).as("appended 0x%02x", b).isFalse();
      assertThat(PrintPortGuard.isAllowed(before)).as("prepended 0x%02x", b).isFalse();
    }
  }

  @Test
  void everyControlOrHighByteInsideTheQueryIsRejected() {
    String body = "@PJL INFO ID";
    for (int b = 0; b < 256; b++) {
      if (b >= 0x20 && b <= 0x7e) {
        continue;
      }
      for (int at = 0; at <= body.length(); at++) {
        String mutated = body.substring(0, at) + (char) b + body.substring(at) + "\r\n";
        assertThat(PrintPortGuard.isAllowed(framed(mutated))).as("0x%02x at %d", b, at).isFalse();
      }
    }
  }

  @Test
  void payloadsAreNotModified() {
    byte[] q = PrintPortGuard.query("INFO ID");
    byte[] copy = q.clone();

    PrintPortGuard.isAllowed(q);
    assertThat(q).isEqualTo(copy);
  }
}
