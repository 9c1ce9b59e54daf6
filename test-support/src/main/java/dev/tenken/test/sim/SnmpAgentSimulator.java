package dev.tenken.test.sim;

import dev.tenken.Target;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.snmp4j.PDU;
import org.snmp4j.PDUv1;
import org.snmp4j.ScopedPDU;
import org.snmp4j.asn1.BER;
import org.snmp4j.asn1.BERInputStream;
import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;

/**
 * A small read-only SNMP agent on a loopback UDP port for tests of SNMP checks. It answers SNMPv1
 * and SNMPv2c {@code GET} and {@code GETNEXT} for the communities it is given from a fixed MIB (by
 * default {@link #printerMib()}, an HP LaserJet behind a JetDirect card), and SNMPv3 discovery (a
 * request with an empty user name) with a Report carrying its engine id.
 *
 * <pre>{@code
 * try (SnmpAgentSimulator agent =
 *     SnmpAgentSimulator.builder().community("public").start()) {
 *   Report report = runner.scan(List.of(agent.target()));   // snmp://127.0.0.1:<port>
 *   assertThat(agent.pduTypes()).containsOnly(PDU.GET, PDU.GETNEXT);
 * }
 * }</pre>
 *
 * <p><b>It never writes.</b> The MIB is copied when the simulator starts and is never modified: a
 * {@code SET} (or any PDU type other than {@code GET} and {@code GETNEXT}, {@code GETBULK}
 * included) with an accepted community is answered with {@code genErr} and the request's own
 * variable bindings, and with any other community it is dropped. Either way its PDU type is
 * recorded, in {@link #pduTypes()} and in {@link #pduTypesInThisJvm()}, so a test can prove that
 * nothing but {@code GET} and {@code GETNEXT} (and v3 discovery, recorded as {@code GET}) was sent.
 *
 * <p>Like a real agent it drops, silently, a request with a community it does not know or of an
 * SNMP version it does not serve, an SNMPv3 request that names a user, and anything it cannot
 * decode. A v1 {@code GET} or {@code GETNEXT} that runs off the MIB is answered with {@code
 * noSuchName}; v2c answers {@code noSuchObject} or {@code endOfMibView} per variable binding.
 *
 * <p>Defaults: no community (so no v1/v2c answer until {@link Builder#community} is called), v1 and
 * v2c served, SNMPv3 discovery answered with {@link #netSnmpEngineId()}, the MIB {@link
 * #printerMib()}, honest replies from the agent's own port. Hostile modes: {@link Builder#hostile}
 * replaces every reply with bytes of the test's choosing, {@link Builder#replyFromElsewhere} sends
 * replies from another source port.
 *
 * <p>Binds {@code 127.0.0.1} on an ephemeral UDP port and serves on one daemon thread, so a
 * forgotten simulator cannot keep the JVM alive. Thread-safe: the recorded lists may be read from
 * any thread while the agent serves. {@link #close()} is idempotent and waits at most two seconds
 * for the thread.
 *
 * <p><b>Dependency:</b> this class is built on SNMP4J ({@code org.snmp4j:snmp4j}), an optional
 * dependency of {@code tenken-test-support}: a test suite that uses this simulator adds {@code
 * org.snmp4j:snmp4j} (3.9.x) to its own test dependencies. The other simulators work without it.
 */
public final class SnmpAgentSimulator implements AutoCloseable {
  private static final HexFormat HEX = HexFormat.of();
  private static final String NET_SNMP_ENGINE_HEX = "80001f8880aabbccdd11223344";
  private static final String HP_ENGINE_HEX = "8000000b03a0b3cc112233";

  /** The PDU type of every request any simulator of this JVM received. */
  private static final List<Integer> JVM_PDU_TYPES = new CopyOnWriteArrayList<>();

