package dev.tenken.database;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;

/**
 * mongo-java-server with TLS required (like mongod with net.tls.mode requireTLS): it refuses a
 * plaintext handshake by closing the connection and answers a TLS ClientHello. The key pair is made
 * for the test by the JDK's keytool, in a temporary directory removed on close.
 */
final class MongoTlsServer implements AutoCloseable {
  private static final String PASS = "tenken-test-store";
  private final MongoServer server;
  private final Path dir;

  private MongoTlsServer(MongoServer server, Path dir) {
    this.server = server;
    this.dir = dir;
  }

  static MongoTlsServer start() throws Exception {
    Path dir = Files.createTempDirectory("tenken-mongo-tls");
    Path store = dir.resolve("server.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process p =
        new ProcessBuilder(
                keytool,
                "-genkeypair",
                "-alias",
                "mongo",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                PASS,
                "-keypass",
                PASS)
            .redirectErrorStream(true)
            .start();
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("keytool failed: " + new String(p.getInputStream().readAllBytes()));
      }
    } finally {
      p.destroyForcibly();
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, PASS.toCharArray());
    }
    PrivateKey key = (PrivateKey) ks.getKey("mongo", PASS.toCharArray());
    X509Certificate cert = (X509Certificate) ks.getCertificate("mongo");
    MongoServer server = new MongoServer(new MemoryBackend());
    server.enableSsl(key, null, cert);
    server.bind("127.0.0.1", 0);
    return new MongoTlsServer(server, dir);
  }

  String target() {
    return "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
  }

  @Override
  public void close() throws IOException {
    server.shutdownNow();
    try (var files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }
}
