package dev.tenken.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Server certificates a careless or hostile device presents, made at test time with the JDK's
 * {@code keytool} (EC P-256, so each takes well under a second) under {@code target/}.
 */
enum TestCertificates {
  /** Valid for 127.0.0.1, but self-signed: no chain to any trusted root. */
  SELF_SIGNED("CN=127.0.0.1", "ip:127.0.0.1", null),
  /** Expired: valid for two days, starting ten days ago. */
  EXPIRED("CN=127.0.0.1", "ip:127.0.0.1", "-10d"),
  /** Names another host entirely. */
  WRONG_HOST("CN=printer.invalid", "dns:printer.invalid", null);

  private static final char[] PASSWORD = "changeit".toCharArray();
  private static final Map<TestCertificates, SSLContext> contexts = new ConcurrentHashMap<>();

  private final String subject;
  private final String san;
  private final String startDate;

  TestCertificates(String subject, String san, String startDate) {
    this.subject = subject;
    this.san = san;
    this.startDate = startDate;
  }

  /** A server-side TLS context presenting this certificate. */
  SSLContext context() {
    return contexts.computeIfAbsent(this, TestCertificates::make);
  }

  private SSLContext make() {
    try {
      Path dir = Files.createDirectories(Path.of("target", "hostile-tls"));
      Path store = dir.resolve(name().toLowerCase(java.util.Locale.ROOT) + ".p12");
      Files.deleteIfExists(store);
      List<String> cmd = new ArrayList<>();
      cmd.addAll(
          List.of(
              Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
              "-genkeypair",
              "-alias",
              "device",
              "-keyalg",
              "EC",
              "-groupname",
              "secp256r1",
              "-dname",
              subject,
              "-ext",
              "SAN=" + san,
              "-validity",
              "2",
              "-keystore",
              store.toString(),
              "-storetype",
              "PKCS12",
              "-storepass",
              new String(PASSWORD),
              "-keypass",
              new String(PASSWORD)));
      if (startDate != null) {
        cmd.addAll(List.of("-startdate", startDate));
      }
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("keytool failed: " + out);
      }
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        ks.load(in, PASSWORD);
      }
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, PASSWORD);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      return ctx;
    } catch (IOException | java.security.GeneralSecurityException e) {
      throw new IllegalStateException("cannot make the " + this + " test certificate", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while making a test certificate", e);
    }
  }
}
