package dev.tenken.test.sim;

import dev.tenken.Target;
import dev.tenken.spi.PrintPortGuard;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A PJL printer on a loopback port, shaped like an HP LaserJet/MFP on its raw print port (9100): it
 * answers UEL-framed PJL queries and records every byte it receives, so a test can prove that
 * nothing printable ever reached it.
 *
 * <pre>{@code
 * try (PjlPrinterSimulator printer = PjlPrinterSimulator.builder().fileSystem(true).start()) {
 *   runner.scan(List.of(printer.target()));           // pjl://127.0.0.1:<port>
 *   printer.assertOnlyPjlQueries();                   // nothing would have printed
 *   assertThat(printer.jobs()).isNotEmpty();
 * }
 * PjlPrinterSimulator.assertOnlyPjlQueriesInThisJvm(); // every simulator of the test run
 * }</pre>
 *
 * <p>What it answers, per job ({@code ESC%-12345X} ... {@code ESC%-12345X}) that {@link
 * PrintPortGuard#isAllowed} accepts, one reply per {@code @PJL} line, each ending with a form feed
 * as printers do:
 *
 * <ul>
 *   <li>{@code INFO ID}: the quoted model ({@link Builder#model}); {@code INFO STATUS}: {@code
 *       CODE=10001}, {@code DISPLAY="Ready"}, {@code ONLINE=TRUE}; {@code INFO CONFIG}: trays,
 *       memory, languages; {@code INFO VARIABLES}: a few variables;
 *   <li>{@code INFO FILESYS}: a volume table ({@code 0:} RAM and {@code 1:} disk) when the file
 *       system is present, else {@code ?};
 *   <li>{@code FSDIRLIST NAME="0:\" ...}: the root entries ({@code PJL}, {@code webServer}, {@code
 *       saveDevice}, {@code objects}) when the file system is present and no PJL password is set,
 *       else {@code FILEERROR=3}; {@code FSQUERY} likewise;
 *   <li>{@code DINQUIRE PASSWORD}: {@code ENABLED} or {@code DISABLED}; {@code DINQUIRE CPLOCK} and
 *       {@code DINQUIRE DISKLOCK}: {@code ON} with a password, else {@code OFF};
 *   <li>{@code ECHO text}: the echo; anything else allowed: {@code ?}.
 * </ul>
 *
 * Everything that is not an allowed PJL query job — bytes before a UEL, a job with a non-query
 * line, a job never closed by its UEL — is recorded as {@linkplain #wouldHavePrinted() would have
 * printed} and never answered.
 *
 * <p>Every connection's bytes also go to a log shared by the whole JVM ({@link
 * #receivedInThisJvm()}), so a final test can assert over the entire test suite with {@link
 * #assertOnlyPjlQueriesInThisJvm()}. Up to 1 MiB is recorded per connection; more is counted and
 * treated as printed.
 *
 * <p>Thread-safe. Binds {@code 127.0.0.1} on an ephemeral port; one daemon thread accepts, one
 * serves each connection. {@link #close()} is idempotent and waits at most 2 s for the threads.
 */
public final class PjlPrinterSimulator implements AutoCloseable {
  private static final byte[] UEL = PrintPortGuard.UEL.getBytes(StandardCharsets.ISO_8859_1);
  private static final int RECORD_CAP = 1 << 20;
  private static final List<byte[]> JVM_LOG = new ArrayList<>();

  private final ServerSocket server;
  private final String model;
  private final boolean fileSystem;
  private final boolean password;
  private final boolean jvmLog;
  private final List<Socket> sockets = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final List<byte[]> received = new ArrayList<>();
  private final List<byte[]> jobs = new ArrayList<>();
  private final List<byte[]> printed = new ArrayList<>();
  private final Thread acceptor;
  private boolean closed;

  private PjlPrinterSimulator(Builder b, ServerSocket server) {
    this.server = server;
    this.model = b.model;
    this.fileSystem = b.fileSystem;
    this.password = b.password;
    this.jvmLog = b.jvmLog;
    this.acceptor = Loopback.daemon("pjl-printer-" + server.getLocalPort(), this::acceptLoop);
    acceptor.start();
  }

  /**
   * A builder for an HP LaserJet MFP with a file system and no PJL password: the vulnerable
   * default.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** The port, on {@code 127.0.0.1}. */
  public int port() {
    return server.getLocalPort();
  }

  /** {@code pjl://127.0.0.1:<port>}: the runner skips identification and runs the PJL checks. */
  public Target target() {
    return Target.parse("pjl://127.0.0.1:" + port());
  }

  /** How many connections were accepted. */
  public synchronized int connections() {
    return received.size();
  }

  /** The bytes received on each connection, in order (copies). */
  public synchronized List<byte[]> received() {
    return received.stream().map(byte[]::clone).toList();
  }

  /** Every allowed PJL query job received, in order, UEL framing included (copies). */
  public synchronized List<byte[]> jobs() {
    return jobs.stream().map(byte[]::clone).toList();
  }

  /** The PJL query lines received ({@code INFO ID}, ...), in order, without {@code @PJL}. */
  public synchronized List<String> queries() {
    List<String> out = new ArrayList<>();
    for (byte[] job : jobs) {
      for (String line : lines(job)) {
        out.add(line.substring(4).strip());
      }
    }
    return out;
  }

  /** Everything received that was not an allowed PJL query job: what a printer would print. */
  public synchronized List<byte[]> wouldHavePrinted() {
    return printed.stream().map(byte[]::clone).toList();
  }

  /**
   * Asserts that every byte this simulator received so far belongs to an allowed PJL query job.
   *
   * @throws AssertionError naming what would have printed
   */
  public synchronized void assertOnlyPjlQueries() {
    List<byte[]> bad = new ArrayList<>(printed);
    for (byte[] conn : received) {
      bad.addAll(classify(conn, new ArrayList<>(), true));
    }
    if (!bad.isEmpty()) {
      throw new AssertionError(
          "the PJL printer on port "
              + port()
              + " received "
              + bad.size()
              + " payload(s) that would have printed, first: "
              + show(bad.get(0)));
    }
  }

  /** The bytes of every connection to every simulator of this JVM so far, in order (copies). */
  public static List<byte[]> receivedInThisJvm() {
    synchronized (JVM_LOG) {
      return JVM_LOG.stream().map(byte[]::clone).toList();
    }
  }

  /**
   * Asserts that every byte any simulator of this JVM received is part of a job {@link
   * PrintPortGuard#isAllowed} accepts.
   *
   * @throws AssertionError naming what would have printed
   */
  public static void assertOnlyPjlQueriesInThisJvm() {
    for (byte[] conn : receivedInThisJvm()) {
      List<byte[]> bad = classify(conn, new ArrayList<>(), true);
      if (!bad.isEmpty()) {
        throw new AssertionError(
            "a PJL printer simulator received a payload that would have printed: "
                + show(bad.get(0)));
      }
    }
  }

  /**
   * Splits {@code stream} into UEL-framed jobs: allowed ones go to {@code allowed}, the rest is
   * returned. With {@code atEnd}, an unfinished tail counts as printed; otherwise it is left out of
   * both (and its length is {@code stream.length - consumed}).
   */
  static List<byte[]> classify(byte[] stream, List<byte[]> allowed, boolean atEnd) {
    List<byte[]> bad = new ArrayList<>();
    int consumed = split(stream, allowed, bad);
    if (atEnd && consumed < stream.length) {
      bad.add(Arrays.copyOfRange(stream, consumed, stream.length));
    }
    return bad;
  }

  /** Consumes complete jobs and non-job prefixes; returns how many bytes were consumed. */
  private static int split(byte[] s, List<byte[]> allowed, List<byte[]> bad) {
    int pos = 0;
    while (pos < s.length) {
      if (startsWith(s, pos, UEL)) {
        int end = indexOf(s, UEL, pos + UEL.length);
        if (end < 0) {
          return pos;
        }
        byte[] job = Arrays.copyOfRange(s, pos, end + UEL.length);
        (PrintPortGuard.isAllowed(job) ? allowed : bad).add(job);
        pos = end + UEL.length;
      } else {
        int next = indexOf(s, UEL, pos);
        if (next < 0) {
          return pos;
        }
        bad.add(Arrays.copyOfRange(s, pos, next));
        pos = next;
      }
    }
    return pos;
  }

  private void acceptLoop() {
    while (true) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        return;
      }
      synchronized (this) {
        if (closed) {
          Loopback.closeQuietly(socket);
          return;
        }
        int index = received.size();
        received.add(new byte[0]);
        sockets.add(socket);
        Thread t =
            Loopback.daemon("pjl-printer-" + port() + "-" + index, () -> serve(socket, index));
        threads.add(t);
        t.start();
      }
    }
  }

  private void serve(Socket socket, int index) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] pending = new byte[0];
    long total = 0;
    try (socket) {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      byte[] buf = new byte[8192];
      int n;
      while ((n = in.read(buf)) >= 0) {
        total += n;
        if (all.size() < RECORD_CAP) {
          all.write(buf, 0, Math.min(n, RECORD_CAP - all.size()));
        }
        synchronized (this) {
          received.set(index, all.toByteArray());
        }
        if (total > RECORD_CAP) {
          continue; // a flood: recorded as printed below, never answered
        }
        byte[] joined = Arrays.copyOf(pending, pending.length + n);
        System.arraycopy(buf, 0, joined, pending.length, n);
        List<byte[]> ok = new ArrayList<>();
        List<byte[]> bad = new ArrayList<>();
        int consumed = split(joined, ok, bad);
        pending = Arrays.copyOfRange(joined, consumed, joined.length);
        synchronized (this) {
          jobs.addAll(ok);
          printed.addAll(bad);
        }
        for (byte[] job : ok) {
          out.write(answer(job));
        }
        out.flush();
      }
    } catch (IOException ignored) {
      // the client went, or the simulator was closed
    } finally {
      byte[] bytes = all.toByteArray();
      synchronized (this) {
        received.set(index, bytes);
        if (pending.length > 0) {
          printed.add(pending);
        }
        if (total > RECORD_CAP) {
          printed.add(
              ("<" + total + " bytes, more than the record cap>")
                  .getBytes(StandardCharsets.US_ASCII));
        }
      }
      if (jvmLog) {
        synchronized (JVM_LOG) {
          JVM_LOG.add(total > RECORD_CAP ? Arrays.copyOf(bytes, bytes.length + 1) : bytes);
        }
      }
    }
  }

  private static List<String> lines(byte[] job) {
    String text = new String(job, StandardCharsets.ISO_8859_1);
    String body = text.substring(UEL.length, text.length() - UEL.length);
    List<String> out = new ArrayList<>();
    for (String line : body.split("\n")) {
      String l = line.strip();
      if (l.startsWith("@PJL") && l.length() > 4) {
        out.add(l);
      }
    }
    return out;
  }

  private byte[] answer(byte[] job) {
    StringBuilder sb = new StringBuilder();
    for (String line : lines(job)) {
      String query = line.substring(4).strip();
      String upper = query.toUpperCase(Locale.ROOT);
      String body = reply(upper, query);
      if (body == null) {
        continue;
      }
      sb.append(line).append("\r\n").append(body).append('\f');
    }
    return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private String reply(String upper, String query) {
    if (upper.equals("INFO ID")) {
      return "\"" + model + "\"\r\n";
    }
    if (upper.equals("INFO STATUS")) {
      return "CODE=10001\r\nDISPLAY=\"Ready\"\r\nONLINE=TRUE\r\n";
    }
    if (upper.equals("INFO CONFIG")) {
      return "IN TRAYS [2 ENUMERATED]\r\n\tINTRAY1 MP\r\n\tINTRAY2 PC\r\n"
          + "LANGUAGES [3 ENUMERATED]\r\n\tPCL\r\n\tPOSTSCRIPT\r\n\tPDF\r\n"
          + "MEMORY=524288000\r\nDISPLAY LINES=4\r\nDISPLAY CHARACTER SIZE=16\r\n";
    }
    if (upper.equals("INFO VARIABLES")) {
      return "COPIES=1 [2 RANGE]\r\n\t1\r\n\t999\r\nPAPER=A4 [2 ENUMERATED]\r\n\tLETTER\r\n\tA4\r\n"
          + "PASSWORD="
          + (password ? "ENABLED" : "DISABLED")
          + " [1 ENUMERATED READONLY]\r\n";
    }
    if (upper.equals("INFO FILESYS")) {
      return fileSystem
          ? "[2 TABLE]\r\n\tVOLUME TOTAL SIZE FREE SPACE LOCATION LABEL STATUS\r\n"
              + "\t0:\t1755136\t1718272\tRAM\t?\tREAD-WRITE\r\n"
              + "\t1:\t262144000\t219463680\tDISK\t?\tREAD-WRITE\r\n"
          : "?\r\n";
    }
    if (upper.startsWith("FSDIRLIST") || upper.startsWith("FSQUERY")) {
      if (!fileSystem || password) {
        return "FILEERROR=3\r\n";
      }
      return upper.startsWith("FSQUERY")
          ? "TYPE=DIR\r\n"
          : ". TYPE=DIR\r\n.. TYPE=DIR\r\nPJL TYPE=DIR\r\nwebServer TYPE=DIR\r\n"
              + "saveDevice TYPE=DIR\r\nobjects TYPE=DIR\r\n";
    }
    if (upper.equals("DINQUIRE PASSWORD")) {
      return password ? "ENABLED\r\n" : "DISABLED\r\n";
    }
    if (upper.equals("DINQUIRE CPLOCK") || upper.equals("DINQUIRE DISKLOCK")) {
      return password ? "ON\r\n" : "OFF\r\n";
    }
    if (upper.startsWith("ECHO")) {
      return "";
    }
    return "?\r\n";
  }

  private static boolean startsWith(byte[] data, int at, byte[] prefix) {
    if (data.length - at < prefix.length) {
      return false;
    }
    for (int k = 0; k < prefix.length; k++) {
      if (data[at + k] != prefix[k]) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] data, byte[] what, int from) {
    for (int i = Math.max(0, from); i <= data.length - what.length; i++) {
      if (startsWith(data, i, what)) {
        return i;
      }
    }
    return -1;
  }

  private static String show(byte[] bytes) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < bytes.length && i < 120; i++) {
      int b = bytes[i] & 0xff;
      sb.append(
          b == 0x1b
              ? "<ESC>"
              : b < 0x20 || b >= 0x7f ? String.format("\\x%02x", b) : String.valueOf((char) b));
    }
    return "\"" + sb + (bytes.length > 120 ? "...\" (" + bytes.length + " bytes)" : "\"");
  }

  /**
   * Stops accepting, closes every connection and waits at most 2 s for the threads. Recorded data
   * stays readable. Idempotent; never throws.
   */
  @Override
  public void close() {
    List<Thread> toJoin;
    List<Socket> toClose;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toClose = List.copyOf(sockets);
      toJoin = new ArrayList<>(threads);
      toJoin.add(0, acceptor);
    }
    Loopback.closeQuietly(server);
    toClose.forEach(Loopback::closeQuietly);
    Loopback.join(toJoin);
  }

  @Override
  public String toString() {
    return "PjlPrinterSimulator[pjl://127.0.0.1:"
        + port()
        + ", "
        + model
        + ", file system "
        + fileSystem
        + ", password "
        + password
        + "]";
  }

  /** Configures a simulator. Not thread-safe. */
  public static final class Builder {
    private String model = "HP LaserJet MFP M528";
    private boolean fileSystem = true;
    private boolean password;
    private boolean jvmLog = true;

    private Builder() {}

    /**
     * Keeps this simulator's connections out of the JVM-wide log ({@link #receivedInThisJvm()}).
     * Only for tests that deliberately send printable data to prove the simulator notices it;
     * default: every connection is logged.
     */
    public Builder outsideJvmLog() {
      this.jvmLog = false;
      return this;
    }

    /** The model {@code INFO ID} names. Default {@code HP LaserJet MFP M528}. */
    public Builder model(String value) {
      this.model = Objects.requireNonNull(value, "model");
      return this;
    }

    /** Whether the printer has a file system (volumes, listable root). Default true. */
    public Builder fileSystem(boolean value) {
      this.fileSystem = value;
      return this;
    }

    /**
     * Whether a PJL password is set: then {@code DINQUIRE PASSWORD} says {@code ENABLED}, the locks
     * are {@code ON} and file-system commands answer {@code FILEERROR=3}. Default false.
     */
    public Builder password(boolean value) {
      this.password = value;
      return this;
    }

    /**
     * Binds {@code 127.0.0.1} on an ephemeral port and starts serving.
     *
     * @throws IOException when no port can be bound
     */
    public PjlPrinterSimulator start() throws IOException {
      return start(0);
    }

    /**
     * Binds {@code 127.0.0.1} on {@code port} (0: ephemeral) and starts serving.
     *
     * @throws IOException when the port cannot be bound (in use)
     */
    public PjlPrinterSimulator start(int port) throws IOException {
      ServerSocket s = new ServerSocket();
      try {
        s.bind(new InetSocketAddress(Loopback.address(), port), 50);
      } catch (IOException e) {
        s.close();
        throw e;
      }
      return new PjlPrinterSimulator(this, s);
    }
  }
}
