package dev.tenken.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenken.Credentials;
import dev.tenken.spi.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The one SCRAM client ({@link Scram}, used by PostgreSQL and MongoDB) against the published test
 * vectors of RFC 7677 (SHA-256) and RFC 5802 (SHA-1), MongoDB's SCRAM-SHA-1 password digest, and
 * hostile servers: foreign nonces, oversized iteration counts, salts and messages, missing or wrong
 * server signatures.
 */
class ScramTest {
  private static final String RFC7677_NONCE = "rOprNGfwEbeRWgbNEkqO";
  private static final String RFC7677_SERVER_FIRST =
      "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
  private static final String RFC5802_NONCE = "fyko+d2lbbFgONRv9qkxdawL";
  private static final String RFC5802_SERVER_FIRST =
      "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096";

  // ---- test vectors

  @Test
  void sha256MatchesRfc7677() throws Exception {
    Scram s = new Scram(Scram.Hash.SHA_256, "user", "pencil", RFC7677_NONCE);
    assertThat(s.clientFirst()).isEqualTo("n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
    String fin = s.clientFinal(RFC7677_SERVER_FIRST);
    assertThat(fin)
        .isEqualTo(
            "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
    s.verifyServerFinal("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");

    // and the independent computation the simulators use agrees
    String authMessage =
        "n=user,r=rOprNGfwEbeRWgbNEkqO,"
            + RFC7677_SERVER_FIRST
            + ",c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
    byte[][] keys =
        rfcProof(
            "SHA-256",
            "pencil",
            Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="),
            4096,
            authMessage);
    assertThat(Base64.getEncoder().encodeToString(keys[0]))
        .isEqualTo("dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
    assertThat(Base64.getEncoder().encodeToString(keys[1]))
        .isEqualTo("6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
  }

  @Test
  void sha1MatchesRfc5802() throws Exception {
    Scram s = new Scram(Scram.Hash.SHA_1, "user", "pencil", RFC5802_NONCE);
    assertThat(s.clientFirst()).isEqualTo("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL");
    String fin = s.clientFinal(RFC5802_SERVER_FIRST);
    assertThat(fin)
        .isEqualTo(
            "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=");
    s.verifyServerFinal("v=rmF9pqV8S7suAoZWja4dJRkFsKQ=");

    String authMessage =
        "n=user,r=fyko+d2lbbFgONRv9qkxdawL,"
            + RFC5802_SERVER_FIRST
            + ",c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j";
    byte[][] keys =
        rfcProof(
            "SHA-1", "pencil", Base64.getDecoder().decode("QSXCR+Q6sek8bf92"), 4096, authMessage);
    assertThat(Base64.getEncoder().encodeToString(keys[0]))
        .isEqualTo("v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=");
    assertThat(Base64.getEncoder().encodeToString(keys[1]))
        .isEqualTo("rmF9pqV8S7suAoZWja4dJRkFsKQ=");
  }

  @Test
  void mongoSha1HashesTheMd5DigestOfUserMongoPassword() throws Exception {
    // the SCRAM-SHA-1 example of MongoDB's authentication specification
    Credentials c = Credentials.of("user", "pencil");
    String prepared = MongoDefaultCredentials.password(Scram.Hash.SHA_1, c);
    assertThat(prepared).isEqualTo("1c33006ec1ffd90f9cadcbcc0e118200");
    Scram s = new Scram(Scram.Hash.SHA_1, "user", prepared, RFC5802_NONCE);
    String fin =
        s.clientFinal(
            "r=fyko+d2lbbFgONRv9qkxdawLHo+Vgk7qvUOKUwuWLIWg4l/9SraGMHEE,s=rQ9ZY3MntBeuP3E1TDVC4w==,"
                + "i=10000");
    assertThat(fin)
        .isEqualTo(
            "c=biws,r=fyko+d2lbbFgONRv9qkxdawLHo+Vgk7qvUOKUwuWLIWg4l/9SraGMHEE,"
                + "p=MC2T8BvbmWRckDw8oWl5IVghwCY=");
    s.verifyServerFinal("v=UMWeI25JD1yNYZRMpZ4VHvhZ9e0=");
    // SCRAM-SHA-256 hashes the password itself
    assertThat(MongoDefaultCredentials.password(Scram.Hash.SHA_256, c)).isEqualTo("pencil");
  }

  @Test
  void userNamesAreEscapedAndNoncesAreRandom() {
    Scram a = new Scram(Scram.Hash.SHA_256, "a=b,c", "x");
    Scram b = new Scram(Scram.Hash.SHA_256, "a=b,c", "x");
    assertThat(a.clientFirst()).startsWith("n,,n=a=3Db=2Cc,r=").hasSizeGreaterThan(30);
    assertThat(a.clientFirst()).isNotEqualTo(b.clientFirst());
    assertThat(new Scram(Scram.Hash.SHA_256, "", "x").clientFirst()).startsWith("n,,n=,r=");
  }

  @Test
  void anEmptyPasswordStillComputesAProof() throws Exception {
    Scram s = new Scram(Scram.Hash.SHA_256, "", "", "abc");
    assertThat(s.clientFinal("r=abcdef,s=" + salt(16) + ",i=1")).contains(",p=");
  }

  @Test
  void saslPrepLeavesAsciiAloneAndNormalisesTheRest() {
    assertThat(Scram.saslPrep("pencil")).isEqualTo("pencil");
    assertThat(Scram.saslPrep("\u2168")).isEqualTo("IX");
  }

  @Test
  void toStringShowsNoSecret() {
    assertThat(new Scram(Scram.Hash.SHA_1, "user", "s3cr3t-pw").toString())
        .doesNotContain("s3cr3t-pw")
        .contains("SCRAM-SHA-1");
  }

  // ---- hostile servers

  @ParameterizedTest
  @EnumSource(Scram.Hash.class)
  void hostileServerFirstMessagesAreProtocolErrors(Scram.Hash hash) {
    String salt = salt(16);
    List<String> hostile =
        new ArrayList<>(
            List.of(
                "r=rOprNGfwEbeRWgbNEkqOx,s=" + salt + ",i=100000000", // iterations
                "r=rOprNGfwEbeRWgbNEkqOx,s=" + salt + ",i=" + (Scram.MAX_ITERATIONS + 1),
                "r=rOprNGfwEbeRWgbNEkqOx,s=" + salt + ",i=0",
                "r=rOprNGfwEbeRWgbNEkqOx,s=" + salt + ",i=-1",
                "r=rOprNGfwEbeRWgbNEkqOx,s=" + salt + ",i=99999999999",
                "r=rOprNGfwEbeRWgbNEkqOx,s=" + salt + ",i=many",
                "r=someoneElsesNonce,s=" + salt + ",i=4096", // nonce not ours
                "r=rOprNGfwEbeRWgbNEkqO,s=" + salt + ",i=4096", // nonce not extended
                "r=xrOprNGfwEbeRWgbNEkqO,s=" + salt + ",i=4096",
                "r=rOprNGfwEbeRWgbNEkqO\u00e9,s=" + salt + ",i=4096",
                "r=rOprNGfwEbeRWgbNEkqOx,s=!!,i=4096", // salt not base64
                "r=rOprNGfwEbeRWgbNEkqOx,s=,i=4096", // empty salt
                "r=rOprNGfwEbeRWgbNEkqOx,s=" + salt(Scram.MAX_SALT + 1) + ",i=4096", // salt size
                "m=ext,r=rOprNGfwEbeRWgbNEkqOx,s=" + salt + ",i=4096", // mandatory extension
                "r=rOprNGfwEbeRWgbNEkqOx,i=4096", // no salt
                "r=rOprNGfwEbeRWgbNEkqOx,s=" + salt, // no count
                "s=" + salt + ",i=4096", // no nonce
                "r=rOprNGfwEbeRWgbNEkqOx,s=" + salt + ",i=4096,x", // malformed attribute
                "garbage",
                ""));
    hostile.add("r=rOprNGfwEbeRWgbNEkqOx,s=" + salt + ",i=4096,x=" + "a".repeat(Scram.MAX_MESSAGE));
    for (String bad : hostile) {
      Scram s = new Scram(hash, "", "pencil", RFC7677_NONCE);
      assertThatThrownBy(() -> s.clientFinal(bad))
          .as(bad.length() > 100 ? bad.substring(0, 100) : bad)
          .isInstanceOf(ProtocolException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(Scram.Hash.class)
  void theBoundsThemselvesAreAccepted(Scram.Hash hash) throws Exception {
    Scram s = new Scram(hash, "", "pencil", "abc");
    assertThat(s.clientFinal("r=abcd,s=" + salt(Scram.MAX_SALT) + ",i=1")).startsWith("c=biws,");
  }

  @Test
  void aMissingOrWrongServerSignatureIsNeverASuccess() throws Exception {
    for (String bad :
        List.of(
            "v=" + Base64.getEncoder().encodeToString(new byte[32]), // wrong signature
            "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G", // truncated
            "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=x", // not base64
            "v=", // empty
            "", // missing
            "x=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=", // no v=
            "e=invalid-proof", // an error
            "v=" + "A".repeat(Scram.MAX_MESSAGE), // oversized
            "garbage")) {
      Scram s = new Scram(Scram.Hash.SHA_256, "user", "pencil", RFC7677_NONCE);
      s.clientFinal(RFC7677_SERVER_FIRST);
      assertThatThrownBy(() -> s.verifyServerFinal(bad))
          .as(bad.length() > 100 ? bad.substring(0, 100) : bad)
          .isInstanceOf(ProtocolException.class);
    }
    Scram s = new Scram(Scram.Hash.SHA_256, "user", "pencil", RFC7677_NONCE);
    s.clientFinal(RFC7677_SERVER_FIRST);
    assertThatThrownBy(
            () -> s.verifyServerFinal("v=" + Base64.getEncoder().encodeToString(new byte[32])))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("did not prove");
    assertThatThrownBy(() -> s.verifyServerFinal(""))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("did not prove");
    // the SHA-256 signature is not accepted for a SHA-1 exchange of the same messages
    Scram sha1 = new Scram(Scram.Hash.SHA_1, "user", "pencil", RFC7677_NONCE);
    sha1.clientFinal(RFC7677_SERVER_FIRST);
    assertThatThrownBy(
            () -> sha1.verifyServerFinal("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="))
        .isInstanceOf(ProtocolException.class);
  }

  @Test
  void aServerFinalBeforeTheClientFinalIsRefused() {
    Scram s = new Scram(Scram.Hash.SHA_256, "user", "pencil", RFC7677_NONCE);
    assertThatThrownBy(() -> s.verifyServerFinal("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="))
        .isInstanceOf(ProtocolException.class);
  }

  @Test
  void malformedAttributesAreProtocolErrors() throws Exception {
    assertThatThrownBy(() -> Scram.attributes("r")).isInstanceOf(ProtocolException.class);
    assertThatThrownBy(() -> Scram.attributes("x:y,r=1")).isInstanceOf(ProtocolException.class);
    assertThatThrownBy(() -> Scram.attributes("r=1,,s=2")).isInstanceOf(ProtocolException.class);
    assertThatThrownBy(() -> Scram.attributes("1=x")).isInstanceOf(ProtocolException.class);
    assertThat(Scram.attributes("r=a=b,s=c,r=d")).containsEntry('r', "a=b").containsEntry('s', "c");
  }

  private static String salt(int bytes) {
    return Base64.getEncoder().encodeToString(new byte[bytes]);
  }

  /**
   * An independent RFC 5802 computation (the JDK's PBKDF2) for the simulators' server side: {client
   * proof, server signature}.
   */
  static byte[][] rfcProof(
      String hash, String password, byte[] salt, int iterations, String authMessage) {
    try {
      String hmac = "Hmac" + hash.replace("-", "");
      int bits = hash.equals("SHA-1") ? 160 : 256;
      byte[] salted =
          SecretKeyFactory.getInstance("PBKDF2With" + hmac)
              .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, bits))
              .getEncoded();
      byte[] clientKey = mac(hmac, salted, "Client Key");
      byte[] storedKey = MessageDigest.getInstance(hash).digest(clientKey);
      byte[] signature = mac(hmac, storedKey, authMessage);
      byte[] proof = new byte[clientKey.length];
      for (int i = 0; i < proof.length; i++) {
        proof[i] = (byte) (clientKey[i] ^ signature[i]);
      }
      return new byte[][] {proof, mac(hmac, mac(hmac, salted, "Server Key"), authMessage)};
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] mac(String alg, byte[] key, String data) throws Exception {
    Mac m = Mac.getInstance(alg);
    m.init(new SecretKeySpec(key, alg));
    return m.doFinal(data.getBytes(StandardCharsets.UTF_8));
  }
}
