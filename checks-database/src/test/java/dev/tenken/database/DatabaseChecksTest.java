package dev.tenken.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenken.Check;
import dev.tenken.CheckSet;
import dev.tenken.http.HttpServiceProbe;
import dev.tenken.http.TlsServiceProbe;
import dev.tenken.spi.CheckSetProvider;
import dev.tenken.test.CheckContract;
import java.lang.reflect.Modifier;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class DatabaseChecksTest {

  @Test
  void allHoldsTheRespHttpAndTlsProbes() {
    CheckSet all = DatabaseChecks.all();
    assertThat(all.probes())
        .containsExactly(
            RespServiceProbe.INSTANCE, HttpServiceProbe.INSTANCE, TlsServiceProbe.INSTANCE);
    assertThat(all.checks()).isEmpty();
    assertThat(DatabaseChecks.all()).isSameAs(all);
  }

  @Test
  void checkIdsAreUniqueAndInTheDatabaseArea() {
    assertThat(DatabaseChecks.all().checks()).extracting(Check::id).doesNotHaveDuplicates();
    assertThat(DatabaseChecks.all().checks())
        .allSatisfy(c -> assertThat(c.descriptor().area()).isEqualTo("database"));
  }

  @Test
  void checkDeclarationsPassTheContractKit() {
    CheckContract.verifyIds(DatabaseChecks.all());
  }

  @Test
  void addingTheSetToItselfKeepsEachProbeOnce() {
    assertThat(DatabaseChecks.all().plus(DatabaseChecks.all())).isEqualTo(DatabaseChecks.all());
  }

  @Test
  void discoverFindsTheProvider() {
    ClassLoader loader = DatabaseChecks.class.getClassLoader();
    assertThat(ServiceLoader.load(CheckSetProvider.class, loader).stream())
        .extracting(ServiceLoader.Provider::type)
        .contains(DatabaseChecks.Provider.class);
    assertThat(CheckSet.discover(loader).probes()).containsAll(DatabaseChecks.all().probes());
    assertThat(new DatabaseChecks.Provider().checkSet()).isSameAs(DatabaseChecks.all());
  }

  @Test
  void entryPointCannotBeInstantiated() {
    assertThat(Modifier.isFinal(DatabaseChecks.class.getModifiers())).isTrue();
    assertThat(DatabaseChecks.class.getDeclaredConstructors())
        .allSatisfy(c -> assertThat(Modifier.isPrivate(c.getModifiers())).isTrue());
  }
}
