package dev.tenken.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.CheckRunner;
import dev.tenken.Scope;
import dev.tenken.Target;
import dev.tenken.TargetParseException;
import dev.tenken.TargetResult;
import dev.tenken.report.Report;
import dev.tenken.spi.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Scope through the real runner: generated target spellings of loopback addresses, scanned with a
 * device listening on the one address in scope and tripwire listeners on the same port of addresses
 * outside it. Property: the tripwires accept nothing, ever; a target is scanned exactly when the
 * address it resolves to is in scope. A second lab turns the roles round (scope 127.0.0.2, tripwire
 * 127.0.0.1) so that names resolving through {@code /etc/hosts} ({@code localhost}) are DNS answers
 * pointing outside the scope.
 */
class ScopeTripwirePropertyTest {
  private static Lab lab;
  private static Lab inverted;
  private static CheckRunner runner;
  private static CheckRunner invertedRunner;

  @BeforeContainer
  static void start() throws IOException {
    lab = Lab.open("127.0.0.1", "127.0.0.2", "127.0.0.3");
    inverted = Lab.open("127.0.0.2", "127.0.0.1", "127.0.0.3");
    runner = runner(Scope.of("127.0.0.1/32"));
    // a name entry admits that name only, not the others that resolve to the same address
    invertedRunner = runner(Scope.of("127.0.0.2", "nothing-resolves-here.invalid", "vm"));
  }

  @AfterContainer
  static void stop() throws IOException {
    assertThat(lab.tripped()).as("connections to the tripwires over all tries").isZero();
    assertThat(inverted.tripped()).as("connections to the tripwires over all tries").isZero();
    lab.close();
    inverted.close();
  }

  static CheckRunner runner(Scope scope) {
    return CheckRunner.builder()
        .scope(scope)
        .check(
            TestCheck.of(
                "reach",
                (e, c) -> {
                  try (HttpProbe probe = HttpProbe.of(c)) {
                    return Outcome.pass(
                        "reached", Map.of("status", "" + probe.get(e, "/").status()));
                  }
                }))
        .checkTimeout(Duration.ofSeconds(5))
        .connectionsPerSecond(0)
        .build();
  }

  @Property(tries = 120)
  void targetsOutsideTheScopeAreNeverContacted(@ForAll("loopbackTargets") List<String> hosts)
      throws Exception {
    scanAndCheck(lab, runner, hosts);
  }

  @Property(tries = 50)
  void namesResolvingOutsideTheScopeAreNeverContacted(@ForAll("namesOf127001") List<String> hosts)
      throws Exception {
    scanAndCheck(inverted, invertedRunner, hosts);
  }

  private static void scanAndCheck(Lab lab, CheckRunner runner, List<String> hosts)
      throws Exception {
    List<Target> targets = new ArrayList<>();
    for (String h : hosts) {
      String text = "http://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + lab.port;
      try {
        targets.add(Target.parse(text));
      } catch (TargetParseException e) {
        // refused before anything is resolved or sent: nothing to check
      }
    }
    int before = lab.deviceHits.get();

    Report report = runner.scan(targets);

    assertThat(lab.tripped()).as("tripwire connections for %s", hosts).isZero();
    int scanned = 0;
    for (TargetResult r : report.targets()) {
      Optional<InetAddress> resolved = resolve(r.target().host());
      boolean inScope = resolved.isPresent() && resolved.get().equals(lab.inScope);
      if (inScope) {
        assertThat(r.status())
            .as(r.target() + ": " + r.detail())
            .isEqualTo(TargetResult.Status.SCANNED);
        assertThat(r.results())
            .singleElement()
            .satisfies(c -> assertThat(c.evidence()).containsEntry("status", "200"));
        scanned++;
      } else {
        assertThat(r.status())
            .as(r.target() + ": " + r.detail())
            .isIn(TargetResult.Status.OUT_OF_SCOPE, TargetResult.Status.UNREACHABLE);
      }
    }
    assertThat(lab.deviceHits.get() - before).isEqualTo(scanned);
  }