  private final DatagramSocket socket;
  private final Thread thread;
  private final Set<String> communities;
  private final Set<Integer> versions;
  private final byte @Nullable [] engineId;
  private final NavigableMap<OID, Variable> mib;
  private final @Nullable UnaryOperator<byte[]> hostile;
  private final boolean replyFromElsewhere;
  private final List<Integer> pduTypes = new CopyOnWriteArrayList<>();
  private final List<String> communitiesSeen = new CopyOnWriteArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  private SnmpAgentSimulator(Builder b, DatagramSocket socket) {
    this.communities = Set.copyOf(b.communities);
    this.versions = Set.copyOf(b.versions);
    this.engineId = b.engineId == null ? null : b.engineId.clone();
    this.mib = Collections.unmodifiableNavigableMap(new TreeMap<>(b.mib));
    this.hostile = b.hostile;
    this.replyFromElsewhere = b.replyFromElsewhere;
    this.socket = socket;
    this.thread = Loopback.daemon("snmp-agent-" + socket.getLocalPort(), this::serve);
    thread.start();
  }

  /**
   * A new builder with the defaults described on the class.
   *
   * @return a builder; not thread-safe
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * An HP LaserJet Pro M404dn as its JetDirect agent describes itself: {@code sysDescr} (naming
   * firmware {@code JSI24090012}), {@code sysObjectID} (HP, enterprise 11), {@code sysUpTime},
   * {@code sysName}, the Host Resources device table (a printer and a network interface), the
   * Printer MIB's model, serial number ({@code PHBQ123456}), interpreters and console display, and
   * {@code ipv6Forwarding}.
   *
   * @return a new, modifiable map each call, so a test can change a value and pass it to {@link
   *     Builder#mib}
   */
  public static Map<OID, Variable> printerMib() {
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

  /**
   * The engine id of a net-snmp agent ({@code 80001f8880aabbccdd11223344}, enterprise 8072 with
   * random octets): the default answer to SNMPv3 discovery.
   *
   * @return a new array each call
   */
  public static byte[] netSnmpEngineId() {
    return HEX.parseHex(NET_SNMP_ENGINE_HEX);
  }

  /**
   * The engine id of an HP JetDirect ({@code 8000000b03a0b3cc112233}, enterprise 11, format 3: the
   * MAC address {@code a0:b3:cc:11:22:33}).
   *
   * @return a new array each call
   */
  public static byte[] hpEngineId() {
    return HEX.parseHex(HP_ENGINE_HEX);
  }

  /**
   * The PDU type ({@link PDU#GET}, {@link PDU#SET}, ...) of every request any simulator of this JVM
   * received since it started, in order: for an {@code @AfterAll} that proves a whole test class
   * never sent a write.
   *
   * @return an unmodifiable snapshot
   */
  public static List<Integer> pduTypesInThisJvm() {
    return List.copyOf(JVM_PDU_TYPES);
  }

  /**
   * The UDP port this agent listens on, on {@code 127.0.0.1}.
   *
   * @return the ephemeral port bound at start
   */
  public int port() {
    return socket.getLocalPort();
  }

  /**
   * The target {@code snmp://127.0.0.1:<port>}, for a runner or the contract kit.
   *
   * @return a target naming this agent
   */
  public Target target() {
    return Target.parse("snmp://127.0.0.1:" + port());
  }

  /**
   * The PDU type ({@link PDU#GET}, {@link PDU#GETNEXT}, {@link PDU#SET}, ...) of every request this
   * agent decoded, in order, whether it answered or not; an SNMPv3 discovery request counts with
   * its scoped PDU's type.
   *
   * @return an unmodifiable snapshot
   */
  public List<Integer> pduTypes() {
    return List.copyOf(pduTypes);
  }

  /**
   * The community of every SNMPv1/v2c request this agent decoded, in order, accepted or not.
   *
   * @return an unmodifiable snapshot
   */
  public List<String> communitiesSeen() {
    return List.copyOf(communitiesSeen);
  }

  /**
   * Closes the socket and waits at most two seconds for the serving thread. Recorded data stays
   * readable. Idempotent; never throws.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    socket.close();
    Loopback.join(List.of(thread));
  }

  @Override
  public String toString() {
    return "SnmpAgentSimulator[snmp://127.0.0.1:"
        + port()
        + ", versions "
        + versions
        + ", "
        + communities.size()
        + " communities, engine id "
        + (engineId == null ? "none" : HEX.formatHex(engineId))
        + (hostile == null ? "" : ", hostile")
        + (replyFromElsewhere ? ", replies from elsewhere" : "")
        + "]";
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
      byte[] request = Arrays.copyOf(p.getData(), p.getLength());
      byte[] reply;
      try {
        reply = answer(request);
      } catch (IOException | RuntimeException e) {
        reply = null; // undecodable: dropped, as a real agent would
      }
      if (reply == null) {
        continue;
      }
      try {
        if (replyFromElsewhere) {
          try (DatagramSocket other =
              new DatagramSocket(new InetSocketAddress(Loopback.address(), 0))) {
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
      return answerV3(in, type);
    }
    String community = new String(BER.decodeString(in, type), StandardCharsets.ISO_8859_1);
    PDU pdu = version == 0 ? new PDUv1() : new PDU();
    pdu.decodeBER(in);
    record(pdu.getType());
    communitiesSeen.add(community);
    if (hostile == null && (!versions.contains(version) || !communities.contains(community))) {
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
        // SET, GETBULK and everything else: refused, the MIB is never touched
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

  /** SNMPv3: answers discovery (an empty user name) with a Report; drops everything else. */
  private byte @Nullable [] answerV3(BERInputStream in, BER.MutableByte type) throws IOException {
    BER.decodeHeader(in, type);
    int msgId = BER.decodeInteger(in, type);
    BER.decodeInteger(in, type); // msgMaxSize
    BER.decodeString(in, type); // msgFlags
    BER.decodeInteger(in, type); // msgSecurityModel
    byte[] security = BER.decodeString(in, type);
    ScopedPDU pdu = new ScopedPDU();
    pdu.decodeBER(in);
    record(pdu.getType());
    BERInputStream usm = new BERInputStream(ByteBuffer.wrap(security));
    BER.decodeHeader(usm, type);
    BER.decodeString(usm, type); // engine id
    BER.decodeInteger(usm, type); // boots
    BER.decodeInteger(usm, type); // time
    byte[] user = BER.decodeString(usm, type);
    if (user.length != 0) {
      return null; // only discovery is served
    }
    int requestId = pdu.getRequestID().getValue();
    if (hostile != null) {
      return hostile.apply(
          report(msgId, requestId, engineId == null ? netSnmpEngineId() : engineId));
    }
    if (engineId == null) {
      return null;
    }
    return report(msgId, requestId, engineId);
  }

  private void record(int pduType) {
    pduTypes.add(pduType);
    JVM_PDU_TYPES.add(pduType);
  }

  private static byte[] report(int msgId, int requestId, byte[] engineId) throws IOException {
    ByteArrayOutputStream global = new ByteArrayOutputStream();
    BER.encodeInteger(global, BER.INTEGER, msgId);
    BER.encodeInteger(global, BER.INTEGER, 65507);
    BER.encodeString(global, BER.OCTETSTRING, new byte[] {0});
    BER.encodeInteger(global, BER.INTEGER, 3);
    ByteArrayOutputStream usm = new ByteArrayOutputStream();
    BER.encodeString(usm, BER.OCTETSTRING, engineId);
    BER.encodeInteger(usm, BER.INTEGER, 7); // engine boots
    BER.encodeInteger(usm, BER.INTEGER, 3661); // engine time
    BER.encodeString(usm, BER.OCTETSTRING, new byte[0]);
    BER.encodeString(usm, BER.OCTETSTRING, new byte[0]);
    BER.encodeString(usm, BER.OCTETSTRING, new byte[0]);
    ScopedPDU pdu = new ScopedPDU();
    pdu.setType(PDU.REPORT);
    pdu.setRequestID(new Integer32(requestId));
    pdu.setContextEngineID(new OctetString(engineId));
    pdu.add(new VariableBinding(new OID("1.3.6.1.6.3.15.1.1.4.0"), new Counter32(1)));
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    BER.encodeInteger(body, BER.INTEGER, 3);
    body.write(tlv(BER.SEQUENCE, global.toByteArray()));
    BER.encodeString(body, BER.OCTETSTRING, tlv(BER.SEQUENCE, usm.toByteArray()));
    pdu.encodeBER(body);
    return tlv(BER.SEQUENCE, body.toByteArray());
  }

  private static byte[] tlv(byte type, byte[] content) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BER.encodeHeader(out, type, content.length);
    out.write(content);
    return out.toByteArray();
  }

