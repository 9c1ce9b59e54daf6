package dev.tenken;

import static dev.tenken.DeviceIdentity.Attribute.FIRMWARE;
import static dev.tenken.DeviceIdentity.Attribute.MODEL;
import static dev.tenken.DeviceIdentity.Attribute.SERIAL;
import static dev.tenken.DeviceIdentity.Attribute.VENDOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenken.DeviceIdentity.Attribute;
import dev.tenken.DeviceIdentity.Fact;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceIdentityTest {

  @ParameterizedTest(name = "{0} then {1}: {2} wins")
  @CsvSource({
    // first confidence, second confidence, which wins
    "TENTATIVE, FIRM, second",
    "TENTATIVE, CONFIRMED, second",
    "FIRM, CONFIRMED, second",
    "CONFIRMED, FIRM, first",
    "CONFIRMED, TENTATIVE, first",
    "FIRM, TENTATIVE, first",
    "TENTATIVE, TENTATIVE, first",
    "FIRM, FIRM, first",
    "CONFIRMED, CONFIRMED, first",
  })
  void mergeKeepsTheMoreConfidentFactAndTheFirstOnTies(
      Confidence first, Confidence second, String winner) {
    DeviceIdentity id =
        DeviceIdentity.EMPTY
            .with(VENDOR, "Acme", "HTTP Server header", first)
            .with(VENDOR, "Globex", "SNMP sysDescr", second);

    Fact expected =
        winner.equals("first")
            ? new Fact("Acme", "HTTP Server header", first)
            : new Fact("Globex", "SNMP sysDescr", second);
    assertThat(id.get(VENDOR)).contains(expected);
    assertThat(id.value(VENDOR)).contains(expected.value());
  }

  @Test
  void mergeOfIdentitiesFollowsTheSameRules() {
    DeviceIdentity a =
        DeviceIdentity.EMPTY
            .with(VENDOR, "Acme", "HTTP", Confidence.FIRM)
            .with(MODEL, "X-100", "HTTP", Confidence.TENTATIVE)
            .with(SERIAL, "S1", "HTTP", Confidence.CONFIRMED);
    DeviceIdentity b =
        DeviceIdentity.EMPTY
            .with(VENDOR, "Globex", "SNMP", Confidence.FIRM)
            .with(MODEL, "X-200", "SNMP", Confidence.CONFIRMED)
            .with(FIRMWARE, "1.2.3", "SNMP", Confidence.TENTATIVE)
            .with(SERIAL, "S2", "SNMP", Confidence.FIRM);

    DeviceIdentity ab = a.merge(b);
    DeviceIdentity ba = b.merge(a);

    assertThat(ab.value(VENDOR)).contains("Acme");
    assertThat(ba.value(VENDOR)).contains("Globex");
    assertThat(ab.value(MODEL)).contains("X-200");
    assertThat(ba.value(MODEL)).contains("X-200");
    assertThat(ab.value(FIRMWARE)).contains("1.2.3");
    assertThat(ab.value(SERIAL)).contains("S1");
    assertThat(ba.value(SERIAL)).contains("S1");
    assertThat(a.merge(DeviceIdentity.EMPTY)).isEqualTo(a);
    assertThat(DeviceIdentity.EMPTY.merge(a)).isEqualTo(a);
    assertThat(a.merge(a)).isEqualTo(a);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t\r\n", "   "})
  void emptyValuesAreIgnored(String value) {
    DeviceIdentity known = DeviceIdentity.EMPTY.with(MODEL, "X-100", "HTTP", Confidence.TENTATIVE);

    assertThat(DeviceIdentity.EMPTY.with(MODEL, value, "HTTP", Confidence.CONFIRMED).isEmpty())
        .isTrue();
    assertThat(known.with(MODEL, value, "SNMP", Confidence.CONFIRMED)).isEqualTo(known);
    assertThat(known.with(MODEL, value, "SNMP", Confidence.CONFIRMED)).isSameAs(known);
  }

  @Test
  void valuesAreTrimmed() {
    DeviceIdentity id = DeviceIdentity.EMPTY.with(VENDOR, "  Acme \r\n", "HTTP", Confidence.FIRM);

    assertThat(id.value(VENDOR)).contains("Acme");
  }

  @Test
  void isImmutable() {
    DeviceIdentity empty = DeviceIdentity.EMPTY;
    DeviceIdentity one = empty.with(VENDOR, "Acme", "HTTP", Confidence.FIRM);
    DeviceIdentity two = one.with(MODEL, "X-100", "HTTP", Confidence.FIRM);
    DeviceIdentity replaced = two.with(VENDOR, "Globex", "SNMP", Confidence.CONFIRMED);

    assertThat(empty.isEmpty()).isTrue();
    assertThat(empty.facts()).isEmpty();
    assertThat(one.facts()).containsOnlyKeys(VENDOR);
    assertThat(two.facts()).containsOnlyKeys(VENDOR, MODEL);
    assertThat(two.value(VENDOR)).contains("Acme");
    assertThat(replaced.value(VENDOR)).contains("Globex");
    assertThatThrownBy(() -> two.facts().put(SERIAL, new Fact("x", "y", Confidence.FIRM)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> two.facts().remove(VENDOR))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> DeviceIdentity.EMPTY.facts().put(SERIAL, null))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(DeviceIdentity.EMPTY.isEmpty()).isTrue();
  }

  @Test
  void factsAreInAttributeOrder() {
    DeviceIdentity id =
        DeviceIdentity.EMPTY
            .with(Attribute.NAME, "cam-1", "ONVIF", Confidence.FIRM)
            .with(SERIAL, "S1", "ONVIF", Confidence.FIRM)
            .with(Attribute.DEVICE_CLASS, "camera", "ONVIF", Confidence.FIRM)
            .with(VENDOR, "Acme", "ONVIF", Confidence.FIRM);

    assertThat(id.facts().keySet())
        .containsExactly(Attribute.DEVICE_CLASS, VENDOR, SERIAL, Attribute.NAME);
  }

  @Test
  void unknownAttributesAreEmpty() {
    assertThat(DeviceIdentity.EMPTY.get(VENDOR)).isEmpty();
    assertThat(DeviceIdentity.EMPTY.value(VENDOR)).isEmpty();
  }

  @Test
  void equalityAndHashCodeFollowTheFacts() {
    DeviceIdentity a = DeviceIdentity.EMPTY.with(VENDOR, "Acme", "HTTP", Confidence.FIRM);
    DeviceIdentity b = DeviceIdentity.EMPTY.with(VENDOR, "Acme", "HTTP", Confidence.FIRM);

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(DeviceIdentity.EMPTY.with(VENDOR, "Acme", "SNMP", Confidence.FIRM));
    assertThat(a.toString()).contains("Acme");
  }

  @Test
  void factRejectsNulls() {
    assertThatThrownBy(() -> new Fact(null, "s", Confidence.FIRM))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Fact("v", null, Confidence.FIRM))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Fact("v", "s", null)).isInstanceOf(NullPointerException.class);
  }
}
