package dev.tenken.database;

import dev.tenken.CheckSet;
import dev.tenken.http.HttpServiceProbe;
import dev.tenken.http.TlsServiceProbe;
import dev.tenken.spi.CheckSetProvider;
import dev.tenken.spi.ServiceProbe;
import java.util.List;
import java.util.stream.Stream;

/**
 * The database checks of Tenken and the service probes they need: the entry point of module {@code
 * tenken-checks-database}.
 *
 * <p>The module covers what the JPCERT/CC alert of January 2016 found on databases reachable by
 * accident: stores that strangers can read or change without logging in (Redis, MongoDB, Memcached,
 * Elasticsearch/OpenSearch, CouchDB, PostgreSQL, MySQL/MariaDB, MQTT brokers), default credentials,
 * indicators of the known Redis abuse ({@code CONFIG SET dir} to plant SSH keys), cleartext
 * listeners, and versions with known vulnerabilities or past their end of life, judged per release
 * branch. Every check is read-only, with one client per protocol that refuses anything outside its
 * allow-list; the probes identify each service's ports by what they answer. The table of checks is
 * in {@code docs/checks/database.md}.
 *
 * <p>Use it as {@code CheckRunner.builder().checks(DatabaseChecks.all())}, or find it with {@link
 * CheckSet#discover(ClassLoader)} through {@link Provider}.
 *
 * <p>Thread safety: this class has no state; {@link #all()} returns the same immutable, thread-safe
 * set every time, and its checks and probes are stateless and thread-safe.
 */
public final class DatabaseChecks {
  private static final CheckSet ALL =
      new CheckSet(
          Stream.of(
                  RedisChecks.checks(),
                  MongoChecks.checks(),
                  MemcachedChecks.checks(),
                  MqttChecks.checks(),
                  PostgresChecks.checks(),
                  MySqlChecks.checks(),
                  SearchChecks.checks(),
                  CouchDbChecks.checks())
              .flatMap(List::stream)
              .toList(),
          Stream.of(
                  List.<ServiceProbe>of(RespServiceProbe.INSTANCE),
                  MongoChecks.probes(),
                  MemcachedChecks.probes(),
                  MqttChecks.probes(),
                  PostgresChecks.probes(),
                  MySqlChecks.probes(),
                  List.<ServiceProbe>of(HttpServiceProbe.INSTANCE, TlsServiceProbe.INSTANCE))
              .flatMap(List::stream)
              .toList());

  private DatabaseChecks() {}

  /**
   * Every database check, with the probes that identify Redis ({@code redis}), HTTP ({@code http})
   * and TLS ports. Currently no checks: the set holds the probes only.
   *
   * @return an immutable set, the same instance on every call
   */
  public static CheckSet all() {
    return ALL;
  }

  /**
   * Registers {@link #all()} for {@link CheckSet#discover(ClassLoader)} through {@code
   * META-INF/services/dev.tenken.spi.CheckSetProvider}. Stateless and thread-safe.
   */
  public static final class Provider implements CheckSetProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public Provider() {}

    /** Returns {@link DatabaseChecks#all()}. */
    @Override
    public CheckSet checkSet() {
      return all();
    }
  }
}
