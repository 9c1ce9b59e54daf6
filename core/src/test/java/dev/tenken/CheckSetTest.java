package dev.tenken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import dev.tenken.spi.ServiceProbe;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckSetTest {

  private static Check check(String id, String service, Severity severity) {
    CheckDescriptor d =
        CheckDescriptor.builder(id, "check " + id).services(service).severity(severity).build();
    return new Check() {
      @Override
      public CheckDescriptor descriptor() {
        return d;
      }

      @Override
      public Outcome run(Endpoint endpoint, CheckContext context) {
        return Outcome.skip("test");
      }

      @Override
      public String toString() {
        return id;
      }
    };
  }

  private static Check check(String id) {
    return check(id, "redis", Severity.MEDIUM);
  }

  private static ServiceProbe probe(String service) {
    return new ServiceProbe() {
      @Override
      public String service() {
        return service;
      }

      @Override
      public List<Integer> likelyPorts() {
        return List.of(1);
      }

      @Override
      public boolean recognises(byte[] reply) {
        return false;
      }
    };
  }

  @Test
  void twoDifferentChecksWithOneIdAreRejected() {
    Check a = check("database.redis.no-auth");
    Check b = check("database.redis.no-auth");

    assertThatThrownBy(() -> CheckSet.of(a, b))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("database.redis.no-auth");
    assertThatThrownBy(() -> CheckSet.of(a).plus(b))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("database.redis.no-auth");
    assertThatThrownBy(() -> CheckSet.of(a).plus(CheckSet.of(check("a.b.c"), b)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theSameCheckGivenTwiceIsKeptOnce() {
    Check a = check("database.redis.no-auth");
    Check b = check("database.redis.info");

    assertThat(CheckSet.of(a, b, a).checks()).containsExactly(a, b);
    assertThat(new CheckSet(List.of(a, a), List.of()).checks()).containsExactly(a);
  }

  @Test
  void plusDeduplicatesIdenticalObjectsAndKeepsOrder() {
    Check a = check("database.redis.no-auth");
    Check b = check("database.redis.info");
    Check c = check("camera.rtsp.no-auth");
    ServiceProbe redis = probe("redis");
    ServiceProbe rtsp = probe("rtsp");
    CheckSet left = new CheckSet(List.of(a, b), List.of(redis));
    CheckSet right = new CheckSet(List.of(b, c, c), List.of(redis, rtsp, rtsp));

    CheckSet union = left.plus(right);

    assertThat(union.checks()).containsExactly(a, b, c);
    assertThat(union.probes()).containsExactly(redis, rtsp);
    assertThat(union.plus(union)).isEqualTo(union);
    assertThat(union.plus(a).checks()).containsExactly(a, b, c);
    assertThat(union.plus(rtsp).probes()).containsExactly(redis, rtsp);
    assertThat(CheckSet.EMPTY.plus(left)).isEqualTo(left);
    assertThat(left.plus(CheckSet.EMPTY)).isEqualTo(left);
    // the operands are untouched
    assertThat(left.checks()).containsExactly(a, b);
    assertThat(right.checks()).containsExactly(b, c);
  }

  @Test
  void twoProbesForOneServiceMayCoexist() {
    ServiceProbe one = probe("http");
    ServiceProbe two = probe("http");

    assertThat(CheckSet.EMPTY.plus(one).plus(two).probes()).containsExactly(one, two);
  }

  @Test
  void filterKeepsMatchingChecksAndAllProbes() {
    Check redis = check("database.redis.no-auth", "redis", Severity.HIGH);
    Check mongo = check("database.mongodb.no-auth", "mongodb", Severity.CRITICAL);
    Check camera = check("camera.rtsp.no-auth", "rtsp", Severity.MEDIUM);
    ServiceProbe p = probe("redis");
    CheckSet set = new CheckSet(List.of(redis, mongo, camera), List.of(p));

    assertThat(set.filter(d -> d.area().equals("database")).checks()).containsExactly(redis, mongo);
    assertThat(set.filter(d -> d.severity().isAtLeast(Severity.HIGH)).checks())
        .containsExactly(redis, mongo);
    assertThat(set.filter(d -> d.services().contains("rtsp")).checks()).containsExactly(camera);
    assertThat(set.filter(d -> false).checks()).isEmpty();
    assertThat(set.filter(d -> false).probes()).containsExactly(p);
    assertThat(set.filter(d -> true)).isEqualTo(set);
  }

  @Test
  void byIdFindsTheCheck() {
    Check redis = check("database.redis.no-auth");
    Check camera = check("camera.rtsp.no-auth");
    CheckSet set = CheckSet.of(redis, camera);

    assertThat(set.byId("camera.rtsp.no-auth")).containsSame(camera);
    assertThat(set.byId("database.redis.no-auth")).containsSame(redis);
    assertThat(set.byId("database.redis")).isEmpty();
    assertThat(set.byId("DATABASE.REDIS.NO-AUTH")).isEmpty();
    assertThat(CheckSet.EMPTY.byId("database.redis.no-auth")).isEmpty();
  }

  @Test
  void isImmutable() {
    Check a = check("a.b.c");
    java.util.List<Check> source = new java.util.ArrayList<>(List.of(a));
    CheckSet set = new CheckSet(source, List.of());
    source.add(check("a.b.d"));

    assertThat(set.checks()).containsExactly(a);
    assertThatThrownBy(() -> set.checks().add(a)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> set.probes().add(probe("x")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void discoverWithNoProvidersIsEmpty() {
    ClassLoader empty = new ClassLoader(null) {};

    assertThat(CheckSet.discover(empty).checks()).isEmpty();
  }
}
