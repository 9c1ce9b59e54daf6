package dev.tenken.camera;

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

class CameraChecksTest {

  @Test
  void allHoldsTheRtspHttpAndTlsProbes() {
    CheckSet all = CameraChecks.all();
    assertThat(all.probes())
        .startsWith(RtspServiceProbe.INSTANCE, HttpServiceProbe.INSTANCE, TlsServiceProbe.INSTANCE);
    assertThat(all.probes()).extracting(ServiceProbe::service).contains("rtsp");
    assertThat(all.checks()).isNotEmpty();
    assertThat(CameraChecks.all()).isSameAs(all);
  }

  @Test
  void checkIdsAreUniqueAndInTheCameraArea() {
    assertThat(CameraChecks.all().checks()).extracting(Check::id).doesNotHaveDuplicates();
    assertThat(CameraChecks.all().checks())
        .allSatisfy(c -> assertThat(c.descriptor().area()).isIn("camera", "device"));
  }

  @Test
  void checkDeclarationsPassTheContractKit() {
    CheckContract.verifyIds(CameraChecks.all());
  }

  @Test
  void addingTheSetToItselfKeepsEachProbeOnce() {
    assertThat(CameraChecks.all().plus(CameraChecks.all())).isEqualTo(CameraChecks.all());
  }

  @Test
  void discoverFindsTheProvider() {
    ClassLoader loader = CameraChecks.class.getClassLoader();
    assertThat(ServiceLoader.load(CheckSetProvider.class, loader).stream())
        .extracting(ServiceLoader.Provider::type)
        .contains(CameraChecks.Provider.class);
    CheckSet discovered = CheckSet.discover(loader);
    assertThat(discovered.probes()).containsAll(CameraChecks.all().probes());
    assertThat(new CameraChecks.Provider().checkSet()).isSameAs(CameraChecks.all());
  }

  @Test
  void entryPointCannotBeInstantiated() {
    assertThat(Modifier.isFinal(CameraChecks.class.getModifiers())).isTrue();
    assertThat(CameraChecks.class.getDeclaredConstructors())
        .allSatisfy(c -> assertThat(Modifier.isPrivate(c.getModifiers())).isTrue());
  }
}