  /** Configures a simulator. Not thread-safe; each {@link #start()} starts an independent agent. */
  public static final class Builder {
    private final Set<String> communities = new HashSet<>();
    private final Set<Integer> versions = new HashSet<>(Set.of(0, 1));
    private byte @Nullable [] engineId = netSnmpEngineId();
    private final Map<OID, Variable> mib = new HashMap<>(printerMib());
    private @Nullable UnaryOperator<byte[]> hostile;
    private boolean replyFromElsewhere;

    private Builder() {}

    /**
     * Accepts {@code community} for SNMPv1 and v2c; may be called several times. Every accepted
     * community reads the same MIB and none can write. Default: none.
     *
     * @param community the community string, compared exactly
     * @return this builder
     * @throws NullPointerException if {@code community} is null
     */
    public Builder community(String community) {
      communities.add(Objects.requireNonNull(community, "community"));
      return this;
    }

    /**
     * Serves only these SNMP versions, by their wire value: {@code 0} for SNMPv1, {@code 1} for
     * SNMPv2c; none drops every v1/v2c request. SNMPv3 discovery is governed by {@link #engineId}.
     * Default: both.
     *
     * @param wire the version numbers as sent in the message
     * @return this builder
     * @throws IllegalArgumentException for a value other than 0 or 1
     */
    public Builder versions(int... wire) {
      Set<Integer> chosen = new HashSet<>();
      for (int v : wire) {
        if (v != 0 && v != 1) {
          throw new IllegalArgumentException(
              "SNMP wire version must be 0 (v1) or 1 (v2c), was " + v);
        }
        chosen.add(v);
      }
      versions.clear();
      versions.addAll(chosen);
      return this;
    }

