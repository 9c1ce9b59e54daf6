package dev.tenken.reliability;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import dev.tenken.spi.PrintPortGuard;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What Tenken may send, per protocol, checked against what a device actually received. The lists
 * are read from the check modules' own allow-lists where they have one (so this test and the code
 * cannot drift apart silently), and stated here where the protocol's rule is simple. Each check
 * returns the violations of one recorded connection or datagram, and adds what it saw to {@link
 * #seen} so the suite can show that it really inspected each protocol.
 */
final class AllowLists {
  static final Set<String> REDIS = stringSet("dev.tenken.database.RespCommand", "ALLOWED");
  static final Set<String> MONGO = stringSet("dev.tenken.database.MongoWire", "ALLOWED");
  static final Set<String> RTSP = stringSet("dev.tenken.camera.RtspClient", "ALLOWED");
  static final Set<String> HTTP_METHODS = Set.of("GET", "HEAD", "OPTIONS");
  static final Set<String> PJL = Set.of("INFO", "DINQUIRE", "FSDIRLIST", "FSQUERY");
  static final Set<Integer> IPP_OPERATIONS = ippOperations();
  static final Set<String> ONVIF_OPERATIONS = onvifOperations();
  static final Set<Integer> SNMP_PDUS = Set.of(0xa0, 0xa1, 0xa5); // Get, GetNext, GetBulk
  static final Set<Integer> MQTT_PACKETS =
      Set.of(0x10, 0x82, 0xe0); // CONNECT, SUBSCRIBE, DISCONNECT
  static final Set<String> MEMCACHED = Set.of("stats", "stats settings", "version", "quit");
  static final Set<Integer> MEMCACHED_BINARY = Set.of(0x10, 0x0b, 0x07); // stat, version, quit
  static final Set<String> FTP = Set.of("USER anonymous", "PASS tenken@", "FEAT", "QUIT");

  /** Protocol → what was seen of it ("redis INFO", "ipp 0x000b"...), across the whole suite. */
  static final Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private AllowLists() {}

  static List<String> violations(HostileDevice.Exchange e) {
    List<String> v = new ArrayList<>();
    byte[] b = e.bytes();
    if (b.length == 0) {
      return v;
    }
    if (e.total() > HostileDevice.RECORD_CAP) {
      v.add(e.service() + ": sent " + e.total() + " bytes on one connection");
    }
    if (b.length >= 3 && b[0] == 0x16 && b[1] == 0x03) {
      // A TLS ClientHello (the TLS-offered checks): a handshake changes nothing on a device.
      seen.add(e.service() + " TLS ClientHello");
      return v;
    }
    try {
      switch (e.service()) {
        case "http", "https", "elasticsearch", "couchdb", "ipp", "ipps" -> http(e.service(), b, v);
        case "rtsp" -> rtsp(b, v);
        case "redis" -> redis(b, v);
        case "mqtt" -> mqtt(b, v);
        case "pjl" -> pjl(b, v);
        case "snmp" -> snmp(b, 0, b.length, v, 0);
        case "mongodb" -> mongo(b, v);
        case "postgresql" -> postgres(b, v);
        case "mysql" -> mysql(b, v);
        case "memcached" -> memcached(b, v);
        case "ftp" -> lines("ftp", b, FTP, v);
        case "lpd" -> lpd(b, v);
        case "telnet" -> telnet(b, v);
        case "ssdp" -> require("ssdp", text(b).startsWith("M-SEARCH * HTTP/1.1\r\n"), b, v);
        case "ws-discovery" -> require("ws-discovery", text(b).contains("discovery/Probe<"), b, v);
        default -> v.add("no allow-list for service " + e.service());
      }
    } catch (RuntimeException ex) {
      v.add(e.service() + ": unparseable (" + ex + "): " + preview(b));
    }
    return v;
  }

  // ---- HTTP, with the POST bodies Tenken may send: IPP queries and ONVIF SOAP reads

  private static final Pattern SOAP_OPERATION =
      Pattern.compile("<(?:\\w+:)?Body[^>]*>\\s*<(?:\\w+:)?(\\w+)");

  private static void http(String service, byte[] b, List<String> v) {
    int at = 0;
    while (at < b.length) {
      int end = indexOf(b, "\r\n\r\n", at);
      if (end < 0) {
        v.add(
            service + ": incomplete request head: " + preview(Arrays.copyOfRange(b, at, b.length)));
        return;
      }
      String head = new String(b, at, end - at, ISO_8859_1);
      String method = head.split(" ", 2)[0];
      Matcher cl = Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(head);
      int length = cl.find() ? Integer.parseInt(cl.group(1)) : 0;
      if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding")) {
        v.add(
            service + ": request with a Transfer-Encoding: " + head.lines().findFirst().orElse(""));
      }
      byte[] body = Arrays.copyOfRange(b, end + 4, Math.min(b.length, end + 4 + length));
      seen.add(service + " " + method);
      if (method.equals("POST")) {
        post(service, head, body, v);
      } else if (!HTTP_METHODS.contains(method)) {
        v.add(service + ": method " + method + " (" + head.lines().findFirst().orElse("") + ")");
      } else if (length > 0) {
        v.add(service + ": a body with " + method);
      }
      at = end + 4 + length;
    }
  }

  private static void post(String service, String head, byte[] body, List<String> v) {
    String type = head.toLowerCase(Locale.ROOT);
    if (type.contains("content-type: application/ipp")) {
      int op = body.length >= 4 ? ((body[2] & 0xff) << 8) | (body[3] & 0xff) : -1;
      seen.add(service + " IPP 0x" + String.format("%04x", op));
      if (!IPP_OPERATIONS.contains(op)) {
        v.add(service + ": IPP operation 0x" + Integer.toHexString(op));
      }
      return;
    }
    Matcher m = SOAP_OPERATION.matcher(new String(body, ISO_8859_1));
    if (m.find() && ONVIF_OPERATIONS.contains(m.group(1))) {
      seen.add(service + " SOAP " + m.group(1));
      return;
    }
    v.add(
        service
            + ": POST that is neither an IPP query nor an allowed ONVIF read: "
            + preview(body));
  }

  // ---- RTSP, Redis, MQTT, PJL

  private static void rtsp(byte[] b, List<String> v) {
    for (String request : text(b).split("\r\n\r\n")) {
      String method = request.split(" ", 2)[0];
      seen.add("rtsp " + method);
      if (!RTSP.contains(method)) {
        v.add("rtsp: method " + method);
      }
    }
  }

  private static void redis(byte[] b, List<String> v) {
    String t = text(b);
    int at = 0;
    while (at < t.length()) {
      if (t.charAt(at) != '*') {
        int nl = t.indexOf('\n', at);
        String line = t.substring(at, nl < 0 ? t.length() : nl).strip();
        checkRedis(List.of(line.split(" ")), v);
        at = nl < 0 ? t.length() : nl + 1;
        continue;
      }
      int nl = t.indexOf("\r\n", at);
      int n = Integer.parseInt(t.substring(at + 1, nl));
      at = nl + 2;
      List<String> args = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        nl = t.indexOf("\r\n", at);
        int len = Integer.parseInt(t.substring(at + 1, nl));
        args.add(t.substring(nl + 2, nl + 2 + len));
        at = nl + 2 + len + 2;
      }
      checkRedis(args, v);
    }
  }

  private static void checkRedis(List<String> args, List<String> v) {
    String name = args.get(0).toUpperCase(Locale.ROOT);
    seen.add("redis " + name);
    if (!REDIS.contains(name)) {
      v.add("redis: command " + name);
    } else if (name.equals("CONFIG") && (args.size() < 2 || !args.get(1).equalsIgnoreCase("GET"))) {
      v.add("redis: CONFIG " + (args.size() < 2 ? "" : args.get(1)));
    }
  }

  private static void mqtt(byte[] b, List<String> v) {
    int at = 0;
    while (at < b.length) {
      int type = b[at] & 0xff;
      seen.add("mqtt 0x" + Integer.toHexString(type));
      if (!MQTT_PACKETS.contains(type)) {
        v.add("mqtt: packet type 0x" + Integer.toHexString(type));
      }
      int length = 0;
      int shift = 0;
      int i = at + 1;
      while (true) {
        int d = b[i++] & 0xff;
        length |= (d & 0x7f) << shift;
        shift += 7;
        if ((d & 0x80) == 0) {
          break;
        }
      }
      at = i + length;
    }
  }

  private static void pjl(byte[] b, List<String> v) {
    String t = text(b);
    String uel = PrintPortGuard.UEL;
    int at = 0;
    while (at < t.length()) {
      int close = t.indexOf(uel, at + uel.length());
      if (!t.startsWith(uel, at) || close < 0) {
        v.add("pjl: not a UEL-framed job: " + preview(t.substring(at).getBytes(ISO_8859_1)));
        return;
      }
      String payload = t.substring(at, close + uel.length());
      if (!PrintPortGuard.isAllowed(payload.getBytes(ISO_8859_1))) {
        v.add("pjl: PrintPortGuard refuses " + preview(payload.getBytes(ISO_8859_1)));
      }
      for (String line :
          payload.substring(uel.length(), payload.length() - uel.length()).split("\r?\n")) {
        String command = line.replaceFirst("^@PJL\\s*", "").split(" ", 2)[0];
        seen.add("pjl " + command);
        if (!PJL.contains(command)) {
          v.add("pjl: command " + command);
        }
      }
      at = close + uel.length();
    }
  }

  // ---- SNMP: walk the BER tree, collect every PDU tag

  private static void snmp(byte[] b, int from, int to, List<String> v, int depth) {
    int at = from;
    while (at < to && depth < 8) {
      int tag = b[at] & 0xff;
      int lenByte = b[at + 1] & 0xff;
      int len = lenByte;
      int head = 2;
      if (lenByte > 0x80) {
        len = 0;
        for (int i = 0; i < (lenByte & 0x7f); i++) {
          len = (len << 8) | (b[at + 2 + i] & 0xff);
        }
        head += lenByte & 0x7f;
      }
      if (tag >= 0xa0 && tag <= 0xa8) {
        seen.add("snmp PDU 0x" + Integer.toHexString(tag));
        if (!SNMP_PDUS.contains(tag)) {
          v.add("snmp: PDU 0x" + Integer.toHexString(tag) + (tag == 0xa3 ? " (SetRequest)" : ""));
        }
      }
      if (tag == 0x30 || (tag >= 0xa0 && tag <= 0xa8)) {
        snmp(b, at + head, Math.min(to, at + head + len), v, depth + 1);
      }
      at += head + len;
    }
  }

  // ---- databases: each module's own allow-list decides

  private static void mongo(byte[] b, List<String> v) {
    ByteBuffer in = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    int at = 0;
    while (at + 16 <= b.length) {
      int length = in.getInt(at);
      int op = in.getInt(at + 12);
      int doc;
      if (op == 2013) {
        doc = at + 16 + 4 + 1;
      } else if (op == 2004) {
        int name = at + 20;
        while (b[name] != 0) {
          name++;
        }
        doc = name + 1 + 8;
      } else {
        v.add("mongodb: opcode " + op);
        return;
      }
      int key = doc + 5;
      int end = key;
      while (b[end] != 0) {
        end++;
      }
      String command = new String(b, key, end - key, ISO_8859_1);
      seen.add("mongodb " + command);
      if (!MONGO.contains(command)) {
        v.add("mongodb: command " + command);
      }
      at += length;
    }
  }

  private static void postgres(byte[] b, List<String> v) {
    int at = 0;
    while (at < b.length) {
      boolean typed = b[at] == 'p' || b[at] == 'X';
      int length = ByteBuffer.wrap(b, at + (typed ? 1 : 0), 4).getInt() + (typed ? 1 : 0);
      byte[] message = Arrays.copyOfRange(b, at, at + length);
      seen.add("postgresql " + (typed ? (char) b[at] : "untyped"));
      if (!invoke("dev.tenken.database.PostgresClient", message)) {
        v.add("postgresql: message " + preview(message));
      }
      at += length;
    }
  }

  private static void mysql(byte[] b, List<String> v) {
    int at = 0;
    while (at + 4 <= b.length) {
      int length = (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16;
      byte[] payload = Arrays.copyOfRange(b, at + 4, at + 4 + length);
      seen.add("mysql packet");
      if (!invoke("dev.tenken.database.MySqlClient", payload)) {
        v.add("mysql: packet " + preview(payload));
      }
      at += 4 + length;
    }
  }

  private static void memcached(byte[] b, List<String> v) {
    if ((b[0] & 0xff) == 0x80) {
      for (int at = 0; at + 24 <= b.length; ) {
        int op = b[at + 1] & 0xff;
        seen.add("memcached binary 0x" + Integer.toHexString(op));
        if (!MEMCACHED_BINARY.contains(op)) {
          v.add("memcached: binary opcode 0x" + Integer.toHexString(op));
        }
        at += 24 + ByteBuffer.wrap(b, at + 8, 4).getInt();
      }
      return;
    }
    lines("memcached", b, MEMCACHED, v);
  }

  private static void lines(String service, byte[] b, Set<String> allowed, List<String> v) {
    for (String line : text(b).split("\r\n")) {
      seen.add(service + " " + line);
      if (!allowed.contains(line)) {
        v.add(service + ": line " + line);
      }
    }
  }

  private static void lpd(byte[] b, List<String> v) {
    seen.add("lpd 0x0" + b[0]);
    require(
        "lpd",
        b[0] == 0x03 && b[b.length - 1] == '\n' && text(b).indexOf('\n') == b.length - 1,
        b,
        v);
  }

  private static void telnet(byte[] b, List<String> v) {
    for (int i = 0; i < b.length; i += 3) {
      if ((b[i] & 0xff) != 0xff) {
        v.add("telnet: data other than option negotiation: " + preview(b));
        return;
      }
    }
    seen.add("telnet negotiation");
  }

  private static void require(String service, boolean ok, byte[] b, List<String> v) {
    seen.add(service + (ok ? " allowed" : " refused"));
    if (!ok) {
      v.add(service + ": " + preview(b));
    }
  }

  // ---- helpers

  private static String text(byte[] b) {
    return new String(b, ISO_8859_1);
  }

  static String preview(byte[] b) {
    String s = text(Arrays.copyOf(b, Math.min(b.length, 80)));
    return s.chars()
        .mapToObj(
            c -> c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c))
        .collect(Collectors.joining());
  }

  private static int indexOf(byte[] b, String s, int from) {
    return text(b).indexOf(s, from);
  }

  private static boolean invoke(String type, byte[] message) {
    try {
      Method m = Class.forName(type).getDeclaredMethod("isAllowed", byte[].class);
      m.setAccessible(true);
      return (Boolean) m.invoke(null, (Object) message);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read the allow-list of " + type, e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Set<String> stringSet(String type, String field) {
    try {
      Field f = Class.forName(type).getDeclaredField(field);
      f.setAccessible(true);
      return Set.copyOf((Set<String>) f.get(null));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + type + "." + field, e);
    }
  }

  private static Set<Integer> ippOperations() {
    try {
      Class<?> op = Class.forName("dev.tenken.printer.IppCodec$Operation");
      Field id = op.getDeclaredField("id");
      id.setAccessible(true);
      Set<Integer> ids = new TreeSet<>();
      for (Object o : op.getEnumConstants()) {
        ids.add(id.getInt(o));
      }
      return Set.copyOf(ids);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read the IPP operations", e);
    }
  }

  private static Set<String> onvifOperations() {
    try {
      Set<String> names = new LinkedHashSet<>();
      for (Object o : Class.forName("dev.tenken.camera.OnvifOperation").getEnumConstants()) {
        names.add(
            Arrays.stream(((Enum<?>) o).name().split("_"))
                .map(w -> w.charAt(0) + w.substring(1).toLowerCase(Locale.ROOT))
                .collect(Collectors.joining()));
      }
      return Set.copyOf(names);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("cannot read the ONVIF operations", e);
    }
  }
}
