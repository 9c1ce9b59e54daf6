package dev.tenken.printer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenken.spi.ProtocolException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The IPP codec: what it may encode (the allow-list) and how it bounds what it decodes. */
class IppCodecTest {

  @Test
  void onlyTheThreeQueriesAreOnTheAllowList() {
    assertThat(IppCodec.Operation.values())
        .extracting(o -> o.id)
        .containsExactlyInAnyOrder(0x000A, 0x000B, 0x4002);
    assertThat(IppCodec.operation(0x000B)).isEqualTo(IppCodec.Operation.GET_PRINTER_ATTRIBUTES);
    assertThat(IppCodec.operation(0x000A)).isEqualTo(IppCodec.Operation.GET_JOBS);
    assertThat(IppCodec.operation(0x4002)).isEqualTo(IppCodec.Operation.CUPS_GET_PRINTERS);
    // Print-Job, Print-URI, Validate-Job, Create-Job, Send-Document, Send-URI, Cancel-Job,
    // Hold-Job, Release-Job, Restart-Job, Pause-Printer, Resume-Printer, Purge-Jobs,
    // Set-Printer-Attributes, CUPS-Add-Modify-Printer, CUPS-Delete-Printer, CUPS-Move-Job.
    for (int op :
        new int[] {
          0x0002, 0x0003, 0x0004, 0x0005, 0x0006, 0x0007, 0x0008, 0x000C, 0x000D, 0x000E, 0x0010,
          0x0011, 0x0012, 0x0013, 0x4003, 0x4004, 0x400D, 0x0000, 0xFFFF
        }) {
      assertThatThrownBy(() -> IppCodec.operation(op))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not allowed")
          .hasMessageContaining("never submits a job");
    }
  }

  @Test
  void getPrinterAttributesIsEncodedAsRfc8010Says() {
    byte[] b =
        IppCodec.request(IppCodec.Operation.GET_PRINTER_ATTRIBUTES)
            .requestId(7)
            .printerUri("ipp://127.0.0.1:631/ipp/print")
            .requestedAttributes("printer-make-and-model", "uri-security-supported")
            .encode();
    assertThat(b[0]).isEqualTo((byte) 2);
    assertThat(b[1]).isEqualTo((byte) 0);
    assertThat(b[2]).isEqualTo((byte) 0);
    assertThat(b[3]).isEqualTo((byte) 0x0B);
    assertThat(b[7]).isEqualTo((byte) 7);
    assertThat(b[8]).isEqualTo((byte) IppCodec.OPERATION_GROUP);
    assertThat(b[b.length - 1]).isEqualTo((byte) IppCodec.END_OF_ATTRIBUTES);
    String s = new String(b, StandardCharsets.ISO_8859_1);
    // attributes-charset must come first, then attributes-natural-language (RFC 8011 4.1.4).
    assertThat(s.indexOf("attributes-charset"))
        .isLessThan(s.indexOf("attributes-natural-language"));
    assertThat(s)
        .contains("utf-8", "printer-uri", "ipp://127.0.0.1:631/ipp/print")
        .contains("requesting-user-name", "tenken")
        .contains("requested-attributes", "printer-make-and-model", "uri-security-supported");
    byte[] v11 =
        IppCodec.request(IppCodec.Operation.GET_PRINTER_ATTRIBUTES)
            .version11()
            .printerUri("ipp://h/")
            .encode();
    assertThat(v11[0]).isEqualTo((byte) 1);
    assertThat(v11[1]).isEqualTo((byte) 1);
  }

