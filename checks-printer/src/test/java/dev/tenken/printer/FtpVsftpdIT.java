package dev.tenken.printer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.CheckResult;
import dev.tenken.Target;
import dev.tenken.test.CheckContract;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The FTP checks against a real Debian {@code vsftpd} (3.0.3) in the foreground on a free loopback
 * port: anonymous login on and no TLS (vulnerable) versus anonymous off and AUTH TLS offered
 * (hardened). Skipped when {@code /usr/sbin/vsftpd} or {@code openssl} is not installed. The
 * servers run with {@code run_as_launching_user=YES}, so no root is needed; each is destroyed and
 * its directory deleted after the test.
 */
class FtpVsftpdIT {
  private static final Path VSFTPD = Path.of("/usr/sbin/vsftpd");

  /** One vsftpd process; {@link #close()} always kills it and deletes its directory. */
  static final class Vsftpd implements AutoCloseable {
    final Path dir;
    final int port;
    final Process process;

    Vsftpd(boolean anonymous) throws Exception {
      dir = Files.createTempDirectory("tenken-vsftpd");
      Path anon = Files.createDirectories(dir.resolve("anon"));
      Path empty = Files.createDirectories(dir.resolve("empty"));
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      StringBuilder conf = new StringBuilder();
      conf.append("listen=YES\nlisten_ipv6=NO\nlisten_address=127.0.0.1\n")
          .append("listen_port=")
          .append(port)
          .append("\nbackground=NO\nwrite_enable=NO\nrun_as_launching_user=YES\n")
          .append("seccomp_sandbox=NO\nxferlog_enable=NO\ndelay_failed_login=0\n")
          .append("anon_root=")
          .append(anon)
          .append("\nsecure_chroot_dir=")
          .append(empty)
          .append("\nvsftpd_log_file=")
          .append(dir.resolve("log"))
          .append('\n');
      if (anonymous) {
        conf.append("anonymous_enable=YES\nlocal_enable=NO\n");
      } else {
        Path key = dir.resolve("key.pem");
        Path cert = dir.resolve("cert.pem");
        Process openssl =
            new ProcessBuilder(
                    "openssl",
                    "req",
                    "-x509",
                    "-newkey",
                    "rsa:2048",
                    "-nodes",
                    "-subj",
                    "/CN=localhost",
                    "-days",
                    "1",
                    "-keyout",
                    key.toString(),
                    "-out",
                    cert.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile())
                .start();
        if (!openssl.waitFor(30, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
          openssl.destroyForcibly();
          throw new IOException("openssl could not make a certificate");
        }
        conf.append("anonymous_enable=NO\nlocal_enable=YES\nssl_enable=YES\n")
            .append("rsa_cert_file=")
            .append(cert)
            .append("\nrsa_private_key_file=")
            .append(key)
            .append('\n');
      }
      Path file = dir.resolve("vsftpd.conf");
      Files.writeString(file, conf);
      process =
          new ProcessBuilder(VSFTPD.toString(), file.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("out.log").toFile())
              .start();
      awaitGreeting();
    }

    private void awaitGreeting() throws Exception {
      long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (System.nanoTime() < until) {
        if (!process.isAlive()) {
          throw new IOException(
              "vsftpd exited: " + Files.readString(dir.resolve("out.log"), StandardCharsets.UTF_8));
        }
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
          s.setSoTimeout(2_000);
          String line =
              new BufferedReader(
                      new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                  .readLine();
          if (line != null && line.startsWith("220 ")) {
            return;
          }
          throw new IOException("vsftpd greeted with " + line);
        } catch (java.net.ConnectException e) {
          Thread.sleep(50);
        }
      }
      throw new IOException("vsftpd did not listen within 15 s");
    }

    Target target() {
      return Target.parse("ftp://127.0.0.1:" + port);
    }

    @Override
    public void close() throws Exception {
      process.destroy();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void assumeInstalled() {
    Assumptions.assumeTrue(Files.isExecutable(VSFTPD), "vsftpd is not installed");
  }

  @Test
  void anonymousLoginAndTlsAgainstRealVsftpd() throws Exception {
    assumeInstalled();
    try (Vsftpd open = new Vsftpd(true);
        Vsftpd hardened = new Vsftpd(false)) {
      CheckContract.of(new FtpAnonymousLogin())
          .vulnerable(open.target())
          .hardened(hardened.target())
          .verify();
      CheckContract.of(new FtpNoTls())
          .vulnerable(open.target())
          .hardened(hardened.target())
          .verify();
      CheckResult r = FtpChecksTest.scanOne(new FtpAnonymousLogin(), open.target());
      assertThat(r.findings().get(0).evidence())
          .containsEntry("greeting", "220 (vsFTPd 3.0.3)")
          .containsEntry("reply", "230 Login successful.");
    }
  }
}
