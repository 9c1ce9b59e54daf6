package dev.tenken.reliability;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import dev.tenken.reliability.HostileDevice.Conn;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A device that locks its one admin account after three failed logins, counted across every
 * protocol it speaks (web panel, RTSP, Redis, MQTT, FTP, PostgreSQL, MySQL, MongoDB), as many
 * cameras and appliances do. Every login fails. The suite asserts it was never locked.
 */
final class Lockout {
  /** Failed logins after which the account is locked. */
  static final int LIMIT = 3;

  private static final AtomicInteger attempts = new AtomicInteger();
  private static final Map<String, AtomicInteger> byService = new ConcurrentHashMap<>();

  private Lockout() {}

  static void reset() {
    attempts.set(0);
    byService.clear();
  }

  static int attempts() {
    return attempts.get();
  }

  static Map<String, AtomicInteger> byService() {
    return Map.copyOf(byService);
  }

  static boolean locked() {
    return attempts.get() >= LIMIT;
  }

  private static boolean attempt(String service) {
    byService.computeIfAbsent(service, k -> new AtomicInteger()).incrementAndGet();
    return attempts.incrementAndGet() > LIMIT;
  }

  static void serve(Conn c) throws IOException, InterruptedException {
    String service = c.service();
    if (service.equals("ftp")) {
      c.send("220 FTP ready\r\n");
    } else if (service.equals("mysql")) {
      c.send(Replies.mysqlGreeting("5.7.44"));
    }
    byte[] req;
    while ((req = c.request(java.time.Duration.ofSeconds(30))) != null) {
      String text = new String(req, ISO_8859_1);
      byte[] reply =
          switch (service) {
            case "http" -> http(text);
            case "rtsp" -> rtsp(text);
            case "redis" -> redis(text);
            case "mqtt" -> mqtt(req);
            case "ftp" -> ftp(text);
            case "postgresql" -> postgres(req);
            case "mysql" -> mysql();
            case "mongodb" -> mongo(req, text);
            default -> new byte[0];
          };
      c.send(reply);
    }
  }

  private static byte[] http(String text) {
    boolean login = text.toLowerCase(java.util.Locale.ROOT).contains("\nauthorization:");
    if (login && attempt("http")) {
      return Replies.httpHead("403 Forbidden", "text/html", 0, "").getBytes(ISO_8859_1);
    }
    return Replies.httpHead(
            "401 Unauthorized", "text/html", 0, "WWW-Authenticate: Basic realm=\"IP Camera\"\r\n")
        .getBytes(ISO_8859_1);
  }

  private static byte[] rtsp(String text) {
    if (text.toLowerCase(java.util.Locale.ROOT).contains("\nauthorization:")) {
      attempt("rtsp");
    }
    return ("RTSP/1.0 401 Unauthorized\r\nCSeq: "
            + Replies.cseq(text)
            + "\r\nWWW-Authenticate: Basic realm=\"IP Camera\"\r\n\r\n")
        .getBytes(ISO_8859_1);
  }

  private static byte[] redis(String text) {
    String command = Replies.redisCommand(text);
    if (command.equals("AUTH")) {
      attempt("redis");
      return "-WRONGPASS invalid username-password pair\r\n".getBytes(ISO_8859_1);
    }
    if (command.equals("PING") || command.equals("QUIT")) {
      return (command.equals("PING") ? "-NOAUTH Authentication required.\r\n" : "+OK\r\n")
          .getBytes(ISO_8859_1);
    }
    return "-NOAUTH Authentication required.\r\n".getBytes(ISO_8859_1);
  }

  private static byte[] mqtt(byte[] req) {
    if (req.length < 2 || (req[0] & 0xf0) != 0x10) {
      return new byte[0];
    }
    int i = 1;
    while (i < req.length && (req[i] & 0x80) != 0) {
      i++;
    }
    int flagsAt = i + 1 + 2 + 4 + 1; // remaining length, protocol name, level
    boolean user = flagsAt < req.length && (req[flagsAt] & 0x80) != 0;
    if (user) {
      attempt("mqtt");
    }
    return new byte[] {0x20, 0x02, 0x00, (byte) (user ? 4 : 5)};
  }

  private static byte[] ftp(String text) {
    if (text.startsWith("USER")) {
      return "331 Password required\r\n".getBytes(ISO_8859_1);
    }
    // Anonymous FTP is a public convention, not an account: it does not count towards a lockout.
    if (text.startsWith("PASS") && !text.startsWith("PASS tenken@")) {
      attempt("ftp");
      return "530 Login incorrect.\r\n".getBytes(ISO_8859_1);
    }
    return (text.startsWith("PASS") ? "530 Login incorrect.\r\n" : "500 Unknown command\r\n")
        .getBytes(ISO_8859_1);
  }

  private static byte[] postgres(byte[] req) {
    if (req.length >= 8 && java.nio.ByteBuffer.wrap(req).getInt(4) == 80877103) {
      return new byte[] {'N'};
    }
    if (req.length > 0 && req[0] == 'p') {
      attempt("postgresql");
      byte[] fields = "SFATAL\0C28P01\0Mpassword authentication failed\0\0".getBytes(ISO_8859_1);
      return Replies.concat(
          Replies.concat(new byte[] {'E'}, Replies.be(4 + fields.length)), fields);
    }
    return new byte[] {'R', 0, 0, 0, 8, 0, 0, 0, 3};
  }

  private static byte[] mysql() {
    attempt("mysql");
    byte[] payload = "\u00ff\u0015\u0004#28000Access denied".getBytes(ISO_8859_1);
    return Replies.concat(new byte[] {(byte) payload.length, 0, 0, 2}, payload);
  }

  private static byte[] mongo(byte[] req, String text) {
    if (text.contains("saslStart")) {
      attempt("mongodb");
    }
    return Replies.answer("mongodb", req, false);
  }
}
