package dev.tenken.http.internal;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.jspecify.annotations.Nullable;

/**
 * TLS that accepts any certificate and verifies no host name: devices present self-signed and
 * expired certificates, which Tenken observes ({@link TlsInspector}) instead of rejecting. Layers
 * TLS over a socket already admitted by the check's socket factory, so the runner still closes it
 * at the deadline. Stateless and thread-safe.
 */
public final class TrustAllTls implements TlsSocketStrategy {
  /** The one instance. */
  public static final TrustAllTls INSTANCE = new TrustAllTls();

  private static final SSLContext CONTEXT = context();

  private TrustAllTls() {}

  @Override
  public SSLSocket upgrade(
      Socket socket, String target, int port, @Nullable Object attachment, HttpContext context)
      throws IOException {
    return handshake(socket, target, port);
  }

  /**
   * Layers TLS over {@code socket} (closing it with the TLS socket), accepting any certificate, and
   * completes the handshake.
   *
   * @throws javax.net.ssl.SSLException when the peer does not complete a TLS handshake
   */
  public static SSLSocket handshake(Socket socket, String target, int port) throws IOException {
    SSLSocket ssl = (SSLSocket) CONTEXT.getSocketFactory().createSocket(socket, target, port, true);
    SSLParameters params = ssl.getSSLParameters();
    params.setEndpointIdentificationAlgorithm(null);
    params.setServerNames(serverNames(target));
    ssl.setSSLParameters(params);
    ssl.startHandshake();
    return ssl;
  }

  /** SNI for a DNS name; none for an address literal or a name SNI cannot carry. */
  static List<SNIServerName> serverNames(String target) {
    if (HostNames.isAddressLiteral(target)) {
      return List.of();
    }
    String name = target.endsWith(".") ? target.substring(0, target.length() - 1) : target;
    try {
      return List.of(new SNIHostName(name));
    } catch (IllegalArgumentException e) {
      return List.of();
    }
  }

  private static SSLContext context() {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {new AcceptAll()}, new SecureRandom());
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM offers no TLS implementation", e);
    }
  }

  /**
   * Accepts every chain. An {@link X509ExtendedTrustManager}, so the JDK adds no host name or
   * algorithm checks of its own around it.
   */
  private static final class AcceptAll extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
