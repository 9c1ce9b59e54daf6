package dev.tenken.printer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.CheckResult;
import dev.tenken.CheckRunner;
import dev.tenken.Endpoint;
import dev.tenken.Scope;
import dev.tenken.Target;
import dev.tenken.test.CheckContract;
import dev.tenken.test.sim.RecordingServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The FTP checks against servers shaped like HP JetDirect (anonymous) and vsftpd (hardened). */
class FtpChecksTest {
  private static final Set<String> ALLOWED =
      Set.of("USER anonymous", "PASS tenken@", "FEAT", "QUIT");

  /** HP JetDirect's FTP print service: anonymous welcome, no FEAT. */
  static RecordingServer jetDirect() throws Exception {
    return RecordingServer.builder()
        .banner("220 JD FTP Server Ready\r\n")
        .answerLines(
            line ->
                switch (line.split(" ", 2)[0]) {
                  case "USER" -> "331 Username Ok, send identity (email) as password.\r\n";
                  case "PASS" -> "230 User logged in.\r\n";
                  case "QUIT" -> "221 Goodbye.\r\n";
                  default -> "502 Command not implemented.\r\n";
                })
        .start();
  }

  /** vsftpd with anonymous_enable=NO and ssl_enable=YES. */
  static RecordingServer vsftpd() throws Exception {
    return RecordingServer.builder()
        .banner("220 (vsFTPd 3.0.3)\r\n")
        .answerLines(
            line ->
                switch (line.split(" ", 2)[0]) {
                  case "USER" -> "331 Please specify the password.\r\n";
                  case "PASS" -> "530 Login incorrect.\r\n";
                  case "FEAT" ->
                      "211-Features:\r\n AUTH SSL\r\n AUTH TLS\r\n EPRT\r\n EPSV\r\n MDTM\r\n"
                          + " PASV\r\n PBSZ\r\n PROT\r\n SIZE\r\n UTF8\r\n211 End\r\n";
                  case "QUIT" -> "221 Goodbye.\r\n";
                  default -> "530 Please login with USER and PASS.\r\n";
                })
        .start();
  }

  static void assertOnlyAllowList(RecordingServer server) {
    for (RecordingServer.Connection c : server.connectionList()) {
      for (String line : c.receivedText().split("\r\n")) {
        if (!line.isEmpty()) {
          assertThat(ALLOWED).as("sent to FTP").contains(line);
        }
      }
    }
  }

  @Test
  void anonymousLoginContract() throws Exception {
    try (RecordingServer open = jetDirect();
        RecordingServer closed = vsftpd()) {
      CheckContract.of(new FtpAnonymousLogin())
          .vulnerable(open.target("ftp"))
          .hardened(closed.target("ftp"))
          .verify();
      assertThat(open.receivedText()).contains("USER anonymous\r\nPASS tenken@\r\nQUIT\r\n");
      assertOnlyAllowList(open);
      assertOnlyAllowList(closed);
    }
  }

  @Test
  void noTlsContract() throws Exception {
    try (RecordingServer open = jetDirect();
        RecordingServer tls = vsftpd()) {
      CheckContract.of(new FtpNoTls())
          .vulnerable(open.target("ftp"))
          .hardened(tls.target("ftp"))
          .verify();
      assertOnlyAllowList(open);
      assertOnlyAllowList(tls);
      assertThat(tls.receivedText()).doesNotContain("USER");
    }
  }

  @Test
  void featWithoutAuthTlsIsAFail() throws Exception {
    try (RecordingServer s =
        RecordingServer.builder()
            .banner("220-Welcome\r\n220 Ricoh FTP server ready\r\n")
            .answerLines(
                line ->
                    line.equals("FEAT")
                        ? "211-Extensions supported:\r\n SIZE\r\n MDTM\r\n211 End.\r\n"
                        : "221 Bye\r\n")
            .start()) {
      CheckResult r = scanOne(new FtpNoTls(), s.target("ftp"));
      assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
      assertThat(r.findings().get(0).evidence().get("feat"))
          .isEqualTo("2 feature(s) listed, no AUTH TLS");
    }
  }

  @Test
  void hostileRepliesEndInErrorWithinTheDeadline() throws Exception {
    String endless = "220-" + "x".repeat(100) + "\r\n";
    for (String banner :
        List.of("220 " + "A".repeat(5000) + "\r\n", "\u0001\u0002garbage\r\n", "220 half a line")) {
      try (RecordingServer s =
          RecordingServer.builder().banner(banner).closeAfterBanner().start()) {
        CheckResult r = scanOne(new FtpAnonymousLogin(), s.target("ftp"));
        assertThat(r.status()).as(r.detail()).isEqualTo(CheckResult.Status.ERROR);
      }
    }
    try (RecordingServer s =
        RecordingServer.builder()
            .banner(endless.repeat(400).getBytes(StandardCharsets.ISO_8859_1))
            .start()) {
      long start = System.nanoTime();
      CheckResult r = scanOne(new FtpNoTls(), s.target("ftp"));
      assertThat(r.status()).isEqualTo(CheckResult.Status.ERROR);
      assertThat(r.detail()).contains("more than 256 lines");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }
  }

  @Test
  void identificationNamesFtpByItsBanner() throws Exception {
    try (RecordingServer s = jetDirect()) {
      var result =
          CheckRunner.builder()
              .scope(Scope.of("127.0.0.1/32"))
              .checks(PrinterChecks.all())
              .bannerWait(Duration.ofMillis(300))
              .build()
              .scan(List.of(Target.of("127.0.0.1", s.port())))
              .targets()
              .get(0);
      assertThat(result.endpoints()).extracting(Endpoint::service).containsExactly("ftp");
      assertThat(result.results())
          .extracting(CheckResult::checkId)
          .contains(FtpAnonymousLogin.ID, FtpNoTls.ID);
      assertOnlyAllowList(s);
    }
  }

  static CheckResult scanOne(dev.tenken.Check check, Target target) throws Exception {
    return CheckRunner.builder()
        .scope(Scope.of("127.0.0.1/32"))
        .check(check)
        .checkTimeout(Duration.ofSeconds(3))
        .build()
        .scan(List.of(target))
        .results()
        .findFirst()
        .orElseThrow();
  }
}
