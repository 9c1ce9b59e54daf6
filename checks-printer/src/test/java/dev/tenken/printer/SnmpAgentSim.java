package dev.tenken.printer;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.snmp4j.PDU;
import org.snmp4j.PDUv1;
import org.snmp4j.ScopedPDU;
import org.snmp4j.asn1.BER;
import org.snmp4j.asn1.BERInputStream;
import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;

/**
 * A small SNMP agent on a loopback UDP port for tests: answers SNMPv1/v2c GET and GETNEXT for the
 * communities it is given from a fixed MIB, and SNMPv3 discovery with a Report carrying its engine
 * id. Wrong communities are dropped silently, as real agents do. Hostile modes replace every reply
 * with bytes of the test's choosing, or send the reply from another socket. Every request's PDU
 * type is recorded, here and in {@link #ALL_PDU_TYPES} across all simulators of the JVM, so a test
 * can prove nothing but GET and GETNEXT (and v3 discovery) was ever sent. Thread-safe.
 */
final class SnmpAgentSim implements Closeable {
  /** The PDU type of every request any simulator received. */
  static final List<Integer> ALL_PDU_TYPES = new CopyOnWriteArrayList<>();

  static final byte[] NET_SNMP_ENGINE = HexFormat.of().parseHex("80001f8880aabbccdd11223344");
  static final byte[] HP_ENGINE = HexFormat.of().parseHex("8000000b03a0b3cc112233");

  private final DatagramSocket socket;
  private final Thread thread;
  private final Map<String, Boolean> communities;
  private final Set<Integer> versions;
  private final byte @Nullable [] engineId;
  private final TreeMap<OID, Variable> mib;
  private final @Nullable UnaryOperator<byte[]> hostile;
  private final boolean replyFromElsewhere;
  private final List<Integer> pduTypes = new CopyOnWriteArrayList<>();
  private final List<String> communitiesSeen = new CopyOnWriteArrayList<>();

  private SnmpAgentSim(Builder b) throws SocketException {
    this.communities = Map.copyOf(b.communities);
    this.versions = Set.copyOf(b.versions);
    this.engineId = b.engineId;
    this.mib = new TreeMap<>(b.mib);
    this.hostile = b.hostile;
    this.replyFromElsewhere = b.replyFromElsewhere;
    this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    this.thread = new Thread(this::serve, "snmp-agent-sim-" + socket.getLocalPort());
    thread.setDaemon(true);
    thread.start();
  }

  static Builder builder() {
    return new Builder();
  }

  /** An HP LaserJet as its JetDirect agent describes itself. */
  static Map<OID, Variable> printerMib() {
    Map<OID, Variable> m = new HashMap<>();
    m.put(
        new OID("1.3.6.1.2.1.1.1.0"),
        new OctetString(
            "HP ETHERNET MULTI-ENVIRONMENT,ROM none,JETDIRECT,JD153,EEPROM JSI24090012"));
    m.put(new OID("1.3.6.1.2.1.1.2.0"), new OID("1.3.6.1.4.1.11.2.3.9.1"));
    m.put(new OID("1.3.6.1.2.1.1.3.0"), new TimeTicks(123456));
    m.put(new OID("1.3.6.1.2.1.1.5.0"), new OctetString("NPI8C1234"));
    m.put(new OID("1.3.6.1.2.1.25.3.2.1.2.1"), new OID("1.3.6.1.2.1.25.3.1.5"));
    m.put(new OID("1.3.6.1.2.1.25.3.2.1.2.2"), new OID("1.3.6.1.2.1.25.3.1.4"));
    m.put(new OID("1.3.6.1.2.1.25.3.2.1.3.1"), new OctetString("HP LaserJet Pro M404dn"));
    m.put(new OID("1.3.6.1.2.1.25.3.2.1.3.2"), new OctetString("HP network interface"));
    m.put(new OID("1.3.6.1.2.1.43.5.1.1.16.1"), new OctetString("HP LaserJet Pro M404dn"));
    m.put(new OID("1.3.6.1.2.1.43.5.1.1.17.1"), new OctetString("PHBQ123456"));
    m.put(new OID("1.3.6.1.2.1.43.15.1.1.5.1.1"), new OctetString("PCL 6 Emulation"));
    m.put(new OID("1.3.6.1.2.1.43.15.1.1.5.1.2"), new OctetString("PostScript Level 3"));
    m.put(new OID("1.3.6.1.2.1.43.16.5.1.2.1.1"), new OctetString("Ready"));
    m.put(new OID("1.3.6.1.2.1.43.16.5.1.2.1.2"), new OctetString("Tray 2 empty"));
    m.put(new OID("1.3.6.1.2.1.55.1.1.0"), new Counter32(2));
    return m;
  }

