package dev.tenken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TargetTest {

  private static PortRange p(int port) {
    return PortRange.of(port);
  }

  private static PortRange r(int from, int to) {
    return new PortRange(from, to);
  }

  static Stream<Arguments> validTargets() {
    return Stream.of(
        // text, host, ports, service, canonical toString
        Arguments.of("host", "host", List.of(), null, "host"),
        Arguments.of("db.example.com", "db.example.com", List.of(), null, "db.example.com"),
        Arguments.of("192.0.2.10", "192.0.2.10", List.of(), null, "192.0.2.10"),
        Arguments.of("host:80", "host", List.of(p(80)), null, "host:80"),
        Arguments.of("host:1", "host", List.of(p(1)), null, "host:1"),
        Arguments.of("host:65535", "host", List.of(p(65535)), null, "host:65535"),
        Arguments.of(
            "host:80,443,8000-8010",
            "host",
            List.of(p(80), p(443), r(8000, 8010)),
            null,
            "host:80,443,8000-8010"),
        Arguments.of("host:7-7", "host", List.of(p(7)), null, "host:7"),
        Arguments.of("[::1]", "::1", List.of(), null, "[::1]"),
        Arguments.of("[::1]:8080", "::1", List.of(p(8080)), null, "[::1]:8080"),
        Arguments.of("::1", "::1", List.of(), null, "[::1]"),
        Arguments.of("2001:db8::1", "2001:db8::1", List.of(), null, "[2001:db8::1]"),
        Arguments.of(
            "[2001:DB8::1]:80,81",
            "2001:db8::1",
            List.of(p(80), p(81)),
            null,
            "[2001:db8::1]:80,81"),
        Arguments.of("redis://host", "host", List.of(), "redis", "redis://host"),
        Arguments.of("redis://db:16379", "db", List.of(p(16379)), "redis", "redis://db:16379"),
        Arguments.of("rtsp://cam", "cam", List.of(), "rtsp", "rtsp://cam"),
        Arguments.of("snmp://printer", "printer", List.of(), "snmp", "snmp://printer"),
        Arguments.of("ipp://printer:631", "printer", List.of(p(631)), "ipp", "ipp://printer:631"),
        Arguments.of("http://host/", "host", List.of(), "http", "http://host"),
        Arguments.of("http://host:8080/", "host", List.of(p(8080)), "http", "http://host:8080"),
        Arguments.of("http://[::1]:8080/", "::1", List.of(p(8080)), "http", "http://[::1]:8080"),
        Arguments.of("HOST.Example.COM", "host.example.com", List.of(), null, "host.example.com"),
        Arguments.of(
            "REDIS://DB.Example:1", "db.example", List.of(p(1)), "redis", "redis://db.example:1"),
        Arguments.of("  host:22  ", "host", List.of(p(22)), null, "host:22"),
        Arguments.of("a-b.c-d.example.", "a-b.c-d.example.", List.of(), null, "a-b.c-d.example."),
        Arguments.of("::ffff:127.0.0.1", "::ffff:127.0.0.1", List.of(), null, "[::ffff:127.0.0.1]"),
        Arguments.of(
            "x".repeat(63) + ".example",
            "x".repeat(63) + ".example",
            List.of(),
            null,
            "x".repeat(63) + ".example"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validTargets")
  void parsesValidTargets(
      String text, String host, List<PortRange> ports, String service, String canonical) {
    Target t = Target.parse(text);

    assertThat(t.host()).isEqualTo(host);
    assertThat(t.ports()).containsExactlyElementsOf(ports);
    assertThat(t.service()).isEqualTo(Optional.ofNullable(service));
    assertThat(t.labels()).isEmpty();
    assertThat(t.hasPorts()).isEqualTo(!ports.isEmpty());
    assertThat(t).hasToString(canonical);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validTargets")
  void toStringRoundTripsThroughParse(
      String text, String host, List<PortRange> ports, String service, String canonical) {
    Target t = Target.parse(text);
    Target again = Target.parse(t.toString());

    assertThat(again).isEqualTo(t);
    assertThat(again.toString()).isEqualTo(t.toString());
  }

  static Stream<Arguments> invalidTargets() {
    return Stream.of(
        // text, expected bad part, text the message must contain
        Arguments.of("not_a_target::", "not_a_target::", "'not_a_target::' is not an IPv6 address"),
        Arguments.of("", "", "empty target"),
        Arguments.of("   ", "   ", "empty target"),
        Arguments.of("host:", ":", "nothing after ':'"),
        Arguments.of("host:0", "0", "port '0'"),
        Arguments.of("host:70000", "70000", "port '70000'"),
        Arguments.of("host:65536", "65536", "port '65536'"),
        Arguments.of("host:10-5", "10-5", "'10-5' runs backwards"),
        Arguments.of("host:abc", "abc", "port 'abc'"),
        Arguments.of("host:80,", "80,", "'80,' has an empty entry"),
        Arguments.of("host:,80", ",80", "',80' has an empty entry"),
        Arguments.of("host:-5", "-5", "port range '-5'"),
        Arguments.of("host:80-", "80-", "port range '80-'"),
        Arguments.of("host:1-2-3", "1-2-3", "port range '1-2-3'"),
        Arguments.of("host:123456", "123456", "port '123456'"),
        Arguments.of("http://host/path", "/path", "a path ('/path')"),
        Arguments.of("http://[::1]:80/x", "/x", "a path ('/x')"),
        Arguments.of("[::1", "[::1", "no ']' closes"),
        Arguments.of("[::1]8080", "8080", "'8080' after the IPv6 address"),
        Arguments.of("[127.0.0.1]", "127.0.0.1", "'127.0.0.1' is not an IPv6 address"),
        Arguments.of("[::g]", "::g", "'::g' is not an IPv6 address"),
        Arguments.of("1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8:9", "is not an IPv6 address"),
        Arguments.of("host:80:90", "host:80:90", "'host:80:90' is not an IPv6 address"),
        Arguments.of("256.1.1.1", "256", "'256'"),
        Arguments.of("1.2.3.999", "999", "'999'"),
        Arguments.of("-bad-.example", "-bad-.example", "'-bad-.example' is not a host name"),
        Arguments.of("bad-.example", "bad-.example", "'bad-.example' is not a host name"),
        Arguments.of("a..b", "a..b", "'a..b' is not a host name"),
        Arguments.of("under_score", "under_score", "'_' is not allowed"),
        Arguments.of("sp ace", "sp ace", "' ' is not allowed"),
        Arguments.of("http://host?x", "host?x", "'?' is not allowed"),
        Arguments.of("1http://host", "1http", "scheme '1http'"),
        Arguments.of("://host", "", "scheme ''"),
        Arguments.of("redis://", "", "the host is missing"),
        Arguments.of(":80", "", "the host is missing"),
        Arguments.of("x".repeat(64) + ".example", "x".repeat(64), "at most 63"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidTargets")
  void rejectsInvalidTargetsNamingTheBadPart(String text, String badPart, String messagePart) {
    TargetParseException e =
        catchThrowableOfType(TargetParseException.class, () -> Target.parse(text));

    assertThat(e).as("parse(%s) must fail", text).isNotNull();
    assertThat(e.badPart()).isEqualTo(badPart);
    assertThat(e.getMessage()).contains(messagePart);
    assertThat(e.getMessage()).startsWith("bad target '" + text + "'");
    assertThat(e.input()).isEqualTo(text);
    assertThat(e.getMessage()).doesNotContain("\n");
    if (!badPart.isBlank()) {
      assertThat(e.getMessage()).contains(badPart);
    }
  }

  @Test
  void a300CharacterNameIsRefusedForItsLength() {
    String name =
        String.join(
            ".", "a".repeat(60), "b".repeat(60), "c".repeat(60), "d".repeat(60), "e".repeat(56));
    assertThat(name).hasSize(300);

    TargetParseException e =
        catchThrowableOfType(TargetParseException.class, () -> Target.parse(name));

    assertThat(e).isNotNull();
    assertThat(e.badPart()).isEqualTo(name);
    assertThat(e.getMessage()).contains("300 characters").contains("at most 253");
  }

  @Test
  void aSingle300CharacterLabelIsRefused() {
    String name = "a".repeat(300);

    TargetParseException e =
        catchThrowableOfType(TargetParseException.class, () -> Target.parse(name));

    assertThat(e).isNotNull();
    assertThat(e.badPart()).isEqualTo(name);
    assertThat(e.getMessage()).contains("at most 253");
  }

  @Test
  void aNameOf253CharactersIsAccepted() {
    String name = String.join(".", "a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(61));
    assertThat(name).hasSize(253);

    assertThat(Target.parse(name).host()).isEqualTo(name);
    assertThatThrownBy(() -> Target.parse(name + "e")).isInstanceOf(TargetParseException.class);
  }

  static Stream<Arguments> targetsWithCredentials() {
    return Stream.of(
        Arguments.of("redis://user:pw@host", "pw", "user:****@"),
        Arguments.of("redis://user:pw@host:6379", "pw", "user:****@"),
        Arguments.of("redis://:hunter2@host", "hunter2", ":****@"),
        Arguments.of("http://admin:p@ss@host/", "p@ss", "admin:****@"),
        Arguments.of("http://admin:s3cr3t@host/private/path", "s3cr3t", "admin:****@"),
        Arguments.of("http://admin:a/b@host", "a/b", "admin:****@"),
        Arguments.of("user:topsecret@host", "topsecret", "user:****@"),
        Arguments.of("user:4242@host:80", "4242", "user:****@"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targetsWithCredentials")
  void refusesCredentialsWithoutRepeatingThePassword(
      String text, String password, String maskedBadPart) {
    TargetParseException e =
        catchThrowableOfType(TargetParseException.class, () -> Target.parse(text));

    assertThat(e).isNotNull();
    assertThat(e.getMessage()).contains("credentials").contains("refused");
    assertThat(e.getMessage()).doesNotContain(password);
    assertThat(e.badPart()).doesNotContain(password).isEqualTo(maskedBadPart);
    assertThat(e.input()).doesNotContain(password).contains(Secret.MASK);
    assertThat(e.toString()).doesNotContain(password);
  }

  @Test
  void refusesAUserNameWithoutPassword() {
    TargetParseException e =
        catchThrowableOfType(
            TargetParseException.class, () -> Target.parse("ftp://anonymous@host"));

    assertThat(e.badPart()).isEqualTo("anonymous@");
    assertThat(e.getMessage()).contains("credentials ('anonymous@')");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.2.3", "999", "10.1"})
  void numericNamesStayNamesForTheResolverAndScopeToJudge(String text) {
    // The JDK reads these as IPv4 addresses (1.2.0.3, 0.0.3.231, 10.0.0.1); Scope judges the
    // address a connection uses, so Target keeps the text as given.
    assertThat(Target.parse(text).host()).isEqualTo(text);
  }

  @Test
  void ofAddsPortsAndKeepsTheService() {
    Target t = Target.of("redis://db", 6379, 16379);

    assertThat(t.host()).isEqualTo("db");
    assertThat(t.service()).contains("redis");
    assertThat(t.ports()).containsExactly(p(6379), p(16379));
    assertThat(Target.of("db")).isEqualTo(Target.parse("db"));
  }

  @Test
  void withServiceAndWithLabelReturnNewTargets() {
    Target base = Target.parse("cam:554");
    Target hinted = base.withService("RTSP").withLabel("owner", "facilities").withLabel("tag", "7");

    assertThat(hinted.service()).contains("rtsp");
    assertThat(hinted.labels())
        .containsExactlyInAnyOrderEntriesOf(Map.of("owner", "facilities", "tag", "7"));
    assertThat(base.service()).isEmpty();
    assertThat(base.labels()).isEmpty();
    assertThat(hinted.toString()).isEqualTo("rtsp://cam:554");
  }

  @Test
  void isImmutable() {
    Target t = Target.parse("host:80").withLabel("a", "b");

    assertThatThrownBy(() -> t.ports().add(p(1))).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> t.labels().put("c", "d"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void nullIsRejected() {
    assertThatThrownBy(() -> Target.parse(null)).isInstanceOf(NullPointerException.class);
  }
}
