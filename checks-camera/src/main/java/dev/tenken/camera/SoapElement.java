package dev.tenken.camera;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One element of a parsed SOAP reply, as {@link SoapXml} read it: namespace, local name, the
 * attributes by local name, the element's own text (stripped) and its children. Bounded by
 * construction ({@link SoapXml}'s limits). Immutable.
 *
 * @param namespace the namespace URI, empty when none
 * @param name the local name (prefixes are never kept: devices use any prefix)
 * @param attributes attribute values by local name
 * @param text the element's character data, stripped; empty when it has none
 * @param children the child elements, in document order
 */
record SoapElement(
    String namespace,
    String name,
    Map<String, String> attributes,
    String text,
    List<SoapElement> children) {

  SoapElement {
    attributes = Map.copyOf(attributes);
    children = List.copyOf(children);
  }

  /** The first child named {@code localName}. */
  Optional<SoapElement> child(String localName) {
    return children.stream().filter(c -> c.name.equals(localName)).findFirst();
  }

  /** All children named {@code localName}. */
  List<SoapElement> children(String localName) {
    return children.stream().filter(c -> c.name.equals(localName)).toList();
  }

  /** The first element named {@code localName} below this one, depth first (not this one). */
  Optional<SoapElement> find(String localName) {
    Deque<SoapElement> todo = new ArrayDeque<>();
    for (int i = children.size() - 1; i >= 0; i--) {
      todo.push(children.get(i));
    }
    while (!todo.isEmpty()) {
      SoapElement e = todo.pop();
      if (e.name.equals(localName)) {
        return Optional.of(e);
      }
      for (int i = e.children.size() - 1; i >= 0; i--) {
        todo.push(e.children.get(i));
      }
    }
    return Optional.empty();
  }

  /** The text of the first element named {@code localName} below this one, if not blank. */
  Optional<String> text(String localName) {
    return find(localName).map(SoapElement::text).filter(t -> !t.isBlank());
  }

  /** An attribute by local name. */
  Optional<String> attribute(String localName) {
    return Optional.ofNullable(attributes.get(localName));
  }

  @Override
  public String toString() {
    return "<" + name + "> (" + children.size() + " children)";
  }
}
