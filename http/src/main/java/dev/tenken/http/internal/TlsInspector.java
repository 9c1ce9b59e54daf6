package dev.tenken.http.internal;

import dev.tenken.http.TlsObservation;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.security.auth.x500.X500Principal;

/** Turns a TLS session into a {@link TlsObservation}. Stateless and thread-safe. */
public final class TlsInspector {
  private TlsInspector() {}

  /**
   * What {@code session} shows, checked against {@code name}; empty when the server presented no
   * X.509 certificate.
   */
  public static Optional<TlsObservation> observe(SSLSession session, String name) {
    Certificate[] chain;
    try {
      chain = session.getPeerCertificates();
    } catch (SSLPeerUnverifiedException e) {
      return Optional.empty();
    }
    if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
      return Optional.empty();
    }
    Instant notAfter = leaf.getNotAfter().toInstant();
    return Optional.of(
        new TlsObservation(
            String.valueOf(session.getProtocol()),
            String.valueOf(session.getCipherSuite()),
            leaf.getSubjectX500Principal().getName(X500Principal.RFC2253),
            leaf.getIssuerX500Principal().getName(X500Principal.RFC2253),
            leaf.getNotBefore().toInstant(),
            notAfter,
            selfSigned(leaf),
            Instant.now().isAfter(notAfter),
            HostNames.unbracket(name),
            HostNames.matches(leaf, name),
            sha256(leaf)));
  }

  static boolean selfSigned(X509Certificate cert) {
    if (!cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
      return false;
    }
    try {
      cert.verify(cert.getPublicKey());
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private static String sha256(X509Certificate cert) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
    } catch (GeneralSecurityException e) {
      return "";
    }
  }
}
