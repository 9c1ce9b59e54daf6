package dev.tenken.database;

import dev.tenken.spi.ProtocolException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A bounded reader of RESP2 replies (simple strings, errors, integers, bulk strings, arrays) from a
 * device that may be hostile.
 *
 * <p>Limits: a line (type byte to {@code CR LF}) holds at most {@value #MAX_LINE} bytes; a bulk
 * string announcing more bytes than are left of the reader's byte budget (the check's read cap less
 * what was read on the connection) is refused <em>before</em> anything is allocated; an array holds
 * at most {@value #MAX_ARRAY} elements, nests at most {@value #MAX_DEPTH} deep, and one reply holds
 * at most {@value #MAX_ELEMENTS} values in all. Anything malformed — an unknown type byte, a line
 * without {@code CR LF}, a number that is not one, a bulk string not followed by {@code CR LF}, the
 * end of the stream inside a reply — or beyond a limit throws {@link ProtocolException} and nothing
 * else; timeouts of the underlying stream pass through as they are.
 *
 * <p>RESP3 types are not accepted: Tenken never sends {@code HELLO}, so a server must answer in
 * RESP2. Not thread-safe: one reader per connection, used by one check.
 */
final class RespReader {
  /** Longest line, type byte and {@code CR LF} included; Redis's {@code -DENIED} is ~1.1 KB. */
  static final int MAX_LINE = 8192;

  /** Most elements in one array. */
  static final int MAX_ARRAY = 4096;

  /** Most values in one reply, nested ones included. */
  static final int MAX_ELEMENTS = 65_536;

  /** Deepest nesting of arrays. */
  static final int MAX_DEPTH = 8;

  private final InputStream in;
  private final long budget;
  private long consumed;
  private int elements;

  /**
   * A reader of {@code in}.
   *
   * @param budget the most bytes this reader will consume, in all replies together
   */
  RespReader(InputStream in, long budget) {
    this.in = new BufferedInputStream(in, 8192);
    this.budget = budget;
  }

  /** Bytes of replies consumed so far. */
  long consumed() {
    return consumed;
  }

  /**
   * Reads one reply.
   *
   * @throws ProtocolException when the reply is malformed, truncated or beyond a limit
   * @throws IOException when the stream fails or times out
   */
  RespValue read() throws IOException {
    elements = 0;
    return value(0);
  }

  private RespValue value(int depth) throws IOException {
    if (++elements > MAX_ELEMENTS) {
      throw new ProtocolException("RESP reply holds more than " + MAX_ELEMENTS + " values");
    }
    int type = in.read();
    if (type < 0) {
      throw new ProtocolException(
          consumed == 0
              ? "the server closed the connection without a RESP reply"
              : "the server closed the connection inside a RESP reply");
    }
    count(1);
    return switch (type) {
      case '+' -> new RespValue.SimpleString(line());
      case '-' -> new RespValue.ErrorReply(line());
      case ':' -> new RespValue.IntegerReply(number(line()));
      case '$' -> bulk(number(line()));
      case '*' -> array(number(line()), depth);
      default ->
          throw new ProtocolException(
              "not a RESP2 reply: type byte 0x" + Integer.toHexString(type & 0xff));
    };
  }

  private RespValue bulk(long length) throws IOException {
    if (length == -1) {
      return new RespValue.BulkString(null);
    }
    if (length < 0) {
      throw new ProtocolException("RESP bulk string with negative length " + length);
    }
    long left = budget - consumed;
    if (length + 2 > left) {
      throw new ProtocolException(
          "RESP bulk string announces "
              + length
              + " bytes, more than the "
              + Math.max(0, left)
              + " left of the read cap");
    }
    byte[] data = new byte[(int) length];
    int off = 0;
    while (off < data.length) {
      int n = in.read(data, off, data.length - off);
      if (n < 0) {
        throw new ProtocolException(
            "the server closed the connection after " + off + " of " + length + " announced bytes");
      }
      off += n;
    }
    count(length);
    int cr = in.read();
    int lf = in.read();
    if (cr != '\r' || lf != '\n') {
      throw new ProtocolException("RESP bulk string not followed by CR LF");
    }
    count(2);
    return new RespValue.BulkString(data);
  }

  private RespValue array(long size, int depth) throws IOException {
    if (size == -1) {
      return new RespValue.ArrayReply(null);
    }
    if (size < 0) {
      throw new ProtocolException("RESP array with negative size " + size);
    }
    if (size > MAX_ARRAY) {
      throw new ProtocolException(
          "RESP array announces " + size + " elements, more than " + MAX_ARRAY);
    }
    if (depth + 1 > MAX_DEPTH) {
      throw new ProtocolException("RESP arrays nested deeper than " + MAX_DEPTH);
    }
    List<RespValue> items = new ArrayList<>((int) Math.min(size, 16));
    for (long i = 0; i < size; i++) {
      items.add(value(depth + 1));
    }
    return new RespValue.ArrayReply(List.copyOf(items));
  }

  /** The rest of a line, without {@code CR LF}; ISO-8859-1 then decoded as UTF-8. */
  private String line() throws IOException {
    byte[] buf = new byte[128];
    int n = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new ProtocolException("the server closed the connection inside a RESP line");
      }
      count(1);
      if (b == '\r') {
        int lf = in.read();
        if (lf != '\n') {
          throw new ProtocolException("RESP line with CR not followed by LF");
        }
        count(1);
        return new String(buf, 0, n, StandardCharsets.UTF_8);
      }
      if (b == '\n') {
        throw new ProtocolException("RESP line ends with LF without CR");
      }
      if (n + 3 >= MAX_LINE) {
        throw new ProtocolException("RESP line longer than " + MAX_LINE + " bytes");
      }
      if (n == buf.length) {
        buf = java.util.Arrays.copyOf(buf, Math.min(buf.length * 2, MAX_LINE));
      }
      buf[n++] = (byte) b;
    }
  }

  private static long number(String text) throws ProtocolException {
    int len = text.length();
    int i = len > 0 && text.charAt(0) == '-' ? 1 : 0;
    if (i == len || len - i > 18) {
      throw new ProtocolException("not a RESP number: '" + RespValue.shorten(text, 24) + "'");
    }
    long v = 0;
    for (; i < len; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw new ProtocolException("not a RESP number: '" + RespValue.shorten(text, 24) + "'");
      }
      v = v * 10 + (c - '0');
    }
    return text.charAt(0) == '-' ? -v : v;
  }

  private void count(long n) throws ProtocolException {
    consumed += n;
    if (consumed > budget) {
      throw new ProtocolException("RESP replies exceed the " + budget + "-byte read cap");
    }
  }
}
