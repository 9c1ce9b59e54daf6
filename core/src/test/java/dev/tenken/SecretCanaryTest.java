package dev.tenken;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.report.JsonLinesListener;
import dev.tenken.report.Report;
import dev.tenken.report.ReportFormat;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import dev.tenken.spi.TcpConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Canary secrets (goal R9): a configured credential, a secret given to {@link
 * CheckRunner.Builder#redact}, and secrets a device plants in its replies ({@code requirepass},
 * {@code password=}, an {@code Authorization} echo, a JSON token, an XML password, a URI's user
 * information) must appear nowhere: not in any {@link ReportFormat}, the JSON Lines stream, any log
 * record at any level (Tenken logs through {@link System.Logger}, which is {@code
 * java.util.logging} here; the root logger is opened to {@code ALL}), standard output and error,
 * result details and exception messages, or the {@code toString()} of findings, results, reports,
 * credentials and secrets. The checks below are careless on purpose: they copy the device's raw
 * reply, which echoes the password they sent, into every field they have.
 */
class SecretCanaryTest {
  private static final String CREDENTIAL = "Cr3d-k9Q2xZ";
  private static final String REDACTED = "Tok-w7P4vR";
  private static final List<String> PLANTED =
      List.of("Req-h5T8mB", "Pwd-j3L6nC", "Jsn-q2X9dF", "Xml-z8K1sG", "Uri-m4V7tH", "Hdr-y6N3pJ");

  /** What the device answers to anything: its config, echoing the login it was sent. */
  static String deviceReply(String sentLine) {
    return "-ERR invalid password for '"
        + sentLine.strip()
        + "'\r\nrequirepass "
        + PLANTED.get(0)
        + "\r\nlogin ok: password="
        + PLANTED.get(1)
        + "&user=admin\r\n{\"token\": \""
        + PLANTED.get(2)
        + "\"}\r\n<Password>"
        + PLANTED.get(3)
        + "</Password>\r\nupstream mongodb://admin:"
        + PLANTED.get(4)
        + "@10.0.0.1/db\r\nAuthorization: Bearer "
        + PLANTED.get(5)
        + "\r\n";
  }

  private final List<String> logLines = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          String message = r.getMessage();
          if (r.getParameters() != null) {
            message += " " + List.of(r.getParameters());
          }
          logLines.add(
              r.getLevel() + " " + r.getLoggerName() + " " + message + " " + r.getThrown());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private Level rootLevel;
  private ServerSocket device;

  @BeforeEach
  void openLogsAndDevice() throws IOException {
    Logger root = Logger.getLogger("");
    rootLevel = root.getLevel();
    root.setLevel(Level.ALL);
    root.addHandler(capture);
    device = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t =
        new Thread(
            () -> {
              while (!device.isClosed()) {
                try (Socket s = device.accept()) {
                  s.setSoTimeout(5000);
                  String line = readLine(s.getInputStream());
                  s.getOutputStream().write(deviceReply(line).getBytes(StandardCharsets.UTF_8));
                  s.getOutputStream().flush();
                } catch (IOException e) {
                  // the next one
                }
              }
            },
            "canary-device");
    t.setDaemon(true);
    t.start();
  }

  @AfterEach
  void close() throws IOException {
    Logger root = Logger.getLogger("");
    root.removeHandler(capture);
    root.setLevel(rootLevel);
    device.close();
  }

