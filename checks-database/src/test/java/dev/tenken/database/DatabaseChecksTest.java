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
  void allHoldsEveryServiceProbeAndEveryServicesChecks() {
    CheckSet all = DatabaseChecks.all();
    assertThat(all.probes())
        .startsWith(RespServiceProbe.INSTANCE)
        .endsWith(HttpServiceProbe.INSTANCE, TlsServiceProbe.INSTANCE)
        .extracting(p -> p.service())
        .contains("redis", "mongodb", "memcached", "mqtt", "postgresql", "mysql", "http", "https");
    assertThat(all.checks())
        .extracting(c -> c.descriptor().services())
        .anySatisfy(s -> assertThat(s).contains("redis"))
        .anySatisfy(s -> assertThat(s).contains("mongodb"))
        .anySatisfy(s -> assertThat(s).contains("memcached"))
        .anySatisfy(s -> assertThat(s).contains("mqtt"))
        .anySatisfy(s -> assertThat(s).contains("postgresql"))
        .anySatisfy(s -> assertThat(s).contains("mysql"))
        .anySatisfy(s -> assertThat(s).contains("elasticsearch"))
        .anySatisfy(s -> assertThat(s).contains("couchdb"));
    assertThat(DatabaseChecks.all()).isSameAs(all);
  }

  @Test
  void checkIdsAreUniqueAndInTheDatabaseOrIotArea() {
    assertThat(DatabaseChecks.all().checks()).extracting(Check::id).doesNotHaveDuplicates();
    // MQTT brokers, the IoT data bus, are checked here too under their own area.
    assertThat(DatabaseChecks.all().checks())
        .allSatisfy(c -> assertThat(c.descriptor().area()).isIn("database", "iot"));
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
