package dev.tenken.database;

import dev.tenken.spi.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client side of one SCRAM exchange (RFC 5802; SCRAM-SHA-256 per RFC 7677) without channel
 * binding, for any protocol that carries SCRAM messages: {@link #clientFirst()}, then {@link
 * #clientFinal(String)} for the server-first message, then {@link #verifyServerFinal(String)},
 * which throws unless the server proved that it knows the password. A server that cannot prove it
 * never counts as an accepted login. The protocol framing (PostgreSQL's SASLInitialResponse and
 * SASLResponse, MongoDB's {@code saslStart} and {@code saslContinue}) stays with each protocol's
 * client; so does the password preparation: the caller passes the password exactly as SCRAM hashes
 * it ({@link #saslPrep} for plain SCRAM, MongoDB's MD5 digest for its SCRAM-SHA-1).
 *
 * <p>Bounded against hostile servers: server messages longer than {@value #MAX_MESSAGE} characters,
 * salts longer than {@value #MAX_SALT} bytes and iteration counts above {@value #MAX_ITERATIONS}
 * (PostgreSQL's and MongoDB's defaults are 4096 to 15000) are refused with a {@link
 * ProtocolException}, so a server cannot make the client spend unbounded CPU or memory. A server
 * nonce must extend the client's, as RFC 5802 requires.
 *
 * <p>Not thread-safe: one instance per login attempt. {@link #toString()} shows no secret.
 */
final class Scram {
  /** The hash functions SCRAM is run with, and their SASL mechanism names. */
  enum Hash {
    SHA_1("SCRAM-SHA-1", "SHA-1", "HmacSHA1"),
    SHA_256("SCRAM-SHA-256", "SHA-256", "HmacSHA256");

    /** The SASL mechanism name. */
    final String mechanism;

    private final String digest;
    private final String hmac;

    Hash(String mechanism, String digest, String hmac) {
      this.mechanism = mechanism;
      this.digest = digest;
      this.hmac = hmac;
    }
  }

  static final int MAX_ITERATIONS = 100_000;
  static final int MAX_SALT = 256;
  static final int MAX_MESSAGE = 4096;
  private static final int NONCE_BYTES = 24;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Hash hash;
  private final String password;
  private final String clientNonce;
  private final String clientFirstBare;
  private byte[] serverSignature = new byte[0];
  private boolean finalSent;

  /**
   * One exchange with a random nonce.
   *
   * @param user the SCRAM user name ({@code n=}; empty for PostgreSQL, which takes the user from
   *     its startup message)
   * @param preparedPassword the password as SCRAM hashes it, already prepared by the caller
   */
  Scram(Hash hash, String user, String preparedPassword) {
    this(hash, user, preparedPassword, randomNonce());
  }

  /** For tests (the RFC examples): a fixed client nonce. */
  Scram(Hash hash, String user, String preparedPassword, String clientNonce) {
    this.hash = hash;
    this.password = preparedPassword;
    this.clientNonce = clientNonce;
    this.clientFirstBare =
        "n=" + user.replace("=", "=3D").replace(",", "=2C") + ",r=" + clientNonce;
  }

  private static String randomNonce() {
    byte[] b = new byte[NONCE_BYTES];
    RANDOM.nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }

  /**
   * The password preparation of plain SCRAM: printable ASCII unchanged (SASLprep is the identity
   * there); anything else NFKC normalised, an approximation of SASLprep sufficient for the
   * vendor-default lists Tenken tries.
   */
  static String saslPrep(String password) {
    for (int i = 0; i < password.length(); i++) {
      if (password.charAt(i) > 0x7e || password.charAt(i) < 0x20) {
        return Normalizer.normalize(password, Normalizer.Form.NFKC);
      }
    }
    return password;
  }

  /** The hash this exchange runs with. */
  Hash hash() {
    return hash;
  }

  /** The client-first message: GS2 header {@code n,,} (no channel binding) and the nonce. */
  String clientFirst() {
    return "n,," + clientFirstBare;
  }

  /**
   * The client-final message with the proof, for the server-first message {@code serverFirst}.
   *
   * @throws ProtocolException when the server-first message is malformed, its nonce does not extend
   *     ours, or its salt or iteration count is out of bounds
   */
  String clientFinal(String serverFirst) throws ProtocolException {
    if (finalSent) {
      throw new ProtocolException("a second SCRAM server-first message");
    }
    if (serverFirst.length() > MAX_MESSAGE) {
      throw new ProtocolException("SCRAM server-first message is too long");
    }
    Map<Character, String> attrs = attributes(serverFirst);
    if (attrs.containsKey('m')) {
      throw new ProtocolException("SCRAM server-first message has a mandatory extension");
    }
    String nonce = attrs.get('r');
    String salt = attrs.get('s');
    String iterations = attrs.get('i');
    if (nonce == null || salt == null || iterations == null) {
      throw new ProtocolException("SCRAM server-first message lacks r=, s= or i=");
    }
    if (!nonce.startsWith(clientNonce) || nonce.length() == clientNonce.length()) {
      throw new ProtocolException("SCRAM server nonce does not extend the client nonce");
    }
    if (!nonce.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ',')) {
      throw new ProtocolException("SCRAM server nonce holds invalid characters");
    }
    byte[] saltBytes;
    try {
      saltBytes = Base64.getDecoder().decode(salt);
    } catch (IllegalArgumentException e) {
      throw new ProtocolException("SCRAM salt is not base64");
    }
    if (saltBytes.length == 0 || saltBytes.length > MAX_SALT) {
      throw new ProtocolException("SCRAM salt length " + saltBytes.length + " is out of bounds");
    }
    int count;
    try {
      count = Integer.parseInt(iterations);
    } catch (NumberFormatException e) {
      throw new ProtocolException("SCRAM iteration count is not a number");
    }
    if (count < 1 || count > MAX_ITERATIONS) {
      throw new ProtocolException(
          "SCRAM iteration count " + count + " is outside 1-" + MAX_ITERATIONS);
    }
    String withoutProof = "c=biws,r=" + nonce;
    String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
    byte[] salted = hi(password.getBytes(StandardCharsets.UTF_8), saltBytes, count);
    byte[] clientKey = hmac(salted, "Client Key");
    byte[] storedKey = digest(clientKey);
    byte[] clientSignature = hmac(storedKey, authMessage);
    byte[] proof = new byte[clientKey.length];
    for (int i = 0; i < proof.length; i++) {
      proof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
    }
    serverSignature = hmac(hmac(salted, "Server Key"), authMessage);
    finalSent = true;
    return withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
  }

  /**
   * Checks the server-final message.
   *
   * @throws ProtocolException when it comes before the client-final message, reports an error
   *     ({@code e=}), lacks a signature, or its signature is not the one only a server that knows
   *     the password can compute
   */
  void verifyServerFinal(String serverFinal) throws ProtocolException {
    if (!finalSent) {
      throw new ProtocolException("SCRAM server-final message before the client-final one");
    }
    if (serverFinal.length() > MAX_MESSAGE) {
      throw new ProtocolException("SCRAM server-final message is too long");
    }
    Map<Character, String> attrs = attributes(serverFinal);
    if (attrs.containsKey('e')) {
      throw new ProtocolException("SCRAM server reported an error: " + shorten(attrs.get('e')));
    }
    String v = attrs.get('v');
    if (v == null) {
      throw new ProtocolException(
          "SCRAM server-final message lacks v=: the server did not prove it knows the password");
    }
    byte[] got;
    try {
      got = Base64.getDecoder().decode(v);
    } catch (IllegalArgumentException e) {
      throw new ProtocolException("SCRAM server signature is not base64");
    }
    if (!MessageDigest.isEqual(got, serverSignature)) {
      throw new ProtocolException(
          "SCRAM server signature does not match: the server did not prove it knows the password");
    }
  }

  /**
   * The {@code k=value} attributes of a SCRAM message, first occurrence of each key kept.
   *
   * @throws ProtocolException when a part is not {@code letter=value}
   */
  static Map<Character, String> attributes(String message) throws ProtocolException {
    if (message.length() > MAX_MESSAGE) {
      throw new ProtocolException("SCRAM message is too long");
    }
    Map<Character, String> out = new LinkedHashMap<>();
    if (message.isEmpty()) {
      return out;
    }
    for (String part : message.split(",", -1)) {
      char key = part.isEmpty() ? 0 : part.charAt(0);
      boolean letter = (key >= 'a' && key <= 'z') || (key >= 'A' && key <= 'Z');
      if (!letter || part.length() < 2 || part.charAt(1) != '=') {
        throw new ProtocolException("malformed SCRAM attribute");
      }
      out.putIfAbsent(key, part.substring(2));
    }
    return out;
  }

  private static String shorten(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }

  /** PBKDF2-HMAC with one output block: Hi() of RFC 5802. */
  private byte[] hi(byte[] key, byte[] salt, int iterations) {
    Mac mac = mac(key);
    mac.update(salt);
    mac.update(new byte[] {0, 0, 0, 1});
    byte[] u = mac.doFinal();
    byte[] result = u.clone();
    for (int i = 1; i < iterations; i++) {
      u = mac.doFinal(u);
      for (int j = 0; j < result.length; j++) {
        result[j] ^= u[j];
      }
    }
    return result;
  }

  private byte[] hmac(byte[] key, String text) {
    return mac(key).doFinal(text.getBytes(StandardCharsets.UTF_8));
  }

  private Mac mac(byte[] key) {
    try {
      Mac mac = Mac.getInstance(hash.hmac);
      // An empty key is valid HMAC (an empty password); SecretKeySpec refuses it, so pad to one
      // zero byte, which HMAC treats identically (keys are zero-padded to the block size).
      mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, hash.hmac));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(hash.hmac + " is required by every Java platform", e);
    }
  }

  private byte[] digest(byte[] data) {
    try {
      return MessageDigest.getInstance(hash.digest).digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(hash.digest + " is required by every Java platform", e);
    }
  }

  @Override
  public String toString() {
    return "Scram[" + hash.mechanism + ", ****]";
  }
}
