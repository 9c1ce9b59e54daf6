package dev.tenken.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Name matching, literal detection and redirect resolution, without any DNS. */
class HostNamesTest {

  @Test
  void wildcardsCoverExactlyOneLeftmostLabel() {
    assertThat(HostNames.dnsMatches("*.example.test", "cam.example.test")).isTrue();
    assertThat(HostNames.dnsMatches("*.EXAMPLE.test.", "cam.example.test")).isTrue();
    assertThat(HostNames.dnsMatches("*.example.test", "a.b.example.test")).isFalse();
    assertThat(HostNames.dnsMatches("*.example.test", "example.test")).isFalse();
    assertThat(HostNames.dnsMatches("*.test", "example.test")).isFalse();
    assertThat(HostNames.dnsMatches("printer.example.test", "printer.example.test")).isTrue();
    assertThat(HostNames.dnsMatches("printer.example.test", "printer2.example.test")).isFalse();
  }

  @Test
  void literalsAreRecognisedWithoutLookingAnythingUp() {
    assertThat(HostNames.isAddressLiteral("192.0.2.1")).isTrue();
    assertThat(HostNames.isAddressLiteral("[2001:db8::1]")).isTrue();
    assertThat(HostNames.isAddressLiteral("::1")).isTrue();
    assertThat(HostNames.isAddressLiteral("256.0.0.1")).isFalse();
    assertThat(HostNames.isAddressLiteral("printer.example.test")).isFalse();
    assertThat(HostNames.isAddressLiteral("0x7f.1")).isFalse();
    assertThat(HostNames.authorityHost("2001:db8::1")).isEqualTo("[2001:db8::1]");
    assertThat(HostNames.authorityHost("fe80::1%eth0")).isEqualTo("[fe80::1]");
    assertThat(TrustAllTls.serverNames("192.0.2.1")).isEmpty();
    assertThat(TrustAllTls.serverNames("cam.example.test")).hasSize(1);
  }

  @Test
  void locationsResolveLikeBrowsersDo() throws Exception {
    String base = Locations.url(false, "192.0.2.1", 8080, "/a/b/c?x=1");
    assertThat(base).isEqualTo("http://192.0.2.1:8080/a/b/c?x=1");
    assertThat(Locations.resolve(base, "/top").toString()).isEqualTo("http://192.0.2.1:8080/top");
    assertThat(Locations.resolve(base, "../d").toString()).isEqualTo("http://192.0.2.1:8080/a/d");
    assertThat(Locations.resolve(base, "e f").toString())
        .isEqualTo("http://192.0.2.1:8080/a/b/e%20f");
    assertThat(Locations.resolve(base, "?y=2").toString())
        .isEqualTo("http://192.0.2.1:8080/a/b/c?y=2");
    assertThat(Locations.resolve(base, "//198.51.100.7/z#frag").toString())
        .isEqualTo("http://198.51.100.7/z");
    assertThat(Locations.resolve(base, "HTTPS://Cam.Example.test/").getScheme()).isEqualTo("HTTPS");
    Locations.Target t =
        Locations.target(URI.create("https://cam.example.test/login?next=/")).orElseThrow();
    assertThat(t.port()).isEqualTo(443);
    assertThat(t.pathAndQuery()).isEqualTo("/login?next=/");
    assertThat(Locations.target(URI.create("http://my_cam.local:8081")).orElseThrow().host())
        .isEqualTo("my_cam.local");
    assertThat(Locations.target(URI.create("http://[2001:db8::1]:81/x")).orElseThrow().host())
        .isEqualTo("2001:db8::1");
  }
}
