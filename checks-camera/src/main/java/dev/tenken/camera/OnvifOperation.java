package dev.tenken.camera;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The allow-list of what the ONVIF checks may send: five read-only operations of the ONVIF Device
 * and Media services, each with its SOAP 1.2 envelope. Nothing else can be expressed: there is no
 * way to build a request but from this enum, and {@link #named(String)} refuses any other operation
 * name (a {@code SetSystemDateAndTime}, {@code SystemReboot}, {@code CreateUsers}...). Requests
 * carry no WS-Security header: every check asks what the device answers to anyone.
 */
enum OnvifOperation {
  /** Device service: the device's clock; a pre-authentication operation in the ONVIF Core spec. */
  GET_SYSTEM_DATE_AND_TIME("GetSystemDateAndTime", OnvifOperation.TDS, ""),
  /** Device service: manufacturer, model, firmware version, serial number, hardware id. */
  GET_DEVICE_INFORMATION("GetDeviceInformation", OnvifOperation.TDS, ""),
  /** Device service: the XAddr of the Media service (category {@code Media} only). */
  GET_CAPABILITIES("GetCapabilities", OnvifOperation.TDS, "<tds:Category>Media</tds:Category>"),
  /** Media service: the media profiles and their tokens. */
  GET_PROFILES("GetProfiles", OnvifOperation.TRT, ""),
  /** Media service: the RTSP URI of one profile, unicast RTP over RTSP. */
  GET_STREAM_URI(
      "GetStreamUri",
      OnvifOperation.TRT,
      "<trt:StreamSetup><tt:Stream>RTP-Unicast</tt:Stream><tt:Transport><tt:Protocol>RTSP"
          + "</tt:Protocol></tt:Transport></trt:StreamSetup><trt:ProfileToken>%s"
          + "</trt:ProfileToken>");

  /** The ONVIF Device service namespace (prefix {@code tds}). */
  static final String TDS = "http://www.onvif.org/ver10/device/wsdl";

  /** The ONVIF Media service namespace (prefix {@code trt}). */
  static final String TRT = "http://www.onvif.org/ver10/media/wsdl";

  /** The ONVIF schema namespace (prefix {@code tt}). */
  static final String TT = "http://www.onvif.org/ver10/schema";

  /** The ONVIF error namespace (prefix {@code ter}): {@code ter:NotAuthorized}. */
  static final String TER = "http://www.onvif.org/ver10/error";

  /** Longest profile token sent back to a device, in characters. */
  static final int MAX_TOKEN = 64;

  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_.:\\-]{1," + MAX_TOKEN + "}");

  private final String operation;
  private final String namespace;
  private final String content;

  OnvifOperation(String operation, String namespace, String content) {
    this.operation = operation;
    this.namespace = namespace;
    this.content = content;
  }

  /** The operation's element name, such as {@code GetDeviceInformation}. */
  String operation() {
    return operation;
  }

  /** The element name of the answer, such as {@code GetDeviceInformationResponse}. */
  String response() {
    return operation + "Response";
  }

  /** The service namespace ({@link #TDS} or {@link #TRT}). */
  String namespace() {
    return namespace;
  }

  /** The SOAP action: the service namespace, a slash and the operation name. */
  String action() {
    return namespace + "/" + operation;
  }

  /** The content type: SOAP 1.2 with the action parameter (RFC 3902). */
  String contentType() {
    return "application/soap+xml; charset=utf-8; action=\"" + action() + "\"";
  }

  /**
   * The operation called {@code name}, if it is on the allow-list.
   *
   * @throws IllegalArgumentException for any other operation
   */
  static OnvifOperation named(String name) {
    for (OnvifOperation op : values()) {
      if (op.operation.equals(name)) {
        return op;
      }
    }
    throw new IllegalArgumentException(
        "refused: ONVIF operation '"
            + OnvifClient.printable(name, 60)
            + "' is not on the ONVIF checks' allow-list (read-only operations only)");
  }

  /**
   * The envelope of this operation, without WS-Security.
   *
   * @throws IllegalArgumentException for {@link #GET_STREAM_URI}, which needs a profile token
   */
  byte[] envelope() {
    if (this == GET_STREAM_URI) {
      throw new IllegalArgumentException("GetStreamUri needs a profile token");
    }
    return build(content);
  }

  /**
   * The GetStreamUri envelope for {@code profileToken}.
   *
   * @throws IllegalArgumentException when the token is not 1 to {@value #MAX_TOKEN} characters of
   *     letters, digits, {@code _ . : -} (a device's token is never sent back unchecked)
   */
  static byte[] streamUri(String profileToken) {
    if (!TOKEN.matcher(profileToken).matches()) {
      throw new IllegalArgumentException(
          "refused: profile token '"
              + OnvifClient.printable(profileToken, 40)
              + "' is not a plain token of at most "
              + MAX_TOKEN
              + " characters");
    }
    return GET_STREAM_URI.build(String.format(Locale.ROOT, GET_STREAM_URI.content, profileToken));
  }

  private byte[] build(String inner) {
    String prefix = namespace.equals(TDS) ? "tds" : "trt";
    String xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<s:Envelope xmlns:s=\""
            + SoapXml.SOAP12
            + "\" xmlns:tds=\""
            + TDS
            + "\" xmlns:trt=\""
            + TRT
            + "\" xmlns:tt=\""
            + TT
            + "\"><s:Body>"
            + (inner.isEmpty()
                ? "<" + prefix + ":" + operation + "/>"
                : "<" + prefix + ":" + operation + ">" + inner + "</" + prefix + ":" + operation
                    + ">")
            + "</s:Body></s:Envelope>";
    return xml.getBytes(StandardCharsets.UTF_8);
  }
}
