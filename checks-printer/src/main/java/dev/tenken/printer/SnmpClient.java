package dev.tenken.printer;

import dev.tenken.Endpoint;
import dev.tenken.Secret;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.ProtocolException;
import dev.tenken.spi.UdpConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.snmp4j.PDU;
import org.snmp4j.PDUv1;
import org.snmp4j.ScopedPDU;
import org.snmp4j.asn1.BER;
import org.snmp4j.asn1.BERInputStream;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;

/**
 * The one SNMP client of the module and the only place where SNMP messages are built: SNMPv1 and
 * SNMPv2c {@code GetRequest} and {@code GetNextRequest} with a community, and the SNMPv3 engine
 * discovery message of RFC 3414 §4 (an empty {@code GetRequest}, no user, no credentials, the
 * reportable flag set). The PDU type comes from the private {@link Operation} enum, whose only
 * values are GET and GETNEXT: no code path of this module can build a {@code SetRequest}.
 *
 * <p>SNMP4J only encodes and decodes BER here; every datagram travels through {@link
 * CheckContext#udp}, which enforces the scope, the deadline and the byte cap. SNMP4J's own
 * transport mappings are never used. Every reply is first walked by a bounded TLV validator ({@link
 * #validate}: definite lengths only, each inside its parent, at most {@value #MAX_DEPTH} levels),
 * so SNMP4J never sees a length that points past the datagram; any decoding failure of a malformed,
 * truncated or lying reply ends as a {@link ProtocolException}.
 *
 * <p>Each request goes out on a fresh UDP socket, so a late reply to an earlier request can never
 * be taken for the answer to a later one; a reply must echo the request id. Stateless and
 * thread-safe.
 */
final class SnmpClient {
  /** Longest wait for one reply: SNMP agents drop wrong communities silently. */
  static final Duration MAX_WAIT = Duration.ofMillis(1000);

  /** Time kept in hand after the last wait, so a check returns before its deadline. */
  static final Duration RESERVE = Duration.ofMillis(150);

  /** Largest UDP payload over IPv4. */
  static final int MAX_DATAGRAM = 65_507;

  /** Deepest BER nesting accepted in a reply (SNMP needs 5). */
  static final int MAX_DEPTH = 12;

  /** Most variable bindings accepted in one reply. */
  static final int MAX_BINDINGS = 64;

  /** Longest value text kept from a reply. */
  static final int MAX_TEXT = 256;

  static final OID SYS_DESCR = new OID("1.3.6.1.2.1.1.1.0");
  static final OID SYS_OBJECT_ID = new OID("1.3.6.1.2.1.1.2.0");
  static final OID SYS_UPTIME = new OID("1.3.6.1.2.1.1.3.0");
  static final OID SYS_NAME = new OID("1.3.6.1.2.1.1.5.0");

  private static final SecureRandom RANDOM = new SecureRandom();

  private SnmpClient() {}

  /** The community-based SNMP versions. */
  enum Version {
    V1(0, "SNMPv1"),
    V2C(1, "SNMPv2c");

    final int wire;
    final String label;

    Version(int wire, String label) {
      this.wire = wire;
      this.label = label;
    }
  }

  /** The only PDU types this module can encode. */
  private enum Operation {
    GET(PDU.GET),
    GETNEXT(PDU.GETNEXT);

    final int type;

    Operation(int type) {
      this.type = type;
    }
  }

  /**
   * One variable binding of a reply.
   *
   * @param oid the object's id, dotted
   * @param syntax SNMP4J's syntax name, such as {@code OCTET STRING} or {@code noSuchObject}
   * @param text the value as printable text, at most {@value #MAX_TEXT} characters; null for the
   *     exception values noSuchObject, noSuchInstance and endOfMibView
   * @param oidValue the value when it is an OBJECT IDENTIFIER, dotted
   */
  record Binding(String oid, String syntax, @Nullable String text, @Nullable String oidValue) {
    boolean present() {
      return text != null;
    }
  }

  /**
   * A {@code GetResponse}.
   *
   * @param version the version the agent answered with
   * @param errorStatus 0 for noError
   * @param bindings the variable bindings, at most {@value #MAX_BINDINGS}
   */
  record Response(Version version, int errorStatus, List<Binding> bindings) {
    Optional<Binding> binding(OID oid) {
      String dotted = oid.toDottedString();
      return bindings.stream().filter(b -> b.oid().equals(dotted) && b.present()).findFirst();
    }
  }

