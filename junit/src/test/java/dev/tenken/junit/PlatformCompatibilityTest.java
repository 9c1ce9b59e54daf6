package dev.tenken.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves the extension on each JUnit the build names (Jupiter 5.14 and 6): the fixture suite runs
 * in a class loader that sees that version's platform jars and none of this test's own JUnit, with
 * the extension compiled once against the Jupiter 5 API.
 */
class PlatformCompatibilityTest {
  private static final String FIXTURE = "dev.tenken.junit.fixture.ScannedDeviceFixture";

  /** The platform directories the build copied, one per JUnit version. */
  static Stream<Path> platforms() {
    String dirs = System.getProperty("tenken.junit.platforms");
    assertThat(dirs).as("system property tenken.junit.platforms, set by the pom").isNotBlank();
    return Arrays.stream(dirs.split(",")).map(Path::of);
  }

  @ParameterizedTest
  @MethodSource("platforms")
  void attachesReportsOnEachJUnitVersion(Path platform, @TempDir Path temp) throws Exception {
    Path reports = temp.resolve("reports");
    Path output = temp.resolve("output");
    List<String> events = runFixture(platform, reports, output);

    String version = platform.getFileName().toString();
    assertThat(events).first().isEqualTo("jupiter " + version);
    assertThat(events)
        .contains(
            "result scansOnce SUCCESSFUL",
            "result scansTwice SUCCESSFUL",
            "result refusesWhatTheMethodScopeLeavesOut SUCCESSFUL",
            "result defaultsToLoopbackOnly SUCCESSFUL")
        .filteredOn(e -> e.startsWith("result repeats "))
        .containsExactly("result repeats SUCCESSFUL", "result repeats SUCCESSFUL");
    assertThat(events)
        .filteredOn(e -> e.startsWith("result rejectsAPrefixThatSelectsNothing FAILED"))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("no check id is or starts with 'fixture.nope'", "fixture.banner.open");

    Path dir = reports.resolve(FIXTURE);
    Path xml = dir.resolve("scansOnce.xml").toAbsolutePath();
    Path sarif = dir.resolve("scansOnce.sarif").toAbsolutePath();
    assertThat(events)
        .contains(
            "entry scansOnce tenken.junit-xml " + xml,
            "entry scansOnce tenken.sarif " + sarif,
            "entry scansTwice tenken.junit-xml " + dir.resolve("scansTwice-2.xml").toAbsolutePath(),
            "entry repeats tenken.junit-xml " + dir.resolve("repeats[2].xml").toAbsolutePath());
    assertThat(Files.readString(xml)).contains("<testsuite", "fixture.banner.open");
    assertThat(Files.readString(sarif)).contains("2.1.0", "fixture.banner.open");
    // A test that never scanned attaches nothing.
    assertThat(dir.resolve("rejectsAPrefixThatSelectsNothing.xml")).doesNotExist();

    // publishFile copies each report into the platform's output directory, attached to the test.
    List<String> files = events.stream().filter(e -> e.startsWith("file scansOnce ")).toList();
    assertThat(files).hasSize(2);
    for (String f : files) {
      Path published = Path.of(f.split(" ", 4)[3]);
      assertThat(published).startsWith(output).exists();
      assertThat(published.getFileName().toString()).isIn("scansOnce.xml", "scansOnce.sarif");
      assertThat(Files.readString(published)).contains("fixture.banner.open");
    }
  }

  /** Runs the fixture in a loader with {@code platform}'s jars and this build's Tenken classes. */
  @SuppressWarnings("unchecked")
  private static List<String> runFixture(Path platform, Path reports, Path output)
      throws Exception {
    List<URL> urls = new ArrayList<>();
    try (Stream<Path> jars = Files.list(platform)) {
      for (Path jar : jars.sorted().toList()) {
        urls.add(jar.toUri().toURL());
      }
    }
    for (String entry : testClassPath()) {
      String name = Path.of(entry).getFileName().toString();
      // Everything but JUnit and what comes with it: the fixture must see only the platform's.
      if (!name.matches("(junit-|opentest4j-|apiguardian-|surefire).*")) {
        urls.add(Path.of(entry).toUri().toURL());
      }
    }
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    try (URLClassLoader loader =
        new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      thread.setContextClassLoader(loader);
      Class<?> launcher = loader.loadClass("dev.tenken.junit.fixture.IsolatedLauncher");
      return (List<String>)
          launcher
              .getMethod("run", String.class, String.class)
              .invoke(null, reports.toString(), output.toString());
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  private static List<String> testClassPath() {
    String path =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return Arrays.stream(path.split(File.pathSeparator)).filter(e -> !e.isBlank()).toList();
  }
}
