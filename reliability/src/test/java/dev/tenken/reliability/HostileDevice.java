package dev.tenken.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;

/**
 * One hostile device: a {@link Behaviour} pretending to be one service on {@code 127.0.0.1}, port
 * 0, over TCP (optionally behind TLS) or UDP. It records every byte Tenken sends, per connection or
 * datagram, after TLS is taken off, so the record can be checked against allow-lists.
 *
 * <p>Each TCP connection gets a pump thread that reads (and records) everything the client sends
 * and hands it to the behaviour as chunks, and a behaviour thread that writes. {@link #close()}
 * closes every socket; the daemon threads end with them.
 */
final class HostileDevice implements AutoCloseable {
  /** Most bytes recorded per connection; Tenken's requests are far smaller. */
  static final int RECORD_CAP = 256 * 1024;

  private final Behaviour behaviour;
  private final String service;
  private final @Nullable SSLContext tls;
  private final @Nullable ServerSocket server;
  private final @Nullable DatagramSocket udp;
  private final List<Exchange> record = new CopyOnWriteArrayList<>();
  private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();
  final AtomicInteger loginAttempts = new AtomicInteger();

  /** What one connection (or one datagram) carried from Tenken to the device. */
  record Exchange(String service, byte[] bytes, long total) {}

  HostileDevice(Behaviour behaviour, String service, @Nullable SSLContext tls) throws IOException {
    this.behaviour = behaviour;
    this.service = service;
    this.tls = tls;
    InetAddress lo = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    if (Behaviour.UDP_SERVICES.contains(service)) {
      udp = new DatagramSocket(new InetSocketAddress(lo, 0));
      server = null;
      daemon("udp", this::receiveLoop);
    } else {
      server = new ServerSocket();
      server.bind(new InetSocketAddress(lo, 0), 128);
      udp = null;
      daemon("accept", this::acceptLoop);
    }
  }

  String target() {
    int port = server != null ? server.getLocalPort() : udp.getLocalPort();
    return service + "://127.0.0.1:" + port;
  }

  String service() {
    return service;
  }

  List<Exchange> record() {
    return List.copyOf(record);
  }

  private void acceptLoop() {
    while (true) {
      Socket s;
      try {
        s = server.accept();
      } catch (IOException e) {
        return;
      }
      open.add(s);
      daemon("conn", () -> serve(s));
    }
  }

  private void serve(Socket raw) {
    Conn c = null;
    try {
      Socket s = raw;
      if (tls != null) {
        SSLSocket ssl =
            (SSLSocket) tls.getSocketFactory().createSocket(raw, null, raw.getPort(), true);
        ssl.setUseClientMode(false);
        open.add(ssl);
        s = ssl;
        s.setSoTimeout(5_000);
        ssl.startHandshake();
        s.setSoTimeout(0);
      }
      c = new Conn(s);
      if (behaviour.reads()) {
        Conn conn = c;
        daemon("pump", conn::pump);
      }
      behaviour.serve(c);
    } catch (IOException | RuntimeException e) {
      // The client went, or the behaviour ended the connection: both are expected here.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (c == null || !c.keepOpen) {
        closeQuietly(raw);
      }
    }
  }

  private void receiveLoop() {
    byte[] buf = new byte[65_535];
    while (true) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        udp.receive(p);
      } catch (IOException e) {
        return;
      }
      byte[] data = Arrays.copyOf(p.getData(), p.getLength());
      record.add(new Exchange(service, data, data.length));
      try {
        behaviour.answer(this, udp, p.getSocketAddress(), data);
      } catch (IOException | RuntimeException e) {
        // a hostile answer that failed to send is still a hostile answer
      }
    }
  }

  DatagramSocket extraUdpSocket() throws SocketException {
    DatagramSocket s = new DatagramSocket(new InetSocketAddress(udp.getLocalAddress(), 0));
    open.add(s);
    return s;
  }

  private void daemon(String what, Runnable body) {
    Thread t = new Thread(body, "hostile-" + behaviour + "-" + service + "-" + what);
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() {
    if (server != null) {
      closeQuietly(server);
    }
    if (udp != null) {
      udp.close();
    }
    open.forEach(HostileDevice::closeQuietly);
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // best effort
    }
  }

  /** One TCP connection as a behaviour sees it. */
  final class Conn {
    final Socket socket;
    final OutputStream out;
    private final InputStream in;
    private final BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    private final java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
    private long total;
    private final Exchange[] slot = new Exchange[1];
    int requests;
    boolean keepOpen;

    Conn(Socket socket) throws IOException {
      this.socket = socket;
      this.out = socket.getOutputStream();
      this.in = socket.getInputStream();
    }

    String service() {
      return service;
    }

    HostileDevice device() {
      return HostileDevice.this;
    }

    private void pump() {
      byte[] buf = new byte[8192];
      int n;
      try {
        while ((n = in.read(buf)) >= 0) {
          byte[] chunk = Arrays.copyOf(buf, n);
          synchronized (this) {
            total += n;
            received.write(chunk, 0, Math.min(n, Math.max(0, RECORD_CAP - received.size())));
            Exchange e = new Exchange(service, received.toByteArray(), total);
            if (slot[0] == null) {
              record.add(e);
            } else {
              record.set(record.indexOf(slot[0]), e);
            }
            slot[0] = e;
          }
          chunks.add(chunk);
        }
      } catch (IOException ignored) {
        // closed
      } finally {
        chunks.add(new byte[0]);
      }
    }

    /**
     * The next chunk the client sent, or null when it closed its side or nothing came within {@code
     * wait}.
     */
    byte @Nullable [] request(Duration wait) throws InterruptedException {
      byte[] chunk = chunks.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
      if (chunk == null || chunk.length == 0) {
        if (chunk != null) {
          chunks.add(chunk); // keep the end-of-stream marker for later calls
        }
        return null;
      }
      requests++;
      return chunk;
    }

    void send(byte[] bytes) throws IOException {
      out.write(bytes);
      out.flush();
    }

    void send(String text) throws IOException {
      send(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    /** Sends {@code bytes} one at a time, {@code gap} apart. */
    void trickle(byte[] bytes, Duration gap) throws IOException, InterruptedException {
      for (byte b : bytes) {
        out.write(b);
        out.flush();
        Thread.sleep(gap.toMillis());
      }
    }

    /** Closes with a TCP reset instead of a FIN. */
    void reset() throws IOException {
      socket.setSoLinger(true, 0);
      socket.close();
    }

    /** Writes {@code block} again and again until {@code limit} bytes went out or the peer left. */
    void stream(byte[] block, long limit) throws IOException {
      long sent = 0;
      while (sent < limit) {
        int n = (int) Math.min(block.length, limit - sent);
        out.write(block, 0, n);
        sent += n;
      }
      out.flush();
    }

    /** Blocks until the client closes its side (or {@code max} passes). */
    void hold(Duration max) throws InterruptedException {
      long until = System.nanoTime() + max.toNanos();
      while (System.nanoTime() < until) {
        if (request(Duration.ofMillis(200)) == null && clientClosed()) {
          return;
        }
      }
    }

    private boolean clientClosed() {
      byte[] peek = chunks.peek();
      return peek != null && peek.length == 0;
    }
  }

  static List<String> lines(String text) {
    return new ArrayList<>(List.of(text.split("\r?\n")));
  }
}
