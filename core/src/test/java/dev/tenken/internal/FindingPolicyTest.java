package dev.tenken.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.AddressClass;
import dev.tenken.CheckDescriptor;
import dev.tenken.Confidence;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
import dev.tenken.Finding;
import dev.tenken.Secret;
import dev.tenken.Severity;
import dev.tenken.Transport;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class FindingPolicyTest {
  private static final Redactor REDACTOR = new Redactor(List.of(Secret.of("hunter2-canary")));

  private static Finding finding(Countermeasure countermeasure) throws Exception {
    Endpoint e = new Endpoint("cam", InetAddress.getByName("127.0.0.1"), 80, Transport.TCP, "http");
    return Finding.builder("camera.http.open-panel", e)
        .title("panel open")
        .severity(Severity.HIGH)
        .confidence(Confidence.CONFIRMED)
        .countermeasure(countermeasure)
        .evidence("body", "welcome admin, password=hunter2-canary")
        .build();
  }

  private static CheckDescriptor check(String... tags) {
    return CheckDescriptor.builder("camera.http.open-panel", "panel open")
        .services("http")
        .tags(tags)
        .build();
  }

  @Test
  void exposureFindingsAreRaisedOneStepOnPublicAddressesOnly() throws Exception {
    Finding auth = finding(Countermeasure.AUTHENTICATION);
    Finding exposure = finding(Countermeasure.NETWORK_EXPOSURE);
    Finding update = finding(Countermeasure.SOFTWARE_UPDATE);

    assertThat(FindingPolicy.apply(auth, check(), AddressClass.PUBLIC, false, REDACTOR).severity())
        .isEqualTo(Severity.CRITICAL);
    assertThat(
            FindingPolicy.apply(exposure, check(), AddressClass.PUBLIC, false, REDACTOR)
                .raisedForPublicAddress())
        .isTrue();
    assertThat(
            FindingPolicy.apply(update, check(), AddressClass.PUBLIC, false, REDACTOR).severity())
        .isEqualTo(Severity.HIGH);
    for (AddressClass c :
        List.of(AddressClass.PRIVATE, AddressClass.LOOPBACK, AddressClass.SHARED_CGNAT)) {
      Finding kept = FindingPolicy.apply(auth, check(), c, false, REDACTOR);
      assertThat(kept.severity()).as("%s", c).isEqualTo(Severity.HIGH);
      assertThat(kept.raisedForPublicAddress()).isFalse();
    }
  }

  @Test
  void markerBasedFindingsOnACatchAllPortAreDowngradedAndSaySo() throws Exception {
    Finding f = finding(Countermeasure.AUTHENTICATION);

    Finding downgraded =
        FindingPolicy.apply(
            f, check(CheckDescriptor.TAG_MARKER_BASED), AddressClass.PRIVATE, true, REDACTOR);
    Finding otherCheck = FindingPolicy.apply(f, check(), AddressClass.PRIVATE, true, REDACTOR);
    Finding normalPort =
        FindingPolicy.apply(
            f, check(CheckDescriptor.TAG_MARKER_BASED), AddressClass.PRIVATE, false, REDACTOR);

    assertThat(downgraded.confidence()).isEqualTo(Confidence.TENTATIVE);
    assertThat(downgraded.evidence()).containsKey("catch-all");
    assertThat(otherCheck.confidence()).isEqualTo(Confidence.CONFIRMED);
    assertThat(normalPort.confidence()).isEqualTo(Confidence.CONFIRMED);
  }

  @Test
  void secretsInEvidenceAreMasked() throws Exception {
    Finding f =
        FindingPolicy.apply(
            finding(Countermeasure.AUTHENTICATION), check(), AddressClass.PRIVATE, false, REDACTOR);

    assertThat(f.evidence().get("body")).doesNotContain("hunter2-canary").contains(Secret.MASK);
  }
}