  /** What the runner's own resolution gives, without asking DNS for what is not a name. */
  private static Optional<InetAddress> resolve(String host) {
    try {
      return Optional.of(InetAddress.getByName(host));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  // ---- generators ----

  /** Spellings of 127.0.0.1 (in scope) and of 127.0.0.2 and 127.0.0.3 (the tripwires). */
  @Provide
  Arbitrary<List<String>> loopbackTargets() {
    return spellings(Arbitraries.of(0x7f000001L, 0x7f000002L, 0x7f000003L))
        .list()
        .ofMinSize(1)
        .ofMaxSize(12);
  }

  /** Names and spellings of 127.0.0.1, the inverted lab's tripwire. */
  @Provide
  Arbitrary<List<String>> namesOf127001() {
    Arbitrary<String> names =
        Combinators.combine(
                Arbitraries.of("localhost", "runsc", "Localhost"), Arbitraries.randoms())
            .as((n, r) -> r.nextBoolean() ? n.toUpperCase(Locale.ROOT) : n);
    return Arbitraries.oneOf(names, spellings(Arbitraries.just(0x7f000001L)))
        .list()
        .ofMinSize(1)
        .ofMaxSize(8);
  }

  /**
   * An address written as a dotted quad with leading zeros, an integer, a short form, an
   * IPv4-mapped IPv6 address (both notations, with and without a zone id), an IPv4-compatible one,
   * octal-looking parts (which the JDK reads as decimal), a trailing dot; upper and lower case.
   */
  static Arbitrary<String> spellings(Arbitrary<Long> addresses) {
    return Combinators.combine(
            addresses, Arbitraries.integers().between(0, 11), Arbitraries.randoms())
        .as(
            (a, form, random) -> {
              String dotted = dotted(a);
              int last = (int) (a & 0xff);
              switch (form) {
                case 8:
                  return "::ffff:" + dotted + "%lo";
                case 9:
                  return "::" + dotted;
                case 10:
                  return "0177.0.0." + String.format("%02o", last);
                case 11:
                  return dotted + ".";
                default:
                  String s = spell(a, form, random);
                  return random.nextBoolean() ? s.toUpperCase(Locale.ROOT) : s;
              }
            });
  }

  /**
   * {@code a} in one of the forms the JDK reads as an address without a DNS query; parts are
   * decimal, with leading zeros at random.
   */
  static String spell(long a, int form, java.util.Random random) {
    int o0 = (int) (a >>> 24);
    int o1 = (int) (a >>> 16) & 0xff;
    int o2 = (int) (a >>> 8) & 0xff;
    int o3 = (int) a & 0xff;
    String z = "0".repeat(random.nextInt(3));
    switch (form) {
      case 0:
        return z + o0 + "." + z + o1 + "." + o2 + "." + z + o3;
      case 1:
        return Long.toString(a);
      case 2:
        return o0 + "." + z + ((o1 << 16) | (o2 << 8) | o3);
      case 3:
        return o0 + "." + o1 + "." + z + ((o2 << 8) | o3);
      case 4:
        return "::ffff:" + dotted(a);
      case 5:
        return "::ffff:"
            + Integer.toHexString(o0 << 8 | o1)
            + ":"
            + Integer.toHexString(o2 << 8 | o3);
      case 6:
        return "0:0:0:0:0:ffff:" + dotted(a);
      default:
        return "0::FFFF:" + dotted(a);
    }
  }

  static String dotted(long a) {
    return (a >>> 24) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff);
  }

  // ---- the lab ----

  /**
   * A device on the in-scope address and tripwires on the same port of the out-of-scope ones (and
   * on port 80 of them where that can be bound, for URLs without a port). The device answers every
   * request with whatever {@link #answer} says, then closes.
   */
  static final class Lab implements AutoCloseable {
    final InetAddress inScope;
    final int port;
    final AtomicInteger deviceHits = new AtomicInteger();
    private final List<Listener> tripwires = new ArrayList<>();
    private final Listener device;
    volatile java.util.function.Function<String, String> answer =
        path -> "HTTP/1.1 200 OK\r\nContent-Length: 6\r\nConnection: close\r\n\r\ndevice";

    private Lab(InetAddress inScope, int port, Listener device) {
      this.inScope = inScope;
      this.port = port;
      this.device = device;
    }

    static Lab open(String in, String... out) throws IOException {
      for (int attempt = 0; ; attempt++) {
        Lab lab = null;
        Listener device = new Listener(new InetSocketAddress(InetAddress.getByName(in), 0), null);
        try {
          lab = new Lab(InetAddress.getByName(in), device.socket.getLocalPort(), device);
          device.lab = lab;
          for (String o : out) {
            lab.tripwires.add(
                new Listener(new InetSocketAddress(InetAddress.getByName(o), lab.port), null));
            try {
              lab.tripwires.add(
                  new Listener(new InetSocketAddress(InetAddress.getByName(o), 80), null));
            } catch (IOException e) {
              // port 80 needs privileges or is taken: URLs without a port stay untested here
            }
          }
          return lab;
        } catch (IOException e) {
          if (lab != null) {
            lab.close();
          } else {
            device.close();
          }
          if (attempt >= 20) {
            throw e;
          }
        }
      }
    }

    /**
     * Connections the tripwires accepted. Deterministic without sleeping: a marker connection is
     * made to each tripwire and awaited; accepts are in order, so any earlier connection has been
     * counted by then.
     */
    int tripped() throws IOException {
      int total = 0;
      for (Listener t : tripwires) {
        total += t.drain();
      }
      return total;
    }

    @Override
    public void close() throws IOException {
      device.close();
      for (Listener t : tripwires) {
        t.close();
      }
    }
  }

  /** A listening socket that counts what it accepts; a device when it belongs to a lab. */
  static final class Listener implements AutoCloseable {
    final ServerSocket socket;
    volatile Lab lab;
    private final AtomicInteger accepted = new AtomicInteger();
    private final Semaphore markers = new Semaphore(0);
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile int markerPort = -1;

    Listener(InetSocketAddress at, Lab lab) throws IOException {
      this.lab = lab;
      socket = new ServerSocket();
      socket.setReuseAddress(false);
      socket.bind(at, 100);
      Thread t = new Thread(this::acceptLoop, "tripwire-" + at);
      t.setDaemon(true);
      t.start();
    }

    private void acceptLoop() {
      while (!socket.isClosed()) {
        Socket s;
        try {
          s = socket.accept();
        } catch (IOException e) {
          return;
        }
        if (s.getPort() == markerPort) {
          markers.release();
          close(s);
          continue;
        }
        Lab l = lab;
        if (l == null) {
          accepted.incrementAndGet();
          close(s);
          continue;
        }
        l.deviceHits.incrementAndGet();
        open.add(s);
        Thread w = new Thread(() -> serve(l, s), "device");
        w.setDaemon(true);
        w.start();
      }
    }

    private static void serve(Lab lab, Socket s) {
      try (s) {
        s.setSoTimeout(5000);
        String head = readHead(s.getInputStream());
        String path = head.split(" ", 3).length > 1 ? head.split(" ", 3)[1] : "/";
        OutputStream out = s.getOutputStream();
        out.write(lab.answer.apply(path).getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
      } catch (IOException e) {
        // the client went away
      }
    }

    /** Accepted connections so far, each counted once. */
    synchronized int drain() throws IOException {
      try (Socket marker = new Socket()) {
        marker.bind(new InetSocketAddress(socket.getInetAddress(), 0));
        markerPort = marker.getLocalPort();
        marker.connect(socket.getLocalSocketAddress(), 2000);
        try {
          if (!markers.tryAcquire(10, TimeUnit.SECONDS)) {
            throw new IOException(
                "the tripwire at " + socket.getLocalSocketAddress() + " stopped accepting");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException(e);
        }
      }
      return accepted.getAndSet(0);
    }

    private static void close(Socket s) {
      try {
        s.close();
      } catch (IOException e) {
        // nothing to do
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
      for (Socket s : open) {
        s.close();
      }
    }
  }

  static String readHead(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while (sb.length() < 16_384 && (c = in.read()) >= 0) {
      if (sb.length() == 0 && c == 0x16) {
        return ""; // a TLS ClientHello: this device speaks plain HTTP only, and says so by closing
      }
      sb.append((char) c);
      if (sb.length() >= 4 && sb.substring(sb.length() - 4).equals("\r\n\r\n")) {
        break;
      }
    }
    return sb.toString();
  }
}
