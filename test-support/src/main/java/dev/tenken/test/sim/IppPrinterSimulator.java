package dev.tenken.test.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tenken.Target;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * A loopback IPP printer (RFC 8010/8011 over the JDK's {@link HttpServer}) for tests of IPP checks.
 * <b>It never prints and cannot</b>: it answers Get-Printer-Attributes ({@code 0x000B}), Get-Jobs
 * ({@code 0x000A}) and CUPS-Get-Printers ({@code 0x4002}) from a configurable attribute set,
 * answers every other operation — Print-Job, Create-Job, Send-Document included — with {@code
 * server-error-operation-not-supported}, and records every operation id it received in {@link
 * #operations()} so a test can assert that nothing but queries arrived.
 *
 * <pre>{@code
 * try (IppPrinterSimulator printer = IppPrinterSimulator.builder()
 *     .text("printer-make-and-model", "HP LaserJet M404")
 *     .keyword("uri-authentication-supported", "none")
 *     .job("Payroll March.xlsx", "alice")
 *     .start()) {
 *   CheckRunner.builder()...scan(printer.target("ipp"));
 *   assertThat(printer.operations()).containsOnly(0x000B);
 * }
 * }</pre>
 *
 * <p>Defaults: printer path {@value #DEFAULT_PATH}; an IPP Everywhere-like printer with {@code
 * printer-make-and-model}, {@code printer-firmware-string-version}, {@code printer-device-id},
 * {@code printer-uri-supported} (its own {@code ipp://127.0.0.1:<port>/ipp/print}), {@code
 * uri-authentication-supported none}, {@code uri-security-supported none}, {@code
 * printer-is-accepting-jobs true}; no jobs; {@code GET /} answers 404. Hostile replies: {@link
 * Builder#rawReply} answers every IPP request with the given bytes; {@link Builder#httpStatus}
 * answers every request with that status (401 adds {@code WWW-Authenticate: Basic}).
 *
 * <p>Binds {@code 127.0.0.1} on an ephemeral port; requests are served by at most four daemon
 * threads and read up to 64 KiB. Thread-safe. {@link #close()} stops within about a second.
 */
public final class IppPrinterSimulator implements AutoCloseable {
  /** The default printer path. */
  public static final String DEFAULT_PATH = "/ipp/print";

  /** Value tag: integer. */
  public static final int INTEGER = 0x21;

  /** Value tag: boolean. */
  public static final int BOOLEAN = 0x22;

  /** Value tag: enum. */
  public static final int ENUM = 0x23;

  /** Value tag: textWithoutLanguage. */
  public static final int TEXT = 0x41;

  /** Value tag: nameWithoutLanguage. */
  public static final int NAME = 0x42;

  /** Value tag: keyword. */
  public static final int KEYWORD = 0x44;

  /** Value tag: uri. */
  public static final int URI = 0x45;

  private static final int MAX_REQUEST = 64 * 1024;

  private final HttpServer server;
  private final ExecutorService executor;
  private final Builder config;
  private final List<Integer> operations = new ArrayList<>();
  private final List<String> paths = new ArrayList<>();

  private IppPrinterSimulator(Builder config) throws IOException {
    this.config = config;
    this.server = HttpServer.create(new InetSocketAddress(Loopback.address(), 0), 32);
    this.executor =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "ipp-printer-simulator");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** A builder with the defaults of the class description. */
  public static Builder builder() {
    return new Builder();
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code <service>://127.0.0.1:<port>}, such as {@code ipp://127.0.0.1:40123}. */
  public Target target(String service) {
    return Target.parse(service + "://127.0.0.1:" + port());
  }

  /** Every IPP operation id received, in order (also the refused ones). */
  public synchronized List<Integer> operations() {
    return List.copyOf(operations);
  }

  /** The path of every request received, in order. */
  public synchronized List<String> paths() {
    return List.copyOf(paths);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "IppPrinterSimulator on 127.0.0.1:" + port();
  }

  // ---------------------------------------------------------------------------------------------

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      synchronized (this) {
        paths.add(ex.getRequestURI().getRawPath());
      }
      byte[] body = readCapped(ex.getRequestBody());
      ex.getResponseHeaders().set("Server", config.server);
      if (config.httpStatus != 0) {
        if (config.httpStatus == 401) {
          ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"printer\"");
        }
        send(ex, config.httpStatus, "text/html", "<html><body>refused</body></html>".getBytes());
        return;
      }
      if (!ex.getRequestMethod().equals("POST")) {
        if (config.webPage != null) {
          send(
              ex,
              config.webStatus,
              "text/html; charset=utf-8",
              config.webPage.getBytes(StandardCharsets.UTF_8));
        } else {
          send(ex, 404, "text/plain", "not found".getBytes(StandardCharsets.US_ASCII));
        }
        return;
      }
      if (body.length < 8) {
        send(ex, 400, "text/plain", "bad request".getBytes(StandardCharsets.US_ASCII));
        return;
      }
      int op = ((body[2] & 0xFF) << 8) | (body[3] & 0xFF);
      int requestId =
          ((body[4] & 0xFF) << 24)
              | ((body[5] & 0xFF) << 16)
              | ((body[6] & 0xFF) << 8)
              | (body[7] & 0xFF);
      synchronized (this) {
        operations.add(op);
      }
      if (config.rawReply != null) {
        send(ex, 200, "application/ipp", config.rawReply.apply(requestId));
        return;
      }
      String path = ex.getRequestURI().getRawPath();
      byte[] reply =
          switch (op) {
            case 0x000B ->
                path.equals(config.path)
                    ? printerReply(requestId, 0x0000)
                    : header(requestId, 0x0406).end();
            case 0x4002 -> printerReply(requestId, 0x0000);
            case 0x000A ->
                path.equals(config.path) ? jobsReply(requestId) : header(requestId, 0x0406).end();
            default -> header(requestId, 0x0501).end();
          };
      send(ex, 200, "application/ipp", reply);
    }
  }

  private byte[] printerReply(int requestId, int status) {
    Encoder e = header(requestId, status);
    e.group(0x04);
    Map<String, Attr> attrs = new LinkedHashMap<>();
    attrs.put(
        "printer-uri-supported", new Attr(URI, List.of("ipp://127.0.0.1:" + port() + config.path)));
    attrs.putAll(config.attributes);
    attrs.forEach(e::attribute);
    return e.end();
  }

  private byte[] jobsReply(int requestId) {
    Encoder e = header(requestId, 0x0000);
    int id = 1;
    for (String[] job : config.jobs) {
      e.group(0x02);
      e.attribute("job-id", new Attr(INTEGER, List.of(Integer.toString(id++))));
      if (job[0] != null) {
        e.attribute("job-name", new Attr(NAME, List.of(job[0])));
      }
      if (job[1] != null) {
        e.attribute("job-originating-user-name", new Attr(NAME, List.of(job[1])));
      }
    }
    return e.end();
  }

  private static Encoder header(int requestId, int status) {
    Encoder e = new Encoder();
    e.out.write(2);
    e.out.write(0);
    e.short2(status);
    e.int4(requestId);
    e.group(0x01);
    e.attribute("attributes-charset", new Attr(0x47, List.of("utf-8")));
    e.attribute("attributes-natural-language", new Attr(0x48, List.of("en")));
    return e;
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static byte[] readCapped(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    for (int n = in.read(buf); n >= 0 && out.size() < MAX_REQUEST; n = in.read(buf)) {
      out.write(buf, 0, Math.min(n, MAX_REQUEST - out.size()));
    }
    return out.toByteArray();
  }

  private record Attr(int tag, List<String> values) {}

  /** Encodes replies (RFC 8010); used for the simulator's own answers only. */
  private static final class Encoder {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    void group(int tag) {
      out.write(tag);
    }

    void attribute(String name, Attr a) {
      boolean first = true;
      for (String v : a.values()) {
        out.write(a.tag());
        byte[] n = first ? name.getBytes(StandardCharsets.UTF_8) : new byte[0];
        short2(n.length);
        out.writeBytes(n);
        byte[] value;
        if (a.tag() == INTEGER || a.tag() == ENUM) {
          int i = Integer.parseInt(v);
          value = new byte[] {(byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i};
        } else if (a.tag() == BOOLEAN) {
          value = new byte[] {(byte) (Boolean.parseBoolean(v) ? 1 : 0)};
        } else {
          value = v.getBytes(StandardCharsets.UTF_8);
        }
        short2(value.length);
        out.writeBytes(value);
        first = false;
      }
    }

    void short2(int v) {
      out.write(v >>> 8);
      out.write(v);
    }

    void int4(int v) {
      short2(v >>> 16);
      short2(v & 0xFFFF);
    }

    byte[] end() {
      out.write(0x03);
      return out.toByteArray();
    }
  }

  /** Configures an {@link IppPrinterSimulator}. Not thread-safe. */
  public static final class Builder {
    private String path = DEFAULT_PATH;
    private final Map<String, Attr> attributes = new LinkedHashMap<>();
    private final List<String[]> jobs = new ArrayList<>();
    private @Nullable IntFunction<byte[]> rawReply;
    private int httpStatus;
    private String server = "IPP/2.0";
    private @Nullable String webPage;
    private int webStatus = 200;

    private Builder() {
      text("printer-make-and-model", "Tenken Simulated Printer 1000");
      text("printer-firmware-string-version", "1.0.0");
      text("printer-device-id", "MFG:Tenken;MDL:Simulated Printer 1000;CMD:PWG,PDF;");
      name("printer-name", "sim");
      keyword("uri-authentication-supported", "none");
      keyword("uri-security-supported", "none");
      bool("printer-is-accepting-jobs", true);
      attribute("printer-state", ENUM, "3");
    }

    /** The printer's path (default {@value #DEFAULT_PATH}); other paths answer not-found. */
    public Builder path(String value) {
      path = Objects.requireNonNull(value);
      return this;
    }

    /** Sets (or replaces) a printer attribute with values of value tag {@code tag}. */
    public Builder attribute(String name, int tag, String... values) {
      if (values.length == 0) {
        throw new IllegalArgumentException("an attribute needs at least one value");
      }
      attributes.put(name, new Attr(tag, List.of(values)));
      return this;
    }

    /** Removes a printer attribute. */
    public Builder without(String name) {
      attributes.remove(name);
      return this;
    }

    /** A textWithoutLanguage printer attribute. */
    public Builder text(String name, String... values) {
      return attribute(name, TEXT, values);
    }

    /** A nameWithoutLanguage printer attribute. */
    public Builder name(String name, String... values) {
      return attribute(name, NAME, values);
    }

    /** A keyword printer attribute. */
    public Builder keyword(String name, String... values) {
      return attribute(name, KEYWORD, values);
    }

    /** A boolean printer attribute. */
    public Builder bool(String name, boolean value) {
      return attribute(name, BOOLEAN, Boolean.toString(value));
    }

    /** A job Get-Jobs lists; a {@code null} name or owner is left out, as CUPS hides them. */
    public Builder job(@Nullable String name, @Nullable String owner) {
      jobs.add(new String[] {name, owner});
      return this;
    }

    /** Answers every IPP request with these bytes (given the request id) as application/ipp. */
    public Builder rawReply(IntFunction<byte[]> reply) {
      rawReply = Objects.requireNonNull(reply);
      return this;
    }

    /** Answers every request with this HTTP status (401 with a Basic challenge). */
    public Builder httpStatus(int status) {
      httpStatus = status;
      return this;
    }

    /** The {@code Server} header (default {@code IPP/2.0}). */
    public Builder server(String value) {
      server = Objects.requireNonNull(value);
      return this;
    }

    /** What {@code GET} answers (default 404). */
    public Builder webPage(int status, String html) {
      webStatus = status;
      webPage = Objects.requireNonNull(html);
      return this;
    }

    /**
     * Starts the simulator.
     *
     * @throws IOException when no port can be bound
     */
    public IppPrinterSimulator start() throws IOException {
      return new IppPrinterSimulator(this);
    }
  }
}
