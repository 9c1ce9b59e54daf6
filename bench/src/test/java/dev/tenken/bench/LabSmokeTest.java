package dev.tenken.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tenken.Target;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

  /** Concurrency of the many-panels smoke scan; see its test. */
  private static final int SMOKE_CONCURRENCY = 64;

  /**
   * Connect deadline of the many-panels smoke scan: room for one SYN retransmission (the kernel
   * resends after 1 s). The lab closes first, so its side holds TIME_WAIT; a new connection that
   * reuses such a 4-tuple on the shared loopback can lose its first SYN (measured: 51 SYN
   * retransmissions in one scan), which a 1 s deadline turns into a missing fact.
   */
  private static final java.time.Duration SMOKE_CONNECT_TIMEOUT = java.time.Duration.ofSeconds(3);

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

  /**
   * Many panels scanned at once, by Tenken and (when installed) nmap's http-title: every panel's
   * fact. The lab runs as in the benchmark, in its own process at raised priority; in this JVM its
   * one thread waited behind Tenken's and Tenken found 150 of 300. The lab once left nmap's TLS
   * ClientHello on port 80 unanswered, so nmap waited out two read timeouts per host and found 21
   * of 1,000 titles. Tenken runs at {@link #SMOKE_CONCURRENCY}, not the benchmark's 8,192: this
   * proves the lab, and with many checks started at once on a starved build machine, Java 25's two
   * carrier threads queue them past their deadlines (a runner limit the benchmark reports). At 256,
   * under six busy loops on two cores, a fresh JVM lost 1-61 of 300 panels in 3 runs of 4; at 64,
   * none in 5.
   */
  @Test
  void everyPanelOfManyScannedAtOnceGivesItsFactToBothTools(
      @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    assumeTrue(ROOT, "web panels listen on port 80: root only");
    int panels = 300;
    try (Bench.LabProcess lab = Bench.LabProcess.start(new LabPlan(0, panels, 0, 0, 0, 0))) {
      List<Target> targets = new ArrayList<>();
      Map<String, String> expected = new java.util.HashMap<>();
      StringBuilder list = new StringBuilder();
      for (int i = 0; i < panels; i++) {
        String address = LabPlan.address(LabPlan.HTTP, i);
        targets.add(Target.parse("http://" + address + ":80"));
        expected.put(address, LabPlan.HTTP_TITLE);
        list.append(address).append('\n');
      }
      Bench.Measure m =
          Bench.tenken(
              Bench.runner(
                  Bench.checks(Bench.HTTP_CHECK), SMOKE_CONCURRENCY, SMOKE_CONNECT_TIMEOUT),
              targets);
      assertThat(wrong(m.facts(), expected))
          .as("panels Tenken got wrong; errors: %s", m.errors())
          .isEmpty();

      if (Nmap.available()) {
        Path file = Files.writeString(dir.resolve("panels.txt"), list);
        Nmap.Run r =
            Nmap.run(Bench.nmapOptions("-sT", "80", "--script", "http-title"), file, "http-title");
        assertThat(wrong(r.facts(), expected)).as("panels nmap got wrong").isEmpty();
      }
    }
  }

  private static List<String> wrong(Map<String, String> found, Map<String, String> expected) {
    return expected.entrySet().stream()
        .filter(e -> !e.getValue().equals(found.get(e.getKey())))
        .map(e -> e.getKey() + "=" + found.get(e.getKey()))
        .sorted()
        .toList();
  }

  /** What real web servers do and scanners rely on: a 400 to bytes that are not HTTP, at once. */
  @Test
  void aPanelAnswersNonHttpAtOnceAndSplitRequestsWhole() throws Exception {
    assumeTrue(ROOT, "web panels listen on port 80: root only");
    try (Lab lab = Lab.start(new LabPlan(0, 1, 0, 0, 0, 0))) {
      String address = LabPlan.address(LabPlan.HTTP, 0);
      // The start of a TLS ClientHello, as nmap's http library sends first on port 80.
      byte[] hello = {0x16, 0x03, 0x01, 0x00, 0x40, 0x01, 0x00, 0x00, 0x3c, 0x03, 0x03};
      assertThat(exchange(address, hello)).startsWith("HTTP/1.1 400 ");
      // A request split over two segments, followed by bytes the lab does not read.
      String reply =
          exchange(
              address,
              "GET / HTT".getBytes(StandardCharsets.ISO_8859_1),
              "P/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1),
              "GET /more HTTP/1.1\r\n\r\n".repeat(50).getBytes(StandardCharsets.ISO_8859_1));
      assertThat(reply).startsWith("HTTP/1.1 200 OK").contains("<title>" + LabPlan.HTTP_TITLE);
      assertThat(reply).endsWith("</html>");
    }
  }

  /** Writes each part (50 ms apart), then reads the whole reply; fails after 1 s of silence. */
  private static String exchange(String address, byte[]... parts) throws Exception {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(address, LabPlan.HTTP_PORT), 1_000);
      s.setSoTimeout(1_000);
      OutputStream out = s.getOutputStream();
      for (byte[] part : parts) {
        out.write(part);
        out.flush();
        Thread.sleep(50);
      }
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
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
  void medianOfOddAndEvenCounts() {
    assertThat(Bench.median(new long[] {9, 1, 5})).isEqualTo(5);
    assertThat(Bench.median(new long[] {4, 1, 3, 2})).isEqualTo(2);
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
