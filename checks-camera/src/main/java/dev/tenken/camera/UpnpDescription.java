package dev.tenken.camera;

import dev.tenken.spi.ProtocolException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A UPnP device description ({@code <root><device>...}) as read with {@link DiscoveryXml}: the root
 * device's identity fields, and every device and service type of the root and embedded devices.
 *
 * @param friendlyName the root device's {@code friendlyName}
 * @param manufacturer its {@code manufacturer}
 * @param modelName its {@code modelName}
 * @param modelNumber its {@code modelNumber}
 * @param serialNumber its {@code serialNumber}
 * @param deviceType its {@code deviceType}
 * @param deviceTypes the device types of the root and every embedded device
 * @param serviceTypes the service types of every device
 */
record UpnpDescription(
    Optional<String> friendlyName,
    Optional<String> manufacturer,
    Optional<String> modelName,
    Optional<String> modelNumber,
    Optional<String> serialNumber,
    Optional<String> deviceType,
    List<String> deviceTypes,
    List<String> serviceTypes) {

  /** Type names that make a device an Internet gateway able to forward ports on request. */
  static final List<String> GATEWAY_MARKERS =
      List.of(
          ":device:InternetGatewayDevice:",
          ":service:WANIPConnection:",
          ":service:WANPPPConnection:");

  /**
   * Reads a description.
   *
   * @throws ProtocolException when it is not bounded, well-formed XML with a {@code root} element
   */
  static UpnpDescription parse(byte[] xml) throws ProtocolException {
    DiscoveryXml.Document doc = DiscoveryXml.parse(xml);
    if (!doc.root().equals("root")) {
      throw new ProtocolException(
          "not a UPnP device description: the root element is <"
              + DiscoveryUdp.printable(doc.root(), 40)
              + ">");
    }
    return new UpnpDescription(
        field(doc, "friendlyName"),
        field(doc, "manufacturer"),
        field(doc, "modelName"),
        field(doc, "modelNumber"),
        field(doc, "serialNumber"),
        field(doc, "deviceType"),
        doc.all("deviceType").stream().map(t -> DiscoveryUdp.printable(t, 120)).toList(),
        doc.all("serviceType").stream().map(t -> DiscoveryUdp.printable(t, 120)).toList());
  }

  private static Optional<String> field(DiscoveryXml.Document doc, String name) {
    String path = "root/device/" + name;
    return doc.elements().stream()
        .filter(e -> e.path().equals(path) && !e.text().isEmpty())
        .map(e -> DiscoveryUdp.printable(e.text(), 120))
        .findFirst();
  }

  /** The device and service types that show an Internet gateway, empty when none does. */
  List<String> gatewayTypes() {
    return java.util.stream.Stream.concat(deviceTypes.stream(), serviceTypes.stream())
        .filter(UpnpDescription::isGatewayType)
        .distinct()
        .toList();
  }

  /** Whether {@code text} (a type, an ST or a USN) names an Internet gateway device or service. */
  static boolean isGatewayType(String text) {
    return GATEWAY_MARKERS.stream().anyMatch(text::contains);
  }

  /** {@code camera}, {@code printer} or {@code router} from the root device type, if it shows. */
  Optional<String> deviceClass() {
    if (!gatewayTypes().isEmpty()) {
      return Optional.of("router");
    }
    return deviceType()
        .map(t -> t.toLowerCase(Locale.ROOT))
        .flatMap(
            t ->
                t.contains(":device:digitalsecuritycamera:")
                    ? Optional.of("camera")
                    : t.contains(":device:printer:") ? Optional.of("printer") : Optional.empty());
  }
}
