package dev.tenken.database;

import dev.tenken.spi.ProtocolException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small part of BSON the MongoDB checks need: encoding tiny command documents and decoding
 * replies, bounded and strict.
 *
 * <p>Encoding accepts {@link String}, {@link Integer}, {@link Long}, {@link Double}, {@link
 * Boolean}, {@code byte[]} (binary, subtype 0), {@link List} (array) and {@link Map} with string
 * keys (embedded document, order kept); anything else is a programming error ({@link
 * IllegalArgumentException}).
 *
 * <p>Decoding reads a document from a byte array that is already in memory (its size was checked
 * against the read cap before it was read): every length field is checked against the bytes that
 * are actually there before anything is allocated, nesting is limited to {@value #MAX_DEPTH}
 * levels, strings must be valid UTF-8 and NUL-terminated, keys may not repeat, and an unknown
 * element type is refused. Whatever is wrong throws {@link ProtocolException}, never another
 * exception. Values decode to {@link String}, {@link Integer}, {@link Long} (int64, date-time,
 * timestamp), {@link Double}, {@link Boolean}, {@code byte[]} (binary), {@link List} (array), an
 * unmodifiable {@link Map} (document), {@link #NULL} (null and undefined), and a descriptive {@link
 * String} for the types no check reads (ObjectId as hex, regular expressions, decimal128,
 * JavaScript, min/max key).
 *
 * <p>Stateless and thread-safe.
 */
final class MongoBson {
  /** Deepest nesting of documents and arrays accepted in a reply. */
  static final int MAX_DEPTH = 32;

  /** Stands for BSON {@code null} (and the deprecated {@code undefined}) in decoded documents. */
  static final Object NULL =
      new Object() {
        @Override
        public String toString() {
          return "null";
        }
      };

  private MongoBson() {}

  // ---- encoding

  /** The BSON bytes of {@code document}. */
  static byte[] encode(Map<String, ?> document) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    writeDocument(out, document);
    return out.toByteArray();
  }

  private static void writeDocument(ByteArrayOutputStream out, Map<String, ?> doc) {
    ByteArrayOutputStream body = new ByteArrayOutputStream(64);
    for (Map.Entry<String, ?> e : doc.entrySet()) {
      writeElement(body, e.getKey(), e.getValue());
    }
    int length = 4 + body.size() + 1;
    writeInt(out, length);
    out.writeBytes(body.toByteArray());
    out.write(0);
  }

  @SuppressWarnings("unchecked")
  private static void writeElement(ByteArrayOutputStream out, String key, Object value) {
    if (key.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("a BSON key may not contain NUL");
    }
    if (value instanceof String s) {
      out.write(0x02);
      writeCString(out, key);
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      writeInt(out, b.length + 1);
      out.writeBytes(b);
      out.write(0);
    } else if (value instanceof Integer i) {
      out.write(0x10);
      writeCString(out, key);
      writeInt(out, i);
    } else if (value instanceof Long l) {
      out.write(0x12);
      writeCString(out, key);
      writeLong(out, l);
    } else if (value instanceof Double d) {
      out.write(0x01);
      writeCString(out, key);
      writeLong(out, Double.doubleToLongBits(d));
    } else if (value instanceof Boolean b) {
      out.write(0x08);
      writeCString(out, key);
      out.write(b ? 1 : 0);
    } else if (value instanceof byte[] bytes) {
      out.write(0x05);
      writeCString(out, key);
      writeInt(out, bytes.length);
      out.write(0x00);
      out.writeBytes(bytes);
    } else if (value instanceof List<?> list) {
      out.write(0x04);
      writeCString(out, key);
      Map<String, Object> asDoc = new LinkedHashMap<>();
      for (int i = 0; i < list.size(); i++) {
        asDoc.put(Integer.toString(i), list.get(i));
      }
      writeDocument(out, asDoc);
    } else if (value instanceof Map<?, ?> map) {
      out.write(0x03);
      writeCString(out, key);
      writeDocument(out, (Map<String, ?>) map);
    } else {
      throw new IllegalArgumentException(
          "cannot encode " + (value == null ? "null" : value.getClass().getName()) + " as BSON");
    }
  }

  private static void writeCString(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    out.write(0);
  }

  static void writeInt(ByteArrayOutputStream out, int v) {
    out.write(v);
    out.write(v >>> 8);
    out.write(v >>> 16);
    out.write(v >>> 24);
  }

  private static void writeLong(ByteArrayOutputStream out, long v) {
    writeInt(out, (int) v);
    writeInt(out, (int) (v >>> 32));
  }

  // ---- decoding

  /** Reads a little-endian int32 at {@code at}; the caller checked the bounds. */
  static int readInt(byte[] b, int at) {
    return (b[at] & 0xff)
        | (b[at + 1] & 0xff) << 8
        | (b[at + 2] & 0xff) << 16
        | (b[at + 3] & 0xff) << 24;
  }

  private static long readLong(byte[] b, int at) {
    return (readInt(b, at) & 0xffffffffL) | ((long) readInt(b, at + 4) << 32);
  }

  /**
   * The length of the document starting at {@code offset}, checked to fit within {@code limit}.
   *
   * @throws ProtocolException when it does not fit or is shorter than an empty document
   */
  static int documentLength(byte[] b, int offset, int limit) throws ProtocolException {
    if (offset < 0 || limit - offset < 5) {
      throw new ProtocolException("BSON document truncated: fewer than 5 bytes");
    }
    int length = readInt(b, offset);
    if (length < 5 || length > limit - offset) {
      throw new ProtocolException(
          "BSON document announces "
              + Integer.toUnsignedString(length)
              + " bytes where "
              + (limit - offset)
              + " remain");
    }
    return length;
  }

  /**
   * Decodes the whole of {@code bytes} as one document.
   *
   * @throws ProtocolException when it is not exactly one well-formed document
   */
  static Map<String, Object> decode(byte[] bytes) throws ProtocolException {
    int length = documentLength(bytes, 0, bytes.length);
    if (length != bytes.length) {
      throw new ProtocolException(
          "BSON document of " + length + " bytes followed by " + (bytes.length - length));
    }
    return decode(bytes, 0, length);
  }

  /**
   * Decodes the document at {@code offset} whose length, {@code length}, the caller took from
   * {@link #documentLength}.
   */
  static Map<String, Object> decode(byte[] b, int offset, int length) throws ProtocolException {
    return readDocument(b, offset, offset + length, 1);
  }

  private static Map<String, Object> readDocument(byte[] b, int start, int end, int depth)
      throws ProtocolException {
    if (depth > MAX_DEPTH) {
      throw new ProtocolException("BSON nested deeper than " + MAX_DEPTH + " levels");
    }
    if (b[end - 1] != 0) {
      throw new ProtocolException("BSON document does not end with NUL");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    int i = start + 4;
    int last = end - 1;
    while (i < last) {
      int type = b[i++] & 0xff;
      int keyEnd = cstringEnd(b, i, last);
      String key = utf8(b, i, keyEnd);
      i = keyEnd + 1;
      int[] next = new int[1];
      Object value = readValue(b, type, i, last, depth, next);
      i = next[0];
      if (out.putIfAbsent(key, value) != null) {
        throw new ProtocolException("BSON key '" + shorten(key) + "' repeats");
      }
    }
    if (i != last) {
      throw new ProtocolException("BSON element runs past the end of its document");
    }
    return Collections.unmodifiableMap(out);
  }

  private static Object readValue(byte[] b, int type, int i, int last, int depth, int[] next)
      throws ProtocolException {
    switch (type) {
      case 0x01 -> {
        need(i, 8, last);
        next[0] = i + 8;
        return Double.longBitsToDouble(readLong(b, i));
      }
      case 0x02, 0x0D, 0x0E -> {
        need(i, 4, last);
        int len = readInt(b, i);
        if (len < 1 || len > last - (i + 4)) {
          throw new ProtocolException("BSON string announces " + len + " bytes; it does not fit");
        }
        int s = i + 4;
        if (b[s + len - 1] != 0) {
          throw new ProtocolException("BSON string is not NUL-terminated");
        }
        next[0] = s + len;
        String text = utf8(b, s, s + len - 1);
        return type == 0x02 ? text : (type == 0x0D ? "javascript" : "symbol " + text);
      }
      case 0x03, 0x04 -> {
        int len = documentLength(b, i, last);
        Map<String, Object> doc = readDocument(b, i, i + len, depth + 1);
        next[0] = i + len;
        if (type == 0x03) {
          return doc;
        }
        List<Object> list = new ArrayList<>(doc.size());
        list.addAll(doc.values());
        return Collections.unmodifiableList(list);
      }
      case 0x05 -> {
        need(i, 5, last);
        int len = readInt(b, i);
        if (len < 0 || len > last - (i + 5)) {
          throw new ProtocolException("BSON binary announces " + len + " bytes; it does not fit");
        }
        next[0] = i + 5 + len;
        byte[] data = new byte[len];
        System.arraycopy(b, i + 5, data, 0, len);
        return data;
      }
      case 0x06, 0x0A -> {
        next[0] = i;
        return NULL;
      }
      case 0x07 -> {
        need(i, 12, last);
        next[0] = i + 12;
        return "ObjectId(" + HexFormat.of().formatHex(b, i, i + 12) + ")";
      }
      case 0x08 -> {
        need(i, 1, last);
        if (b[i] != 0 && b[i] != 1) {
          throw new ProtocolException("BSON boolean is neither 0 nor 1");
        }
        next[0] = i + 1;
        return b[i] == 1;
      }
      case 0x09, 0x11, 0x12 -> {
        need(i, 8, last);
        next[0] = i + 8;
        return readLong(b, i);
      }
      case 0x0B -> {
        int p = cstringEnd(b, i, last);
        int o = cstringEnd(b, p + 1, last);
        next[0] = o + 1;
        return "/" + utf8(b, i, p) + "/" + utf8(b, p + 1, o);
      }
      case 0x0C -> {
        need(i, 4, last);
        int len = readInt(b, i);
        if (len < 1 || len > last - (i + 4) - 12) {
          throw new ProtocolException("BSON DBPointer does not fit");
        }
        next[0] = i + 4 + len + 12;
        return "DBPointer";
      }
      case 0x0F -> {
        need(i, 4, last);
        int len = readInt(b, i);
        if (len < 14 || len > last - i) {
          throw new ProtocolException("BSON code-with-scope does not fit");
        }
        next[0] = i + len;
        return "javascript";
      }
      case 0x10 -> {
        need(i, 4, last);
        next[0] = i + 4;
        return readInt(b, i);
      }
      case 0x13 -> {
        need(i, 16, last);
        next[0] = i + 16;
        return "decimal128";
      }
      case 0x7F, 0xFF -> {
        next[0] = i;
        return type == 0x7F ? "MaxKey" : "MinKey";
      }
      default ->
          throw new ProtocolException(
              "BSON element of unknown type 0x" + Integer.toHexString(type));
    }
  }

  private static void need(int at, int count, int last) throws ProtocolException {
    if (count > last - at) {
      throw new ProtocolException("BSON value truncated");
    }
  }

  private static int cstringEnd(byte[] b, int from, int last) throws ProtocolException {
    for (int i = from; i < last; i++) {
      if (b[i] == 0) {
        return i;
      }
    }
    throw new ProtocolException("BSON key or C string is not NUL-terminated");
  }

  private static String utf8(byte[] b, int from, int to) throws ProtocolException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(b, from, to - from))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ProtocolException("BSON string is not valid UTF-8");
    }
  }

  /** At most 64 characters of {@code text}, for messages. */
  static String shorten(String text) {
    return text.length() <= 64 ? text : text.substring(0, 61) + "...";
  }
}