  @Test
  void getJobsCarriesWhichJobsAndLimitAndCupsGetPrintersNeedsNoUri() {
    String s =
        new String(
            IppCodec.request(IppCodec.Operation.GET_JOBS)
                .printerUri("ipp://h/p")
                .whichJobs("completed")
                .limit(5)
                .encode(),
            StandardCharsets.ISO_8859_1);
    assertThat(s).contains("which-jobs", "completed", "limit");
    byte[] cups = IppCodec.request(IppCodec.Operation.CUPS_GET_PRINTERS).encode();
    assertThat(cups[2]).isEqualTo((byte) 0x40);
    assertThat(cups[3]).isEqualTo((byte) 0x02);
    assertThatThrownBy(() -> IppCodec.request(IppCodec.Operation.GET_PRINTER_ATTRIBUTES).encode())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () -> IppCodec.request(IppCodec.Operation.GET_PRINTER_ATTRIBUTES).whichJobs("all"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decodesEveryValueTagItNeeds() throws Exception {
    Bytes r = Bytes.header(0x0000);
    r.group(IppCodec.PRINTER_GROUP);
    r.attr(IppCodec.TEXT, "printer-make-and-model", "HP LaserJet M404".getBytes());
    r.attr(IppCodec.KEYWORD, "uri-authentication-supported", "none".getBytes());
    r.attr(IppCodec.KEYWORD, "", "basic".getBytes());
    r.attr(IppCodec.BOOLEAN, "printer-is-accepting-jobs", new byte[] {1});
    r.attr(IppCodec.ENUM, "printer-state", new byte[] {0, 0, 0, 3});
    r.attr(IppCodec.INTEGER, "queued-job-count", new byte[] {0, 0, 1, 0});
    r.attr(IppCodec.RANGE_OF_INTEGER, "copies-supported", new byte[] {0, 0, 0, 1, 0, 0, 0, 99});
    r.attr(
        IppCodec.RESOLUTION,
        "printer-resolution-default",
        new byte[] {0, 0, 2, 88, 0, 0, 2, 88, 3});
    r.attr(
        IppCodec.DATE_TIME,
        "printer-current-time",
        new byte[] {7, (byte) 234, 11, 27, 6, 5, 4, 0, '+', 0, 0});
    r.attr(IppCodec.OCTET_STRING, "printer-uuid-raw", new byte[] {1, 2});
    r.attr(IppCodec.URI, "printer-uri-supported", "ipp://h/ipp/print".getBytes());
    r.attr(IppCodec.MIME_MEDIA_TYPE, "document-format-default", "application/pdf".getBytes());
    r.attr(IppCodec.NATURAL_LANGUAGE, "natural-language-configured", "en".getBytes());
    r.attr(IppCodec.TEXT_WITH_LANGUAGE, "printer-info", withLanguage("fr", "Imprimante"));
    r.attr(IppCodec.NAME_WITH_LANGUAGE, "printer-name", withLanguage("en", "office"));
    r.attr(IppCodec.BEG_COLLECTION, "media-col-default", new byte[0]);
    r.attr(IppCodec.MEMBER_ATTR_NAME, "", "media-size".getBytes());
    r.attr(IppCodec.BEG_COLLECTION, "", new byte[0]);
    r.attr(IppCodec.MEMBER_ATTR_NAME, "", "x-dimension".getBytes());
    r.attr(IppCodec.INTEGER, "", new byte[] {0, 0, 82, 8});
    r.attr(IppCodec.END_COLLECTION, "", new byte[0]);
    r.attr(IppCodec.END_COLLECTION, "", new byte[0]);
    r.attr(0x13, "printer-geo-location", new byte[0]);
    IppMessage m = IppCodec.decode(r.end());
    assertThat(m.isSuccess()).isTrue();
    assertThat(m.printer("printer-make-and-model").orElseThrow().first())
        .isEqualTo("HP LaserJet M404");
    assertThat(m.printer("uri-authentication-supported").orElseThrow().texts())
        .containsExactly("none", "basic");
    assertThat(m.printer("printer-is-accepting-jobs").orElseThrow().first()).isEqualTo("true");
    assertThat(m.printer("printer-state").orElseThrow().values().get(0).number()).isEqualTo(3);
    assertThat(m.printer("queued-job-count").orElseThrow().first()).isEqualTo("256");
    assertThat(m.printer("copies-supported").orElseThrow().first()).isEqualTo("1-99");
    assertThat(m.printer("printer-resolution-default").orElseThrow().first())
        .isEqualTo("600x600dpi");
    assertThat(m.printer("printer-current-time").orElseThrow().first())
        .startsWith("2026-11-27T06:05:04");
    assertThat(m.printer("printer-info").orElseThrow().first()).isEqualTo("Imprimante");
    assertThat(m.printer("printer-name").orElseThrow().first()).isEqualTo("office");
    assertThat(m.printer("media-col-default").orElseThrow().first()).isEqualTo("{collection}");
    assertThat(m.printer("printer-geo-location")).isPresent();
  }

  @Test
  void valueLengthPastTheEndIsAProtocolError() {
    Bytes r = Bytes.header(0);
    r.group(IppCodec.PRINTER_GROUP);
    r.raw(IppCodec.TEXT, 0, 4);
    r.raw('n', 'a', 'm', 'e');
    r.raw(0xFF, 0xFF, 'x');
    byte[] b = r.bytes();
    assertThatThrownBy(() -> IppCodec.decode(b))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("65535");
  }

  @Test
  void nameLengthPastTheEndIsAProtocolError() {
    Bytes r = Bytes.header(0);
    r.group(IppCodec.PRINTER_GROUP);
    r.raw(IppCodec.TEXT, 0xFF, 0xFE, 'a');
    assertThatThrownBy(() -> IppCodec.decode(r.bytes())).isInstanceOf(ProtocolException.class);
  }

  @Test
  @Timeout(10)
  void aMillionAttributesStopAtTheCap() {
    Bytes r = Bytes.header(0);
    r.group(IppCodec.PRINTER_GROUP);
    for (int i = 0; i < 1_000_000; i++) {
      r.attr(IppCodec.KEYWORD, "a", new byte[0]);
    }
    byte[] b = r.end();
    assertThatThrownBy(() -> IppCodec.decode(b))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("more than " + IppCodec.MAX_VALUES);
  }

  @Test
  @Timeout(10)
  void collectionsNestedAThousandDeepAreRefused() {
    Bytes r = Bytes.header(0);
    r.group(IppCodec.PRINTER_GROUP);
    r.attr(IppCodec.BEG_COLLECTION, "media-col", new byte[0]);
    for (int i = 0; i < 1000; i++) {
      r.attr(IppCodec.MEMBER_ATTR_NAME, "", "m".getBytes());
      r.attr(IppCodec.BEG_COLLECTION, "", new byte[0]);
    }
    for (int i = 0; i <= 1000; i++) {
      r.attr(IppCodec.END_COLLECTION, "", new byte[0]);
    }
    assertThatThrownBy(() -> IppCodec.decode(r.end()))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("nested deeper than " + IppCodec.MAX_COLLECTION_DEPTH);
  }

  @Test
  void truncatedHeaderGarbageAndMissingEndAreProtocolErrors() {
    assertThatThrownBy(() -> IppCodec.decode(new byte[] {2, 0, 0}))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("9-byte header");
    assertThatThrownBy(() -> IppCodec.decode(new byte[0])).isInstanceOf(ProtocolException.class);
    byte[] html = "<html><body>Hello</body></html>".getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> IppCodec.decode(html))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("not an IPP reply");
    Bytes noEnd = Bytes.header(0);
    noEnd.group(IppCodec.PRINTER_GROUP);
    noEnd.attr(IppCodec.KEYWORD, "a", "b".getBytes());
    assertThatThrownBy(() -> IppCodec.decode(noEnd.bytes()))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("end-of-attributes");
  }

  @Test
  void malformedValuesAreProtocolErrors() {
    Bytes bool = Bytes.header(0);
    bool.group(IppCodec.PRINTER_GROUP);
    bool.attr(IppCodec.BOOLEAN, "b", new byte[] {1, 1});
    assertThatThrownBy(() -> IppCodec.decode(bool.end())).isInstanceOf(ProtocolException.class);
    Bytes utf = Bytes.header(0);
    utf.group(IppCodec.PRINTER_GROUP);
    utf.attr(IppCodec.TEXT, "t", new byte[] {(byte) 0xC3});
    assertThatThrownBy(() -> IppCodec.decode(utf.end())).isInstanceOf(ProtocolException.class);
    Bytes orphan = Bytes.header(0);
    orphan.group(IppCodec.PRINTER_GROUP);
    orphan.attr(IppCodec.KEYWORD, "", "x".getBytes());
    assertThatThrownBy(() -> IppCodec.decode(orphan.end())).isInstanceOf(ProtocolException.class);
    Bytes lang = Bytes.header(0);
    lang.group(IppCodec.PRINTER_GROUP);
    lang.attr(IppCodec.TEXT_WITH_LANGUAGE, "t", new byte[] {0, 9, 'e'});
    assertThatThrownBy(() -> IppCodec.decode(lang.end())).isInstanceOf(ProtocolException.class);
    Bytes beforeGroup = Bytes.header(0);
    beforeGroup.bytesOut().reset();
    beforeGroup.raw(2, 0, 0, 0, 0, 0, 0, 1);
    beforeGroup.attr(IppCodec.KEYWORD, "a", "b".getBytes());
    assertThatThrownBy(() -> IppCodec.decode(beforeGroup.end()))
        .isInstanceOf(ProtocolException.class);
  }

  static byte[] withLanguage(String language, String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] l = language.getBytes(StandardCharsets.US_ASCII);
    byte[] t = text.getBytes(StandardCharsets.UTF_8);
    out.write(0);
    out.write(l.length);
    out.writeBytes(l);
    out.write(0);
    out.write(t.length);
    out.writeBytes(t);
    return out.toByteArray();
  }

  /** Builds IPP replies, well-formed or not. */
  static final class Bytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static Bytes header(int status) {
      Bytes b = new Bytes();
      b.raw(2, 0, status >>> 8, status & 0xFF, 0, 0, 0, 1);
      b.group(IppCodec.OPERATION_GROUP);
      b.attr(0x47, "attributes-charset", "utf-8".getBytes());
      b.attr(0x48, "attributes-natural-language", "en".getBytes());
      return b;
    }

    ByteArrayOutputStream bytesOut() {
      return out;
    }

    void group(int tag) {
      out.write(tag);
    }

    void raw(int... values) {
      for (int v : values) {
        out.write(v);
      }
    }

    void attr(int tag, String name, byte[] value) {
      byte[] n = name.getBytes(StandardCharsets.UTF_8);
      out.write(tag);
      out.write(n.length >>> 8);
      out.write(n.length);
      out.writeBytes(n);
      out.write(value.length >>> 8);
      out.write(value.length);
      out.writeBytes(value);
    }

    byte[] bytes() {
      return out.toByteArray();
    }

    byte[] end() {
      out.write(IppCodec.END_OF_ATTRIBUTES);
      return out.toByteArray();
    }
  }
}
