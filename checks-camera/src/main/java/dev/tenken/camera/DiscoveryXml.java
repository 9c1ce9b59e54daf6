package dev.tenken.camera;

import dev.tenken.spi.ProtocolException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The bounded, safe XML reader of the discovery checks (WS-Discovery replies, UPnP device
 * descriptions): strict UTF-8, the JDK's own StAX parser with DTDs refused outright (a {@code
 * <!DOCTYPE>} is an error, so no entity, internal or external, is ever expanded and nothing is
 * fetched), at most {@value #MAX_BYTES} bytes of input, {@value #MAX_ELEMENTS} elements, depth
 * {@value #MAX_DEPTH} and {@value #MAX_TEXT} characters of text per element. The document is
 * flattened into the list of its elements with their text. Stateless and thread-safe.
 */
final class DiscoveryXml {
  static final int MAX_BYTES = 64 * 1024;
  static final int MAX_ELEMENTS = 2000;
  static final int MAX_DEPTH = 32;
  static final int MAX_TEXT = 2048;

  private DiscoveryXml() {}

  /**
   * One element.
   *
   * @param namespace its namespace URI, empty when none
   * @param name its local name
   * @param path the local names from the root to it, joined by {@code /}
   * @param text its own text, stripped
   */
  record Element(String namespace, String name, String path, String text) {}

  /** A parsed document: its elements in document order. */
  record Document(List<Element> elements) {

    /** The root element's local name. */
    String root() {
      return elements.isEmpty() ? "" : elements.get(0).name();
    }

    /** The text of the first element named {@code name}. */
    Optional<String> first(String name) {
      return elements.stream()
          .filter(e -> e.name().equals(name) && !e.text().isEmpty())
          .map(Element::text)
          .findFirst();
    }

    /** The texts of every element named {@code name}. */
    List<String> all(String name) {
      return elements.stream()
          .filter(e -> e.name().equals(name) && !e.text().isEmpty())
          .map(Element::text)
          .toList();
    }

    /** Whether an element named {@code name} exists. */
    boolean has(String name) {
      return elements.stream().anyMatch(e -> e.name().equals(name));
    }
  }

  /**
   * Parses {@code xml} within the limits on the class.
   *
   * @throws ProtocolException when it is not well-formed XML, declares a DTD, or exceeds a limit
   */
  static Document parse(byte[] xml) throws ProtocolException {
    if (xml.length > MAX_BYTES) {
      throw new ProtocolException(
          "XML of " + xml.length + " bytes is larger than the " + MAX_BYTES + "-byte cap");
    }
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    List<Element> out = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<String> namespaces = new ArrayList<>();
    List<StringBuilder> texts = new ArrayList<>();
    List<Integer> slots = new ArrayList<>();
    XMLStreamReader r = null;
    try {
      r = f.createXMLStreamReader(new StringReader(utf8(xml)));
      while (r.hasNext()) {
        int event = r.next();
        switch (event) {
          case XMLStreamConstants.DTD ->
              throw new ProtocolException("the XML declares a DTD, which is refused");
          case XMLStreamConstants.ENTITY_REFERENCE ->
              throw new ProtocolException(
                  "the XML references entity '" + r.getLocalName() + "', which is refused");
          case XMLStreamConstants.START_ELEMENT -> {
            if (out.size() >= MAX_ELEMENTS) {
              throw new ProtocolException("the XML has more than " + MAX_ELEMENTS + " elements");
            }
            if (names.size() >= MAX_DEPTH) {
              throw new ProtocolException("the XML nests deeper than " + MAX_DEPTH);
            }
            names.add(r.getLocalName());
            String ns = r.getNamespaceURI();
            namespaces.add(ns == null ? "" : ns);
            texts.add(new StringBuilder());
            slots.add(out.size());
            out.add(null); // filled at the end tag, kept in document order
          }
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
            if (!texts.isEmpty()) {
              StringBuilder t = texts.get(texts.size() - 1);
              if (t.length() + r.getTextLength() > MAX_TEXT) {
                throw new ProtocolException(
                    "an XML element holds more than " + MAX_TEXT + " characters of text");
              }
              t.append(r.getText());
            }
          }
          case XMLStreamConstants.END_ELEMENT -> {
            int last = names.size() - 1;
            out.set(
                slots.get(last),
                new Element(
                    namespaces.get(last),
                    names.get(last),
                    String.join("/", names),
                    texts.get(last).toString().strip()));
            names.remove(last);
            namespaces.remove(last);
            texts.remove(last);
            slots.remove(last);
          }
          default -> {
            // comments, processing instructions, whitespace: ignored
          }
        }
      }
    } catch (XMLStreamException | RuntimeException e) {
      throw new ProtocolException("malformed XML: " + firstLine(e.getMessage()), e);
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException ignored) {
          // nothing held open: the input is a byte array
        }
      }
    }
    if (out.isEmpty() || out.contains(null)) {
      throw new ProtocolException("truncated XML: the document ends inside an element");
    }
    return new Document(List.copyOf(out));
  }

  /**
   * {@code xml} decoded strictly as UTF-8 (what UPnP and WS-Discovery require), so the parser never
   * sees undecodable bytes (the JDK's parser prints those to stderr).
   */
  private static String utf8(byte[] xml) throws ProtocolException {
    try {
      String s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(xml))
              .toString();
      return s.startsWith("\uFEFF") ? s.substring(1) : s;
    } catch (CharacterCodingException e) {
      throw new ProtocolException("malformed XML: not UTF-8 text");
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    String m = message.strip();
    int nl = m.indexOf('\n');
    m = nl < 0 ? m : m.substring(nl + 1).strip();
    m = m.startsWith("Message:") ? m.substring("Message:".length()).strip() : m;
    return m.length() > 160 ? m.substring(0, 160) + "..." : m;
  }
}
