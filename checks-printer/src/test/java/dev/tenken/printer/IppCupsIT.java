package dev.tenken.printer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tenken.CheckResult;
import dev.tenken.DeviceIdentity;
import dev.tenken.Finding;
import dev.tenken.report.Report;
import dev.tenken.test.CheckContract;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The IPP and CUPS checks against the real Debian CUPS scheduler ({@code /usr/sbin/cupsd}, 2.4),
 * three private instances on free loopback ports, each run in the foreground ({@code cupsd -f -s
 * <dir>/cups-files.conf -c <dir>/cupsd.conf}) with everything — ServerRoot, StateDir, CacheDir,
 * RequestRoot, TempDir, logs — under its own temp directory, so the system's CUPS is untouched:
 *
 * <ul>
 *   <li><b>open</b> (vulnerable): {@code <Location />} Allow all, {@code DefaultAuthType None}, a
 *       default policy that allows every operation, {@code JobPrivateValues none}, web interface
 *       on;
 *   <li><b>locked</b> (hardened): {@code Require valid-user} with Basic authentication for {@code
 *       <Location />} and every operation of the policy, web interface off;
 *   <li><b>private</b> (hardened for the job list): as open, but {@code JobPrivateValues default}
 *       and {@code JobPrivateAccess default}, CUPS's defaults.
 * </ul>
 *
 * <p>Each has one shared, accepting queue {@code tenken} (a {@code printers.conf} with {@code
 * DeviceURI file:///dev/null}; {@code FileDevice Yes} in cups-files.conf allows that URI) and the
 * fixture submits one job to it with {@code lp -H hold}: a <em>held</em> job is never processed, so
 * nothing is printed, not even to /dev/null. The checks themselves never submit anything.
 *
 * <p>Privileges: run as root (our CI), cupsd keeps root for the scheduler and drops to {@code User
 * lp} for filters and backends; the temp directories are mode 755 (1777 for spool and temp) so that
 * user can read them. As another user, {@code User}/{@code Group} are left out and cupsd runs as
 * that user. Readiness: {@code GET /} is polled (any status) for at most 15 s. The processes are
 * destroyed and the directories deleted in {@link #stop()}.
 *
 * <p>What a loopback CUPS cannot show: CUPS always admits the loopback address, so an address rule
 * ({@code Deny from all}, {@code Allow from 127.0.0.2}) cannot produce the 403 a remote scanner
 * would get (tried: GET / and Get-Printer-Attributes still answer 200); the 403 side is covered by
 * {@link IppChecksTest} with the simulator. And {@code Encryption Required} is not enforced for
 * local clients (CUPS exempts localhost), so {@code printer.ipp.plaintext} has no hardened real
 * server; its hardened side (uri-security-supported tls, 426 Upgrade Required) is covered by {@link
 * IppChecksTest} with the simulator.
 */
class IppCupsIT {
  static final Path CUPSD = Path.of("/usr/sbin/cupsd");
  static final Path LP = Path.of("/usr/bin/lp");
  static final String JOB_NAME = "Quarterly salaries 2026.pdf";

  static final String OPEN =
      """
      Browsing No
      WebInterface Yes
      DefaultAuthType None
      <Location />
        Order allow,deny
        Allow all
      </Location>
      <Policy default>
        JobPrivateValues none
        JobPrivateAccess all
        <Limit All>
          Order deny,allow
        </Limit>
      </Policy>
      """;

  static final String LOCKED =
      """
      Browsing No
      WebInterface No
      DefaultAuthType Basic
      <Location />
        AuthType Basic
        Require valid-user
      </Location>
      <Policy default>
        JobPrivateValues default
        JobPrivateAccess default
        <Limit All>
          AuthType Basic
          Require valid-user
        </Limit>
      </Policy>
      """;

  static final String PRIVATE =
      """
      Browsing No
      WebInterface No
      DefaultAuthType None
      <Location />
        Order allow,deny
        Allow all
      </Location>
      <Policy default>
        JobPrivateValues default
        JobPrivateAccess default
        <Limit All>
          Order deny,allow
        </Limit>
      </Policy>
      """;

  static final List<Process> PROCESSES = new ArrayList<>();
  static final List<Path> DIRS = new ArrayList<>();
  static int open;
  static int locked;
  static int privateJobs;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(Files.isExecutable(CUPSD), "Debian cupsd is not installed");
    assumeTrue(Files.isExecutable(LP), "Debian cups-client (lp) is not installed");
    open = start(OPEN, true);
    locked = start(LOCKED, false);
    privateJobs = start(PRIVATE, true);
  }

  static int start(String policy, boolean heldJob) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path dir = Files.createTempDirectory("tenken-cups");
    DIRS.add(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    for (String sub : List.of("state", "cache", "spool", "tmp", "log")) {
      Path p = Files.createDirectory(dir.resolve(sub));
      Files.setPosixFilePermissions(
          p,
          PosixFilePermissions.fromString(
              sub.equals("spool") || sub.equals("tmp") ? "rwxrwxrwx" : "rwxr-xr-x"));
    }
    boolean root = "root".equals(System.getProperty("user.name"));
    Files.writeString(
        dir.resolve("cups-files.conf"),
        String.join(
            "\n",
            "ServerRoot " + dir,
            "StateDir " + dir.resolve("state"),
            "CacheDir " + dir.resolve("cache"),
            "RequestRoot " + dir.resolve("spool"),
            "TempDir " + dir.resolve("tmp"),
            "AccessLog " + dir.resolve("log/access_log"),
            "ErrorLog " + dir.resolve("log/error_log"),
            "PageLog " + dir.resolve("log/page_log"),
            "FileDevice Yes",
            root ? "User lp\nGroup lp\nSystemGroup root" : "",
            ""));
    Files.writeString(
        dir.resolve("cupsd.conf"), "Listen 127.0.0.1:" + port + "\nLogLevel info\n" + policy);
    Files.writeString(
        dir.resolve("printers.conf"),
        """
        <DefaultPrinter tenken>
        Info Tenken test queue (never prints)
        MakeModel Local Raw Printer
        DeviceURI file:///dev/null
        State Idle
        Type 4
        Accepting Yes
        Shared Yes
        </DefaultPrinter>
        """);
    Process p =
        new ProcessBuilder(
                CUPSD.toString(),
                "-f",
                "-s",
                dir.resolve("cups-files.conf").toString(),
                "-c",
                dir.resolve("cupsd.conf").toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("log/stdout").toFile())
            .start();
    PROCESSES.add(p);
    awaitHttp(p, port, dir);
    if (heldJob) {
      Path doc = dir.resolve("tmp/doc.txt");
      Files.writeString(doc, "never printed\n");
      Process lp =
          new ProcessBuilder(
                  LP.toString(),
                  "-h",
                  "127.0.0.1:" + port,
                  "-d",
                  "tenken",
                  "-H",
                  "hold",
                  "-t",
                  JOB_NAME,
                  doc.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("log/lp").toFile())
              .start();
      if (!lp.waitFor(15, TimeUnit.SECONDS)) {
        lp.destroyForcibly();
        throw new IllegalStateException("lp did not finish");
      }
      assertThat(lp.exitValue()).as(Files.readString(dir.resolve("log/lp"))).isZero();
    }
    return port;
  }

  static void awaitHttp(Process p, int port, Path dir) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < until) {
      if (!p.isAlive()) {
        throw new IllegalStateException(
            "cupsd exited: " + Files.readString(dir.resolve("log/stdout")));
      }
      try {
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(1))
                .build(),
            HttpResponse.BodyHandlers.discarding());
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("cupsd on " + port + " did not answer within 15 s");
  }

  @AfterAll
  static void stop() throws Exception {
    for (Process p : PROCESSES) {
      p.destroy();
    }
    for (Process p : PROCESSES) {
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
      }
    }
    for (Path dir : DIRS) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(f);
        }
      }
    }
  }

  static String t(int port) {
    return "ipp://127.0.0.1:" + port;
  }

  static dev.tenken.Target target(int port) {
    return dev.tenken.Target.parse(t(port));
  }

  @Test
  void attributesWithoutAuth() throws Exception {
    CheckContract.of(new IppAttributesWithoutAuth())
        .vulnerable(t(open))
        .vulnerable(t(privateJobs))
        .hardened(t(locked))
        .verify();
    Report r = IppChecksTest.scan(new IppAttributesWithoutAuth(), target(open));
    Finding f = r.findings().findFirst().orElseThrow();
    assertThat(f.evidence().get("reply")).contains("/printers/tenken", "successful-ok");
    assertThat(f.evidence()).containsEntry("printer-make-and-model", "Local Raw Printer");
    assertThat(r.targets().get(0).identity().get(DeviceIdentity.Attribute.MODEL).orElseThrow())
        .satisfies(fact -> assertThat(fact.source()).isEqualTo("IPP printer-make-and-model"));
    assertThat(IppChecksTest.result(new IppAttributesWithoutAuth(), target(locked)).detail())
        .contains("HTTP 401", "Basic");
  }

  @Test
  void printWithoutAuth() throws Exception {
    CheckContract.of(new IppPrintWithoutAuth()).vulnerable(t(open)).hardened(t(locked)).verify();
    Finding f =
        IppChecksTest.scan(new IppPrintWithoutAuth(), target(open))
            .findings()
            .findFirst()
            .orElseThrow();
    // CUPS without authentication announces requesting-user-name: a claimed name, no proof.
    assertThat(f.evidence())
        .containsEntry("uri-authentication-supported", "requesting-user-name")
        .containsEntry("printer-is-accepting-jobs", "true");
  }

  @Test
  void plaintext() throws Exception {
    CheckContract.of(new IppPlaintext())
        .vulnerable(t(open))
        .skipHardened(
            "CUPS does not enforce Encryption Required for loopback clients; the hardened side"
                + " is IppChecksTest's simulator (tls, 426)")
        .verify();
    CheckResult r = IppChecksTest.result(new IppPlaintext(), target(locked));
    assertThat(r.status()).isEqualTo(CheckResult.Status.SKIP);
  }

  @Test
  void jobListDisclosed() throws Exception {
    CheckContract.of(new IppJobListDisclosed())
        .vulnerable(t(open))
        .hardened(t(privateJobs))
        .hardened(t(locked))
        .secrets(JOB_NAME)
        .verify();
    Finding f =
        IppChecksTest.scan(new IppJobListDisclosed(), target(open))
            .findings()
            .findFirst()
            .orElseThrow();
    assertThat(f.evidence()).containsEntry("job names disclosed", "1");
    assertThat(f.evidence().get("job names (masked)")).startsWith("Qua…");
    assertThat(IppChecksTest.result(new IppJobListDisclosed(), target(privateJobs)).detail())
        .contains("1 job(s) listed with job names and owners withheld");
  }

  @Test
  void webInterfaceExposed() throws Exception {
    CheckContract.of(new CupsWebInterfaceExposed())
        .vulnerable(t(open))
        .hardened(t(locked))
        .verify();
    Report r = IppChecksTest.scan(new CupsWebInterfaceExposed(), target(open));
    Finding f = r.findings().findFirst().orElseThrow();
    assertThat(f.evidence().get("title")).startsWith("Home - CUPS 2.");
    assertThat(f.evidence().get("server")).startsWith("CUPS/2.");
    assertThat(r.targets().get(0).identity().value(DeviceIdentity.Attribute.PRODUCT))
        .contains("cups");
  }
}
