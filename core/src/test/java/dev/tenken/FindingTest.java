package dev.tenken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class FindingTest {

  private static final String CHECK = "database.redis.no-auth";

  private static Endpoint endpoint(String address, int port) {
    return endpoint(address, port, Transport.TCP);
  }

  private static Endpoint endpoint(String address, int port, Transport transport) {
    try {
      return new Endpoint(address, InetAddress.getByName(address), port, transport, "redis");
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private static Finding.Builder base() {
    return Finding.builder(CHECK, endpoint("192.0.2.10", 6379))
        .title("Redis answers without authentication")
        .severity(Severity.HIGH)
        .key("");
  }

  @Test
  void fingerprintIsStableHexOfFixedLength() {
    Finding a = base().build();
    Finding b = base().build();

    assertThat(a.fingerprint()).isEqualTo(b.fingerprint()).hasSize(32).matches("[0-9a-f]{32}");
    // pinned: a change here breaks every stored baseline and diff
    assertThat(Finding.fingerprint(CHECK, endpoint("192.0.2.10", 6379), ""))
        .isEqualTo(a.fingerprint());
  }

  @Test
  void fingerprintIsTheFirst16BytesOfSha256OverIdEndpointAndKey() throws Exception {
    var sha = java.security.MessageDigest.getInstance("SHA-256");
    byte[] digest =
        sha.digest(
            (CHECK + "\ntcp://192.0.2.10:6379\nCVE-2025-49844")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String expected = java.util.HexFormat.of().formatHex(digest, 0, 16);

    assertThat(base().key("CVE-2025-49844").build().fingerprint()).isEqualTo(expected);
  }

  static Stream<Arguments> variations() {
    return Stream.of(
        Arguments.of(
            "check id",
            Finding.builder("database.redis.other-check", endpoint("192.0.2.10", 6379)).title("t")),
        Arguments.of("address", Finding.builder(CHECK, endpoint("192.0.2.11", 6379)).title("t")),
        Arguments.of("port", Finding.builder(CHECK, endpoint("192.0.2.10", 6380)).title("t")),
        Arguments.of(
            "transport",
            Finding.builder(CHECK, endpoint("192.0.2.10", 6379, Transport.UDP)).title("t")),
        Arguments.of(
            "ipv6 address", Finding.builder(CHECK, endpoint("2001:db8::10", 6379)).title("t")),
        Arguments.of("key", base().key("CVE-2025-49844")),
        Arguments.of("other key", base().key("CVE-2025-49845")));
  }

  @ParameterizedTest(name = "differs by {0}")
  @MethodSource("variations")
  void fingerprintDiffersByCheckIdEndpointAndKey(String what, Finding.Builder other) {
    assertThat(other.build().fingerprint()).isNotEqualTo(base().build().fingerprint());
  }

  @Test
  void fingerprintIgnoresTitleSeverityEvidenceAndTheRest() {
    String reference = base().build().fingerprint();
    Finding other =
        base()
            .title("another title")
            .severity(Severity.LOW)
            .confidence(Confidence.TENTATIVE)
            .countermeasure(Countermeasure.NETWORK_EXPOSURE)
            .description("d")
            .remediation("r")
            .evidence("reply", "+PONG")
            .reference(Reference.cwe(306))
            .build();

    assertThat(other.fingerprint()).isEqualTo(reference);
    assertThat(other.raisedForPublicAddressCopy().fingerprint()).isEqualTo(reference);
    assertThat(other.withConfidence(Confidence.CONFIRMED).fingerprint()).isEqualTo(reference);
  }

  @Test
  void fingerprintIgnoresTheHostNameAndServiceOfTheSameAddressAndPort() throws Exception {
    InetAddress a = InetAddress.getByName("192.0.2.10");
    Endpoint byName = new Endpoint("cache.example", a, 6379, Transport.TCP, "redis");
    Endpoint byAddress = new Endpoint("192.0.2.10", a, 6379, Transport.TCP, "unknown");

    assertThat(Finding.builder(CHECK, byName).title("t").build().fingerprint())
        .isEqualTo(Finding.builder(CHECK, byAddress).title("t").build().fingerprint());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "INFO, LOW",
    "LOW, MEDIUM",
    "MEDIUM, HIGH",
    "HIGH, CRITICAL",
    "CRITICAL, CRITICAL",
  })
  void raisedForPublicAddressCopyRaisesOneStepAndCapsAtCritical(Severity from, Severity to) {
    Finding original = base().severity(from).evidence("k", "v").build();
    Finding raised = original.raisedForPublicAddressCopy();

    assertThat(raised.severity()).isEqualTo(to);
    assertThat(raised.raisedForPublicAddress()).isTrue();
    assertThat(original.severity()).isEqualTo(from);
    assertThat(original.raisedForPublicAddress()).isFalse();
    assertThat(raised.title()).isEqualTo(original.title());
    assertThat(raised.evidence()).isEqualTo(original.evidence());
    assertThat(raised.fingerprint()).isEqualTo(original.fingerprint());
  }

  @Test
  void aFindingIsNeverRaisedTwice() {
    Finding once = base().severity(Severity.LOW).build().raisedForPublicAddressCopy();

    assertThat(once.raisedForPublicAddressCopy().severity()).isEqualTo(Severity.MEDIUM);
    assertThat(once.raisedForPublicAddressCopy()).isEqualTo(once);
  }

  @Test
  void raisedFlagSurvivesCopies() {
    Finding raised = base().build().raisedForPublicAddressCopy();

    assertThat(raised.withConfidence(Confidence.TENTATIVE).raisedForPublicAddress()).isTrue();
    assertThat(raised.redacted(UnaryOperator.identity()).raisedForPublicAddress()).isTrue();
    assertThat(raised.toBuilder().build().raisedForPublicAddress()).isTrue();
  }

  @Test
  void builderRequiresATitle() {
    Finding.Builder noTitle = Finding.builder(CHECK, endpoint("192.0.2.10", 6379));

    assertThatThrownBy(noTitle::build)
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("title");
  }

  @Test
  void builderRejectsNulls() {
    assertThatThrownBy(() -> Finding.builder(null, endpoint("192.0.2.10", 1)))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Finding.builder(CHECK, null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> base().evidence("k", null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> base().severity(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> base().key(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void defaults() {
    Finding f = Finding.builder(CHECK, endpoint("192.0.2.10", 6379)).title("t").build();

    assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(f.confidence()).isEqualTo(Confidence.FIRM);
    assertThat(f.countermeasure()).isEqualTo(Countermeasure.AUTHENTICATION);
    assertThat(f.description()).isEmpty();
    assertThat(f.remediation()).isEmpty();
    assertThat(f.key()).isEmpty();
    assertThat(f.evidence()).isEmpty();
    assertThat(f.references()).isEmpty();
    assertThat(f.raisedForPublicAddress()).isFalse();
    assertThat(f.checkId()).isEqualTo(CHECK);
  }

  @Test
  void redactedAppliesToTitleDescriptionEvidenceRemediationAndKey() {
    UnaryOperator<String> redactor = s -> s.replace("hunter2", Secret.MASK);
    Finding f =
        base()
            .title("default password hunter2 accepted")
            .description("logged in with hunter2")
            .remediation("change hunter2 to a strong password")
            .key("admin:hunter2")
            .evidence("reply", "+OK hunter2")
            .evidence("plain", "nothing secret")
            .build();

    Finding r = f.redacted(redactor);

    assertThat(r.title()).isEqualTo("default password **** accepted");
    assertThat(r.description()).isEqualTo("logged in with ****");
    assertThat(r.remediation()).isEqualTo("change **** to a strong password");
    assertThat(r.key()).isEqualTo("admin:****");
    assertThat(r.evidence())
        .containsEntry("reply", "+OK ****")
        .containsEntry("plain", "nothing secret");
    assertThat(r.toString()).doesNotContain("hunter2");
    // the fingerprint follows the redacted key, so it never derives from the secret
    assertThat(r.fingerprint()).isEqualTo(base().key("admin:****").build().fingerprint());
    // the original is untouched
    assertThat(f.title()).contains("hunter2");
    assertThat(f.evidence()).containsEntry("reply", "+OK hunter2");
  }

  @Test
  void evidenceKeepsInsertionOrderAndLaterValuesReplaceEarlierOnes() {
    Finding f =
        base()
            .evidence("zeta", "1")
            .evidence("alpha", "2")
            .evidence("mid", "3")
            .evidence("alpha", "4")
            .build();

    assertThat(f.evidence().keySet()).containsExactly("zeta", "alpha", "mid");
    assertThat(f.evidence()).containsEntry("alpha", "4");
    assertThat(f.redacted(UnaryOperator.identity()).evidence().keySet())
        .containsExactly("zeta", "alpha", "mid");
    assertThat(f.toBuilder().evidence("new", "5").build().evidence().keySet())
        .containsExactly("zeta", "alpha", "mid", "new");
  }

  @Test
  void isImmutable() {
    Finding.Builder b = base().evidence("a", "1").reference(Reference.cve("CVE-2025-49844"));
    Finding f = b.build();
    b.evidence("b", "2");
    b.reference(Reference.cwe(306));

    assertThat(f.evidence()).containsOnlyKeys("a");
    assertThat(f.references()).containsExactly(Reference.cve("CVE-2025-49844"));
    assertThatThrownBy(() -> f.evidence().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> f.references().add(Reference.cwe(1)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void equalityFollowsContent() {
    Finding a = base().evidence("k", "v").build();

    assertThat(a).isEqualTo(base().evidence("k", "v").build()).hasSameHashCodeAs(base().build());
    assertThat(a).isNotEqualTo(base().evidence("k", "w").build());
    assertThat(a).isNotEqualTo(base().evidence("k", "v").severity(Severity.LOW).build());
    assertThat(a).isNotEqualTo(a.withConfidence(Confidence.TENTATIVE));
  }

  @Test
  void withConfidenceChangesOnlyTheConfidence() {
    Finding a = base().evidence("k", "v").references(List.of(Reference.cwe(306))).build();
    Finding b = a.withConfidence(Confidence.CONFIRMED);

    assertThat(b.confidence()).isEqualTo(Confidence.CONFIRMED);
    assertThat(b.toBuilder().confidence(a.confidence()).build()).isEqualTo(a);
    assertThat(b.references()).isEqualTo(a.references());
  }

  @Test
  void toStringNamesSeverityCheckEndpointAndTitle() {
    assertThat(base().build().toString())
        .isEqualTo(
            "high database.redis.no-auth tcp://192.0.2.10:6379:"
                + " Redis answers without authentication (firm)");
  }
}
