package dev.tenken.camera;

import dev.tenken.spi.ProtocolException;
import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * The one XML reader of the ONVIF checks: reads a SOAP 1.2 (or 1.1) envelope a device sent, with
 * the JDK's own StAX parser ({@link XMLInputFactory#newDefaultFactory()}, never one found on the
 * class path) and no DTD processing at all. Stateless and thread-safe.
 *
 * <p>Safety: DTD support and external entities are off, external DTD and schema access is denied,
 * and a reply that carries a {@code <!DOCTYPE>} is refused outright, so no entity is ever declared,
 * fetched or expanded (XXE and "billion laughs" fail at the first DTD event). An undeclared entity
 * reference is a well-formedness error. Limits: element nesting at most {@value #MAX_DEPTH} deep,
 * at most {@value #MAX_ELEMENTS} elements, {@value #MAX_ATTRIBUTES} attributes per element, {@value
 * #MAX_TEXT} characters of text per element. The input itself is already capped by the HTTP probe
 * (the check's read cap, 256 KiB by default). Anything malformed or past a limit throws {@link
 * ProtocolException}, never another exception.
 */
final class SoapXml {
  /** The SOAP 1.2 envelope namespace. */
  static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";

  /** The SOAP 1.1 envelope namespace (some cheap devices still answer in it). */
  static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";

  static final int MAX_DEPTH = 32;
  static final int MAX_ELEMENTS = 4096;
  static final int MAX_ATTRIBUTES = 64;
  static final int MAX_TEXT = 8192;

  private static final XMLInputFactory FACTORY = factory();

  private SoapXml() {}

  /**
   * A parsed envelope.
   *
   * @param namespace the envelope's namespace ({@link #SOAP12} or {@link #SOAP11})
   * @param content the first element in the Body, or null when the Body is empty or missing
   * @param fault the fault, when the Body's first element is a SOAP Fault
   */
  record Envelope(String namespace, @Nullable SoapElement content, @Nullable SoapFault fault) {}

  private static XMLInputFactory factory() {
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    return f;
  }

  /**
   * Reads {@code xml} as a SOAP envelope.
   *
   * @return the envelope, or empty when the document is well-formed XML whose root is not a SOAP
   *     Envelope (an XHTML page, another XML API)
   * @throws ProtocolException when the document is not well-formed, carries a DTD, or breaks a
   *     limit
   */
  static Optional<Envelope> envelope(byte[] xml) throws ProtocolException {
    SoapElement root = parse(xml);
    if (!root.name().equals("Envelope")
        || !(root.namespace().equals(SOAP12) || root.namespace().equals(SOAP11))) {
      return Optional.empty();
    }
    Optional<SoapElement> body =
        root.children().stream()
            .filter(c -> c.name().equals("Body") && c.namespace().equals(root.namespace()))
            .findFirst();
    SoapElement content = body.flatMap(b -> b.children().stream().findFirst()).orElse(null);
    SoapFault fault = null;
    if (content != null && content.name().equals("Fault")) {
      fault = fault(content);
    }
    return Optional.of(new Envelope(root.namespace(), content, fault));
  }

  private static SoapFault fault(SoapElement f) {
    // SOAP 1.2: Code/Value, Code/Subcode/Value (nested), Reason/Text.
    Optional<SoapElement> code = f.child("Code");
    if (code.isPresent()) {
      String value = code.get().child("Value").map(SoapElement::text).orElse("");
      String sub = "";
      SoapElement at = code.get();
      for (int i = 0; i < 8; i++) {
        Optional<SoapElement> next = at.child("Subcode");
        if (next.isEmpty()) {
          break;
        }
        at = next.get();
        sub = at.child("Value").map(SoapElement::text).orElse(sub);
      }
      String reason =
          f.child("Reason").flatMap(r -> r.child("Text")).map(SoapElement::text).orElse("");
      return new SoapFault(local(value), local(sub), OnvifClient.printable(reason, 160));
    }
    // SOAP 1.1: faultcode, faultstring; ONVIF devices put ter:NotAuthorized in faultcode.
    String value = f.child("faultcode").map(SoapElement::text).orElse("");
    String reason = f.child("faultstring").map(SoapElement::text).orElse("");
    return new SoapFault(local(value), "", OnvifClient.printable(reason, 160));
  }

  /** The local part of a QName written as text ({@code ter:NotAuthorized}). */
  private static String local(String qname) {
    String s = qname.strip();
    int colon = s.lastIndexOf(':');
    return OnvifClient.printable(colon < 0 ? s : s.substring(colon + 1), 60);
  }

  /**
   * Parses {@code xml} into a tree of {@link SoapElement}s.
   *
   * @throws ProtocolException as {@link #envelope} says
   */
  static SoapElement parse(byte[] xml) throws ProtocolException {
    XMLStreamReader r = null;
    try {
      r = FACTORY.createXMLStreamReader(new ByteArrayInputStream(xml));
      return read(r);
    } catch (XMLStreamException | RuntimeException e) {
      String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      // The JDK's messages start with "ParseError at [row,col]:[1,2]\nMessage: ...".
      int at = m.indexOf("Message:");
      if (at >= 0) {
        m = m.substring(at + 8).strip();
      }
      throw new ProtocolException(
          "the reply is not well-formed XML: " + OnvifClient.printable(m, 160), e);
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException ignored) {
          // Nothing held but the array.
        }
      }
    }
  }

  private static final class Builder {
    final String namespace;
    final String name;
    final Map<String, String> attributes;
    final StringBuilder text = new StringBuilder();
    final List<SoapElement> children = new ArrayList<>();

    Builder(String namespace, String name, Map<String, String> attributes) {
      this.namespace = namespace;
      this.name = name;
      this.attributes = attributes;
    }

    SoapElement build() {
      return new SoapElement(namespace, name, attributes, text.toString().strip(), children);
    }
  }

  private static SoapElement read(XMLStreamReader r) throws XMLStreamException, ProtocolException {
    Deque<Builder> open = new ArrayDeque<>();
    SoapElement root = null;
    int elements = 0;
    while (r.hasNext()) {
      int event = r.next();
      switch (event) {
        case XMLStreamConstants.DTD ->
            throw new ProtocolException(
                "the reply carries a document type declaration (<!DOCTYPE>): refused, no"
                    + " entity is expanded");
        case XMLStreamConstants.ENTITY_REFERENCE ->
            throw new ProtocolException(
                "the reply references an undeclared entity: refused, no entity is expanded");
        case XMLStreamConstants.START_ELEMENT -> {
          if (root != null) {
            throw new ProtocolException("the reply has content after its root element");
          }
          if (++elements > MAX_ELEMENTS) {
            throw new ProtocolException("the reply holds more than " + MAX_ELEMENTS + " elements");
          }
          if (open.size() >= MAX_DEPTH) {
            throw new ProtocolException("the reply nests elements deeper than " + MAX_DEPTH);
          }
          int n = r.getAttributeCount();
          if (n > MAX_ATTRIBUTES) {
            throw new ProtocolException(
                "an element of the reply has more than " + MAX_ATTRIBUTES + " attributes");
          }
          Map<String, String> attributes = new LinkedHashMap<>();
          for (int i = 0; i < n; i++) {
            String v = r.getAttributeValue(i);
            if (v.length() > MAX_TEXT) {
              throw new ProtocolException(
                  "an attribute of the reply is longer than " + MAX_TEXT + " characters");
            }
            attributes.putIfAbsent(r.getAttributeLocalName(i), v);
          }
          String ns = r.getNamespaceURI();
          open.push(new Builder(ns == null ? "" : ns, r.getLocalName(), attributes));
        }
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
          Builder b = open.peek();
          if (b != null) {
            if (b.text.length() + r.getTextLength() > MAX_TEXT) {
              throw new ProtocolException(
                  "a text value of the reply is longer than " + MAX_TEXT + " characters");
            }
            b.text.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
          }
        }
        case XMLStreamConstants.END_ELEMENT -> {
          SoapElement done = open.pop().build();
          Builder parent = open.peek();
          if (parent == null) {
            root = done;
          } else {
            parent.children.add(done);
          }
        }
        default -> {
          // Comments, processing instructions, whitespace, document start and end.
        }
      }
    }
    if (root == null) {
      throw new ProtocolException("the reply holds no XML element");
    }
    return root;
  }
}
