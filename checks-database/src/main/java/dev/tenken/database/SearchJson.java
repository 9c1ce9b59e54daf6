package dev.tenken.database;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tenken.http.HttpReply;
import dev.tenken.spi.ProtocolException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Bounded JSON reading of what Elasticsearch, OpenSearch and CouchDB answer. The body is already
 * capped by the HTTP probe (the check's read cap, 256 KiB by default); on top of that the parser
 * refuses nesting deeper than {@value #MAX_DEPTH}, strings longer than {@value #MAX_STRING}
 * characters, names longer than {@value #MAX_NAME} and numbers longer than {@value #MAX_NUMBER}
 * digits. Malformed, truncated or over-limit JSON is a {@link ProtocolException}, never another
 * exception. Stateless and thread-safe.
 */
final class SearchJson {
  static final int MAX_DEPTH = 32;
  static final int MAX_STRING = 16 * 1024;
  static final int MAX_NAME = 1024;
  static final int MAX_NUMBER = 64;

  /** Longest piece of device text quoted in evidence or an error message. */
  static final int MAX_SHOWN = 120;

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_DEPTH)
                  .maxStringLength(MAX_STRING)
                  .maxNameLength(MAX_NAME)
                  .maxNumberLength(MAX_NUMBER)
                  .build())
          .build();

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(FACTORY).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  /** Reads one element of an array in place: more tokens follow, by design. */
  private static final ObjectReader ELEMENT =
      MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private SearchJson() {}

  /**
   * The whole body of {@code reply} as a JSON tree.
   *
   * @param what what was asked, for messages ({@code "GET /_session"})
   * @throws ProtocolException when the body was cut at the read cap, is empty, malformed or breaks
   *     a limit
   */
  static JsonNode parse(HttpReply reply, String what) throws ProtocolException {
    if (reply.truncated()) {
      throw new ProtocolException(
          what
              + ": the reply is larger than the read cap ("
              + reply.bodyLength()
              + " bytes read) or ended early; refused as JSON");
    }
    return parse(reply.body(), what);
  }

  /** {@link #parse(HttpReply, String)} of raw bytes known to be complete. */
  static JsonNode parse(byte[] body, String what) throws ProtocolException {
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw new ProtocolException(what + ": empty reply where JSON was expected");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new ProtocolException(what + ": malformed JSON: " + shown(e.getOriginalMessage()), e);
    } catch (IOException e) {
      throw new ProtocolException(what + ": unreadable JSON: " + shown(e.getMessage()), e);
    }
  }

  /**
   * The elements of a JSON array body, read one by one so that a list cut at the read cap still
   * yields its complete elements. Each element is handed to {@code reader} as a bounded tree.
   *
   * @param reply a reply whose body should be a JSON array
   * @param what what was asked, for messages
   * @return the elements read and whether the list was cut short
   * @throws ProtocolException when the body is not an array, is malformed before the cap, or was
   *     cut before its first complete element
   */
  static Listing readArray(HttpReply reply, String what) throws ProtocolException {
    List<JsonNode> elements = new ArrayList<>();
    boolean complete = false;
    try (JsonParser p = MAPPER.createParser(reply.body())) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw new ProtocolException(what + ": expected a JSON array");
      }
      while (true) {
        JsonToken t = p.nextToken();
        if (t == JsonToken.END_ARRAY) {
          complete = p.nextToken() == null;
          if (!complete) {
            throw new ProtocolException(what + ": data after the end of the JSON array");
          }
          break;
        }
        if (t == null) {
          throw new JsonEnd();
        }
        JsonNode element = ELEMENT.readTree(p);
        elements.add(element == null ? MAPPER.nullNode() : element);
      }
    } catch (JsonEnd | JsonProcessingException e) {
      if (!reply.truncated()) {
        throw new ProtocolException(
            what + ": malformed JSON array: " + shown(messageOf(e)),
            e instanceof JsonEnd ? null : e);
      }
      if (elements.isEmpty()) {
        throw new ProtocolException(
            what
                + ": the reply was cut at the read cap ("
                + reply.bodyLength()
                + " bytes) before its first complete entry");
      }
    } catch (IOException e) {
      throw new ProtocolException(what + ": unreadable JSON: " + shown(e.getMessage()), e);
    }
    if (complete && reply.truncated()) {
      complete = false;
    }
    return new Listing(List.copyOf(elements), !complete);
  }

  private static String messageOf(Exception e) {
    if (e instanceof JsonProcessingException j) {
      return String.valueOf(j.getOriginalMessage());
    }
    return "the reply ended inside the array";
  }

  /** A JSON array read element by element; {@code cut} when it did not end where it should. */
  record Listing(List<JsonNode> elements, boolean cut) {}

  /** The parser reached the end of input inside the array. */
  private static final class JsonEnd extends IOException {
    private static final long serialVersionUID = 1L;

    JsonEnd() {
      super("end of input inside the array");
    }
  }

  /** The text of field {@code name} when it is a JSON string. */
  static Optional<String> text(@Nullable JsonNode node, String name) {
    if (node == null) {
      return Optional.empty();
    }
    JsonNode v = node.get(name);
    return v != null && v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
  }

  /**
   * {@code text} made safe to show: control characters replaced by {@code ?}, cut at {@value
   * #MAX_SHOWN} characters with an ellipsis.
   */
  static String shown(@Nullable String text) {
    if (text == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(Math.min(text.length(), MAX_SHOWN + 1));
    for (int i = 0; i < text.length() && b.length() < MAX_SHOWN; i++) {
      char c = text.charAt(i);
      b.append(Character.isISOControl(c) ? '?' : c);
    }
    if (text.length() > MAX_SHOWN) {
      b.append('\u2026');
    }
    return b.toString();
  }

  /**
   * At most {@code max} of {@code names}, each {@link #shown}, joined with {@code ", "}, and "(+N
   * more)" when some were left out.
   */
  static String list(List<String> names, int max) {
    StringBuilder b = new StringBuilder();
    int n = Math.min(max, names.size());
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append(", ");
      }
      b.append(shown(names.get(i)));
    }
    if (names.size() > n) {
      b.append(" (+").append(names.size() - n).append(" more)");
    }
    return b.toString();
  }
}
