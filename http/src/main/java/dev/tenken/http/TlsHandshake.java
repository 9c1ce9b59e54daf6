package dev.tenken.http;

import dev.tenken.Endpoint;
import dev.tenken.http.internal.TlsInspector;
import dev.tenken.http.internal.TrustAllTls;
import dev.tenken.spi.CheckContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * Completes a TLS handshake with an endpoint to learn whether it speaks TLS and what certificate it
 * shows, for checks of protocols other than HTTP (Redis, MQTT, databases) that must tell a TLS
 * listener from a plaintext one. The certificate is observed, never trusted: any chain is accepted,
 * no host name is verified, and nothing is sent over the session. The socket comes from the check's
 * context, so scope, print-port guard, deadline and rate limit hold. Stateless.
 */
public final class TlsHandshake {
  private TlsHandshake() {}

  /**
   * Connects to {@code endpoint}, completes a TLS handshake and closes the connection.
   *
   * @return the protocol, cipher suite and certificate facts
   * @throws SSLException when the endpoint does not complete a TLS handshake, or shows no X.509
   *     certificate
   * @throws IOException when the connection fails or the deadline passes
   */
  public static TlsObservation observe(CheckContext context, Endpoint endpoint) throws IOException {
    Socket plain = context.socketFactory().createSocket();
    plain.connect(
        new InetSocketAddress(endpoint.address(), endpoint.port()),
        (int) Math.max(1, context.connectTimeout().toMillis()));
    plain.setSoTimeout((int) Math.max(1, context.remaining().toMillis()));
    try (SSLSocket tls = TrustAllTls.handshake(plain, endpoint.host(), endpoint.port())) {
      return TlsInspector.observe(tls.getSession(), endpoint.host())
          .orElseThrow(() -> new SSLException("the TLS peer showed no X.509 certificate"));
    }
  }
}
