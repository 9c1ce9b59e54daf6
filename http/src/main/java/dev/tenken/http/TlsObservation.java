package dev.tenken.http;

import java.time.Instant;
import java.util.Objects;

/**
 * What a TLS handshake with a device showed. Tenken accepts any certificate (devices use
 * self-signed and expired ones) and records what it saw instead, so checks can report it. Immutable
 * and thread-safe.
 *
 * @param protocol the negotiated protocol, such as {@code TLSv1.3}
 * @param cipherSuite the negotiated cipher suite, such as {@code TLS_AES_128_GCM_SHA256}
 * @param subject the leaf certificate's subject, RFC 2253 ({@code CN=printer.example,O=Acme})
 * @param issuer the leaf certificate's issuer, RFC 2253
 * @param notBefore start of the leaf certificate's validity
 * @param notAfter end of the leaf certificate's validity
 * @param selfSigned whether the leaf certificate names itself as issuer and verifies with its own
 *     key
 * @param expired whether {@code notAfter} had passed when the handshake was observed
 * @param checkedName the host name or address the certificate was checked against
 * @param nameMatches whether the certificate's subject alternative names (or, lacking them, its
 *     common name) cover {@code checkedName}; wildcards match one leftmost label
 * @param sha256 the SHA-256 fingerprint of the leaf certificate, lower-case hex
 */
public record TlsObservation(
    String protocol,
    String cipherSuite,
    String subject,
    String issuer,
    Instant notBefore,
    Instant notAfter,
    boolean selfSigned,
    boolean expired,
    String checkedName,
    boolean nameMatches,
    String sha256) {

  /** Checks every part is present. */
  public TlsObservation {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(cipherSuite, "cipherSuite");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(notAfter, "notAfter");
    Objects.requireNonNull(checkedName, "checkedName");
    Objects.requireNonNull(sha256, "sha256");
  }
}
