package dev.tenken.camera;

import dev.tenken.spi.ProtocolException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * WS-Discovery (the 2005/04 draft ONVIF devices and Windows print devices speak) as the discovery
 * checks use it: the unicast {@code Probe} they send and the {@code ProbeMatches} they read.
 *
 * <p>The {@code Probe} is a SOAP 1.2 envelope with a random {@code MessageID} and no {@code Types}
 * or {@code Scopes}, so it matches every target service. A reply is read with {@link DiscoveryXml}
 * (bounded, no DTD, at most {@value #MAX_REPLY_BYTES} bytes) and must be a SOAP envelope whose body
 * holds {@code ProbeMatches}. Stateless and thread-safe.
 */
final class WsDiscoveryMessage {
  static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
  static final String WSA = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
  static final String WSD = "http://schemas.xmlsoap.org/ws/2005/04/discovery";

  /** The most matches, and values per list, kept from one reply. */
  static final int MAX_VALUES = 16;

  /** The largest reply read: real {@code ProbeMatches} are a few KiB. */
  static final int MAX_REPLY_BYTES = 16 * 1024;

  private WsDiscoveryMessage() {}

  /** A {@code Probe} for every target service, with {@code messageId} ({@code urn:uuid:...}). */
  static byte[] probe(String messageId) {
    String xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<soap:Envelope xmlns:soap=\""
            + SOAP12
            + "\" xmlns:wsa=\""
            + WSA
            + "\" xmlns:wsd=\""
            + WSD
            + "\"><soap:Header>"
            + "<wsa:Action>"
            + WSD
            + "/Probe</wsa:Action>"
            + "<wsa:MessageID>"
            + messageId
            + "</wsa:MessageID>"
            + "<wsa:To>urn:schemas-xmlsoap-org:ws:2005:04:discovery</wsa:To>"
            + "</soap:Header><soap:Body><wsd:Probe/></soap:Body></soap:Envelope>";
    return xml.getBytes(StandardCharsets.UTF_8);
  }

  /** A fresh random message id. */
  static String newMessageId() {
    return "urn:uuid:" + UUID.randomUUID();
  }

  /**
   * One target service that matched.
   *
   * @param address its endpoint reference address ({@code urn:uuid:...})
   * @param types its types as qualified names, such as {@code dn:NetworkVideoTransmitter}
   * @param scopes its scope URIs
   * @param xaddrs the transport addresses it announces; recorded, never contacted
   */
  record Match(String address, List<String> types, List<String> scopes, List<String> xaddrs) {}

  /**
   * A parsed {@code ProbeMatches}.
   *
   * @param relatesTo the {@code RelatesTo} header, if any
   * @param matches the target services, at most {@link #MAX_VALUES}
   */
  record ProbeMatches(Optional<String> relatesTo, List<Match> matches) {

    /** Every type, in order, without duplicates. */
    List<String> types() {
      return matches.stream().flatMap(m -> m.types().stream()).distinct().toList();
    }

    /** Every scope, in order, without duplicates. */
    List<String> scopes() {
      return matches.stream().flatMap(m -> m.scopes().stream()).distinct().toList();
    }

    /** Every transport address, in order, without duplicates. */
    List<String> xaddrs() {
      return matches.stream().flatMap(m -> m.xaddrs().stream()).distinct().toList();
    }

    /** {@code camera} or {@code printer} from the types and ONVIF type scopes, if either shows. */
    Optional<String> deviceClass() {
      for (String t : types()) {
        String local = t.substring(t.indexOf(':') + 1);
        if (local.equals("NetworkVideoTransmitter")) {
          return Optional.of("camera");
        }
        if (local.startsWith("PrintDevice")) {
          return Optional.of("printer");
        }
      }
      return onvifScope("type")
          .filter(
              v -> {
                String l = v.toLowerCase(Locale.ROOT);
                return l.startsWith("video_encoder")
                    || l.contains("network_video_transmitter")
                    || l.contains("networkvideotransmitter");
              })
          .map(v -> "camera");
    }

    /**
     * The decoded value of the first ONVIF scope {@code onvif://www.onvif.org/<category>/<value>},
     * such as the model for {@code hardware}.
     */
    Optional<String> onvifScope(String category) {
      String prefix = "onvif://www.onvif.org/" + category + "/";
      for (String s : scopes()) {
        if (s.regionMatches(true, 0, prefix, 0, prefix.length()) && s.length() > prefix.length()) {
          String v = s.substring(prefix.length());
          try {
            v = URLDecoder.decode(v, StandardCharsets.UTF_8);
          } catch (IllegalArgumentException e) {
            // keep the raw value: a device's broken escape is still its model name
          }
          v = DiscoveryUdp.printable(v.strip(), 80);
          if (!v.isEmpty()) {
            return Optional.of(v);
          }
        }
      }
      return Optional.empty();
    }
  }

  /**
   * Reads a {@code ProbeMatches} reply.
   *
   * @throws ProtocolException when the reply is not XML, not a SOAP envelope, or holds no {@code
   *     ProbeMatches}
   */
  static ProbeMatches parse(byte[] reply) throws ProtocolException {
    if (reply.length > MAX_REPLY_BYTES) {
      throw new ProtocolException(
          "a WS-Discovery reply of "
              + reply.length
              + " bytes is larger than the "
              + MAX_REPLY_BYTES
              + "-byte cap");
    }
    DiscoveryXml.Document doc = DiscoveryXml.parse(reply);
    if (!doc.root().equals("Envelope")) {
      throw new ProtocolException(
          "not a SOAP envelope: the root element is <"
              + DiscoveryUdp.printable(doc.root(), 40)
              + ">");
    }
    if (!doc.has("ProbeMatches")) {
      String body =
          doc.elements().stream()
              .filter(e -> e.path().startsWith(doc.root() + "/Body/"))
              .map(DiscoveryXml.Element::name)
              .findFirst()
              .orElse("nothing");
      throw new ProtocolException(
          "the SOAP reply holds no ProbeMatches, its body holds <"
              + DiscoveryUdp.printable(body, 40)
              + ">");
    }
    List<Match> matches = new ArrayList<>();
    List<DiscoveryXml.Element> els = doc.elements();
    for (int i = 0; i < els.size() && matches.size() < MAX_VALUES; i++) {
      DiscoveryXml.Element e = els.get(i);
      if (!e.name().equals("ProbeMatch")) {
        continue;
      }
      String inside = e.path() + "/";
      String address = "";
      List<String> types = List.of();
      List<String> scopes = List.of();
      List<String> xaddrs = List.of();
      for (int j = i + 1; j < els.size() && els.get(j).path().startsWith(inside); j++) {
        DiscoveryXml.Element c = els.get(j);
        switch (c.name()) {
          case "Address" -> address = c.text();
          case "Types" -> types = words(c.text());
          case "Scopes" -> scopes = words(c.text());
          case "XAddrs" -> xaddrs = words(c.text());
          default -> {
            // MetadataVersion and extensions: not needed
          }
        }
      }
      matches.add(new Match(address, types, scopes, xaddrs));
    }
    return new ProbeMatches(doc.first("RelatesTo"), List.copyOf(matches));
  }

  private static List<String> words(String text) {
    return Arrays.stream(text.split("\\s+"))
        .filter(w -> !w.isEmpty())
        .limit(MAX_VALUES)
        .map(w -> DiscoveryUdp.printable(w, 200))
        .toList();
  }
}
