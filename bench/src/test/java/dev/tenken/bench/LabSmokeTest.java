package dev.tenken.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.Target;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The harness starts, answers Tenken's real checks with the facts it promises, and stops cleanly.
 * The timed benchmark itself runs only through {@code bench/run}.
 */
class LabSmokeTest {
  // Ports 80 and 161 need root; without it the smoke test covers the Redis-port devices only.
  private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

  @Test
  void tenkenFindsEveryFactTheLabServesAndTheLabStopsCleanly() throws Exception {
    LabPlan plan = new LabPlan(3, ROOT ? 1 : 0, ROOT ? 2 : 0, 1, 1, 300);
    Lab lab = Lab.start(plan);
    try {
      assertThat(lab.listeners()).isEqualTo(3 + plan.http() + plan.snmp() + 2);
      List<Target> targets = new ArrayList<>();
      Map<String, String> expected = new java.util.HashMap<>();
      for (int i = 0; i < plan.redis(); i++) {
        targets.add(Target.parse("redis://" + LabPlan.address(LabPlan.REDIS, i)));
        expected.put(LabPlan.address(LabPlan.REDIS, i), LabPlan.redisVersion(i));
      }
      for (int i = 0; i < plan.http(); i++) {
        targets.add(Target.parse("http://" + LabPlan.address(LabPlan.HTTP, i) + ":80"));
        expected.put(LabPlan.address(LabPlan.HTTP, i), LabPlan.HTTP_TITLE);
      }
      for (int i = 0; i < plan.snmp(); i++) {
        targets.add(Target.parse("snmp://" + LabPlan.address(LabPlan.SNMP, i) + ":161"));
        expected.put(LabPlan.address(LabPlan.SNMP, i), LabPlan.sysDescr(i));
      }
      targets.add(Target.parse("redis://" + LabPlan.address(LabPlan.SLOW, 0)));
      expected.put(LabPlan.address(LabPlan.SLOW, 0), LabPlan.redisVersion(0));
      targets.add(Target.of(LabPlan.address(LabPlan.CLOSED, 0), LabPlan.REDIS_PORT));

      Bench.Measure m =
          Bench.tenken(
              Bench.runner(Bench.checks(Bench.REDIS_CHECK, Bench.HTTP_CHECK, Bench.SNMP_CHECK), 16),
              targets);

      assertThat(m.facts()).isEqualTo(expected);
      assertThat(m.targets()).isEqualTo(targets.size());
      assertThat(m.firstFindingMillis()).isNotNegative();
      assertSilent(LabPlan.address(LabPlan.SILENT, 0));
    } finally {
      lab.close();
    }
    assertThat(lab.isServing()).isFalse();
    try (ServerSocket again = new ServerSocket()) {
      again.bind(
          new InetSocketAddress(
              InetAddress.getByName(LabPlan.address(LabPlan.REDIS, 0)), LabPlan.REDIS_PORT));
      assertThat(again.isBound()).isTrue();
    }
  }

  private static void assertSilent(String address) throws Exception {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(address, LabPlan.REDIS_PORT), 1_000);
      s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      s.setSoTimeout(300);
      InputStream in = s.getInputStream();
      boolean answered;
      try {
        answered = in.read() >= 0;
      } catch (SocketTimeoutException e) {
        answered = false;
      }
      assertThat(answered).as("a silent device answered").isFalse();
    }
  }

  @Test
  void snmpAgentAnswersOnlyTheDefaultCommunity() {
    // v2c GetRequest for sysDescr.0, community "public", request id 7
    byte[] get = {
      0x30,
      0x26,
      0x02,
      0x01,
      0x01,
      0x04,
      0x06,
      'p',
      'u',
      'b',
      'l',
      'i',
      'c',
      (byte) 0xa0,
      0x19,
      0x02,
      0x01,
      0x07,
      0x02,
      0x01,
      0x00,
      0x02,
      0x01,
      0x00,
      0x30,
      0x0e,
      0x30,
      0x0c,
      0x06,
      0x08,
      0x2b,
      6,
      1,
      2,
      1,
      1,
      1,
      0,
      0x05,
      0x00
    };
    byte[] reply = SnmpReply.answer(get, "Lab MFP");
    assertThat(reply).isNotNull();
    assertThat(new String(reply, StandardCharsets.ISO_8859_1)).contains("Lab MFP");
    assertThat(reply[13] & 0xff).as("GetResponse PDU").isEqualTo(0xa2);

    byte[] wrongCommunity = get.clone();
    wrongCommunity[7] = 'P';
    assertThat(SnmpReply.answer(wrongCommunity, "Lab MFP")).isNull();
    assertThat(SnmpReply.answer(new byte[] {0x30, 0x7f, 0x02}, "Lab MFP")).isNull();
  }

  @Test
  void nmapXmlGivesStatesAndFacts() {
    String xml =
        "<?xml version=\"1.0\"?><nmaprun><host><address addr=\"127.1.1.1\" addrtype=\"ipv4\"/>"
            + "<ports><port protocol=\"tcp\" portid=\"6379\"><state state=\"open\"/>"
            + "<script id=\"redis-info\" output=\"x\"><elem key=\"Version\">7.2.1</elem></script>"
            + "</port></ports></host><host><address addr=\"127.2.1.1\" addrtype=\"ipv4\"/>"
            + "<ports><port protocol=\"tcp\" portid=\"80\"><state state=\"open\"/>"
            + "<script id=\"http-title\" output=\"Reolink&#xa;more\"/></port></ports></host>"
            + "<host><address addr=\"127.4.1.1\" addrtype=\"ipv4\"/><ports><port protocol=\"tcp\""
            + " portid=\"6379\"><state state=\"closed\"/></port></ports></host></nmaprun>";

    Nmap.Run redis = Nmap.parse(xml, "redis-info");
    Nmap.Run http = Nmap.parse(xml, "http-title");

    assertThat(redis.facts()).containsExactly(Map.entry("127.1.1.1", "7.2.1"));
    assertThat(http.facts()).containsExactly(Map.entry("127.2.1.1", "Reolink"));
    assertThat(redis.portStates()).containsEntry("127.4.1.1:6379", "closed");
  }

  @Test
  void rSquaredOfALineIsOne() {
    assertThat(
            Bench.rSquared(
                List.of(new double[] {1, 2}, new double[] {2, 4}, new double[] {3, 6.0001})))
        .isGreaterThan(0.999);
    assertThat(Bench.rSquared(List.of(new double[] {1, 2}, new double[] {2, 4}))).isNaN();
  }
}
