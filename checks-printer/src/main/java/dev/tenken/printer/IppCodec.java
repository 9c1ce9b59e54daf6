package dev.tenken.printer;

import dev.tenken.spi.ProtocolException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Tenken's own IPP codec (RFC 8010): encodes the three read-only requests Tenken may send and
 * decodes replies with every length checked. Stateless and thread-safe.
 *
 * <p><b>The allow-list lives here and only here.</b> A request can be built only for an {@link
 * Operation}: Get-Printer-Attributes ({@code 0x000B}), Get-Jobs ({@code 0x000A}) and
 * CUPS-Get-Printers ({@code 0x4002}). {@link #operation(int)} refuses every other operation id
 * (Print-Job {@code 0x0002}, Print-URI, Send-Document, Create-Job, Cancel-Job, Pause-Printer,
 * CUPS-Add-Modify-Printer, ...) with an {@link IllegalArgumentException}, so no job can be
 * submitted and no setting changed through this module.
 *
 * <p><b>Bounds on what a device sends</b>: every name-length and value-length (two bytes each) is
 * compared with the bytes that remain before anything is read or allocated, so a length of 0xFFFF
 * at the end of a reply is an error, not an allocation; at most {@value #MAX_VALUES} values are
 * accepted in one message; collections are skipped (shown as {@code {collection}}) with a nesting
 * limit of {@value #MAX_COLLECTION_DEPTH}; text longer than {@value #MAX_TEXT} characters is cut.
 * Anything malformed, truncated or beyond a limit throws {@link ProtocolException}.
 */
final class IppCodec {
  /** The most values (attributes and their additional values) one reply may hold. */
  static final int MAX_VALUES = 10_000;

  /** The deepest nesting of collections accepted. */
  static final int MAX_COLLECTION_DEPTH = 16;

  /** The longest text kept from one value, in characters. */
  static final int MAX_TEXT = 1024;

  /** The user name every request announces. */
  static final String USER = "tenken";

  // Delimiter tags (RFC 8010 section 3.5.1).
  static final int OPERATION_GROUP = 0x01;
  static final int JOB_GROUP = 0x02;
  static final int END_OF_ATTRIBUTES = 0x03;
  static final int PRINTER_GROUP = 0x04;

  // Value tags (RFC 8010 section 3.5.2).
  static final int INTEGER = 0x21;
  static final int BOOLEAN = 0x22;
  static final int ENUM = 0x23;
  static final int OCTET_STRING = 0x30;
  static final int DATE_TIME = 0x31;
  static final int RESOLUTION = 0x32;
  static final int RANGE_OF_INTEGER = 0x33;
  static final int BEG_COLLECTION = 0x34;
  static final int TEXT_WITH_LANGUAGE = 0x35;
  static final int NAME_WITH_LANGUAGE = 0x36;
  static final int END_COLLECTION = 0x37;
  static final int TEXT = 0x41;
  static final int NAME = 0x42;
  static final int KEYWORD = 0x44;
  static final int URI = 0x45;
  static final int CHARSET = 0x47;
  static final int NATURAL_LANGUAGE = 0x48;
  static final int MIME_MEDIA_TYPE = 0x49;
  static final int MEMBER_ATTR_NAME = 0x4A;
  static final int EXTENSION = 0x7F;

  /** The only IPP operations Tenken sends: all three read and change nothing. */
  enum Operation {
    GET_JOBS(0x000A, "Get-Jobs"),
    GET_PRINTER_ATTRIBUTES(0x000B, "Get-Printer-Attributes"),
    CUPS_GET_PRINTERS(0x4002, "CUPS-Get-Printers");

    final int id;
    final String label;

    Operation(int id, String label) {
      this.id = id;
      this.label = label;
    }
  }

  private IppCodec() {}

  /**
   * The allowed operation with this id.
   *
   * @throws IllegalArgumentException for every id not on the allow-list (Print-Job, Create-Job,
   *     Send-Document, Cancel-Job, administrative operations...)
   */
  static Operation operation(int id) {
    for (Operation op : Operation.values()) {
      if (op.id == id) {
        return op;
      }
    }
    throw new IllegalArgumentException(
        String.format(
            Locale.ROOT,
            "IPP operation 0x%04X is not allowed: Tenken sends only Get-Printer-Attributes,"
                + " Get-Jobs and CUPS-Get-Printers, and never submits a job",
            id));
  }

  /**
   * One request. Build it with {@link IppCodec#request}; only allowed operations and a fixed set of
   * read-only operation attributes can be expressed.
   */
  static final class Request {
    private final Operation operation;
    private int major = 2;
    private int minor = 0;
    private int requestId = 1;
    private String printerUri;
    private final List<String> requested = new ArrayList<>();
    private String whichJobs;
    private int limit;

    private Request(Operation operation) {
      this.operation = operation;
    }

    Operation operation() {
      return operation;
    }

    /** IPP/1.1 instead of the default 2.0. */
    Request version11() {
      major = 1;
      minor = 1;
      return this;
    }

    Request requestId(int value) {
      requestId = value;
      return this;
    }

    /** The {@code printer-uri} operation attribute (not sent with CUPS-Get-Printers if absent). */
    Request printerUri(String value) {
      printerUri = Objects.requireNonNull(value);
      return this;
    }

    Request requestedAttributes(String... names) {
      requested.addAll(List.of(names));
      return this;
    }

    /** {@code which-jobs} for Get-Jobs ({@code completed}, {@code not-completed}). */
    Request whichJobs(String value) {
      if (operation != Operation.GET_JOBS) {
        throw new IllegalArgumentException("which-jobs belongs to Get-Jobs");
      }
      whichJobs = Objects.requireNonNull(value);
      return this;
    }

    /** {@code limit}: the most jobs or printers to return. */
    Request limit(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("limit must be positive");
      }
      limit = value;
      return this;
    }

    /** The request as sent on the wire. */
    byte[] encode() {
      ByteArrayOutputStream out = new ByteArrayOutputStream(256);
      out.write(major);
      out.write(minor);
      short2(out, operation.id);
      out.write(requestId >>> 24);
      out.write(requestId >>> 16);
      out.write(requestId >>> 8);
      out.write(requestId);
      out.write(OPERATION_GROUP);
      attribute(out, CHARSET, "attributes-charset", "utf-8");
      attribute(out, NATURAL_LANGUAGE, "attributes-natural-language", "en");
      if (printerUri != null) {
        attribute(out, URI, "printer-uri", printerUri);
      } else if (operation != Operation.CUPS_GET_PRINTERS) {
        throw new IllegalStateException(operation.label + " needs a printer-uri");
      }
      attribute(out, NAME, "requesting-user-name", USER);
      if (limit > 0) {
        attribute(out, INTEGER, "limit", limit);
      }
      if (whichJobs != null) {
        attribute(out, KEYWORD, "which-jobs", whichJobs);
      }
      for (int i = 0; i < requested.size(); i++) {
        attribute(out, KEYWORD, i == 0 ? "requested-attributes" : "", requested.get(i));
      }
      out.write(END_OF_ATTRIBUTES);
      return out.toByteArray();
    }

    private static void attribute(ByteArrayOutputStream out, int tag, String name, String value) {
      byte[] n = name.getBytes(StandardCharsets.US_ASCII);
      byte[] v = value.getBytes(StandardCharsets.UTF_8);
      if (v.length > 0x7FFF) {
        throw new IllegalArgumentException("value of " + name + " too long");
      }
      out.write(tag);
      short2(out, n.length);
      out.writeBytes(n);
      short2(out, v.length);
      out.writeBytes(v);
    }

    private static void attribute(ByteArrayOutputStream out, int tag, String name, int value) {
      byte[] n = name.getBytes(StandardCharsets.US_ASCII);
      out.write(tag);
      short2(out, n.length);
      out.writeBytes(n);
      short2(out, 4);
      out.write(value >>> 24);
      out.write(value >>> 16);
      out.write(value >>> 8);
      out.write(value);
    }

    private static void short2(ByteArrayOutputStream out, int v) {
      out.write(v >>> 8);
      out.write(v);
    }
  }

  /** A request for {@code operation}; the only way a request is made. */
  static Request request(Operation operation) {
    return new Request(Objects.requireNonNull(operation, "operation"));
  }

  /**
   * Decodes a reply.
   *
   * @throws ProtocolException when it is truncated, malformed or beyond a limit
   */
  static IppMessage decode(byte[] data) throws ProtocolException {
    Reader r = new Reader(data);
    if (data.length < 9) {
      throw new ProtocolException(
          "IPP reply of " + data.length + " bytes is shorter than the 9-byte header");
    }
    int major = r.u8();
    int minor = r.u8();
    if (major < 1 || major > 2) {
      throw new ProtocolException(
          "not an IPP reply: version "
              + major
              + "."
              + minor
              + " (first bytes "
              + r.hexHead()
              + ")");
    }
    int status = r.u16();
    int requestId = r.s32();
    List<IppMessage.Group> groups = new ArrayList<>();
    List<Pending> current = null;
    int groupTag = -1;
    List<IppMessage.Value> lastValues = null;
    int count = 0;
    while (true) {
      if (!r.has(1)) {
        throw new ProtocolException("IPP reply ends without end-of-attributes-tag");
      }
      int tag = r.u8();
      if (tag == END_OF_ATTRIBUTES) {
        break;
      }
      if (tag < 0x10) {
        if (tag == 0x00) {
          throw new ProtocolException("IPP reply holds the reserved delimiter tag 0x00");
        }
        if (current != null) {
          groups.add(group(groupTag, current));
        }
        groupTag = tag;
        current = new ArrayList<>();
        lastValues = null;
        continue;
      }
      if (current == null) {
        throw new ProtocolException("IPP attribute before any attribute group");
      }
      if (tag == EXTENSION) {
        throw new ProtocolException("IPP extension value tag 0x7F is not supported");
      }
      if (++count > MAX_VALUES) {
        throw new ProtocolException("IPP reply holds more than " + MAX_VALUES + " values");
      }
      String name = r.string(r.u16(), StandardCharsets.US_ASCII, "attribute name");
      int length = r.u16();
      IppMessage.Value value;
      if (tag == BEG_COLLECTION) {
        r.skip(length, "begCollection value");
        count = skipCollection(r, 1, count);
        value = new IppMessage.Value(tag, "{collection}", 0);
      } else if (tag == END_COLLECTION || tag == MEMBER_ATTR_NAME) {
        throw new ProtocolException(
            String.format(Locale.ROOT, "IPP value tag 0x%02X outside a collection", tag));
      } else {
        value = value(r, tag, length);
      }
      if (name.isEmpty()) {
        if (lastValues == null) {
          throw new ProtocolException("IPP additional value without an attribute");
        }
        lastValues.add(value);
      } else {
        lastValues = new ArrayList<>();
        lastValues.add(value);
        current.add(new Pending(name, lastValues));
      }
    }
    if (current != null) {
      groups.add(group(groupTag, current));
    }
    return new IppMessage(major, minor, status, requestId, groups);
  }

  /** An attribute whose additional values may still follow. */
  private record Pending(String name, List<IppMessage.Value> values) {}

  private static IppMessage.Group group(int tag, List<Pending> pending) {
    List<IppMessage.Attribute> attributes = new ArrayList<>(pending.size());
    for (Pending p : pending) {
      attributes.add(new IppMessage.Attribute(p.name(), p.values()));
    }
    return new IppMessage.Group(tag, attributes);
  }

  /** Skips the members of a collection whose begCollection was just read; returns the count. */
  private static int skipCollection(Reader r, int depth, int count) throws ProtocolException {
    if (depth > MAX_COLLECTION_DEPTH) {
      throw new ProtocolException(
          "IPP collections nested deeper than " + MAX_COLLECTION_DEPTH + " levels");
    }
    while (true) {
      if (!r.has(1)) {
        throw new ProtocolException("IPP reply ends inside a collection");
      }
      int tag = r.u8();
      if (tag < 0x10) {
        throw new ProtocolException("IPP delimiter tag inside a collection");
      }
      if (++count > MAX_VALUES) {
        throw new ProtocolException("IPP reply holds more than " + MAX_VALUES + " values");
      }
      r.skip(r.u16(), "member name");
      int length = r.u16();
      r.skip(length, "member value");
      if (tag == END_COLLECTION) {
        return count;
      }
      if (tag == BEG_COLLECTION) {
        count = skipCollection(r, depth + 1, count);
      }
    }
  }

  private static IppMessage.Value value(Reader r, int tag, int length) throws ProtocolException {
    switch (tag) {
      case INTEGER, ENUM -> {
        expect(length, 4, tag);
        int v = r.s32();
        return new IppMessage.Value(tag, Integer.toString(v), v);
      }
      case BOOLEAN -> {
        expect(length, 1, tag);
        int v = r.u8();
        if (v > 1) {
          throw new ProtocolException("IPP boolean value " + v + " is neither 0 nor 1");
        }
        return new IppMessage.Value(tag, v == 1 ? "true" : "false", v);
      }
      case RANGE_OF_INTEGER -> {
        expect(length, 8, tag);
        int lo = r.s32();
        int hi = r.s32();
        return new IppMessage.Value(tag, lo + "-" + hi, lo);
      }
      case RESOLUTION -> {
        expect(length, 9, tag);
        int x = r.s32();
        int y = r.s32();
        int units = r.u8();
        return new IppMessage.Value(tag, x + "x" + y + (units == 3 ? "dpi" : "dpcm"), x);
      }
      case DATE_TIME -> {
        expect(length, 11, tag);
        r.need(11, "dateTime");
        int year = r.u16();
        String s =
            String.format(
                Locale.ROOT,
                "%04d-%02d-%02dT%02d:%02d:%02d",
                year,
                r.u8(),
                r.u8(),
                r.u8(),
                r.u8(),
                r.u8());
        r.skip(4, "dateTime");
        return new IppMessage.Value(tag, s, 0);
      }
      case TEXT_WITH_LANGUAGE, NAME_WITH_LANGUAGE -> {
        r.need(length, "value");
        int end = r.position() + length;
        String language = r.string(r.u16(), StandardCharsets.US_ASCII, "language");
        String text = r.string(r.u16(), StandardCharsets.UTF_8, "text");
        if (r.position() != end) {
          throw new ProtocolException("IPP text/name-with-language length does not add up");
        }
        return new IppMessage.Value(tag, text, language.length());
      }
      case OCTET_STRING -> {
        String s = r.string(length, StandardCharsets.ISO_8859_1, "octetString");
        return new IppMessage.Value(tag, s, length);
      }
      default -> {
        // text, name, keyword, uri, uriScheme, charset, naturalLanguage, mimeMediaType, and
        // out-of-band values (unsupported, unknown, no-value) whose length is normally 0.
        String s = r.string(length, StandardCharsets.UTF_8, "value");
        return new IppMessage.Value(tag, s, length);
      }
    }
  }

  private static void expect(int length, int wanted, int tag) throws ProtocolException {
    if (length != wanted) {
      throw new ProtocolException(
          String.format(
              Locale.ROOT,
              "IPP value tag 0x%02X has length %d instead of %d",
              tag,
              length,
              wanted));
    }
  }

  /** A cursor that checks every read against what remains. */
  private static final class Reader {
    private final byte[] data;
    private int pos;

    Reader(byte[] data) {
      this.data = data;
    }

    int position() {
      return pos;
    }

    boolean has(int n) {
      return n <= data.length - pos;
    }

    void need(int n, String what) throws ProtocolException {
      if (n < 0 || !has(n)) {
        throw new ProtocolException(
            "IPP "
                + what
                + " announces "
                + n
                + " bytes but only "
                + (data.length - pos)
                + " remain");
      }
    }

    int u8() throws ProtocolException {
      need(1, "byte");
      return data[pos++] & 0xFF;
    }

    int u16() throws ProtocolException {
      need(2, "length");
      int v = ((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF);
      pos += 2;
      return v;
    }

    int s32() throws ProtocolException {
      need(4, "integer");
      int v = ByteBuffer.wrap(data, pos, 4).getInt();
      pos += 4;
      return v;
    }

    void skip(int n, String what) throws ProtocolException {
      need(n, what);
      pos += n;
    }

    String string(int n, java.nio.charset.Charset charset, String what) throws ProtocolException {
      need(n, what);
      String s;
      if (charset == StandardCharsets.ISO_8859_1) {
        s = new String(data, pos, n, charset);
      } else {
        try {
          s =
              charset
                  .newDecoder()
                  .onMalformedInput(CodingErrorAction.REPORT)
                  .onUnmappableCharacter(CodingErrorAction.REPORT)
                  .decode(ByteBuffer.wrap(data, pos, n))
                  .toString();
        } catch (CharacterCodingException e) {
          throw new ProtocolException("IPP " + what + " is not valid " + charset.name());
        }
      }
      pos += n;
      return s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) : s;
    }

    String hexHead() {
      return HexFormat.of().formatHex(data, 0, Math.min(8, data.length));
    }
  }
}
