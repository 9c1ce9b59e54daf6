package dev.tenken.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.Secret;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random secrets never survive redaction (goal R9, 10,000 cases per property by default):
 * configured secrets, with characters that mean something to regular expressions and URLs,
 * repeated, adjacent and overlapping in random text; and values a device shows in the shapes the
 * redactor knows ({@code password=}, {@code requirepass}, {@code Authorization}, URI user
 * information, XML and JSON), which no one configured.
 */
class SecretRedactionPropertyTest {

  @Property
  void configuredSecretsNeverSurviveWhereverTheyAppear(
      @ForAll("secrets") List<String> secrets,
      @ForAll("pieces") List<String> filler,
      @ForAll long mix) {
    StringBuilder text = new StringBuilder();
    java.util.Random r = new java.util.Random(mix);
    for (String piece : filler) {
      text.append(piece);
      String s = secrets.get(r.nextInt(secrets.size()));
      // whole, twice in a row, or overlapping with the next one
      text.append(r.nextInt(3) == 0 ? s + s : s);
      if (r.nextBoolean()) {
        text.append(s, 0, s.length() / 2);
      }
    }
    Redactor redactor = new Redactor(secrets.stream().map(Secret::of).toList());

    String out = redactor.redact(text.toString());

    for (String s : secrets) {
      assertThat(out).doesNotContain(s);
    }
  }

  @Property
  void secretLookingValuesFromADeviceNeverSurvive(
      @ForAll("values") String value,
      @ForAll("shapes") String shape,
      @ForAll("pieces") List<String> around) {
    String text =
        String.join(" ", around)
            + "\n"
            + shape.replace("{}", value)
            + "\n"
            + String.join(" ", around);

    String out = new Redactor(List.of()).redact(text);

    assertThat(out).doesNotContain(value).contains(Secret.MASK);
  }

  @Provide
  Arbitrary<List<String>> secrets() {
    return Arbitraries.strings()
        .withChars("abcXYZ0189.$^()[]{}|\\+?/@:%=&#\"' -")
        .ofMinLength(4)
        .ofMaxLength(24)
        .list()
        .ofMinSize(1)
        .ofMaxSize(3);
  }

  /** Text around secrets: words, punctuation and line breaks. */
  @Provide
  Arbitrary<List<String>> pieces() {
    return Arbitraries.strings().withChars("abc xyz,.:;=\n\t").ofMaxLength(12).list().ofMaxSize(6);
  }

  /** A device's secret: long and mixed enough that the surrounding words cannot contain it. */
  @Provide
  Arbitrary<String> values() {
    return Combinators.combine(
            Arbitraries.strings().withCharRange('A', 'Z').ofLength(2),
            Arbitraries.strings()
                .withChars("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789!$%*+-._~")
                .ofMinLength(4)
                .ofMaxLength(30),
            Arbitraries.strings().numeric().ofLength(2))
        .as((a, b, c) -> a + b + c);
  }

  /** The shapes in which devices show secrets; {@code {}} is the value. */
  @Provide
  Arbitrary<String> shapes() {
    return Arbitraries.of(
        "password={}",
        "login: user=admin&password={}&x=1",
        "\"password\": \"{}\"",
        "db_password: {}",
        "adminPassword='{}'",
        "token = {}",
        "api-key: {}",
        "requirepass {}",
        "  masterauth \"{}\"",
        "requirepass={}",
        "rocommunity {} default",
        "snmp-server community {} RO",
        "Authorization: Basic {}",
        "authorization: Bearer {}",
        "{\"Authorization\": \"Digest {}\"}",
        "Proxy-Authorization: {}",
        "upstream mongodb://admin:{}@10.0.0.1:27017/db",
        "rtsp://user:{}@cam/stream",
        "<Password>{}</Password>",
        "<wsse:Password Type=\"PasswordText\">{}</wsse:Password>");
  }
}