  /**
   * What an SNMPv3 {@code Report} to engine discovery disclosed.
   *
   * @param engineId the authoritative engine id (at most 32 bytes by RFC 3411)
   * @param boots snmpEngineBoots
   * @param time snmpEngineTime, seconds since the last boot
   * @param reportOid the first variable of the report, such as usmStatsUnknownEngineIDs
   */
  record EngineReport(byte[] engineId, long boots, long time, @Nullable String reportOid) {
    String engineIdHex() {
      return HexFormat.of().formatHex(engineId);
    }

    /** The IANA enterprise number of an RFC 3411 engine id, when its first bit says so. */
    Optional<Long> enterprise() {
      if (engineId.length < 5 || (engineId[0] & 0x80) == 0) {
        return Optional.empty();
      }
      long n =
          ((long) (engineId[0] & 0x7f) << 24)
              | ((engineId[1] & 0xff) << 16)
              | ((engineId[2] & 0xff) << 8)
              | (engineId[3] & 0xff);
      return Optional.of(n);
    }

    /** How the engine id names the device after its enterprise part (RFC 3411 format byte). */
    Optional<String> formatted() {
      if (enterprise().isEmpty()) {
        return Optional.empty();
      }
      int format = engineId[4] & 0xff;
      byte[] rest = java.util.Arrays.copyOfRange(engineId, 5, engineId.length);
      return switch (format) {
        case 1 ->
            rest.length == 4
                ? Optional.of(
                    "IPv4 "
                        + (rest[0] & 0xff)
                        + "."
                        + (rest[1] & 0xff)
                        + "."
                        + (rest[2] & 0xff)
                        + "."
                        + (rest[3] & 0xff))
                : Optional.empty();
        case 2 -> Optional.of("IPv6 " + HexFormat.of().formatHex(rest));
        case 3 ->
            rest.length == 6
                ? Optional.of("MAC " + HexFormat.ofDelimiter(":").formatHex(rest))
                : Optional.empty();
        case 4 -> Optional.of("text " + printable(rest));
        case 5 -> Optional.of("octets " + HexFormat.of().formatHex(rest));
        default -> Optional.of("enterprise-specific format " + format);
      };
    }
  }

  /** The wait for the next reply: {@link #MAX_WAIT}, capped by what the deadline leaves. */
  static Duration waitFor(CheckContext context) {
    Duration left = context.remaining().minus(RESERVE);
    return left.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : left;
  }

  /** Whether there is time left for one more request. */
  static boolean hasTime(CheckContext context) {
    return waitFor(context).toMillis() >= 50;
  }

  /**
   * Sends one {@code GetRequest} for {@code oids} with {@code community}.
   *
   * @return the response, or empty when none came within the wait (a wrong community is silent)
   * @throws ProtocolException when the reply is not an SNMP response to this request
   * @throws IOException when the network refuses the datagram (ICMP port unreachable)
   */
  static Optional<Response> get(
      CheckContext context, Endpoint endpoint, Version version, Secret community, List<OID> oids)
      throws IOException {
    return exchange(context, endpoint, version, community, Operation.GET, oids);
  }

  /** Sends one {@code GetNextRequest}; see {@link #get}. */
  static Optional<Response> getNext(
      CheckContext context, Endpoint endpoint, Version version, Secret community, List<OID> oids)
      throws IOException {
    return exchange(context, endpoint, version, community, Operation.GETNEXT, oids);
  }

