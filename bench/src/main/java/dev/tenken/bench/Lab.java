package dev.tenken.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * All the simulated devices of a {@link LabPlan}, served by one selector thread so the lab costs at
 * most one core whatever its size. Redis-like devices answer {@code PING}, {@code INFO} and {@code
 * QUIT}; web panels answer {@code GET /} with a Reolink-like page, 404 elsewhere and 400 to bytes
 * that do not start like an HTTP request, then close lingering (FIN, then read and drop); SNMP
 * agents answer v1/v2c {@code GetRequest}s for the community {@code public}; silent ports accept
 * and read but never write; slow devices answer like Redis after the plan's delay.
 *
 * <p>Thread-safe: {@link #close()} may be called from any thread, and waits for the selector thread
 * to end and every socket to close. Run {@link #main} to serve a plan in its own process until
 * standard input closes.
 */
public final class Lab implements AutoCloseable {
  private enum Kind {
    REDIS,
    HTTP,
    SNMP,
    SILENT,
    SLOW
  }

  private record Device(Kind kind, int index) {}

  /** One accepted connection. */
  private static final class Conn {
    final Device device;
    final SocketChannel channel;
    ByteBuffer in = ByteBuffer.allocate(1024);
    final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
    boolean closeAfterWrite;
    boolean draining;

    Conn(Device device, SocketChannel channel) {
      this.device = device;
      this.channel = channel;
    }
  }

  /** A reply due later, or with a null reply the end of a lingering close. */
  private record Delayed(long dueNanos, Conn conn, byte @Nullable [] reply, boolean close) {}

  private static final int MAX_REQUEST = 16 * 1024;

  /** How long a connection we have finished writing to may still send before we close it. */
  private static final long LINGER_NANOS = 2_000_000_000L;

  /** The start of an HTTP request line: a method token, then a space. */
  private static final Pattern REQUEST_START = Pattern.compile("[A-Z]{1,16}( .*)?", Pattern.DOTALL);

  private final LabPlan plan;
  private final Selector selector;
  private final List<java.nio.channels.Channel> listeners = new ArrayList<>();
  private final PriorityQueue<Delayed> delayed =
      new PriorityQueue<>((a, b) -> Long.compare(a.dueNanos, b.dueNanos));
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong datagrams = new AtomicLong();
  private final Thread thread;
  private volatile boolean closed;

  private Lab(LabPlan plan) throws IOException {
    this.plan = plan;
    this.selector = Selector.open();
    try {
      bind(Kind.REDIS, LabPlan.REDIS, plan.redis(), LabPlan.REDIS_PORT);
      bind(Kind.HTTP, LabPlan.HTTP, plan.http(), LabPlan.HTTP_PORT);
      bind(Kind.SNMP, LabPlan.SNMP, plan.snmp(), LabPlan.SNMP_PORT);
      bind(Kind.SILENT, LabPlan.SILENT, plan.silent(), LabPlan.REDIS_PORT);
      bind(Kind.SLOW, LabPlan.SLOW, plan.slow(), LabPlan.REDIS_PORT);
    } catch (IOException | RuntimeException e) {
      closeAll();
      throw e;
    }
    this.thread = new Thread(this::serve, "tenken-lab");
    thread.setDaemon(true);
  }

  /**
   * Binds every device of {@code plan} and starts serving.
   *
   * @throws IOException when an address cannot be bound (ports below 1024 need root, and each
   *     device needs one file descriptor)
   */
  public static Lab start(LabPlan plan) throws IOException {
    Lab lab = new Lab(plan);
    lab.thread.start();
    return lab;
  }

  /** The plan this lab serves. */
  public LabPlan plan() {
    return plan;
  }

  /** Sockets bound: one per device. */
  public int listeners() {
    return listeners.size();
  }

  /** TCP connections accepted so far. */
  public long accepted() {
    return accepted.get();
  }

  /** SNMP requests received so far. */
  public long datagrams() {
    return datagrams.get();
  }

  /** Whether the serving thread is still running. */
  public boolean isServing() {
    return thread.isAlive();
  }

  private void bind(Kind kind, int prefix, int count, int port) throws IOException {
    for (int i = 0; i < count; i++) {
      InetSocketAddress address =
          new InetSocketAddress(InetAddress.getByName(LabPlan.address(prefix, i)), port);
      Device device = new Device(kind, i);
      if (kind == Kind.SNMP) {
        DatagramChannel channel = DatagramChannel.open();
        listeners.add(channel);
        channel.bind(address).configureBlocking(false);
        channel.register(selector, SelectionKey.OP_READ, device);
      } else {
        ServerSocketChannel channel = ServerSocketChannel.open();
        listeners.add(channel);
        channel.setOption(java.net.StandardSocketOptions.SO_REUSEADDR, true);
        channel.bind(address, 1024).configureBlocking(false);
        channel.register(selector, SelectionKey.OP_ACCEPT, device);
      }
    }
  }

  private void serve() {
    ByteBuffer datagram = ByteBuffer.allocate(2048);
    try {
      while (!closed) {
        long wait = 200;
        Delayed next = delayed.peek();
        if (next != null) {
          wait = Math.max(1, Math.min(wait, (next.dueNanos - System.nanoTime()) / 1_000_000 + 1));
        }
        selector.select(wait);
        for (var it = selector.selectedKeys().iterator(); it.hasNext(); ) {
          SelectionKey key = it.next();
          it.remove();
          try {
            if (!key.isValid()) {
              continue;
            }
            if (key.isAcceptable()) {
              accept(key);
            } else if (key.channel() instanceof DatagramChannel udp) {
              answerSnmp(udp, (Device) key.attachment(), datagram);
            } else {
              Conn conn = (Conn) key.attachment();
              if (key.isReadable()) {
                read(key, conn);
              }
              if (key.isValid() && key.isWritable()) {
                flush(key, conn);
              }
            }
          } catch (IOException | RuntimeException e) {
            key.cancel();
            if (key.attachment() instanceof Conn conn) {
              quietClose(conn.channel);
            }
          }
        }
        releaseDelayed();
      }
    } catch (IOException | ClosedSelectorException e) {
      // closing
    } finally {
      closeAll();
    }
  }

  private void accept(SelectionKey key) throws IOException {
    ServerSocketChannel server = (ServerSocketChannel) key.channel();
    SocketChannel channel;
    while ((channel = server.accept()) != null) {
      accepted.incrementAndGet();
      channel.configureBlocking(false);
      channel.register(
          selector, SelectionKey.OP_READ, new Conn((Device) key.attachment(), channel));
    }
  }

  private void read(SelectionKey key, Conn conn) throws IOException {
    if (!conn.in.hasRemaining()) {
      if (conn.in.capacity() >= MAX_REQUEST) {
        conn.in.clear(); // a request this long is not one we answer: forget it
      } else {
        ByteBuffer bigger = ByteBuffer.allocate(conn.in.capacity() * 2);
        conn.in.flip();
        conn.in = bigger.put(conn.in);
      }
    }
    int n = conn.channel.read(conn.in);
    if (n < 0) {
      key.cancel();
      quietClose(conn.channel);
      return;
    }
    if (conn.draining) {
      conn.in.clear(); // what a client sends after our last reply is read and dropped
      return;
    }
    switch (conn.device.kind()) {
      case SILENT -> conn.in.clear();
      case HTTP -> answerHttp(key, conn);
      case REDIS, SLOW -> answerRedis(key, conn);
      default -> throw new IllegalStateException("no TCP behaviour for " + conn.device);
    }
  }

  private void answerHttp(SelectionKey key, Conn conn) throws IOException {
    String request =
        new String(conn.in.array(), 0, conn.in.position(), StandardCharsets.ISO_8859_1);
    if (!REQUEST_START.matcher(request.substring(0, Math.min(request.length(), 17))).matches()) {
      // Not HTTP (nmap's http library opens with a TLS ClientHello on port 80): a real web server
      // answers 400 at once; staying silent made every such client wait for its read timeout.
      String body = "<html><body>Bad Request</body></html>";
      conn.in.clear();
      send(
          key,
          conn,
          ("HTTP/1.1 400 Bad Request\r\nContent-Type: text/html\r\nContent-Length: "
                  + body.length()
                  + "\r\nConnection: close\r\n\r\n"
                  + body)
              .getBytes(StandardCharsets.ISO_8859_1),
          true);
      return;
    }
    if (!request.contains("\r\n\r\n")) {
      return;
    }
    String[] line = request.substring(0, request.indexOf("\r\n")).split(" ");
    String path = line.length > 1 ? line[1] : "/";
    boolean root = path.equals("/") || path.equals("/index.html");
    String body =
        root
            ? "<html><head><title>"
                + LabPlan.HTTP_TITLE
                + "</title></head><body><script src=\"/js/app.js\"></script>"
                + "<form action=\"/cgi-bin/api.cgi\"></form></body></html>"
            : "<html><body>Not Found</body></html>";
    String head =
        (root ? "HTTP/1.1 200 OK" : "HTTP/1.1 404 Not Found")
            + "\r\nContent-Type: text/html\r\nContent-Length: "
            + body.length()
            + "\r\nConnection: close\r\n\r\n";
    conn.in.clear();
    send(key, conn, (head + body).getBytes(StandardCharsets.ISO_8859_1), true);
  }

  private void answerRedis(SelectionKey key, Conn conn) throws IOException {
    conn.in.flip();
    List<String> command;
    while ((command = Resp.next(conn.in)) != null) {
      String name = command.isEmpty() ? "" : command.get(0).toUpperCase(java.util.Locale.ROOT);
      byte[] reply =
          switch (name) {
            case "PING" -> Resp.simple("PONG");
            case "QUIT" -> Resp.simple("OK");
            case "INFO" -> Resp.bulk(info(conn.device.index()));
            default -> Resp.error("ERR unknown command '" + name + "'");
          };
      boolean close = name.equals("QUIT");
      if (conn.device.kind() == Kind.SLOW) {
        delayed.add(
            new Delayed(System.nanoTime() + plan.slowMillis() * 1_000_000L, conn, reply, close));
      } else {
        send(key, conn, reply, close);
      }
    }
    conn.in.compact();
  }

  private static String info(int index) {
    return "# Server\r\nredis_version:"
        + LabPlan.redisVersion(index)
        + "\r\nredis_mode:standalone\r\nos:Linux 6.1.0 x86_64\r\narch_bits:64\r\n"
        + "process_id:"
        + (1000 + index)
        + "\r\ntcp_port:6379\r\nuptime_in_seconds:86400\r\n";
  }

  private void releaseDelayed() {
    long now = System.nanoTime();
    while (!delayed.isEmpty() && delayed.peek().dueNanos <= now) {
      Delayed d = delayed.poll();
      SelectionKey key = d.conn.channel.keyFor(selector);
      if (d.reply == null) {
        if (key != null) {
          key.cancel();
        }
        quietClose(d.conn.channel);
      } else if (key != null && key.isValid()) {
        try {
          send(key, d.conn, d.reply, d.close);
        } catch (IOException e) {
          key.cancel();
          quietClose(d.conn.channel);
        }
      }
    }
  }

  private void send(SelectionKey key, Conn conn, byte[] bytes, boolean close) throws IOException {
    conn.out.add(ByteBuffer.wrap(bytes));
    conn.closeAfterWrite |= close;
    flush(key, conn);
  }

  private void flush(SelectionKey key, Conn conn) throws IOException {
    while (!conn.out.isEmpty()) {
      ByteBuffer b = conn.out.peek();
      conn.channel.write(b);
      if (b.hasRemaining()) {
        key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        return;
      }
      conn.out.poll();
    }
    key.interestOps(SelectionKey.OP_READ);
    if (conn.closeAfterWrite && !conn.draining) {
      // A lingering close, as web servers do: FIN now, read and drop until the client closes
      // (or LINGER_NANOS pass). Closing at once with request bytes still unread makes the kernel
      // send RST, and a client that has not read the whole reply yet loses it.
      conn.draining = true;
      conn.channel.shutdownOutput();
      delayed.add(new Delayed(System.nanoTime() + LINGER_NANOS, conn, null, true));
    }
  }

  private void answerSnmp(DatagramChannel channel, Device device, ByteBuffer buffer)
      throws IOException {
    SocketAddress from;
    while (true) {
      buffer.clear();
      from = channel.receive(buffer);
      if (from == null) {
        return;
      }
      datagrams.incrementAndGet();
      buffer.flip();
      byte[] request = new byte[buffer.remaining()];
      buffer.get(request);
      byte[] reply = SnmpReply.answer(request, LabPlan.sysDescr(device.index()));
      if (reply != null) {
        channel.send(ByteBuffer.wrap(reply), from);
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    selector.wakeup();
    if (thread != null && Thread.currentThread() != thread) {
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    closeAll();
  }

  private synchronized void closeAll() {
    if (selector.isOpen()) {
      for (SelectionKey key : selector.keys()) {
        quietClose(key.channel());
      }
    }
    listeners.forEach(Lab::quietClose);
    quietClose(selector);
  }

  private static void quietClose(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      // nothing to do: the lab is closing this socket anyway
    }
  }

  /**
   * Serves {@code --redis N --http N --snmp N --silent N --slow N --slow-ms MS} until standard
   * input closes; prints {@code lab ready <sockets>} once every device is bound.
   *
   * @throws IOException when the lab cannot bind its addresses
   */
  public static void main(String[] args) throws IOException {
    LabPlan plan = Args.plan(args);
    try (Lab lab = Lab.start(plan)) {
      System.out.println("lab ready " + lab.listeners());
      System.out.flush();
      InputStream in = System.in;
      byte[] sink = new byte[256];
      while (in.read(sink) >= 0) {
        // wait for EOF: the driver closes our stdin to stop us
      }
      System.out.println("lab stopped after " + lab.accepted() + " connections");
    }
  }

  /** Minimal RESP: commands as arrays of bulk strings or inline, replies as strings. */
  static final class Resp {
    private Resp() {}

    /** The next complete command in {@code in} (consumed), or null when incomplete. */
    static List<String> next(ByteBuffer in) {
      int start = in.position();
      List<String> args = new ArrayList<>();
      String first = line(in);
      if (first == null) {
        in.position(start);
        return null;
      }
      if (!first.startsWith("*")) {
        for (String a : first.trim().split("\\s+")) {
          if (!a.isEmpty()) {
            args.add(a);
          }
        }
        return args;
      }
      int count = Integer.parseInt(first.substring(1));
      for (int i = 0; i < count; i++) {
        String len = line(in);
        if (len == null) {
          in.position(start);
          return null;
        }
        int n = Integer.parseInt(len.substring(1));
        if (in.remaining() < n + 2) {
          in.position(start);
          return null;
        }
        byte[] b = new byte[n];
        in.get(b);
        in.position(in.position() + 2);
        args.add(new String(b, StandardCharsets.UTF_8));
      }
      return args;
    }

    private static String line(ByteBuffer in) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      while (in.hasRemaining()) {
        byte c = in.get();
        if (c == '\n') {
          String s = b.toString(StandardCharsets.UTF_8);
          return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
        }
        b.write(c);
      }
      return null;
    }

    static byte[] simple(String s) {
      return ("+" + s + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] error(String s) {
      return ("-" + s + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bulk(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      return ("$" + b.length + "\r\n" + s + "\r\n").getBytes(StandardCharsets.UTF_8);
    }
  }
}
