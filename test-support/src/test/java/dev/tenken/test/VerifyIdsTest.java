package dev.tenken.test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.CheckSet;
import dev.tenken.Endpoint;
import dev.tenken.Transport;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import dev.tenken.spi.ServiceProbe;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class VerifyIdsTest {

  /** A check whose descriptor (and id) come from suppliers, so tests can break them. */
  private static Check check(Supplier<CheckDescriptor> descriptor, Supplier<String> id) {
    return new Check() {
      @Override
      public CheckDescriptor descriptor() {
        return descriptor.get();
      }

      @Override
      public String id() {
        return id.get();
      }

      @Override
      public Outcome run(Endpoint endpoint, CheckContext context) {
        return Outcome.skip("never run");
      }
    };
  }

  private static Check check(CheckDescriptor d) {
    return check(() -> d, d::id);
  }

  private static CheckDescriptor.Builder demo(String id) {
    return DemoBannerCheck.descriptorBuilder(id);
  }

  private static CheckDescriptor complete(
      String id, String service, Transport transport, int port) {
    return CheckDescriptor.builder(id, "Title of " + id)
        .description("Why " + id + " matters.")
        .remediation("What to do about " + id + ".")
        .services(service)
        .transport(transport)
        .ports(port)
        .build();
  }

  @Test
  void aWellFormedSetPasses() {
    CheckSet set =
        CheckSet.of(
            new DemoBannerCheck(),
            check(demo("demo.banner.second-check").build()),
            check(complete("printer.pjl.info-id", "pjl", Transport.TCP, 9100)),
            check(complete("printer.snmp.public-community", "snmp", Transport.UDP, 161)));
    assertThatCode(() -> CheckContract.verifyIds(set)).doesNotThrowAnyException();
  }

  @Test
  void aMalformedIdIsCaught() {
    CheckDescriptor d = demo("demo.banner.exposed").build();
    CheckSet set = CheckSet.of(check(() -> d, () -> "Demo.Banner_Exposed"));
    assertThatThrownBy(() -> CheckContract.verifyIds(set))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("The check set (1 check(s)) has 2 problem(s)")
        .hasMessageContaining(
            "check #1 Demo.Banner_Exposed: id 'Demo.Banner_Exposed' is not"
                + " <area>.<service>.<kebab-name>")
        .hasMessageContaining(
            "id() is 'Demo.Banner_Exposed' but descriptor().id() is 'demo.banner.exposed'");
  }

  @Test
  void aDescriptorThatCannotBeBuiltIsCaught() {
    CheckSet set =
        new CheckSet(
            List.of(check(() -> demo("demo.Bad.ID").build(), () -> "demo.bad.id")), List.of());
    assertThatThrownBy(() -> CheckContract.verifyIds(set))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("descriptor() threw java.lang.IllegalArgumentException")
        .hasMessageContaining("demo.Bad.ID");
  }

  @Test
  void aDuplicateIdIsCaught() {
    // CheckSet refuses two checks whose id() agree; two whose descriptors agree slip through it.
    CheckDescriptor d = demo("demo.banner.exposed").build();
    CheckSet set =
        CheckSet.of(
            check(() -> d, () -> "demo.banner.first"), check(() -> d, () -> "demo.banner.second"));
    assertThatThrownBy(() -> CheckContract.verifyIds(set))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("descriptor id demo.banner.exposed is used by 2 checks: [#1, #2]")
        .hasMessageContaining(
            "id() is 'demo.banner.first' but descriptor().id() is 'demo.banner.exposed'");
  }

  @Test
  void incompleteDeclarationsAreCaught() {
    CheckSet set =
        CheckSet.of(
            check(CheckDescriptor.builder("demo.banner.bare", "Bare").services("demo").build()),
            check(demo("demo.banner.print-port").ports(9100).build()),
            check(demo("demo.snmp.over-tcp").services("snmp").ports(161).build()));
    assertThatThrownBy(() -> CheckContract.verifyIds(set))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("check #1 demo.banner.bare: description is blank")
        .hasMessageContaining("check #1 demo.banner.bare: remediation is blank")
        .hasMessageContaining("check #1 demo.banner.bare: names no default port")
        .hasMessageContaining(
            "check #2 demo.banner.print-port: default port 9100 is a raw print port")
        .hasMessageContaining(
            "check #3 demo.snmp.over-tcp: service snmp runs over UDP but the check declares"
                + " transport TCP");
  }

  @Test
  void aServiceOverTwoTransportsIsCaught() {
    ServiceProbe udpProbe =
        new ServiceProbe() {
          @Override
          public String service() {
            return "demo";
          }

          @Override
          public Transport transport() {
            return Transport.UDP;
          }

          @Override
          public List<Integer> likelyPorts() {
            return List.of(10007);
          }

          @Override
          public Optional<byte[]> request() {
            return Optional.empty();
          }

          @Override
          public boolean recognises(byte[] reply) {
            return false;
          }
        };
    CheckSet set = CheckSet.of(new DemoBannerCheck()).plus(udpProbe);
    assertThatThrownBy(() -> CheckContract.verifyIds(set))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(
            "service demo is declared over several transports: TCP by [demo.banner.exposed]; UDP by"
                + " [probe ");
  }

  @Test
  void anEmptySetIsNotAPass() {
    assertThatThrownBy(() -> CheckContract.verifyIds(CheckSet.EMPTY))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("the set holds neither checks nor probes");
  }
}
