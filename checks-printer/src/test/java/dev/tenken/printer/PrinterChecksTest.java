package dev.tenken.printer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.Check;
import dev.tenken.CheckSet;
import dev.tenken.http.HttpServiceProbe;
import dev.tenken.http.TlsServiceProbe;
import dev.tenken.spi.CheckSetProvider;
import dev.tenken.spi.ServiceProbe;
import dev.tenken.test.CheckContract;
import java.lang.reflect.Modifier;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class PrinterChecksTest {

  @Test
  void allHoldsEveryProtocolsProbesAndChecks() {
    CheckSet all = PrinterChecks.all();
    assertThat(all.probes())
        .startsWith(PjlServiceProbe.INSTANCE)
        .endsWith(HttpServiceProbe.INSTANCE, TlsServiceProbe.INSTANCE);
    assertThat(all.probes()).extracting(ServiceProbe::service).contains("pjl", "snmp", "http");
    assertThat(all.checks())
        .extracting(c -> c.descriptor().services())
        .anySatisfy(s -> assertThat(s).contains("snmp"))
        .anySatisfy(s -> assertThat(s).contains("http"));
    assertThat(PrinterChecks.all()).isSameAs(all);
  }

  @Test
  void checkIdsAreUniqueAndInThePrinterArea() {
    assertThat(PrinterChecks.all().checks()).extracting(Check::id).doesNotHaveDuplicates();
    assertThat(PrinterChecks.all().checks())
        .allSatisfy(c -> assertThat(c.descriptor().area()).isEqualTo("printer"));
  }

  @Test
  void checkDeclarationsPassTheContractKit() {
    CheckContract.verifyIds(PrinterChecks.all());
  }

  @Test
  void addingTheSetToItselfKeepsEachProbeOnce() {
    assertThat(PrinterChecks.all().plus(PrinterChecks.all())).isEqualTo(PrinterChecks.all());
  }

  @Test
  void discoverFindsTheProvider() {
    ClassLoader loader = PrinterChecks.class.getClassLoader();
    assertThat(ServiceLoader.load(CheckSetProvider.class, loader).stream())
        .extracting(ServiceLoader.Provider::type)
        .contains(PrinterChecks.Provider.class);
    CheckSet discovered = CheckSet.discover(loader);
    assertThat(discovered.probes()).containsAll(PrinterChecks.all().probes());
    assertThat(new PrinterChecks.Provider().checkSet()).isSameAs(PrinterChecks.all());
  }

  @Test
  void entryPointCannotBeInstantiated() {
    assertThat(Modifier.isFinal(PrinterChecks.class.getModifiers())).isTrue();
    assertThat(PrinterChecks.class.getDeclaredConstructors())
        .allSatisfy(c -> assertThat(Modifier.isPrivate(c.getModifiers())).isTrue());
  }
}
