package dev.tenken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckDescriptorTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "database.redis.no-auth",
        "camera.rtsp.default-credentials",
        "printer.pjl.info-id",
        "printer.snmp.public-community",
        "database.redis.cve-2025-49844",
        "a.b.c",
        "a1.b2.c3",
        "camera.rtsp-over-http.no-auth",
        "database.redis.config.get-dir",
        "x.y.z-1-2-3",
      })
  void acceptsWellFormedIds(String id) {
    CheckDescriptor d = CheckDescriptor.builder(id, "t").services("svc").build();

    assertThat(d.id()).isEqualTo(id);
    assertThat(d.area()).isEqualTo(id.substring(0, id.indexOf('.')));
    assertThat(CheckDescriptor.ID.matcher(id).matches()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Database.redis.x",
        "database.Redis.x",
        "database.redis.No-auth",
        "redis.no-auth",
        "redis",
        "",
        "a..b.c",
        "a.b..c",
        ".a.b.c",
        "a.b.c.",
        "a.b.-c",
        "a.b.c-",
        "a.b.c--d",
        "a-b.c.d",
        "1a.b.c",
        "a.b.c_d",
        "a.b.c d",
        "a.b.c\n",
        "a.b.ç",
      })
  void rejectsMalformedIds(String id) {
    assertThat(CheckDescriptor.ID.matcher(id).matches()).isFalse();
    assertThatThrownBy(() -> CheckDescriptor.builder(id, "t").services("svc").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + id + "'")
        .hasMessageContaining("<area>.<service>.<kebab-name>");
  }

  @Test
  void nullIdIsRejected() {
    assertThatThrownBy(() -> CheckDescriptor.builder(null, "t").services("svc").build())
        .isInstanceOf(NullPointerException.class);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 65536, 70000, Integer.MIN_VALUE})
  void defaultPortsOutsideTheRangeAreRejected(int port) {
    assertThatThrownBy(
            () ->
                CheckDescriptor.builder("database.redis.no-auth", "t")
                    .services("redis")
                    .ports(6379, port)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Integer.toString(port))
        .hasMessageContaining("database.redis.no-auth");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 80, 9100, 65535})
  void defaultPortsInsideTheRangeAreAccepted(int port) {
    CheckDescriptor d =
        CheckDescriptor.builder("a.b.c", "t").services("svc").ports(port, port).build();

    assertThat(d.defaultPorts()).containsExactly(port, port);
  }

  @Test
  void servicesAreRequired() {
    assertThatThrownBy(() -> CheckDescriptor.builder("database.redis.no-auth", "t").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("database.redis.no-auth")
        .hasMessageContaining("no service");
  }

  @Test
  void anEmptyServiceNameIsRejected() {
    assertThatThrownBy(() -> CheckDescriptor.builder("a.b.c", "t").services("redis", " ").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty service");
  }

  @Test
  void servicesAndTagsAreLowerCaseWhicheverWayTheDescriptorIsMade() {
    CheckDescriptor built =
        CheckDescriptor.builder("a.b.c", "t").services("Redis", "VALKEY").tags("CVE").build();
    CheckDescriptor direct =
        new CheckDescriptor(
            "a.b.c",
            "t",
            "",
            "",
            "",
            "",
            Severity.MEDIUM,
            Safety.READ_ONLY,
            Countermeasure.AUTHENTICATION,
            Set.of("Redis", "VALKEY"),
            Transport.TCP,
            List.of(),
            List.of(),
            Set.of("CVE"));

    assertThat(built.services()).containsExactly("redis", "valkey");
    assertThat(direct.services()).containsExactlyInAnyOrder("redis", "valkey");
    assertThat(built.tags()).containsExactly("cve");
    assertThat(direct.tags()).containsExactly("cve");
    assertThat(built).isEqualTo(direct);
  }

  @Test
  void builderDefaults() {
    CheckDescriptor d = CheckDescriptor.builder("a.b.c", "title").services("svc").build();

    assertThat(d.title()).isEqualTo("title");
    assertThat(d.description()).isEmpty();
    assertThat(d.remediation()).isEmpty();
    assertThat(d.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(d.safety()).isEqualTo(Safety.READ_ONLY);
    assertThat(d.countermeasure()).isEqualTo(Countermeasure.AUTHENTICATION);
    assertThat(d.transport()).isEqualTo(Transport.TCP);
    assertThat(d.defaultPorts()).isEmpty();
    assertThat(d.references()).isEmpty();
    assertThat(d.tags()).isEmpty();
  }

  @Test
  void builderSetsEveryPart() {
    CheckDescriptor d =
        CheckDescriptor.builder("printer.snmp.public-community", "SNMP answers to public")
            .description("desc")
            .remediation("rem")
            .severity(Severity.HIGH)
            .safety(Safety.CREDENTIAL_ATTEMPT)
            .countermeasure(Countermeasure.NETWORK_EXPOSURE)
            .services("snmp")
            .transport(Transport.UDP)
            .ports(161, 1161)
            .references(Reference.cwe(1392), Reference.url("https://example.org/x"))
            .tags("default-credentials", CheckDescriptor.TAG_MARKER_BASED)
            .build();

    assertThat(d.area()).isEqualTo("printer");
    assertThat(d.description()).isEqualTo("desc");
    assertThat(d.remediation()).isEqualTo("rem");
    assertThat(d.severity()).isEqualTo(Severity.HIGH);
    assertThat(d.safety()).isEqualTo(Safety.CREDENTIAL_ATTEMPT);
    assertThat(d.countermeasure()).isEqualTo(Countermeasure.NETWORK_EXPOSURE);
    assertThat(d.services()).containsExactly("snmp");
    assertThat(d.transport()).isEqualTo(Transport.UDP);
    assertThat(d.defaultPorts()).containsExactly(161, 1161);
    assertThat(d.references())
        .containsExactly(Reference.cwe(1392), Reference.url("https://example.org/x"));
    assertThat(d.tags()).containsExactly("default-credentials", "marker-based");
  }

  @Test
  void requiredPartsMayNotBeNull() {
    assertThatThrownBy(() -> CheckDescriptor.builder("a.b.c", null).services("s").build())
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(
            () -> CheckDescriptor.builder("a.b.c", "t").services("s").severity(null).build())
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(
            () -> CheckDescriptor.builder("a.b.c", "t").services("s").safety(null).build())
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(
            () -> CheckDescriptor.builder("a.b.c", "t").services("s").transport(null).build())
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void isImmutable() {
    CheckDescriptor d =
        CheckDescriptor.builder("a.b.c", "t").services("svc").ports(1).tags("x").build();

    assertThatThrownBy(() -> d.services().add("other"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> d.tags().add("other"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> d.defaultPorts().add(2))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> d.references().add(Reference.cwe(1)))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