  /**
   * Sends the SNMPv3 discovery message: no user, no credentials, nothing but a request for the
   * agent's engine id.
   *
   * @return the report, or empty when none came within the wait
   * @throws ProtocolException when the reply is not an SNMPv3 report
   * @throws IOException when the network refuses the datagram
   */
  static Optional<EngineReport> discover(CheckContext context, Endpoint endpoint)
      throws IOException {
    Duration wait = waitFor(context);
    if (wait.toMillis() < 50) {
      return Optional.empty();
    }
    int msgId = RANDOM.nextInt(Integer.MAX_VALUE);
    Optional<byte[]> reply;
    try (UdpConnection udp = context.udp(endpoint)) {
      reply = udp.exchange(discoveryMessage(msgId), wait);
    }
    if (reply.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(decodeReport(reply.get(), msgId));
  }

  private static Optional<Response> exchange(
      CheckContext context,
      Endpoint endpoint,
      Version version,
      Secret community,
      Operation op,
      List<OID> oids)
      throws IOException {
    Duration wait = waitFor(context);
    if (wait.toMillis() < 50) {
      return Optional.empty();
    }
    int requestId = RANDOM.nextInt(Integer.MAX_VALUE);
    byte[] request = communityMessage(version, community, op, requestId, oids);
    Optional<byte[]> reply;
    try (UdpConnection udp = context.udp(endpoint)) {
      reply = udp.exchange(request, wait);
    }
    if (reply.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(decodeResponse(reply.get(), requestId));
  }

  // ---------------------------------------------------------------- encoding

  private static PDU pdu(Operation op, PDU pdu, int requestId, List<OID> oids) {
    pdu.setType(op.type);
    pdu.setRequestID(new Integer32(requestId));
    for (OID oid : oids) {
      pdu.add(new VariableBinding(oid));
    }
    return pdu;
  }

  private static byte[] communityMessage(
      Version version, Secret community, Operation op, int requestId, List<OID> oids) {
    try {
      PDU pdu = pdu(op, version == Version.V1 ? new PDUv1() : new PDU(), requestId, oids);
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      BER.encodeInteger(body, BER.INTEGER, version.wire);
      BER.encodeString(
          body, BER.OCTETSTRING, community.reveal().getBytes(StandardCharsets.ISO_8859_1));
      pdu.encodeBER(body);
      return tlv(BER.SEQUENCE, body.toByteArray());
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode an SNMP request", e);
    }
  }

  /** The SNMPv3 discovery message with {@code msgId} (RFC 3414 §4); credential-free. */
  static byte[] discoveryMessage(int msgId) {
    try {
      ByteArrayOutputStream global = new ByteArrayOutputStream();
      BER.encodeInteger(global, BER.INTEGER, msgId);
      BER.encodeInteger(global, BER.INTEGER, MAX_DATAGRAM);
      BER.encodeString(global, BER.OCTETSTRING, new byte[] {0x04}); // reportable, noAuthNoPriv
      BER.encodeInteger(global, BER.INTEGER, 3); // USM
      ByteArrayOutputStream usm = new ByteArrayOutputStream();
      BER.encodeString(usm, BER.OCTETSTRING, new byte[0]); // engine id
      BER.encodeInteger(usm, BER.INTEGER, 0); // boots
      BER.encodeInteger(usm, BER.INTEGER, 0); // time
      BER.encodeString(usm, BER.OCTETSTRING, new byte[0]); // user
      BER.encodeString(usm, BER.OCTETSTRING, new byte[0]); // auth parameters
      BER.encodeString(usm, BER.OCTETSTRING, new byte[0]); // priv parameters
      ScopedPDU scoped = (ScopedPDU) pdu(Operation.GET, new ScopedPDU(), msgId, List.of());
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      BER.encodeInteger(body, BER.INTEGER, 3);
      body.write(tlv(BER.SEQUENCE, global.toByteArray()));
      BER.encodeString(body, BER.OCTETSTRING, tlv(BER.SEQUENCE, usm.toByteArray()));
      scoped.encodeBER(body);
      return tlv(BER.SEQUENCE, body.toByteArray());
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode the SNMPv3 discovery message", e);
    }
  }

  private static byte[] tlv(byte type, byte[] content) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
    BER.encodeHeader(out, type, content.length);
    out.write(content);
    return out.toByteArray();
  }

  // ---------------------------------------------------------------- decoding

  /**
   * Decodes a community-based {@code GetResponse} answering {@code requestId}.
   *
   * @throws ProtocolException when it is anything else, or malformed
   */
  static Response decodeResponse(byte[] reply, int requestId) throws ProtocolException {
    validate(reply);
    try {
      BERInputStream in = new BERInputStream(ByteBuffer.wrap(reply));
      BER.MutableByte type = new BER.MutableByte();
      BER.decodeHeader(in, type);
      requireMessage(type);
      int wire = BER.decodeInteger(in, type);
      if (type.getValue() != BER.INTEGER) {
        throw new ProtocolException("the SNMP version is not an INTEGER");
      }
      Version version;
      if (wire == 0) {
        version = Version.V1;
      } else if (wire == 1) {
        version = Version.V2C;
      } else {
        throw new ProtocolException("an SNMP reply of version field " + wire + " to a v1/v2c GET");
      }
      BER.decodeString(in, type); // the community, echoed: never kept
      PDU pdu = version == Version.V1 ? new PDUv1() : new PDU();
      pdu.decodeBER(in);
      if (pdu.getType() != PDU.RESPONSE) {
        throw new ProtocolException(
            "the agent answered with a " + PDU.getTypeString(pdu.getType()) + " PDU");
      }
      if (pdu.getRequestID().getValue() != requestId) {
        throw new ProtocolException("the SNMP response does not echo the request id");
      }
      return new Response(version, pdu.getErrorStatus(), bindings(pdu));
    } catch (ProtocolException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw malformed(e);
    }
  }

  /**
   * Decodes the SNMPv3 {@code Report} answering discovery message {@code msgId}.
   *
   * @throws ProtocolException when it is anything else, or malformed
   */
  static EngineReport decodeReport(byte[] reply, int msgId) throws ProtocolException {
    validate(reply);
    try {
      BERInputStream in = new BERInputStream(ByteBuffer.wrap(reply));
      BER.MutableByte type = new BER.MutableByte();
      BER.decodeHeader(in, type);
      requireMessage(type);
      int version = BER.decodeInteger(in, type);
      if (version != 3) {
        throw new ProtocolException(
            "an SNMP reply of version field " + version + " to SNMPv3 discovery");
      }
      BER.decodeHeader(in, type);
      if (type.getValue() != BER.SEQUENCE) {
        throw new ProtocolException("the SNMPv3 header is not a SEQUENCE");
      }
      int id = BER.decodeInteger(in, type);
      BER.decodeInteger(in, type); // msgMaxSize
      byte[] flags = BER.decodeString(in, type);
      int model = BER.decodeInteger(in, type);
      if (id != msgId) {
        throw new ProtocolException("the SNMPv3 reply does not echo the message id");
      }
      if (model != 3) {
        throw new ProtocolException("the SNMPv3 reply uses security model " + model + ", not USM");
      }
      if (flags.length != 1 || (flags[0] & 0x02) != 0) {
        throw new ProtocolException("the SNMPv3 reply to discovery claims to be encrypted");
      }
      byte[] security = BER.decodeString(in, type);
      validate(security);
      BERInputStream usm = new BERInputStream(ByteBuffer.wrap(security));
      BER.decodeHeader(usm, type);
      byte[] engineId = BER.decodeString(usm, type);
      long boots = BER.decodeInteger(usm, type) & 0xffffffffL;
      long time = BER.decodeInteger(usm, type) & 0xffffffffL;
      if (engineId.length == 0 || engineId.length > 32) {
        throw new ProtocolException(
            "the SNMPv3 report carries an engine id of " + engineId.length + " bytes");
      }
      ScopedPDU pdu = new ScopedPDU();
      pdu.decodeBER(in);
      if (pdu.getType() != PDU.REPORT) {
        throw new ProtocolException(
            "the agent answered discovery with a " + PDU.getTypeString(pdu.getType()) + " PDU");
      }
      List<Binding> b = bindings(pdu);
      return new EngineReport(engineId, boots, time, b.isEmpty() ? null : b.get(0).oid());
    } catch (ProtocolException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw malformed(e);
    }
  }

  /** An SNMP message is a SEQUENCE; SNMP4J reads any constructed header without looking. */
  private static void requireMessage(BER.MutableByte type) throws ProtocolException {
    if (type.getValue() != BER.SEQUENCE) {
      throw new ProtocolException("not an SNMP message: it does not start with a SEQUENCE");
    }
  }

  /** Whether {@code reply} is a well-formed SNMP response or report of any version. */
  static boolean isSnmpReply(byte[] reply) {
    try {
      validate(reply);
      BERInputStream in = new BERInputStream(ByteBuffer.wrap(reply));
      BER.MutableByte type = new BER.MutableByte();
      BER.decodeHeader(in, type);
      if (type.getValue() != BER.SEQUENCE) {
        return false;
      }
      int version = BER.decodeInteger(in, type);
      if (version == 3) {
        BER.decodeHeader(in, type); // global data
        BER.decodeInteger(in, type);
        BER.decodeInteger(in, type);
        BER.decodeString(in, type);
        BER.decodeInteger(in, type);
        BER.decodeString(in, type); // security parameters
        ScopedPDU pdu = new ScopedPDU();
        pdu.decodeBER(in);
        return pdu.getType() == PDU.REPORT || pdu.getType() == PDU.RESPONSE;
      }
      if (version != 0 && version != 1) {
        return false;
      }
      BER.decodeString(in, type);
      PDU pdu = version == 0 ? new PDUv1() : new PDU();
      pdu.decodeBER(in);
      return pdu.getType() == PDU.RESPONSE || pdu.getType() == PDU.REPORT;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static List<Binding> bindings(PDU pdu) throws ProtocolException {
    List<? extends VariableBinding> vbs = pdu.getVariableBindings();
    if (vbs.size() > MAX_BINDINGS) {
      throw new ProtocolException("the SNMP reply carries " + vbs.size() + " variable bindings");
    }
    List<Binding> out = new ArrayList<>(vbs.size());
    for (VariableBinding vb : vbs) {
      Variable v = vb.getVariable();
      String text = null;
      String oidValue = null;
      if (!v.isException()) {
        if (v instanceof OctetString s) {
          text = printable(s.getValue());
        } else if (v instanceof OID o) {
          oidValue = o.toDottedString();
          text = oidValue;
        } else {
          text = cap(v.toString());
        }
      }
      out.add(new Binding(vb.getOid().toDottedString(), v.getSyntaxString(), text, oidValue));
    }
    return List.copyOf(out);
  }

  private static ProtocolException malformed(Exception e) {
    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    ProtocolException p = new ProtocolException("malformed SNMP reply: " + cap(why));
    p.initCause(e);
    return p;
  }

  /**
   * Walks the BER structure of {@code data}: exactly one TLV spanning it, definite lengths of at
   * most 4 bytes, each element inside its parent, at most {@value #MAX_DEPTH} levels. Allocates
   * nothing from the lengths it reads.
   *
   * @throws ProtocolException when the structure is malformed, truncated or lies about a length
   */
  static void validate(byte[] data) throws ProtocolException {
    if (data.length == 0) {
      throw new ProtocolException("an empty SNMP reply");
    }
    if (data.length > MAX_DATAGRAM) {
      throw new ProtocolException("an SNMP reply of " + data.length + " bytes");
    }
    int end = element(data, 0, data.length, 0);
    if (end != data.length) {
      throw new ProtocolException(
          "the SNMP message ends at byte " + end + " of a " + data.length + "-byte datagram");
    }
  }

  /** Validates one TLV at {@code pos}, inside {@code limit}; returns where it ends. */
  private static int element(byte[] d, int pos, int limit, int depth) throws ProtocolException {
    if (depth > MAX_DEPTH) {
      throw new ProtocolException("the SNMP reply nests deeper than " + MAX_DEPTH + " levels");
    }
    if (pos + 2 > limit) {
      throw new ProtocolException("the SNMP reply is truncated at byte " + pos);
    }
    int tag = d[pos] & 0xff;
    if ((tag & 0x1f) == 0x1f) {
      throw new ProtocolException("the SNMP reply uses a multi-byte BER tag");
    }
    int first = d[pos + 1] & 0xff;
    int p = pos + 2;
    long length;
    if (first < 0x80) {
      length = first;
    } else {
      int n = first & 0x7f;
      if (n == 0 || n > 4) {
        throw new ProtocolException("the SNMP reply uses an indefinite or " + n + "-byte length");
      }
      if (p + n > limit) {
        throw new ProtocolException("the SNMP reply is truncated inside a length field");
      }
      length = 0;
      for (int i = 0; i < n; i++) {
        length = (length << 8) | (d[p + i] & 0xff);
      }
      p += n;
    }
    if (length > limit - p) {
      throw new ProtocolException(
          "a BER length of " + length + " points past the " + (limit - p) + " bytes left");
    }
    int end = p + (int) length;
    if ((tag & 0x20) != 0) {
      int q = p;
      while (q < end) {
        q = element(d, q, end, depth + 1);
      }
    }
    return end;
  }

  /** {@code bytes} as text: UTF-8 when valid, else ISO-8859-1; controls dropped, capped. */
  static String printable(byte[] bytes) {
    String s = new String(bytes, StandardCharsets.UTF_8);
    if (s.indexOf('\uFFFD') >= 0) {
      s = new String(bytes, StandardCharsets.ISO_8859_1);
    }
    return cap(s);
  }

  static String cap(String s) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_TEXT));
    for (int i = 0; i < s.length() && b.length() < MAX_TEXT; i++) {
      char c = s.charAt(i);
      b.append(Character.isISOControl(c) ? ' ' : c);
    }
    return b.toString().strip();
  }
}
