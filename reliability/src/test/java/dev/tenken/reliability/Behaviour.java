package dev.tenken.reliability;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_16;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.tenken.reliability.HostileDevice.Conn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Random;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The hostile-device catalogue (reference §8.3 and more). Each behaviour names the services it
 * pretends to be (as target schemes) and what it does on a TCP connection and, for UDP services, to
 * a datagram. Generic behaviours bend a {@linkplain Replies plausible answer} of whatever service
 * they pretend to be; the others lie in one protocol's own framing.
 */
enum Behaviour {
  // ---- TCP and UDP, any service
  SILENT(Scope.ALL, c -> c.hold(Wait.LONG), null),
  ACCEPT_THEN_CLOSE(Scope.TCP, c -> {}, null),
  RESET_ON_ACCEPT(Scope.TCP, Conn::reset, null),
  RESET_MID_REPLY(
      Scope.TCP,
      c -> {
        byte[] a = firstAnswer(c, false);
        c.send(Arrays.copyOf(a, Math.max(1, a.length / 2)));
        c.reset();
      },
      null),
  ONE_BYTE_PER_SECOND(
      Scope.TCP, c -> c.trickle(firstAnswer(c, false), Duration.ofSeconds(1)), null),
  ENDLESS_RANDOM_STREAM(
      Scope.ALL,
      c -> {
        firstRequest(c);
        c.stream(random(64 * 1024), Long.MAX_VALUE);
      },
      (d, s, to, req) -> flood(s, to, 500)),
  GIGABYTE_REPLY(
      Scope.TCP,
      c -> {
        firstRequest(c);
        if (isHttp(c.service())) {
          c.send(Replies.httpHead("200 OK", "text/html", 1L << 30, ""));
        }
        byte[] block = new byte[64 * 1024];
        Arrays.fill(block, (byte) 'A');
        c.stream(block, 1L << 30);
      },
      null),
  BINARY_ZEROS(
      Scope.ALL,
      c -> {
        firstRequest(c);
        c.stream(new byte[64 * 1024], Long.MAX_VALUE);
      },
      (d, s, to, req) -> send(s, to, new byte[1400])),
  ENDLESS_LINE_WITHOUT_END(
      Scope.TCP,
      c -> {
        firstRequest(c);
        c.send(
            isHttp(c.service())
                ? "HTTP/1.1 200 "
                : c.service().equals("rtsp") ? "RTSP/1.0 200 " : "+");
        byte[] block = new byte[16 * 1024];
        Arrays.fill(block, (byte) 'x');
        c.stream(block, 100L << 20);
        c.hold(Wait.LONG);
      },
      null),
  ENDLESS_SHORT_LINES(
      Scope.TCP,
      c -> {
        firstRequest(c);
        c.stream("220-x\r\n".repeat(1024).getBytes(ISO_8859_1), Long.MAX_VALUE);
      },
      null),
  SLOWLORIS_PARTIAL_LINE(
      Scope.TCP,
      c -> {
        byte[] a = firstAnswer(c, false);
        int line = Math.max(1, indexOf(a, (byte) '\n'));
        c.send(Arrays.copyOf(a, Math.max(1, line - 2)));
        c.trickle("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx".getBytes(ISO_8859_1), Wait.PACE);
      },
      null),
  HALF_CLOSE_AFTER_REQUEST(
      Scope.TCP,
      c -> {
        firstRequest(c);
        c.socket.shutdownOutput();
        c.hold(Wait.LONG);
      },
      null),
  NEVER_READS(Scope.TCP, c -> Thread.sleep(Wait.LONG.toMillis()), null),
  INVALID_UTF8(
      Scope.ALL,
      c -> serve(c, false, Behaviour::invalidUtf8),
      (d, s, to, req) -> send(s, to, invalidUtf8(healthyUdp(d, req)))),
  UTF16_REPLY(
      Scope.ALL,
      c -> serve(c, false, a -> new String(a, ISO_8859_1).getBytes(UTF_16)),
      (d, s, to, req) -> send(s, to, new String(healthyUdp(d, req), ISO_8859_1).getBytes(UTF_16))),
  GARBAGE_AFTER_VALID_HEADER(
      Scope.ALL,
      c -> serve(c, false, a -> Replies.concat(a, random(4096))),
      (d, s, to, req) -> send(s, to, Replies.concat(healthyUdp(d, req), random(4096)))),
  DELAYED_REPLY(
      Scope.ALL,
      c -> {
        Thread.sleep(5_000);
        serve(c, false, a -> a);
      },
      (d, s, to, req) -> {
        try {
          Thread.sleep(2_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        send(s, to, healthyUdp(d, req));
      }),
  REPLY_BEFORE_REQUEST(
      Scope.TCP,
      c -> {
        c.send(Replies.answer(c.service(), new byte[0], false));
        serve(c, false, a -> a);
      },
      null),
  ANSWER_ONCE_THEN_SILENT(
      Scope.TCP,
      c -> {
        c.send(firstAnswer(c, false));
        c.hold(Wait.LONG);
      },
      null),
  CATCH_ALL(Scope.ALL, c -> serve(c, false, a -> a), Behaviour::healthy),
  HONEYPOT_MATCHES_EVERYTHING(Scope.ALL, c -> serve(c, true, a -> a), Behaviour::healthy),
  LOCKS_OUT_AFTER_3_LOGINS(
      Set.of("http", "rtsp", "redis", "mqtt", "ftp", "postgresql", "mysql", "mongodb"),
      Lockout::serve,
      null),

  // ---- Redis (RESP)
  RESP_BULK_LENGTH_LIE(Set.of("redis"), c -> answerEach(c, "$2147483647\r\nabc"), null),
  RESP_ARRAY_LENGTH_LIE(Set.of("redis"), c -> answerEach(c, "*4294967295\r\n$1\r\na\r\n"), null),
  RESP_NESTED_100K_DEEP(Set.of("redis"), c -> answerEach(c, "*1\r\n".repeat(100_000)), null),
  RESP_ENDLESS_ERRORS(
      Set.of("redis"),
      c -> {
        firstRequest(c);
        c.stream("-ERR no\r\n".repeat(1000).getBytes(ISO_8859_1), Long.MAX_VALUE);
      },
      null),

  // ---- HTTP family
  HTTP_CONTENT_LENGTH_LIE(
      Scope.HTTP,
      c -> {
        firstRequest(c);
        c.send(Replies.httpHead("200 OK", "text/html", Long.MAX_VALUE, "") + "<html>");
        c.hold(Wait.LONG);
      },
      null),
  HTTP_CONTENT_LENGTH_CONFLICT(
      Scope.HTTP,
      c ->
          answerEach(
              c,
              "HTTP/1.1 200 OK\r\nContent-Length: -1\r\nContent-Length:"
                  + " 99999999999999999999999\r\n\r\n<html>"),
      null),
  HTTP_CHUNK_SIZE_LIE(
      Scope.HTTP,
      c -> {
        firstRequest(c);
        c.send(
            Replies.httpHead("200 OK", "text/html", -1, "Transfer-Encoding: chunked\r\n")
                + "7fffffffffffffff\r\n<html>");
        c.hold(Wait.LONG);
      },
      null),
  HTTP_ENDLESS_CHUNKED(
      Scope.HTTP,
      c -> {
        firstRequest(c);
        c.send(Replies.httpHead("200 OK", "text/html", -1, "Transfer-Encoding: chunked\r\n"));
        c.stream(
            ("1000\r\n" + "a".repeat(4096) + "\r\n").repeat(8).getBytes(ISO_8859_1),
            Long.MAX_VALUE);
      },
      null),
  HTTP_ENDLESS_HEADERS(
      Scope.HTTP,
      c -> {
        firstRequest(c);
        c.send("HTTP/1.1 200 OK\r\n");
        c.stream("X-Hostile: yes\r\n".repeat(1024).getBytes(ISO_8859_1), Long.MAX_VALUE);
      },
      null),
  HTTP_100K_HEADERS(
      Scope.HTTP,
      c -> {
        firstRequest(c);
        c.send("HTTP/1.1 200 OK\r\n");
        c.stream("X-Hostile: yes\r\n".repeat(1000).getBytes(ISO_8859_1), 100_000L * 16);
        c.send("Content-Length: 2\r\n\r\nok");
        c.hold(Wait.LONG);
      },
      null),
  HTTP_GZIP_BOMB(
      Scope.HTTP,
      c -> {
        firstRequest(c);
        c.send(
            Replies.httpHead(
                "200 OK", "text/html", -1, "Content-Encoding: gzip\r\nConnection: close\r\n"));
        GzipBomb.stream(c.out, 10L << 30);
      },
      null),
  HTTP_REDIRECT_OUT_OF_SCOPE(
      Scope.HTTP, c -> redirect(c, () -> Replies.tripwireUrl + "admin"), null),
  HTTP_REDIRECT_TO_TEST_NET_AND_METADATA(
      Scope.HTTP,
      c ->
          redirect(
              c,
              () -> c.requests % 2 == 0 ? "http://192.0.2.1/" : "http://169.254.169.254/latest/"),
      null),
  HTTP_REDIRECT_OTHER_SCHEMES(
      Scope.HTTP,
      c ->
          redirect(
              c,
              () ->
                  switch (c.requests % 3) {
                    case 0 -> "file:///etc/passwd";
                    case 1 -> Lab.inScopeTripwire("gopher");
                    default -> Lab.inScopeTripwire("ftp");
                  }),
      null),
  HTTP_REDIRECT_LOOP(Scope.HTTP, c -> redirect(c, () -> "/loop"), null),
  HTTP_401_NONCE_STORM(
      Scope.HTTP,
      c -> {
        Random r = new Random();
        while (nextRequest(c) != null) {
          c.send(
              Replies.httpHead(
                  "401 Unauthorized",
                  "text/html",
                  0,
                  "WWW-Authenticate: Digest realm=\"cam\", qop=\"auth\", nonce=\""
                      + Long.toHexString(r.nextLong())
                      + "\"\r\n"));
        }
      },
      null),
  HTTP_0_9_REPLY(Scope.HTTP, c -> answerEach(c, "<html><title>IP Camera</title></html>"), null),

  // ---- RTSP
  RTSP_CONTENT_LENGTH_LIE(
      Set.of("rtsp"),
      c -> {
        byte[] req = firstRequest(c);
        c.send(
            "RTSP/1.0 200 OK\r\nCSeq: "
                + Replies.cseq(new String(req == null ? new byte[0] : req, ISO_8859_1))
                + "\r\nContent-Type: application/sdp\r\nContent-Length: 2147483647\r\n\r\nv=0\r\n");
        c.hold(Wait.LONG);
      },
      null),
  RTSP_INTERLEAVED_FRAME_FLOOD(
      Set.of("rtsp"),
      c -> {
        firstRequest(c);
        byte[] frame = new byte[4 + 0xffff];
        frame[0] = '$';
        frame[2] = (byte) 0xff;
        frame[3] = (byte) 0xff;
        c.stream(frame, Long.MAX_VALUE);
      },
      null),
  RTSP_CSEQ_MISMATCH(
      Set.of("rtsp"),
      c ->
          serve(
              c,
              false,
              a ->
                  new String(a, ISO_8859_1)
                      .replaceAll("CSeq: \\d+", "CSeq: 999999")
                      .getBytes(ISO_8859_1)),
      null),

  // ---- IPP
  IPP_ATTRIBUTE_LENGTH_LIE(
      Scope.IPP,
      c ->
          ippEach(
              c,
              o ->
                  o.writeBytes(
                      new byte[] {0x41, 0, 4, 'n', 'a', 'm', 'e', (byte) 0xff, (byte) 0xff, 'x'})),
      null),
  IPP_100K_ATTRIBUTES(
      Scope.IPP,
      c ->
          ippEach(
              c,
              o -> {
                for (int i = 0; i < 100_000; i++) {
                  Replies.ippAttribute(o, 0x44, i == 0 ? "printer-state-reasons" : "", "none");
                }
              }),
      null),
  IPP_NESTED_COLLECTIONS(
      Scope.IPP,
      c ->
          ippEach(
              c,
              o -> {
                for (int i = 0; i < 20_000; i++) {
                  o.writeBytes(new byte[] {0x34, 0, 1, 'c', 0, 0});
                }
              }),
      null),

  // ---- other protocols' length fields
  MQTT_REMAINING_LENGTH_LIE(
      Set.of("mqtt"), c -> answerEach(c, bytes(0x20, 0xff, 0xff, 0xff, 0x7f, 0, 0)), null),
  MQTT_MALFORMED_LENGTH(
      Set.of("mqtt"), c -> answerEach(c, bytes(0x20, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff)), null),
  MONGO_MESSAGE_LENGTH_LIE(
      Set.of("mongodb"),
      c -> answerEach(c, Replies.concat(Replies.le(Integer.MAX_VALUE), new byte[12])),
      null),
  BSON_DOCUMENT_LENGTH_LIE(
      Set.of("mongodb"),
      c -> {
        byte[] body = Replies.concat(new byte[5], Replies.le(0x7ffffff0));
        byte[] head = Replies.concat(Replies.le(16 + body.length + 8), Replies.le(1));
        head = Replies.concat(head, Replies.concat(Replies.le(0), Replies.le(2013)));
        answerEach(c, Replies.concat(Replies.concat(head, body), new byte[8]));
      },
      null),
  POSTGRES_LENGTH_LIE(
      Set.of("postgresql"),
      c -> answerEach(c, Replies.concat(new byte[] {'R'}, Replies.be(Integer.MAX_VALUE))),
      null),
  MYSQL_PACKET_LENGTH_LIE(
      Set.of("mysql"),
      c -> {
        c.send(bytes(0xff, 0xff, 0xff, 0, 10, '5', '.', '5', 0));
        c.hold(Wait.LONG);
      },
      null),
  PJL_ENDLESS_STATUS(
      Set.of("pjl"),
      c -> {
        firstRequest(c);
        c.stream(
            "@PJL INFO STATUS\r\nCODE=10001\r\n".repeat(512).getBytes(ISO_8859_1), Long.MAX_VALUE);
      },
      null),
  TELNET_NEGOTIATION_STORM(
      Set.of("telnet"),
      c -> c.stream(bytes(0xff, 0xfd, 0x18, 0xff, 0xfb, 0x01), Long.MAX_VALUE),
      null),

  // ---- TLS (the certificate is chosen by Lab from the behaviour's name)
  TLS_EXPIRED_CERTIFICATE(Scope.TLS, c -> serve(c, false, a -> a), null),
  TLS_SELF_SIGNED_CERTIFICATE(Scope.TLS, c -> serve(c, false, a -> a), null),
  TLS_WRONG_HOST_CERTIFICATE(Scope.TLS, c -> serve(c, false, a -> a), null),
  TLS_HANDSHAKE_STALL(Scope.TLS, c -> c.hold(Wait.LONG), null),
  PLAINTEXT_ON_TLS_PORT(Scope.TLS, c -> serve(c, false, a -> a), null),

  // ---- SNMP and discovery (UDP)
  SNMP_BER_LENGTH_LIE(
      Set.of("snmp"),
      null,
      (d, s, to, req) -> send(s, to, bytes(0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 2, 1, 1))),
  SNMP_NESTED_SEQUENCES(
      Set.of("snmp"),
      null,
      (d, s, to, req) -> {
        byte[] inner = {5, 0};
        for (int i = 0; i < 12_000 && inner.length < 60_000; i++) {
          inner = Replies.concat(ber(0x30, inner.length), inner);
        }
        send(s, to, inner);
      }),
  SNMP_WRONG_REQUEST_ID(
      Set.of("snmp"),
      null,
      (d, s, to, req) -> {
        byte[] r = Replies.snmpResponse(req);
        for (int i = 0; i + 3 < r.length; i++) {
          if ((r[i] & 0xff) == 0xa2) {
            int at = i + 2 + ((r[i + 1] & 0x80) != 0 ? r[i + 1] & 0x7f : 0);
            if (at + 2 < r.length && r[at] == 2) {
              r[at + 2] ^= 0x55;
            }
            break;
          }
        }
        send(s, to, r);
      }),
  SNMP_AMPLIFIED_REPLY(
      Set.of("snmp"),
      null,
      (d, s, to, req) -> {
        for (int i = 0; i < 20; i++) {
          send(s, to, Replies.concat(Replies.snmpResponse(req), random(64_000)));
        }
      }),
  SNMP_REPLY_FROM_OTHER_PORT(
      Set.of("snmp"),
      null,
      (d, s, to, req) -> send(d.extraUdpSocket(), to, Replies.snmpResponse(req))),
  UDP_DATAGRAM_FLOOD(Scope.UDP, null, (d, s, to, req) -> flood(s, to, 3000));

  /** Services answered over UDP; every other service is TCP. */
  static final Set<String> UDP_SERVICES = Scope.UDP;

  /** How long a hostile device keeps a connection, and the pace of a slow trickle. */
  private static final class Wait {
    static final Duration LONG = Duration.ofSeconds(30);
    static final Duration PACE = Duration.ofMillis(300);
  }

  private final Set<String> services;
  private final @Nullable TcpScript tcp;
  private final @Nullable UdpScript udp;

  Behaviour(Set<String> services, @Nullable TcpScript tcp, @Nullable UdpScript udp) {
    Set<String> s = new LinkedHashSet<>(services);
    if (tcp == null) {
      s.retainAll(Scope.UDP);
    }
    if (udp == null) {
      s.removeAll(Scope.UDP);
    }
    this.services = Set.copyOf(s);
    this.tcp = tcp;
    this.udp = udp;
  }

  /** The services (target schemes) this behaviour pretends to be. */
  Set<String> services() {
    return services;
  }

  boolean reads() {
    return this != NEVER_READS && this != ACCEPT_THEN_CLOSE && this != RESET_ON_ACCEPT;
  }

  void serve(Conn c) throws IOException, InterruptedException {
    tcp.serve(c);
  }

  void answer(HostileDevice d, DatagramSocket s, SocketAddress to, byte[] request)
      throws IOException {
    udp.answer(d, s, to, request);
  }

  /** Which group of services a behaviour applies to. */
  private static final class Scope {
    static final Set<String> TCP =
        Set.of(
            "rtsp",
            "http",
            "https",
            "telnet",
            "ipp",
            "ipps",
            "pjl",
            "lpd",
            "ftp",
            "redis",
            "mongodb",
            "memcached",
            "mqtt",
            "postgresql",
            "mysql",
            "elasticsearch",
            "couchdb");
    static final Set<String> UDP = Set.of("snmp", "ssdp", "ws-discovery");
    static final Set<String> ALL = union(TCP, UDP);
    static final Set<String> HTTP =
        Set.of("http", "https", "ipp", "ipps", "elasticsearch", "couchdb");
    static final Set<String> IPP = Set.of("ipp", "ipps");
    static final Set<String> TLS = Set.of("https", "ipps");

    private static Set<String> union(Set<String> a, Set<String> b) {
      Set<String> s = new LinkedHashSet<>(a);
      s.addAll(b);
      return s;
    }
  }

  @FunctionalInterface
  interface TcpScript {
    void serve(Conn c) throws IOException, InterruptedException;
  }

  @FunctionalInterface
  interface UdpScript {
    void answer(HostileDevice d, DatagramSocket s, SocketAddress to, byte[] request)
        throws IOException;
  }

  @FunctionalInterface
  interface Bend {
    byte[] apply(byte[] answer);
  }

  @FunctionalInterface
  interface IppBody {
    void write(ByteArrayOutputStream o);
  }

  // ---- helpers shared by the scripts

  static boolean isHttp(String service) {
    return Scope.HTTP.contains(service);
  }

  /** Waits for the client's first request (up to 3 s); null when none came. */
  static byte @Nullable [] firstRequest(Conn c) throws InterruptedException {
    return c.request(Duration.ofSeconds(3));
  }

  static byte @Nullable [] nextRequest(Conn c) throws InterruptedException {
    return c.request(Wait.LONG);
  }

  /** The plausible first thing this device would send: its greeting or its first answer. */
  static byte[] firstAnswer(Conn c, boolean honeypot) throws InterruptedException {
    if (Replies.speaksFirst(c.service())) {
      return Replies.greeting(c.service(), honeypot);
    }
    byte[] req = firstRequest(c);
    byte[] a = Replies.answer(c.service(), req == null ? new byte[0] : req, honeypot);
    return a.length == 0 ? "RTSP/1.0 200 OK\r\n\r\n".getBytes(ISO_8859_1) : a;
  }

  /** A well-formed device (bent by {@code bend}): greeting, then one answer per request. */
  static void serve(Conn c, boolean honeypot, Bend bend) throws IOException, InterruptedException {
    if (Replies.speaksFirst(c.service())) {
      c.send(bend.apply(Replies.greeting(c.service(), honeypot)));
    }
    byte[] req;
    while ((req = nextRequest(c)) != null) {
      byte[] a = Replies.answer(c.service(), req, honeypot);
      if (a.length > 0) {
        c.send(bend.apply(a));
      }
    }
  }

  static void answerEach(Conn c, String answer) throws IOException, InterruptedException {
    answerEach(c, answer.getBytes(ISO_8859_1));
  }

  static void answerEach(Conn c, byte[] answer) throws IOException, InterruptedException {
    if (Replies.speaksFirst(c.service())) {
      c.send(answer);
    }
    while (nextRequest(c) != null) {
      c.send(answer);
    }
  }

  static void redirect(Conn c, java.util.function.Supplier<String> location)
      throws IOException, InterruptedException {
    while (nextRequest(c) != null) {
      c.send(Replies.httpHead("302 Found", "text/html", 0, "Location: " + location.get() + "\r\n"));
    }
  }

  /** Answers each request with an IPP response whose printer group {@code body} writes. */
  static void ippEach(Conn c, IppBody body) throws IOException, InterruptedException {
    byte[] req;
    while ((req = nextRequest(c)) != null) {
      ByteArrayOutputStream o = new ByteArrayOutputStream();
      o.writeBytes(new byte[] {2, 0, 0, 0, 0, 0, 0, 1, 0x01});
      Replies.ippAttribute(o, 0x47, "attributes-charset", "utf-8");
      o.write(0x04);
      body.write(o);
      o.write(0x03);
      String head = Replies.httpHead("200 OK", "application/ipp", o.size(), "");
      c.send(Replies.concat(head.getBytes(ISO_8859_1), o.toByteArray()));
      if (req.length == 0) {
        return;
      }
    }
  }

  static byte[] healthyUdp(HostileDevice d, byte[] request) {
    return d.service().equals("snmp")
        ? Replies.snmpResponse(request)
        : Replies.discovery(d.service(), new String(request, UTF_8));
  }

  static void healthy(HostileDevice d, DatagramSocket s, SocketAddress to, byte[] req)
      throws IOException {
    send(s, to, healthyUdp(d, req));
  }

  static void send(DatagramSocket s, SocketAddress to, byte[] data) throws IOException {
    s.send(new DatagramPacket(data, Math.min(data.length, 65_507), to));
  }

  static void flood(DatagramSocket s, SocketAddress to, int count) throws IOException {
    byte[] junk = random(1400);
    for (int i = 0; i < count; i++) {
      send(s, to, junk);
    }
  }

  static byte[] invalidUtf8(byte[] a) {
    byte[] out = a.clone();
    for (int i = 0; i < out.length; i++) {
      if (out[i] == 'e' || out[i] == 'o') {
        out[i] = (byte) (out[i] == 'e' ? 0xff : 0xc3);
      }
    }
    return out;
  }

  static byte[] random(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  static byte[] ber(int tag, int length) {
    return length < 0x80
        ? bytes(tag, length)
        : length < 0x100 ? bytes(tag, 0x81, length) : bytes(tag, 0x82, length >> 8, length & 0xff);
  }

  static int indexOf(byte[] a, byte b) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
