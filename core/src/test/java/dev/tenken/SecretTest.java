package dev.tenken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretTest {

  @ParameterizedTest
  @ValueSource(strings = {"hunter2", "", " ", "****", "pässwörd", "a:b@c"})
  void toStringIsAlwaysTheMask(String value) {
    Secret s = Secret.of(value);

    assertThat(s.toString()).isEqualTo("****").isEqualTo(Secret.MASK);
    assertThat(String.valueOf(s)).isEqualTo(Secret.MASK);
    assertThat("password is " + s).isEqualTo("password is ****");
    assertThat(String.format("%s", s)).isEqualTo(Secret.MASK);
  }

  @Test
  void aLongSecretIsMaskedToo() {
    assertThat(Secret.of("x".repeat(10_000)).toString()).isEqualTo(Secret.MASK);
  }

  @ParameterizedTest
  @ValueSource(strings = {"hunter2", "", "pässwörd", "🔑 key"})
  void revealReturnsTheValue(String value) {
    assertThat(Secret.of(value).reveal()).isEqualTo(value);
    assertThat(Secret.of(value).isEmpty()).isEqualTo(value.isEmpty());
  }

  @Test
  void equalityFollowsTheValue() {
    assertThat(Secret.of("hunter2")).isEqualTo(Secret.of("hunter2"));
    assertThat(Secret.of("hunter2")).hasSameHashCodeAs(Secret.of("hunter2"));
    assertThat(Secret.of("hunter2")).isNotEqualTo(Secret.of("hunter3"));
    assertThat(Secret.of("hunter2")).isNotEqualTo(Secret.of("hunter22"));
    assertThat(Secret.of("Hunter2")).isNotEqualTo(Secret.of("hunter2"));
    assertThat(Secret.of("")).isEqualTo(Secret.of(""));
    assertThat(Secret.of("")).isNotEqualTo(Secret.of(" "));
    assertThat(Secret.of("pässwörd")).isEqualTo(Secret.of("pässwörd"));
    assertThat(Secret.of("hunter2")).isNotEqualTo("hunter2");
    assertThat(Secret.of("hunter2")).isNotEqualTo(null);
  }

  @Test
  void nullIsRejected() {
    assertThatThrownBy(() -> Secret.of(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void credentialsMaskTheSecret() {
    Credentials c = Credentials.of("admin", "hunter2");

    assertThat(c.toString()).isEqualTo("admin:****").doesNotContain("hunter2");
    assertThat(c.user()).isEqualTo("admin");
    assertThat(c.secret().reveal()).isEqualTo("hunter2");
    assertThat(Credentials.of("", "public").toString()).isEqualTo(":****");
  }

  @Test
  void credentialsEquality() {
    assertThat(Credentials.of("admin", "hunter2")).isEqualTo(Credentials.of("admin", "hunter2"));
    assertThat(Credentials.of("admin", "hunter2"))
        .hasSameHashCodeAs(new Credentials("admin", Secret.of("hunter2")));
    assertThat(Credentials.of("admin", "hunter2")).isNotEqualTo(Credentials.of("admin", "x"));
    assertThat(Credentials.of("admin", "hunter2")).isNotEqualTo(Credentials.of("root", "hunter2"));
  }

  @Test
  void credentialsRejectNulls() {
    assertThatThrownBy(() -> new Credentials(null, Secret.of("x")))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Credentials("u", null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Credentials.of("u", null)).isInstanceOf(NullPointerException.class);
  }
}
