package dev.tenken.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.Secret;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {

  private static final Redactor NONE = new Redactor(List.of());

  private static Redactor of(String... secrets) {
    return new Redactor(Stream.of(secrets).map(Secret::of).toList());
  }

  // ---- the quick pre-scan ----

  /**
   * Texts without any cue word skip the six patterns; each kind of secret must still carry a cue in
   * every spelling the patterns accept, whatever its case.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "PASSWORD=v4lue",
        "Pwd: v4lue",
        "APIKEY=v4lue",
        "x-api-key: v4lue",
        "AUTH_KEY=v4lue",
        "Secret = v4lue",
        "TOKEN='v4lue'",
        "MASTERAUTH v4lue",
        "REQUIREPASS v4lue",
        "rwcommunity6 v4lue default",
        "snmp-server community v4lue RO",
        "Proxy-Authorization: Basic v4lue",
        "rtsp://admin:v4lue@127.0.0.1/stream",
        "<wsse:Passphrase>v4lue</wsse:Passphrase>"
      })
  void everyKindOfSecretStillPassesThePreScan(String text) {
    assertThat(NONE.redact(text)).doesNotContain("v4lue").contains("****");
  }

  @Test
  void textsWithoutACueAreLeftAsTheyAre() {
    assertThat(NONE.redact("cpe:2.3:a:redis:redis:7.2.4")).isEqualTo("cpe:2.3:a:redis:redis:7.2.4");
    assertThat(NONE.redact("redis_version:7.2.4\r\nredis_mode:standalone"))
        .isEqualTo("redis_version:7.2.4\r\nredis_mode:standalone");
  }

  // ---- configured secrets ----

  @Test
  void configuredSecretsAreMaskedEverywhere() {
    Redactor r = of("hunter2", "public");

    assertThat(r.redact("hunter2")).isEqualTo("****");
    assertThat(r.redact("pw hunter2 at start, hunter2 again and xhunter2x"))
        .isEqualTo("pw **** at start, **** again and x****x");
    assertThat(r.redact("community public read")).doesNotContain("public");
    assertThat(r.redact("line1\nhunter2\nline3")).isEqualTo("line1\n****\nline3");
    assertThat(r.redact("{\"k\":\"hunter2\"}")).isEqualTo("{\"k\":\"****\"}");
    assertThat(r.redact("nothing here")).isEqualTo("nothing here");
    assertThat(r.redact("")).isEmpty();
  }

  @Test
  void longerSecretsWinOverTheirPrefixes() {
    Redactor r = of("hunter2", "hunter2hunter");

    assertThat(r.redact("a hunter2hunter b hunter2 c")).isEqualTo("a **** b **** c");
    assertThat(r.redact("hunter2hunter2")).doesNotContain("hunter").doesNotContain("2");
  }

  @Test
  void overlappingSecretsLeaveNoPartVisible() {
    Redactor r = of("abcdef", "defghi");

    assertThat(r.redact("abcdefghi")).isEqualTo("****");
    assertThat(r.redact("xx abcdefghi yy")).isEqualTo("xx **** yy");
    assertThat(r.redact("defghiabcdef")).isEqualTo("****");
    assertThat(r.redact("abcdef defghi")).isEqualTo("**** ****");
  }

  @Test
  void aSecretInsideAnotherIsMaskedAsOne() {
    Redactor r = of("s3cr3t-token-value", "token");

    assertThat(r.redact("id s3cr3t-token-value end")).isEqualTo("id **** end");
    assertThat(r.redact("token alone")).isEqualTo("**** alone");
  }

  @Test
  void selfOverlappingOccurrencesAreMaskedWhole() {
    Redactor r = of("aa");

    assertThat(r.redact("aaa")).isEqualTo("****");
    assertThat(r.redact("baaab")).isEqualTo("b****b");
  }

  @Test
  void emptySecretsAreIgnored() {
    Redactor r = of("", "x1");

    assertThat(r.redact("plain text")).isEqualTo("plain text");
    assertThat(r.redact("has x1")).isEqualTo("has ****");
  }

  @Test
  void secretsWithRegexOrReplacementCharactersAreMaskedLiterally() {
    Redactor r = of("p$1\\.*", "(a|b)");

    assertThat(r.redact("x p$1\\.* y")).isEqualTo("x **** y");
    assertThat(r.redact("(a|b) a b")).isEqualTo("**** a b");
  }

  @Test
  void secretsAreCaseSensitive() {
    assertThat(of("Hunter2").redact("hunter2")).isEqualTo("hunter2");
  }

  // ---- values that look secret ----

  static Stream<Arguments> secretLooking() {
    return Stream.of(
        // key=value and key: value
        Arguments.of("password=s3cret rest", "password=**** rest", "s3cret"),
        Arguments.of("PASSWORD=s3cret", "PASSWORD=****", "s3cret"),
        Arguments.of("passwd: s3cret", "passwd: ****", "s3cret"),
        Arguments.of("pwd=s3cret;next", "pwd=****;next", "s3cret"),
        Arguments.of("pass: s3cret", "pass: ****", "s3cret"),
        Arguments.of("passphrase = s3cret", "passphrase = ****", "s3cret"),
        Arguments.of("token=abc123&user=x", "token=****&user=x", "abc123"),
        Arguments.of("api_key=K123", "api_key=****", "K123"),
        Arguments.of("api-key: K123", "api-key: ****", "K123"),
        Arguments.of("apikey=K123", "apikey=****", "K123"),
        Arguments.of("X-Api-Key: K123", "X-Api-Key: ****", "K123"),
        Arguments.of("secret=s3cret", "secret=****", "s3cret"),
        Arguments.of("community=private", "community=****", "private"),
        Arguments.of("auth_key=z9", "auth_key=****", "z9"),
        Arguments.of("authkey=z9", "authkey=****", "z9"),
        Arguments.of("db_password=s3cret", "db_password=****", "s3cret"),
        Arguments.of("client_secret=s3cret", "client_secret=****", "s3cret"),
        Arguments.of("adminPassword: s3cret", "adminPassword: ****", "s3cret"),
        Arguments.of("?user=a&password=s3cret&x=1", "?user=a&password=****&x=1", "s3cret"),
        // quoted values, JSON and friends
        Arguments.of("\"password\": \"x\"", "\"password\": \"****\"", null),
        Arguments.of(
            "{\"password\":\"s3cret\",\"a\":1}", "{\"password\":\"****\",\"a\":1}", "s3cret"),
        Arguments.of("\"password\": \"two words\"", "\"password\": \"****\"", "words"),
        Arguments.of("password=\"a b c\"", "password=\"****\"", " b c"),
        Arguments.of("PASSWORD='abc def'", "PASSWORD='****'", "abc"),
        Arguments.of("secret = 'abc'", "secret = '****'", "abc"),
        Arguments.of("{'token': 'abc'}", "{'token': '****'}", "abc"),
        Arguments.of(
            "{\"password\":\"a\\\"b\",\"x\":1}", "{\"password\":\"****\",\"x\":1}", "a\\\"b"),
        // configuration lines
        Arguments.of("requirepass s3cret", "requirepass ****", "s3cret"),
        Arguments.of("requirepass s3cret\nport 6379", "requirepass ****\nport 6379", "s3cret"),
        Arguments.of("port 6379\n  requirepass s3cret", "port 6379\n  requirepass ****", "s3cret"),
        Arguments.of("requirepass \"two words\"", "requirepass \"****\"", "words"),
        Arguments.of("masterauth s3cret", "masterauth ****", "s3cret"),
        Arguments.of("requirepass=s3cret", "requirepass=****", "s3cret"),
        Arguments.of("\"requirepass\": \"s3cret\"", "\"requirepass\": \"****\"", "s3cret"),
        Arguments.of("masterauth => s3cret", "masterauth => ****", "s3cret"),
        Arguments.of("rocommunity public default", "rocommunity **** default", "public"),
        Arguments.of("rwcommunity private 10.0.0.0/8", "rwcommunity **** 10.0.0.0/8", "private"),
        Arguments.of("snmp-server community public RO", "snmp-server community **** RO", "public"),
        // headers
        Arguments.of(
            "Authorization: Basic dXNlcjpwYXNz", "Authorization: Basic ****", "dXNlcjpwYXNz"),
        Arguments.of("authorization: Bearer abc.def.ghi", "authorization: Bearer ****", "abc.def"),
        Arguments.of("Authorization: dXNlcjpwYXNz", "Authorization: ****", "dXNlcjpwYXNz"),
        Arguments.of(
            "Proxy-Authorization: Digest username=\"a\", response=\"b\"",
            "Proxy-Authorization: Digest ****",
            "response"),
        Arguments.of(
            "GET / HTTP/1.1\r\nHost: cam\r\nAuthorization: Basic YWRtaW46YWRtaW4=\r\nAccept: */*",
            "GET / HTTP/1.1\r\nHost: cam\r\nAuthorization: Basic ****\r\nAccept: */*",
            "YWRtaW46YWRtaW4="),
        Arguments.of(
            "{\"Authorization\": \"Basic abc\", \"Host\": \"x\"}",
            "{\"Authorization\": \"Basic ****\", \"Host\": \"x\"}",
            "abc"),
        // URIs
        Arguments.of("redis://user:pass@host:6379/0", "redis://user:****@host:6379/0", "pass"),
        Arguments.of("redis://:s3cret@host", "redis://:****@host", "s3cret"),
        Arguments.of("mqtt://:pw@broker", "mqtt://:****@broker", "pw@"),
        Arguments.of("http://admin:p@ss@host/", "http://admin:****@host/", "p@ss"),
        Arguments.of(
            "see http://admin:admin1@cam/a and rtsp://root:pass1@cam:554/live",
            "see http://admin:****@cam/a and rtsp://root:****@cam:554/live",
            "pass1"),
        Arguments.of(
            "mongodb://app:s3cret@db1:27017,db2:27017/?replicaSet=rs",
            "mongodb://app:****@db1:27017,db2:27017/?replicaSet=rs",
            "s3cret"),
        // XML
        Arguments.of("<Password>s3cret</Password>", "<Password>****</Password>", "s3cret"),
        Arguments.of(
            "<wsse:Password Type=\"#PasswordDigest\">dig==</wsse:Password>",
            "<wsse:Password Type=\"#PasswordDigest\">****</wsse:Password>",
            "dig=="));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("secretLooking")
  void masksValuesThatLookSecret(String text, String expected, String mustNotAppear) {
    String out = NONE.redact(text);

    assertThat(out).isEqualTo(expected);
    if (mustNotAppear != null) {
      assertThat(out).doesNotContain(mustNotAppear);
    }
    // idempotent: redacting twice changes nothing more
    assertThat(NONE.redact(out)).isEqualTo(out);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "-NOAUTH Authentication required.",
        "-NOAUTH Authentication required",
        "WRONGPASS invalid username-password pair or user is disabled.",
        "-WRONGPASS invalid username-password pair",
        "-ERR AUTH <password> called without any password configured for the default user.",
        "password required",
        "Password required",
        "Set a password",
        "set a password with CONFIG SET requirepass",
        "Redis has no requirepass configured",
        "# requirepass foobared",
        "the password is wrong",
        "Passwords: disabled",
        "password_required=true",
        "passwordAuthentication: no",
        "passes: 3 tests",
        "compass: north",
        "bypass=yes",
        "token expired",
        "auth required",
        "Authentication: none",
        "WWW-Authenticate: Basic realm=\"camera\"",
        "WWW-Authenticate: Digest realm=\"x\", nonce=\"abc\", qop=\"auth\"",
        "RTSP/1.0 401 Unauthorized",
        "HTTP/1.1 200 OK",
        "url http://host:8080/path?q=1",
        "a: http://user@host/",
        "mongodb://db1:27017/?replicaSet=rs",
        "password: ",
        "\"password\": \"\"",
        "token:",
        "Password:\nUser: admin",
        "secret",
        "CONNACK return code 5: not authorized",
        "command find requires authentication",
        "sysDescr: HP LaserJet 4250",
        "Server: Hikvision-Webs",
        "version=7.2.4 mode=standalone",
        "user=admin",
      })
  void leavesOrdinaryTextAlone(String text) {
    assertThat(NONE.redact(text)).isEqualTo(text);
    assertThat(of("hunter2").redact(text)).isEqualTo(text);
  }

  @Test
  void configuredAndLookalikeMaskingCombine() {
    Redactor r = of("hunter2");

    assertThat(r.redact("requirepass hunter2\nAUTH hunter2 -> +OK, password=other"))
        .isEqualTo("requirepass ****\nAUTH **** -> +OK, password=****");
  }

  @Test
  void redactionOfLongTextIsFast() {
    String text = "password is not set; ".repeat(20_000) + "password=x";
    long start = System.nanoTime();

    String out = of("abc", "def").redact(text);

    assertThat(out).endsWith("password=****");
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
  }

  @Test
  void aCleanTextSeenBeforeStaysCleanAndASecretOneIsMaskedEveryTime() {
    Redactor r = of("hunter2-secret");
    String prose = "Redis answers commands from anyone who can reach this port, no login needed.";
    String leaky = "the server was configured with hunter2-secret as its only credential";
    for (int i = 0; i < 3; i++) {
      assertThat(r.redact(prose)).isSameAs(prose);
      assertThat(r.redact(leaky)).doesNotContain("hunter2").contains(Secret.MASK);
      assertThat(r.redact("requirepass is set; password=abcdefgh12345678 in the config file"))
          .doesNotContain("abcdefgh12345678");
    }
  }
}
