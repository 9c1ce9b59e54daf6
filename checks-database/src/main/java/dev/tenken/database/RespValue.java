package dev.tenken.database;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One RESP2 reply as {@link RespReader} reads it. Immutable, except that a {@link BulkString}'s
 * array is shared: do not change it.
 */
sealed interface RespValue {

  /** A short text of the reply for evidence and messages: at most {@code max} characters. */
  String excerpt(int max);

  /** {@code +OK}, {@code +PONG}. */
  record SimpleString(String value) implements RespValue {
    @Override
    public String excerpt(int max) {
      return RespValue.shorten("+" + value, max);
    }
  }

  /** {@code -NOAUTH Authentication required.} */
  record ErrorReply(String message) implements RespValue {
    /** The error code: the first word, such as {@code NOAUTH} or {@code ERR}. */
    String code() {
      int space = message.indexOf(' ');
      return space < 0 ? message : message.substring(0, space);
    }

    @Override
    public String excerpt(int max) {
      return RespValue.shorten("-" + message, max);
    }
  }

  /** {@code :1}. */
  record IntegerReply(long value) implements RespValue {
    @Override
    public String excerpt(int max) {
      return RespValue.shorten(":" + value, max);
    }
  }

  /** {@code $n} and n bytes; {@code $-1} is the null bulk string ({@code data == null}). */
  record BulkString(byte @Nullable [] data) implements RespValue {
    boolean isNull() {
      return data == null;
    }

    /** The bytes as UTF-8 text (malformed sequences replaced); empty for the null bulk string. */
    String text() {
      return data == null ? "" : new String(data, StandardCharsets.UTF_8);
    }

    @Override
    public String excerpt(int max) {
      return data == null ? "(nil)" : RespValue.shorten(text(), max);
    }
  }

  /** {@code *n} and n elements; {@code *-1} is the null array ({@code elements == null}). */
  record ArrayReply(@Nullable List<RespValue> elements) implements RespValue {
    boolean isNull() {
      return elements == null;
    }

    /** The elements; empty for the null array. */
    List<RespValue> items() {
      return elements == null ? List.of() : elements;
    }

    @Override
    public String excerpt(int max) {
      return elements == null ? "(nil array)" : "(array of " + elements.size() + ")";
    }
  }

  /** Printable, single-line, at most {@code max} characters. */
  static String shorten(String text, int max) {
    StringBuilder b = new StringBuilder(Math.min(text.length(), max + 3));
    for (int i = 0; i < text.length() && b.length() < max; i++) {
      char c = text.charAt(i);
      b.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '?' : c);
    }
    if (text.length() > max) {
      b.append("...");
    }
    return b.toString();
  }
}
