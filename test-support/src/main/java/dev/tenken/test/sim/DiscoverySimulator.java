package dev.tenken.test.sim;

import dev.tenken.Target;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * A loopback device that answers local-network discovery: a WS-Discovery responder (UDP), an SSDP
 * responder (UDP) and a tiny HTTP server that serves the UPnP device description the SSDP reply
 * points at. For tests of the {@code device.wsdiscovery.*} and {@code device.upnp.*} checks.
 *
 * <pre>{@code
 * try (DiscoverySimulator cam = DiscoverySimulator.start(DiscoverySimulator.Variant.CAMERA)) {
 *   Report report = runner.scan(List.of(cam.wsDiscoveryTarget(), cam.ssdpTarget()));
 *   assertThat(cam.probes()).isEqualTo(1);
 * }
 * }</pre>
 *
 * <p><b>WS-Discovery</b> (2005/04, SOAP 1.2, as ONVIF devices speak it): a datagram that is a
 * well-formed SOAP envelope with the {@code .../discovery/Probe} action, a {@code MessageID} and a
 * {@code Probe} body is counted in {@link #probes()} and answered with one {@code ProbeMatches}
 * whose {@code RelatesTo} is that {@code MessageID}; anything else is dropped silently (counted in
 * {@link #datagrams()} only). The {@code XAddrs} it announces point at this simulator's own HTTP
 * server, so a test can prove a check never contacted them ({@link #httpRequests()}).
 *
 * <p><b>SSDP</b>: an {@code M-SEARCH * HTTP/1.1} with {@code MAN: "ssdp:discover"} and an {@code
 * ST} of {@code ssdp:all}, {@code upnp:rootdevice} or the root device type is counted in {@link
 * #searches()} and answered with one {@code HTTP/1.1 200 OK} carrying {@code LOCATION}, {@code
 * SERVER}, {@code ST} and {@code USN}; other datagrams are dropped. The HTTP server answers every
 * request with the description ({@code text/xml}) whatever the path, and records the requests.
 *
 * <p>What each {@link Variant} answers is described on its constant. {@link Builder#hostileReply}
 * replaces every UDP answer with bytes of the test's choosing (sent to any datagram), {@link
 * Builder#description} replaces the description document.
 *
 * <p>Binds {@code 127.0.0.1} on three ephemeral ports (two UDP, one TCP) and serves on daemon
 * threads, so a forgotten simulator cannot keep the JVM alive. Thread-safe: counters and recorded
 * requests may be read from any thread while it serves. {@link #close()} is idempotent and waits at
 * most about two seconds for the threads.
 */
public final class DiscoverySimulator implements AutoCloseable {

  /** What the device is, and so what it answers. */
  public enum Variant {
    /**
     * An ONVIF camera (Hikvision DS-2CD2042WD-I): WS-Discovery with {@code
     * dn:NetworkVideoTransmitter} and ONVIF {@code hardware}/{@code name}/{@code type} scopes; SSDP
     * with a {@code Basic:1} description naming manufacturer, model and serial number.
     */
    CAMERA,
    /**
     * A WSD network printer: WS-Discovery with {@code wsdp:Device wprt:PrintDeviceType}; SSDP with
     * a {@code Printer:1} description.
     */
    PRINTER,
    /**
     * A home router (MiniUPnPd): no WS-Discovery; SSDP with an {@code InternetGatewayDevice:1}
     * description whose embedded devices offer {@code WANIPConnection:1}.
     */
    ROUTER,
    /**
     * The camera, but its SSDP {@code LOCATION} names another host ({@code 192.0.2.10}, a
     * documentation address) on the HTTP server's port: a check must not follow it.
     */
    FOREIGN_LOCATION,
    /** Drops every datagram: discovery turned off or filtered. The HTTP server still listens. */
    SILENT
  }

  /** The address a {@link Variant#FOREIGN_LOCATION} {@code LOCATION} names. */
  public static final String FOREIGN_HOST = "192.0.2.10";

  private static final String WSD = "http://schemas.xmlsoap.org/ws/2005/04/discovery";
  private static final String WSA = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
  private static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";

  private final Variant variant;
  private final byte @Nullable [] hostileReply;
  private final DatagramSocket wsd;
  private final DatagramSocket ssdp;
  private final RecordingServer http;
  private final String description;
  private final String uuid = UUID.randomUUID().toString();
  private final List<Thread> threads;
  private final AtomicInteger probes = new AtomicInteger();
  private final AtomicInteger searches = new AtomicInteger();
  private final AtomicInteger datagrams = new AtomicInteger();
  private final List<String> searchTargets = new CopyOnWriteArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  private DiscoverySimulator(Builder b) throws IOException {
    this.variant = b.variant;
    this.hostileReply = b.hostileReply == null ? null : b.hostileReply.clone();
    this.wsd = bind();
    DatagramSocket s;
    try {
      s = bind();
    } catch (IOException e) {
      wsd.close();
      throw e;
    }
    this.ssdp = s;
    String doc = b.description != null ? b.description : defaultDescription(variant);
    this.description = doc;
    byte[] body = doc.getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 200 OK\r\nContent-Type: text/xml; charset=\"utf-8\"\r\nContent-Length: "
            + body.length
            + "\r\nConnection: close\r\nServer: "
            + server()
            + "\r\n\r\n";
    String response = head + new String(body, StandardCharsets.ISO_8859_1);
    try {
      this.http =
          RecordingServer.builder().answerLines(line -> line.isEmpty() ? response : "").start();
    } catch (IOException e) {
      wsd.close();
      ssdp.close();
      throw e;
    }
    this.threads =
        List.of(
            Loopback.daemon("wsd-" + wsd.getLocalPort(), () -> serve(wsd, this::answerProbe)),
            Loopback.daemon("ssdp-" + ssdp.getLocalPort(), () -> serve(ssdp, this::answerSearch)));
    threads.forEach(Thread::start);
  }

  private static DatagramSocket bind() throws IOException {
    return new DatagramSocket(new InetSocketAddress(Loopback.address(), 0));
  }

  /**
   * Starts a simulator of {@code variant} with honest replies.
   *
   * @throws IOException when no port can be bound
   */
  public static DiscoverySimulator start(Variant variant) throws IOException {
    return builder().variant(variant).start();
  }

  /**
   * A new builder: variant {@link Variant#CAMERA}, honest replies, the variant's description.
   *
   * @return a builder; not thread-safe
   */
  public static Builder builder() {
    return new Builder();
  }

  /** The WS-Discovery UDP port on {@code 127.0.0.1}. */
  public int wsDiscoveryPort() {
    return wsd.getLocalPort();
  }

  /** The SSDP UDP port on {@code 127.0.0.1}. */
  public int ssdpPort() {
    return ssdp.getLocalPort();
  }

  /** The description HTTP server's TCP port on {@code 127.0.0.1}. */
  public int httpPort() {
    return http.port();
  }

  /** The target {@code ws-discovery://127.0.0.1:<port>}. */
  public Target wsDiscoveryTarget() {
    return Target.parse("ws-discovery://127.0.0.1:" + wsDiscoveryPort());
  }

  /** The target {@code ssdp://127.0.0.1:<port>}. */
  public Target ssdpTarget() {
    return Target.parse("ssdp://127.0.0.1:" + ssdpPort());
  }

  /** Well-formed WS-Discovery {@code Probe}s received (answered unless the variant is silent). */
  public int probes() {
    return probes.get();
  }

  /** Well-formed SSDP {@code M-SEARCH}es received (answered when their {@code ST} matched). */
  public int searches() {
    return searches.get();
  }

  /** Every datagram received on either UDP port, well-formed or not. */
  public int datagrams() {
    return datagrams.get();
  }

  /** The {@code ST} of every well-formed {@code M-SEARCH}, in order. */
  public List<String> searchTargets() {
    return List.copyOf(searchTargets);
  }

  /** HTTP connections made to the description server (and to the announced {@code XAddrs}). */
  public int httpRequests() {
    return http.connections();
  }

  /** Everything received by the HTTP server, all connections, as ISO-8859-1 text. */
  public String httpReceivedText() {
    return http.receivedText();
  }

  /** The description document the HTTP server serves. */
  public String description() {
    return description;
  }

  /** Stops every responder and the HTTP server. Idempotent; never throws. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    wsd.close();
    ssdp.close();
    http.close();
    Loopback.join(threads);
  }

  @Override
  public String toString() {
    return "DiscoverySimulator["
        + variant
        + ", wsd udp/"
        + wsDiscoveryPort()
        + ", ssdp udp/"
        + ssdpPort()
        + ", http tcp/"
        + httpPort()
        + "]";
  }

  // ------------------------------------------------------------------ serving

  private interface Answer {
    byte @Nullable [] answer(byte[] request);
  }

  private void serve(DatagramSocket socket, Answer answer) {
    byte[] buf = new byte[65535];
    while (!closed.get()) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(p);
      } catch (IOException e) {
        return; // closed
      }
      datagrams.incrementAndGet();
      byte[] request = java.util.Arrays.copyOf(p.getData(), p.getLength());
      byte[] reply;
      try {
        reply = answer.answer(request);
      } catch (RuntimeException e) {
        reply = null; // a request the parser chokes on is dropped, like a device would
      }
      if (hostileReply != null) {
        reply = hostileReply;
      }
      if (reply != null && variant != Variant.SILENT) {
        try {
          socket.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
        } catch (IOException e) {
          // the client is gone: nothing to do
        }
      }
    }
  }

  private byte @Nullable [] answerProbe(byte[] request) {
    Optional<String> messageId = probeMessageId(request);
    if (messageId.isEmpty()) {
      return null;
    }
    probes.incrementAndGet();
    if (variant == Variant.ROUTER) {
      return null;
    }
    String types;
    String scopes;
    String xaddr = "http://127.0.0.1:" + http.port();
    if (variant == Variant.PRINTER) {
      types = "wsdp:Device wprt:PrintDeviceType";
      scopes = "";
      xaddr += "/WSD/DEVICE";
    } else {
      types = "dn:NetworkVideoTransmitter";
      scopes =
          "onvif://www.onvif.org/type/video_encoder onvif://www.onvif.org/Profile/Streaming"
              + " onvif://www.onvif.org/hardware/DS-2CD2042WD-I"
              + " onvif://www.onvif.org/name/HIKVISION"
              + " onvif://www.onvif.org/location/city/hangzhou";
      xaddr += "/onvif/device_service";
    }
    String xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\""
            + SOAP12
            + "\" xmlns:wsa=\""
            + WSA
            + "\" xmlns:d=\""
            + WSD
            + "\" xmlns:dn=\"http://www.onvif.org/ver10/network/wsdl\""
            + " xmlns:wsdp=\"http://schemas.xmlsoap.org/ws/2006/02/devprof\""
            + " xmlns:wprt=\"http://schemas.microsoft.com/windows/2006/08/wdp/print\">"
            + "<SOAP-ENV:Header>"
            + "<wsa:MessageID>urn:uuid:"
            + UUID.randomUUID()
            + "</wsa:MessageID>"
            + "<wsa:RelatesTo>"
            + messageId.get()
            + "</wsa:RelatesTo>"
            + "<wsa:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</wsa:To>"
            + "<wsa:Action>"
            + WSD
            + "/ProbeMatches</wsa:Action>"
            + "</SOAP-ENV:Header><SOAP-ENV:Body><d:ProbeMatches><d:ProbeMatch>"
            + "<wsa:EndpointReference><wsa:Address>urn:uuid:"
            + uuid
            + "</wsa:Address></wsa:EndpointReference>"
            + "<d:Types>"
            + types
            + "</d:Types>"
            + (scopes.isEmpty() ? "" : "<d:Scopes>" + scopes + "</d:Scopes>")
            + "<d:XAddrs>"
            + xaddr
            + "</d:XAddrs><d:MetadataVersion>10</d:MetadataVersion>"
            + "</d:ProbeMatch></d:ProbeMatches></SOAP-ENV:Body></SOAP-ENV:Envelope>";
    return xml.getBytes(StandardCharsets.UTF_8);
  }

  /** The {@code MessageID} of a well-formed WS-Discovery Probe; empty for anything else. */
  private static Optional<String> probeMessageId(byte[] request) {
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    String messageId = null;
    String action = null;
    boolean envelope = false;
    boolean probe = false;
    try {
      XMLStreamReader r = f.createXMLStreamReader(new ByteArrayInputStream(request));
      int depth = 0;
      while (r.hasNext()) {
        int e = r.next();
        if (e == XMLStreamConstants.DTD) {
          return Optional.empty();
        }
        if (e == XMLStreamConstants.START_ELEMENT) {
          depth++;
          String ns = r.getNamespaceURI();
          String name = r.getLocalName();
          if (depth == 1) {
            envelope = name.equals("Envelope") && SOAP12.equals(ns);
          } else if (name.equals("MessageID") && WSA.equals(ns)) {
            messageId = r.getElementText().strip();
            depth--;
          } else if (name.equals("Action") && WSA.equals(ns)) {
            action = r.getElementText().strip();
            depth--;
          } else if (name.equals("Probe") && WSD.equals(ns)) {
            probe = true;
          }
        } else if (e == XMLStreamConstants.END_ELEMENT) {
          depth--;
        }
      }
    } catch (XMLStreamException e) {
      return Optional.empty();
    }
    boolean ok =
        envelope
            && probe
            && (WSD + "/Probe").equals(action)
            && messageId != null
            && !messageId.isEmpty();
    return ok ? Optional.of(messageId) : Optional.empty();
  }

  private byte @Nullable [] answerSearch(byte[] request) {
    String text = new String(request, StandardCharsets.ISO_8859_1);
    String[] lines = text.split("\r\n", -1);
    if (!lines[0].equals("M-SEARCH * HTTP/1.1") || !text.endsWith("\r\n\r\n")) {
      return null;
    }
    String man = header(lines, "MAN");
    String st = header(lines, "ST");
    if (!"\"ssdp:discover\"".equals(man) || st == null) {
      return null;
    }
    searches.incrementAndGet();
    searchTargets.add(st);
    String deviceType = deviceType(variant);
    if (!st.equals("ssdp:all") && !st.equals("upnp:rootdevice") && !st.equals(deviceType)) {
      return null;
    }
    String answeredSt = st.equals("ssdp:all") ? "upnp:rootdevice" : st;
    String host = variant == Variant.FOREIGN_LOCATION ? FOREIGN_HOST : "127.0.0.1";
    String reply =
        "HTTP/1.1 200 OK\r\n"
            + "CACHE-CONTROL: max-age=1800\r\n"
            + "EXT:\r\n"
            + "LOCATION: http://"
            + host
            + ":"
            + http.port()
            + "/description.xml\r\n"
            + "SERVER: "
            + server()
            + "\r\n"
            + "ST: "
            + answeredSt
            + "\r\n"
            + "USN: uuid:"
            + uuid
            + "::"
            + answeredSt
            + "\r\n\r\n";
    return reply.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static @Nullable String header(String[] lines, String name) {
    for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0 && lines[i].substring(0, colon).strip().toUpperCase(Locale.ROOT).equals(name)) {
        return lines[i].substring(colon + 1).strip();
      }
    }
    return null;
  }

  private String server() {
    return variant == Variant.ROUTER
        ? "Linux/4.4 UPnP/1.1 MiniUPnPd/2.1"
        : variant == Variant.PRINTER
            ? "Linux/3.4 UPnP/1.0 Brother/1.0"
            : "Linux/3.0.8 UPnP/1.0 DahuaRpc/1.0";
  }

  private static String deviceType(Variant variant) {
    return switch (variant) {
      case ROUTER -> "urn:schemas-upnp-org:device:InternetGatewayDevice:1";
      case PRINTER -> "urn:schemas-upnp-org:device:Printer:1";
      default -> "urn:schemas-upnp-org:device:Basic:1";
    };
  }

  private static String defaultDescription(Variant variant) {
    String head =
        "<?xml version=\"1.0\"?>\n<root xmlns=\"urn:schemas-upnp-org:device-1-0\">"
            + "<specVersion><major>1</major><minor>0</minor></specVersion><device>"
            + "<deviceType>"
            + deviceType(variant)
            + "</deviceType>";
    return switch (variant) {
      case ROUTER ->
          head
              + "<friendlyName>Home Router</friendlyName><manufacturer>MiniUPnP</manufacturer>"
              + "<modelName>MiniUPnPd</modelName><modelNumber>2.1</modelNumber>"
              + "<serialNumber>00000000</serialNumber><UDN>uuid:router</UDN>"
              + "<serviceList><service><serviceType>urn:schemas-upnp-org:service:Layer3Forwarding:1"
              + "</serviceType><controlURL>/ctl/L3F</controlURL></service></serviceList>"
              + "<deviceList><device>"
              + "<deviceType>urn:schemas-upnp-org:device:WANDevice:1</deviceType>"
              + "<deviceList><device>"
              + "<deviceType>urn:schemas-upnp-org:device:WANConnectionDevice:1</deviceType>"
              + "<serviceList><service>"
              + "<serviceType>urn:schemas-upnp-org:service:WANIPConnection:1</serviceType>"
              + "<controlURL>/ctl/IPConn</controlURL></service></serviceList>"
              + "</device></deviceList></device></deviceList></device></root>";
      case PRINTER ->
          head
              + "<friendlyName>Brother HL-L2350DW series</friendlyName>"
              + "<manufacturer>Brother</manufacturer><modelName>HL-L2350DW series</modelName>"
              + "<modelNumber>HL-L2350DW</modelNumber><serialNumber>E78123A0N123456</serialNumber>"
              + "<UDN>uuid:printer</UDN></device></root>";
      default ->
          head
              + "<friendlyName>DS-2CD2042WD-I - 123456789</friendlyName>"
              + "<manufacturer>Hikvision</manufacturer>"
              + "<manufacturerURL>http://www.hikvision.com</manufacturerURL>"
              + "<modelDescription>IP Camera</modelDescription>"
              + "<modelName>DS-2CD2042WD-I</modelName><modelNumber>DS-2CD2042WD-I</modelNumber>"
              + "<serialNumber>DS-2CD2042WD-I20160101AAWR123456789</serialNumber>"
              + "<UDN>uuid:camera</UDN></device></root>";
    };
  }

  /** Configures a {@link DiscoverySimulator}. Not thread-safe. */
  public static final class Builder {
    private Variant variant = Variant.CAMERA;
    private byte @Nullable [] hostileReply;
    private @Nullable String description;

    private Builder() {}

    /** What the device is. Default {@link Variant#CAMERA}. */
    public Builder variant(Variant value) {
      this.variant = Objects.requireNonNull(value, "variant");
      return this;
    }

    /**
     * Answers every datagram, on both UDP ports and well-formed or not, with exactly {@code value}
     * (garbage, truncated XML, an oversized datagram...). Default: honest replies.
     */
    public Builder hostileReply(byte[] value) {
      this.hostileReply = value.clone();
      return this;
    }

    /** Serves {@code xml} as the description instead of the variant's. */
    public Builder description(String xml) {
      this.description = Objects.requireNonNull(xml, "xml");
      return this;
    }

    /**
     * Binds the ports and starts serving.
     *
     * @throws IOException when a port cannot be bound
     */
    public DiscoverySimulator start() throws IOException {
      return new DiscoverySimulator(this);
    }
  }
}