  int port() {
    return socket.getLocalPort();
  }

  /** PDU types of the requests this simulator received. */
  List<Integer> pduTypes() {
    return Collections.unmodifiableList(pduTypes);
  }

  /** Communities of the v1/v2c requests received, in order. */
  List<String> communitiesSeen() {
    return Collections.unmodifiableList(communitiesSeen);
  }

  @Override
  public void close() {
    socket.close();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void serve() {
    byte[] buf = new byte[65_535];
    while (!socket.isClosed()) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(p);
      } catch (IOException e) {
        return;
      }
      byte[] request = java.util.Arrays.copyOf(p.getData(), p.getLength());
      byte[] reply;
      try {
        reply = answer(request);
      } catch (IOException | RuntimeException e) {
        reply = null;
      }
      if (reply == null) {
        continue;
      }
      try {
        if (replyFromElsewhere) {
          try (DatagramSocket other =
              new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            other.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
          }
        } else {
          socket.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
        }
      } catch (IOException e) {
        // the client went away
      }
    }
  }

  private byte @Nullable [] answer(byte[] request) throws IOException {
    BERInputStream in = new BERInputStream(ByteBuffer.wrap(request));
    BER.MutableByte type = new BER.MutableByte();
    BER.decodeHeader(in, type);
    int version = BER.decodeInteger(in, type);
    if (version == 3) {
      BER.decodeHeader(in, type);
      int msgId = BER.decodeInteger(in, type);
      BER.decodeInteger(in, type);
      BER.decodeString(in, type);
      BER.decodeInteger(in, type);
      byte[] security = BER.decodeString(in, type);
      ScopedPDU pdu = new ScopedPDU();
      pdu.decodeBER(in);
      record(pdu.getType());
      BERInputStream usm = new BERInputStream(ByteBuffer.wrap(security));
      BER.decodeHeader(usm, type);
      BER.decodeString(usm, type); // engine id
      BER.decodeInteger(usm, type);
      BER.decodeInteger(usm, type);
      byte[] user = BER.decodeString(usm, type);
      if (user.length != 0) {
        throw new IllegalStateException("a v3 request with a user name");
      }
      if (hostile != null) {
        return hostile.apply(report(msgId, pdu.getRequestID().getValue(), NET_SNMP_ENGINE));
      }
      if (engineId == null) {
        return null;
      }
      return report(msgId, pdu.getRequestID().getValue(), engineId);
    }
    String community = new String(BER.decodeString(in, type), StandardCharsets.ISO_8859_1);
    PDU pdu = version == 0 ? new PDUv1() : new PDU();
    pdu.decodeBER(in);
    record(pdu.getType());
    communitiesSeen.add(community);
    if (hostile == null && (!versions.contains(version) || !communities.containsKey(community))) {
      return null; // silently dropped, like a real agent
    }
    PDU response = version == 0 ? new PDUv1() : new PDU();
    response.setType(PDU.RESPONSE);
    response.setRequestID(pdu.getRequestID());
    List<VariableBinding> out = new ArrayList<>();
    int index = 0;
    for (VariableBinding vb : pdu.getVariableBindings()) {
      index++;
      OID oid = vb.getOid();
      if (pdu.getType() == PDU.GET) {
        Variable v = mib.get(oid);
        if (v == null) {
          if (version == 0) {
            response.setErrorStatus(PDU.noSuchName);
            response.setErrorIndex(index);
            out = new ArrayList<>(pdu.getVariableBindings());
            break;
          }
          out.add(new VariableBinding(oid, Null.noSuchObject));
        } else {
          out.add(new VariableBinding(oid, v));
        }
      } else if (pdu.getType() == PDU.GETNEXT) {
        OID next = mib.higherKey(oid);
        if (next == null) {
          if (version == 0) {
            response.setErrorStatus(PDU.noSuchName);
            response.setErrorIndex(index);
            out = new ArrayList<>(pdu.getVariableBindings());
            break;
          }
          out.add(new VariableBinding(oid, Null.endOfMibView));
        } else {
          out.add(new VariableBinding(next, mib.get(next)));
        }
      } else {
        response.setErrorStatus(PDU.genErr);
        out = new ArrayList<>(pdu.getVariableBindings());
        break;
      }
    }
    response.setVariableBindings(out);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    BER.encodeInteger(body, BER.INTEGER, version);
    BER.encodeString(body, BER.OCTETSTRING, community.getBytes(StandardCharsets.ISO_8859_1));
    response.encodeBER(body);
    byte[] reply = tlv(BER.SEQUENCE, body.toByteArray());
    return hostile == null ? reply : hostile.apply(reply);
  }

  private void record(int pduType) {
    pduTypes.add(pduType);
    ALL_PDU_TYPES.add(pduType);
  }

  private static byte[] report(int msgId, int requestId, byte[] engineId) throws IOException {
    ByteArrayOutputStream global = new ByteArrayOutputStream();
    BER.encodeInteger(global, BER.INTEGER, msgId);
    BER.encodeInteger(global, BER.INTEGER, 65507);
    BER.encodeString(global, BER.OCTETSTRING, new byte[] {0});
    BER.encodeInteger(global, BER.INTEGER, 3);
    ByteArrayOutputStream usm = new ByteArrayOutputStream();
    BER.encodeString(usm, BER.OCTETSTRING, engineId);
    BER.encodeInteger(usm, BER.INTEGER, 7);
    BER.encodeInteger(usm, BER.INTEGER, 3661);
    BER.encodeString(usm, BER.OCTETSTRING, new byte[0]);
    BER.encodeString(usm, BER.OCTETSTRING, new byte[0]);
    BER.encodeString(usm, BER.OCTETSTRING, new byte[0]);
    ScopedPDU pdu = new ScopedPDU();
    pdu.setType(PDU.REPORT);
    pdu.setRequestID(new org.snmp4j.smi.Integer32(requestId));
    pdu.setContextEngineID(new OctetString(engineId));
    pdu.add(new VariableBinding(new OID("1.3.6.1.6.3.15.1.1.4.0"), new Counter32(1)));
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    BER.encodeInteger(body, BER.INTEGER, 3);
    body.write(tlv(BER.SEQUENCE, global.toByteArray()));
    BER.encodeString(body, BER.OCTETSTRING, tlv(BER.SEQUENCE, usm.toByteArray()));
    pdu.encodeBER(body);
    return tlv(BER.SEQUENCE, body.toByteArray());
  }

  static byte[] tlv(byte type, byte[] content) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BER.encodeHeader(out, type, content.length);
    out.write(content);
    return out.toByteArray();
  }

  /** Configures a simulator. */
  static final class Builder {
    private final Map<String, Boolean> communities = new HashMap<>();
    private final java.util.Set<Integer> versions = new java.util.HashSet<>(Set.of(0, 1));
    private byte @Nullable [] engineId = NET_SNMP_ENGINE;
    private final Map<OID, Variable> mib = new HashMap<>(printerMib());
    private @Nullable UnaryOperator<byte[]> hostile;
    private boolean replyFromElsewhere;

    /** Accepts {@code community} (for v1 and v2c); read-write is only a label here. */
    Builder community(String community) {
      communities.put(community, true);
      return this;
    }

    /** Answers only these versions (0 = v1, 1 = v2c). */
    Builder versions(Integer... wire) {
      versions.clear();
      versions.addAll(List.of(wire));
      return this;
    }

    /** Answers v3 discovery with {@code id}; null: ignores SNMPv3. */
    Builder engineId(byte @Nullable [] id) {
      engineId = id;
      return this;
    }

    /** Replaces the MIB. */
    Builder mib(Map<OID, Variable> values) {
      mib.clear();
      mib.putAll(values);
      return this;
    }

    /**
     * Answers every request (any community, any version, and v3 discovery) with {@code
     * reply.apply(honest)}, where {@code honest} is the reply an agent accepting it would send.
     */
    Builder hostile(UnaryOperator<byte[]> reply) {
      hostile = reply;
      return this;
    }

    /** Sends each reply from another socket (another source port). */
    Builder replyFromElsewhere() {
      replyFromElsewhere = true;
      return this;
    }

    SnmpAgentSim start() throws SocketException {
      return new SnmpAgentSim(this);
    }
  }
}
