package dev.tenken.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Goal R10: nothing Tenken ships deserializes device or record data with mechanisms that
 * instantiate classes named by the data. The command line's classpath holds every shipped module
 * (core, http, the three check modules, kafka, cli); each of their classes is read as bytes and its
 * constant pool searched for the forbidden APIs. A class that refers to one cannot avoid naming it
 * there, so a miss here is a real absence, not a text-search gap.
 */
class NoUnsafeDeserializationTest {

  /** Internal names and member names whose presence in a class file is a finding. */
  private static final Map<String, String> FORBIDDEN =
      Map.of(
          "java/io/ObjectInputStream", "Java serialization (ObjectInputStream)",
          "java/beans/XMLDecoder", "XMLDecoder",
          "enableDefaultTyping", "Jackson default typing",
          "activateDefaultTyping", "Jackson default typing",
          "com/thoughtworks/xstream/XStream", "XStream",
          "org/yaml/snakeyaml/Yaml", "SnakeYAML (arbitrary types)");

  @Test
  void noShippedClassUsesJavaSerializationXmlDecoderOrPolymorphicTyping() throws IOException {
    List<Path> modules = shippedModules();
    assertThat(modules)
        .as("the classpath holds every shipped module")
        .extracting(p -> moduleName(p))
        .contains(
            "core", "http", "checks-camera", "checks-printer", "checks-database", "kafka", "cli");

    Map<String, String> found = new TreeMap<>();
    int[] classes = {0};
    for (Path module : modules) {
      forEachClass(
          module,
          (name, bytes) -> {
            classes[0]++;
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            FORBIDDEN.forEach(
                (needle, what) -> {
                  if (text.contains(needle)) {
                    found.put(moduleName(module) + ": " + name, what);
                  }
                });
          });
    }
    assertThat(classes[0]).as("classes read").isGreaterThan(300);
    assertThat(found).as("classes referring to unsafe deserialization").isEmpty();
  }

  @Test
  void theSearchWouldSeeAReference() {
    // A class that does use ObjectInputStream names it in its constant pool.
    byte[] bytes = classBytes(UsesSerialization.class);
    assertThat(new String(bytes, StandardCharsets.ISO_8859_1))
        .contains("java/io/ObjectInputStream");
  }

  /** Present only so the test above can prove the search sees such a reference. */
  private static final class UsesSerialization {
    @SuppressWarnings("unused")
    Object read(InputStream in) throws IOException, ClassNotFoundException {
      return new java.io.ObjectInputStream(in).readObject();
    }
  }

  private static byte[] classBytes(Class<?> type) {
    String resource = type.getName().replace('.', '/') + ".class";
    try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Tenken's main (not test) output on the classpath: module class directories or jars. */
  private static List<Path> shippedModules() {
    List<Path> out = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      Path p = Path.of(entry);
      String s = p.toString().replace('\\', '/');
      boolean classesDir = s.endsWith("/target/classes") && Files.isDirectory(p);
      boolean tenkenJar = p.getFileName().toString().startsWith("tenken-") && s.endsWith(".jar");
      if ((classesDir || tenkenJar) && !s.contains("test-support") && !s.contains("tenken-test")) {
        out.add(p);
      }
    }
    return out;
  }

  /** {@code core} for {@code .../core/target/classes} or {@code tenken-core-0.1.0.jar}. */
  private static String moduleName(Path p) {
    String s = p.toString().replace('\\', '/');
    if (s.endsWith("/target/classes")) {
      Path module = p.getParent().getParent();
      return module.getFileName().toString();
    }
    return p.getFileName().toString().replaceFirst("^tenken-", "").replaceFirst("-\\d.*$", "");
  }

  @FunctionalInterface
  private interface ClassVisitor {
    void visit(String name, byte[] bytes);
  }

  private static void forEachClass(Path module, ClassVisitor visitor) throws IOException {
    if (Files.isDirectory(module)) {
      try (Stream<Path> files = Files.walk(module)) {
        for (Path f :
            (Iterable<Path>) files.filter(x -> x.toString().endsWith(".class"))::iterator) {
          visitor.visit(module.relativize(f).toString(), Files.readAllBytes(f));
        }
      }
      return;
    }
    try (JarFile jar = new JarFile(module.toFile())) {
      var entries = jar.entries();
      while (entries.hasMoreElements()) {
        var e = entries.nextElement();
        if (e.getName().endsWith(".class")) {
          try (InputStream in = jar.getInputStream(e)) {
            visitor.visit(e.getName(), in.readAllBytes());
          }
        }
      }
    }
  }
}
