package dev.tenken.camera;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.Check;
import dev.tenken.CheckResult;
import dev.tenken.CheckRunner;
import dev.tenken.Scope;
import dev.tenken.Target;
import dev.tenken.test.sim.OnvifDeviceSimulator;
import dev.tenken.test.sim.OnvifDeviceSimulator.Variant;
import dev.tenken.test.sim.OnvifDeviceSimulator.Vendor;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hostile ONVIF replies end every ONVIF check with ERROR and a reason: garbage, truncated XML, XXE,
 * billion laughs, a reply past the read cap, a wrong element, a 500 without a fault. Never an
 * uncaught exception, never a hang, never an expanded entity.
 */
class OnvifHostileRepliesTest {
  static final String SOAP = "application/soap+xml; charset=utf-8";
  static final String S12 = "http://www.w3.org/2003/05/soap-envelope";

  /** Every check gets {@code body} as the answer to GetSystemDateAndTime, the first request. */
  void assertEveryCheckErrors(int status, String type, byte[] body, String reason)
      throws Exception {
    try (OnvifDeviceSimulator sim = OnvifDeviceSimulator.start(Vendor.HIKVISION, Variant.OPEN)) {
      sim.reply("GetSystemDateAndTime", status, type, body);
      for (Check c : OnvifChecks.ALL) {
        CheckResult r = run(c, sim);
        assertThat(r.status()).as("%s: %s", c.id(), r.detail()).isEqualTo(CheckResult.Status.ERROR);
        assertThat(r.detail()).as(c.id()).containsIgnoringCase(reason);
        assertThat(r.detail()).doesNotContain("root:x:0");
      }
    }
  }

  void assertEveryCheckErrors(String body, String reason) throws Exception {
    assertEveryCheckErrors(
        200, SOAP, body.getBytes(java.nio.charset.StandardCharsets.UTF_8), reason);
  }

  static CheckResult run(Check c, OnvifDeviceSimulator sim) throws InterruptedException {
    long start = System.nanoTime();
    CheckResult r =
        CheckRunner.builder()
            .check(c)
            .scope(Scope.of("127.0.0.0/8"))
            .checkTimeout(Duration.ofSeconds(3))
            .build()
            .scan(List.of(Target.parse(sim.target())))
            .results()
            .findFirst()
            .orElseThrow();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    return r;
  }

  @Test
  void garbage() throws Exception {
    assertEveryCheckErrors("GARBAGE-GARBAGE-GARBAGE", "not well-formed");
  }

  @Test
  void truncatedXml() throws Exception {
    assertEveryCheckErrors(
        "<?xml version='1.0'?><env:Envelope xmlns:env='" + S12 + "'><env:Body><tds:GetSys",
        "not well-formed");
  }

  @Test
  void externalEntity() throws Exception {
    assertEveryCheckErrors(
        "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>"
            + "<env:Envelope xmlns:env='"
            + S12
            + "'><env:Body><x>&xxe;</x></env:Body>"
            + "</env:Envelope>",
        "document type declaration");
  }

  @Test
  void billionLaughs() throws Exception {
    StringBuilder d = new StringBuilder("<!DOCTYPE l [<!ENTITY a 'aaaaaaaaaa'>");
    String prev = "a";
    for (int i = 0; i < 9; i++) {
      String next = "e" + i;
      d.append("<!ENTITY ").append(next).append(" '").append(("&" + prev + ";").repeat(10));
      d.append("'>");
      prev = next;
    }
    d.append("]><env:Envelope xmlns:env='" + S12 + "'><env:Body>&" + prev + ";</env:Body>");
    d.append("</env:Envelope>");
    assertEveryCheckErrors(d.toString(), "document type declaration");
  }

  @Test
  void replyLargerThanTheReadCap() throws Exception {
    String big =
        "<env:Envelope xmlns:env='"
            + S12
            + "'><env:Body><x>"
            + "A".repeat(300 * 1024)
            + "</x></env:Body></env:Envelope>";
    assertEveryCheckErrors(big, "larger than the read cap");
  }

  @Test
  void anotherElementThanTheResponse() throws Exception {
    assertEveryCheckErrors(
        "<env:Envelope xmlns:env='"
            + S12
            + "'><env:Body><x:SystemReboot"
            + " xmlns:x='http://www.onvif.org/ver10/device/wsdl'/></env:Body></env:Envelope>",
        "holds <SystemReboot>, not <GetSystemDateAndTimeResponse>");
  }

  @Test
  void emptyBody() throws Exception {
    assertEveryCheckErrors(
        "<env:Envelope xmlns:env='" + S12 + "'><env:Body/></env:Envelope>", "empty Body");
  }

  @Test
  void garbageToALaterOperationEndsThatCheckInError() throws Exception {
    try (OnvifDeviceSimulator sim = OnvifDeviceSimulator.start(Vendor.GENERIC_IPC, Variant.OPEN)) {
      sim.reply("GetDeviceInformation", 500, "text/plain", "Internal Server Error");
      sim.reply("GetStreamUri", 200, SOAP, "<env:Envelope xmlns:env='" + S12 + "'><env:Bo");
      CheckResult info = run(OnvifUnauthenticatedDeviceInfo.INSTANCE, sim);
      assertThat(info.status()).isEqualTo(CheckResult.Status.ERROR);
      assertThat(info.detail()).contains("HTTP 500");
      CheckResult stream = run(OnvifUnauthenticatedStreamUri.INSTANCE, sim);
      assertThat(stream.status()).isEqualTo(CheckResult.Status.ERROR);
      assertThat(stream.detail()).contains("GetStreamUri").contains("not well-formed");
    }
  }

  @Test
  void aHostileProfileTokenIsNeverSentBack() throws Exception {
    try (OnvifDeviceSimulator sim = OnvifDeviceSimulator.start(Vendor.GENERIC_IPC, Variant.OPEN)) {
      sim.reply(
          "GetProfiles",
          200,
          SOAP,
          "<env:Envelope xmlns:env='"
              + S12
              + "'><env:Body><trt:GetProfilesResponse"
              + " xmlns:trt='http://www.onvif.org/ver10/media/wsdl'><trt:Profiles"
              + " token='x&quot;/&gt;&lt;tds:SystemReboot/&gt;'/></trt:GetProfilesResponse>"
              + "</env:Body></env:Envelope>");
      CheckResult r = run(OnvifUnauthenticatedStreamUri.INSTANCE, sim);
      assertThat(r.status()).isEqualTo(CheckResult.Status.ERROR);
      assertThat(r.detail()).contains("not a plain token");
      assertThat(sim.requests("GetStreamUri")).isZero();
      assertThat(sim.operations()).isSubsetOf(OnvifDeviceSimulator.OPERATIONS);
    }
  }
}