    /**
     * Answers SNMPv3 discovery with a Report carrying engine id {@code id} (engine boots 7, time
     * 3661); {@code null} ignores SNMPv3, like an agent without it. Default: {@link
     * #netSnmpEngineId()}.
     *
     * @param id the engine id (copied), or null
     * @return this builder
     */
    public Builder engineId(byte @Nullable [] id) {
      engineId = id == null ? null : id.clone();
      return this;
    }

    /**
     * Replaces the whole MIB with {@code values} (copied). Default: {@link
     * SnmpAgentSimulator#printerMib()}.
     *
     * @param values OID to value; the agent walks them in OID order
     * @return this builder
     * @throws NullPointerException if {@code values} or one of its keys or values is null
     */
    public Builder mib(Map<OID, Variable> values) {
      Map<OID, Variable> copy = new HashMap<>();
      values.forEach(
          (k, v) -> copy.put(Objects.requireNonNull(k, "OID"), Objects.requireNonNull(v, "value")));
      mib.clear();
      mib.putAll(copy);
      return this;
    }

    /**
     * Answers every request — any community, any version, and SNMPv3 discovery even without an
     * engine id — with {@code reply.apply(honest)}, where {@code honest} is the encoded reply an
     * agent accepting it would send; for tests of parsers against truncated, lying or oversized
     * replies. Default: honest replies.
     *
     * @param reply called on the serving thread with a fresh array it may modify
     * @return this builder
     * @throws NullPointerException if {@code reply} is null
     */
    public Builder hostile(UnaryOperator<byte[]> reply) {
      hostile = Objects.requireNonNull(reply, "reply");
      return this;
    }

    /**
     * Sends each reply from another, short-lived socket (another source port), as a spoofer or a
     * misrouted agent would; a client must ignore it. Default: replies come from the agent's port.
     *
     * @return this builder
     */
    public Builder replyFromElsewhere() {
      replyFromElsewhere = true;
      return this;
    }

    /**
     * Binds {@code 127.0.0.1} on an ephemeral UDP port and starts serving.
     *
     * @return the running agent; close it
     * @throws SocketException when no UDP port can be bound
     */
    public SnmpAgentSimulator start() throws SocketException {
      return new SnmpAgentSimulator(
          this, new DatagramSocket(new InetSocketAddress(Loopback.address(), 0)));
    }
  }
}
