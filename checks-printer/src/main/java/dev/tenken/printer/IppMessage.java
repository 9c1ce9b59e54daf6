package dev.tenken.printer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A decoded IPP reply (RFC 8010): version, status code, request id and attribute groups. Made by
 * {@link IppCodec#decode}; immutable after decoding.
 *
 * @param major the major version
 * @param minor the minor version
 * @param status the status code ({@code 0x0000} successful-ok)
 * @param requestId the request id echoed
 * @param groups the attribute groups in order
 */
record IppMessage(int major, int minor, int status, int requestId, List<Group> groups) {

  static final int SUCCESSFUL_OK = 0x0000;
  static final int CLIENT_ERROR_FORBIDDEN = 0x0401;
  static final int CLIENT_ERROR_NOT_AUTHENTICATED = 0x0402;
  static final int CLIENT_ERROR_NOT_AUTHORIZED = 0x0403;
  static final int CLIENT_ERROR_NOT_FOUND = 0x0406;

  IppMessage {
    groups = List.copyOf(groups);
  }

  /** One value: its tag, its text, and its number for integer, enum, boolean and range. */
  record Value(int tag, String text, int number) {}

  /** One attribute with its values (at least one). */
  record Attribute(String name, List<Value> values) {
    Attribute {
      values = List.copyOf(values);
    }

    /** The first value's text. */
    String first() {
      return values.get(0).text();
    }

    /** Every value's text. */
    List<String> texts() {
      return values.stream().map(Value::text).toList();
    }
  }

  /** One attribute group: its delimiter tag and attributes. */
  record Group(int tag, List<Attribute> attributes) {
    Group {
      attributes = List.copyOf(attributes);
    }

    Optional<Attribute> get(String name) {
      return attributes.stream().filter(a -> a.name().equals(name)).findFirst();
    }
  }

  /** Whether the status is successful (0x0000-0x00FF). */
  boolean isSuccess() {
    return status >= 0 && status <= 0x00FF;
  }

  /** Whether the status says credentials are needed or not enough. */
  boolean isAuthRefusal() {
    return status == CLIENT_ERROR_FORBIDDEN
        || status == CLIENT_ERROR_NOT_AUTHENTICATED
        || status == CLIENT_ERROR_NOT_AUTHORIZED;
  }

  /** The groups with this delimiter tag. */
  List<Group> groups(int tag) {
    List<Group> out = new ArrayList<>();
    for (Group g : groups) {
      if (g.tag() == tag) {
        out.add(g);
      }
    }
    return out;
  }

  /** The attribute {@code name} in the first printer group. */
  Optional<Attribute> printer(String name) {
    return groups(IppCodec.PRINTER_GROUP).stream().findFirst().flatMap(g -> g.get(name));
  }

  /** The status as a name, such as {@code successful-ok (0x0000)}. */
  String statusText() {
    return statusName(status);
  }

  static String statusName(int status) {
    String name =
        switch (status) {
          case 0x0000 -> "successful-ok";
          case 0x0001 -> "successful-ok-ignored-or-substituted-attributes";
          case 0x0400 -> "client-error-bad-request";
          case CLIENT_ERROR_FORBIDDEN -> "client-error-forbidden";
          case CLIENT_ERROR_NOT_AUTHENTICATED -> "client-error-not-authenticated";
          case CLIENT_ERROR_NOT_AUTHORIZED -> "client-error-not-authorized";
          case 0x0404 -> "client-error-not-possible";
          case CLIENT_ERROR_NOT_FOUND -> "client-error-not-found";
          case 0x040B -> "client-error-attributes-or-values-not-supported";
          case 0x0500 -> "server-error-internal-error";
          case 0x0501 -> "server-error-operation-not-supported";
          case 0x0503 -> "server-error-version-not-supported";
          default -> "status";
        };
    return name + String.format(Locale.ROOT, " (0x%04X)", status);
  }
}
