package dev.tenken.test.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.snmp4j.PDU;
import org.snmp4j.asn1.BER;
import org.snmp4j.asn1.BERInputStream;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;

class SnmpAgentSimulatorTest {
  private static final OID SYS_DESCR = new OID("1.3.6.1.2.1.1.1.0");
  private static final String HP_SYS_DESCR =
      "HP ETHERNET MULTI-ENVIRONMENT,ROM none,JETDIRECT,JD153,EEPROM JSI24090012";

  /** A v2c message {@code community} / {@code type} for {@code oid} (= {@code value}). */
  private static byte[] v2c(String community, int type, int requestId, OID oid, Variable value)
      throws IOException {
    PDU pdu = new PDU();
    pdu.setType(type);
    pdu.setRequestID(new Integer32(requestId));
    pdu.add(new VariableBinding(oid, value));
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    BER.encodeInteger(body, BER.INTEGER, 1);
    BER.encodeString(body, BER.OCTETSTRING, community.getBytes(StandardCharsets.ISO_8859_1));
    pdu.encodeBER(body);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BER.encodeHeader(out, BER.SEQUENCE, body.size());
    body.writeTo(out);
    return out.toByteArray();
  }

  /** Sends {@code request} and returns the reply's PDU, or throws on silence. */
  private static PDU exchange(DatagramSocket s, int port, byte[] request) throws IOException {
    s.send(new DatagramPacket(request, request.length, InetAddress.getLoopbackAddress(), port));
    DatagramPacket p = new DatagramPacket(new byte[65_535], 65_535);
    s.receive(p);
    BERInputStream in =
        new BERInputStream(ByteBuffer.wrap(Arrays.copyOf(p.getData(), p.getLength())));
    BER.MutableByte type = new BER.MutableByte();
    BER.decodeHeader(in, type);
    assertThat(BER.decodeInteger(in, type)).as("version").isEqualTo(1);
    BER.decodeString(in, type);
    PDU pdu = new PDU();
    pdu.decodeBER(in);
    return pdu;
  }

  private static DatagramSocket client(Duration timeout) throws IOException {
    DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    s.setSoTimeout((int) timeout.toMillis());
    return s;
  }

  @Test
  void aGetWithTheCommunityIsAnsweredWithSysDescr() throws Exception {
    try (SnmpAgentSimulator agent = SnmpAgentSimulator.builder().community("public").start();
        DatagramSocket s = client(Duration.ofSeconds(2))) {
      PDU reply = exchange(s, agent.port(), v2c("public", PDU.GET, 42, SYS_DESCR, new Null()));
      assertThat(reply.getType()).isEqualTo(PDU.RESPONSE);
      assertThat(reply.getRequestID().getValue()).isEqualTo(42);
      assertThat(reply.getErrorStatus()).isZero();
      assertThat(reply.get(0).getOid()).isEqualTo(SYS_DESCR);
      assertThat(reply.get(0).getVariable().toString()).isEqualTo(HP_SYS_DESCR);
      assertThat(agent.pduTypes()).containsExactly(PDU.GET);
      assertThat(agent.communitiesSeen()).containsExactly("public");
      assertThat(SnmpAgentSimulator.pduTypesInThisJvm()).contains(PDU.GET);
      assertThat(agent.target().toString()).isEqualTo("snmp://127.0.0.1:" + agent.port());
    }
  }

  @Test
  void aWrongCommunityGetsNoAnswer() throws Exception {
    try (SnmpAgentSimulator agent = SnmpAgentSimulator.builder().community("public").start();
        DatagramSocket s = client(Duration.ofMillis(500))) {
      assertThatThrownBy(
              () -> exchange(s, agent.port(), v2c("private", PDU.GET, 7, SYS_DESCR, new Null())))
          .isInstanceOf(SocketTimeoutException.class);
      assertThat(agent.communitiesSeen()).containsExactly("private");
      assertThat(agent.pduTypes()).containsExactly(PDU.GET);
    }
  }

  @Test
  void aSetIsRefusedAndChangesNothing() throws Exception {
    try (SnmpAgentSimulator agent = SnmpAgentSimulator.builder().community("public").start();
        DatagramSocket s = client(Duration.ofSeconds(2))) {
      PDU refused =
          exchange(s, agent.port(), v2c("public", PDU.SET, 1, SYS_DESCR, new OctetString("pwned")));
      assertThat(refused.getType()).isEqualTo(PDU.RESPONSE);
      assertThat(refused.getErrorStatus()).isEqualTo(PDU.genErr);

      PDU after = exchange(s, agent.port(), v2c("public", PDU.GET, 2, SYS_DESCR, new Null()));
      assertThat(after.get(0).getVariable().toString()).isEqualTo(HP_SYS_DESCR);
      assertThat(agent.pduTypes()).containsExactly(PDU.SET, PDU.GET);
      assertThat(SnmpAgentSimulator.printerMib().get(SYS_DESCR).toString()).isEqualTo(HP_SYS_DESCR);
    }
  }

  @Test
  void closeIsIdempotentAndStopsTheThread() throws Exception {
    SnmpAgentSimulator agent = SnmpAgentSimulator.builder().start();
    String thread = "snmp-agent-" + agent.port();
    agent.close();
    agent.close();
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.isAlive() && t.getName().equals(thread));
    assertThatThrownBy(() -> SnmpAgentSimulator.builder().versions(3))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
