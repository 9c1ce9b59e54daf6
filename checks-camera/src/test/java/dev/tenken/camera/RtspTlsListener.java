package dev.tenken.camera;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A TLS listener on a loopback port standing in for an RTSPS port: completes handshakes with a
 * self-signed certificate made by the JDK's keytool, reads nothing, closes. Test helper.
 */
final class RtspTlsListener implements AutoCloseable {
  private final SSLServerSocket server;
  private final Thread thread;

  private RtspTlsListener(SSLServerSocket server) {
    this.server = server;
    this.thread = new Thread(this::serve, "rtsps-listener");
    thread.setDaemon(true);
    thread.start();
  }

  static RtspTlsListener start() throws Exception {
    Path dir = Files.createTempDirectory("tenken-rtsps");
    Path store = dir.resolve("rtsps.p12");
    char[] pass = "changeit".toCharArray();
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "rtsps",
                "-keyalg",
                "EC",
                "-dname",
                "CN=127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("keytool failed");
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, pass);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, pass);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    SSLServerSocket s =
        (SSLServerSocket)
            ctx.getServerSocketFactory()
                .createServerSocket(0, 16, InetAddress.getLoopbackAddress());
    Files.deleteIfExists(store);
    Files.deleteIfExists(dir);
    return new RtspTlsListener(s);
  }

  int port() {
    return server.getLocalPort();
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        s.setSoTimeout(3_000);
        ((SSLSocket) s).startHandshake();
        s.getInputStream().read();
      } catch (IOException e) {
        // the client closed after its handshake, or the listener closed
      }
    }
  }

  @Override
  public void close() throws Exception {
    server.close();
    thread.join(2_000);
  }
}