  @Test
  void noCanaryLeavesThroughAnyOutput() throws Exception {
    Credentials credentials = Credentials.of("admin", CREDENTIAL);
    CheckRunner runner =
        CheckRunner.builder()
            .scope(Scope.of("127.0.0.1"))
            .credentials("canary", credentials)
            .redact(Secret.of(REDACTED))
            .enable(Safety.SESSION)
            .check(careless("fails", Behaviour.FAIL))
            .check(careless("passes", Behaviour.PASS))
            .check(careless("errs", Behaviour.ERROR))
            .check(careless("skips", Behaviour.SKIP))
            .check(careless("throws", Behaviour.THROW))
            .check(careless("throws-unchecked", Behaviour.THROW_UNCHECKED))
            .checkTimeout(Duration.ofSeconds(5))
            .build();
    List<Target> targets = List.of(Target.parse("canary://127.0.0.1:" + device.getLocalPort()));
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    PrintStream out = System.out;
    PrintStream err = System.err;
    Report report;
    System.setOut(new PrintStream(new Tee(out, stdout), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(new Tee(err, stdout), true, StandardCharsets.UTF_8));
    try {
      System.getLogger("dev.tenken.canary-test").log(System.Logger.Level.TRACE, "capture works");
      runner.start(targets, new JsonLinesListener(stream)).await();
      report = runner.scan(targets);
    } finally {
      System.setOut(out);
      System.setErr(err);
    }

    List<String> outputs = new ArrayList<>();
    for (ReportFormat format : ReportFormat.values()) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      format.write(report, bytes);
      outputs.add(format + ": " + bytes.toString(StandardCharsets.UTF_8));
    }
    outputs.add("jsonl stream: " + stream.toString(StandardCharsets.UTF_8));
    outputs.add("stdout/stderr: " + stdout.toString(StandardCharsets.UTF_8));
    outputs.add("report: " + report);
    for (TargetResult t : report.targets()) {
      outputs.add("target: " + t + " " + t.detail());
      for (CheckResult r : t.results()) {
        outputs.add("result: " + r + " " + r.detail() + " " + r.evidence());
        for (Finding f : r.findings()) {
          outputs.add("finding: " + f + " " + f.title() + " " + f.description() + f.evidence());
        }
      }
    }
    outputs.add(
        "credentials: " + credentials + " " + runner.credentials() + " " + runner.secrets());
    outputs.add("secret: " + Secret.of(CREDENTIAL) + " " + credentials.secret());
    outputs.addAll(logLines);

    assertThat(logLines)
        .as("the log capture sees TRACE")
        .anyMatch(l -> l.contains("capture works"));
    assertThat(report.targets()).singleElement().satisfies(t -> assertThat(t.results()).hasSize(6));
    assertThat(String.join("\n", outputs))
        .as("every check ran and said something")
        .contains("fails", "passes", "errs", "skips", "throws", Secret.MASK);
    for (String output : outputs) {
      for (String canary : canaries()) {
        assertThat(output).as("output shows a canary").doesNotContain(canary);
      }
    }
  }

  /** Every canary, and the encodings of the credential a leak could take. */
  private static List<String> canaries() {
    List<String> all = new ArrayList<>(PLANTED);
    all.add(CREDENTIAL);
    all.add(REDACTED);
    all.add(
        Base64.getEncoder()
            .encodeToString(("admin:" + CREDENTIAL).getBytes(StandardCharsets.UTF_8)));
    return all;
  }

  enum Behaviour {
    FAIL,
    PASS,
    ERROR,
    SKIP,
    THROW,
    THROW_UNCHECKED
  }

  /** A check that logs in with the configured credential and spreads the reply everywhere. */
  private static Check careless(String name, Behaviour behaviour) {
    CheckDescriptor descriptor =
        CheckDescriptor.builder("test.canary." + name, "canary check " + name)
            .safety(Safety.SESSION)
            .services("canary")
            .build();
    return new Check() {
      @Override
      public CheckDescriptor descriptor() {
        return descriptor;
      }

      @Override
      public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
        Credentials c = context.credentials("canary").orElseThrow();
        String sent = "AUTH " + c.user() + " " + c.secret().reveal() + " " + REDACTED;
        String reply;
        try (TcpConnection connection = context.connect(endpoint)) {
          connection.send((sent + "\r\n").getBytes(StandardCharsets.UTF_8));
          reply =
              new String(
                  connection.readAvailable(Duration.ofSeconds(2), 4096), StandardCharsets.UTF_8);
        }
        String basic =
            "Authorization: Basic "
                + Base64.getEncoder()
                    .encodeToString(
                        (c.user() + ":" + c.secret().reveal()).getBytes(StandardCharsets.UTF_8));
        String everything = name + " sent " + sent + "; " + basic + "\n" + reply + " " + c;
        System.getLogger("dev.tenken.canary-test")
            .log(System.Logger.Level.DEBUG, "{0} says {1}", name, context.redact(everything));
        switch (behaviour) {
          case FAIL:
            return Outcome.fail(
                context
                    .finding(endpoint)
                    .title(name + " " + reply)
                    .description(everything)
                    .evidence("reply", reply)
                    .evidence("sent", sent)
                    .evidence("basic", basic)
                    .remediation("change " + c.secret().reveal())
                    .key(reply)
                    .build());
          case PASS:
            return Outcome.pass(everything, Map.of("reply", reply, "sent", sent, "basic", basic));
          case ERROR:
            return Outcome.error(everything);
          case SKIP:
            return Outcome.skip(everything);
          case THROW:
            throw new IOException(everything);
          default:
            throw new IllegalStateException(everything);
        }
      }
    };
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while (sb.length() < 4096 && (c = in.read()) >= 0 && c != '\n') {
      sb.append((char) c);
    }
    return sb.toString();
  }

  /** Writes to the original stream and to a capture. */
  private static final class Tee extends java.io.OutputStream {
    private final java.io.OutputStream a;
    private final java.io.OutputStream b;

    Tee(java.io.OutputStream a, java.io.OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int x) throws IOException {
      a.write(x);
      b.write(x);
    }

    @Override
    public void write(byte[] bytes, int off, int len) throws IOException {
      a.write(bytes, off, len);
      b.write(bytes, off, len);
    }
  }
}
