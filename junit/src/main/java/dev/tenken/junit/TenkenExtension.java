package dev.tenken.junit;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.tenken.CheckRunner;
import dev.tenken.CheckSet;
import dev.tenken.Scope;
import dev.tenken.report.Report;
import dev.tenken.report.ReportFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.AnnotatedElement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.MediaType;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * A JUnit Jupiter extension that hands a test a configured {@link TenkenScanner} and, when the test
 * ends, attaches the report of every scan it ran.
 *
 * <pre>{@code
 * @TenkenScan(checks = "database.redis") // or @ExtendWith(TenkenExtension.class) for the defaults
 * class RedisIT {
 *   @Test
 *   void redisIsNotOpen(TenkenScanner tenken) throws InterruptedException {
 *     Report report = tenken.scan("redis://127.0.0.1:" + redisPort);
 *     TenkenAssertions.assertThat(report).hasNoFindingsAtLeast(Severity.HIGH);
 *   }
 * }
 * }</pre>
 *
 * <p><b>Runner.</b> Resolves a {@link TenkenScanner} parameter of a test method or a
 * {@code @BeforeEach} method, one per test invocation. Its runner is configured by the nearest
 * {@link TenkenScan}: the method's, else the class's, else an enclosing class's; without one, every
 * check on the class path, scope {@value TenkenScan#LOOPBACK}, PASSIVE and READ_ONLY checks only.
 * Every other runner setting has {@link CheckRunner.Builder}'s default.
 *
 * <p><b>Reports.</b> After each test, scans still running are cancelled (and awaited, at most 10 s
 * each), then each scan's report is written as JUnit XML and SARIF to {@code <dir>/<test
 * class>/<method>.xml} and {@code .sarif} — the second scan of a test to {@code <method>-2.*} and
 * so on, a repeated or parameterized invocation to {@code <method>[n].*} — where {@code <dir>} is
 * the configuration parameter {@value #REPORTS_DIR} (default {@value #DEFAULT_REPORTS_DIR},
 * relative to the working directory). Their paths are published as report entries {@code
 * tenken.junit-xml} and {@code tenken.sarif} (surefire prints them in its XML report), and the
 * files are also published with {@link ExtensionContext#publishFile} (Jupiter 5.14 and later; on
 * older versions this step is skipped), which attaches them to the test in the Open Test Reporting
 * output and in IDEs. A report that cannot be written fails the test.
 *
 * <p>Stateless and thread-safe; works with parallel test execution.
 */
public final class TenkenExtension implements ParameterResolver, AfterEachCallback {
  /** Configuration parameter naming the directory reports are written under. */
  public static final String REPORTS_DIR = "tenken.reports.dir";

  /** Default of {@value #REPORTS_DIR}. */
  public static final String DEFAULT_REPORTS_DIR = "target/tenken-reports";

  private static final Duration CANCEL_WAIT = Duration.ofSeconds(10);
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(TenkenExtension.class);

  /** Called by JUnit; register the extension with {@link TenkenScan} or {@code @ExtendWith}. */
  public TenkenExtension() {}

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TenkenScanner.class;
  }

  /**
   * The test's scanner, created on first use.
   *
   * @throws ParameterResolutionException when the configuration selects no check or names a scope
   *     entry Tenken cannot parse, or when the parameter is not on a method of a test
   */
  @Override
  public TenkenScanner resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (context.getTestMethod().isEmpty()) {
      throw new ParameterResolutionException(
          "a TenkenScanner belongs to one test: declare it on a @Test or @BeforeEach method, not on"
              + " "
              + parameter.getDeclaringExecutable());
    }
    return context
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(TenkenScanner.class, k -> newScanner(context), TenkenScanner.class);
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    TenkenScanner scanner =
        context.getStore(NAMESPACE).get(TenkenScanner.class, TenkenScanner.class);
    if (scanner == null) {
      return;
    }
    List<Report> reports = scanner.finish(CANCEL_WAIT);
    Path dir =
        Path.of(context.getConfigurationParameter(REPORTS_DIR).orElse(DEFAULT_REPORTS_DIR))
            .resolve(context.getRequiredTestClass().getName());
    String base = baseName(context);
    for (int i = 0; i < reports.size(); i++) {
      String name = i == 0 ? base : base + "-" + (i + 1);
      Map<String, String> entries = new LinkedHashMap<>();
      entries.put(
          "tenken.junit-xml", attach(context, reports.get(i), ReportFormat.JUNIT, dir, name));
      entries.put("tenken.sarif", attach(context, reports.get(i), ReportFormat.SARIF, dir, name));
      context.publishReportEntry(entries);
    }
  }

  private static TenkenScanner newScanner(ExtensionContext context) {
    Optional<TenkenScan> config = configuration(context);
    CheckSet installed = CheckSet.discover(context.getRequiredTestClass().getClassLoader());
    if (installed.checks().isEmpty()) {
      throw new ParameterResolutionException(
          "no Tenken checks on the test class path: add a check module, such as"
              + " dev.tenken:tenken-checks-database, to the test dependencies");
    }
    CheckRunner.Builder builder = CheckRunner.builder().checks(select(installed, config));
    try {
      builder.scope(
          Scope.of(config.map(TenkenScan::scope).orElse(new String[] {TenkenScan.LOOPBACK})));
    } catch (IllegalArgumentException e) {
      throw new ParameterResolutionException("@TenkenScan(scope): " + e.getMessage(), e);
    }
    config.ifPresent(c -> builder.enable(c.enable()));
    return new TenkenScanner(builder.build());
  }

  /** The nearest {@link TenkenScan}: the method's, the class's, then enclosing classes'. */
  private static Optional<TenkenScan> configuration(ExtensionContext context) {
    List<AnnotatedElement> places = new ArrayList<>();
    context.getTestMethod().ifPresent(places::add);
    for (Class<?> c = context.getRequiredTestClass(); c != null; c = c.getEnclosingClass()) {
      places.add(c);
    }
    return places.stream()
        .map(p -> AnnotationSupport.findAnnotation(p, TenkenScan.class))
        .flatMap(Optional::stream)
        .findFirst();
  }

  private static CheckSet select(CheckSet installed, Optional<TenkenScan> config) {
    String[] prefixes = config.map(TenkenScan::checks).orElse(new String[0]);
    if (prefixes.length == 0) {
      return installed;
    }
    for (String prefix : prefixes) {
      if (installed.checks().stream().noneMatch(c -> selects(prefix, c.id()))) {
        throw new ParameterResolutionException(
            "@TenkenScan(checks): no check id is or starts with '"
                + prefix
                + "'; the class path has "
                + installed.checks().stream().map(c -> c.id()).collect(Collectors.joining(", ")));
      }
    }
    return installed.filter(d -> Arrays.stream(prefixes).anyMatch(p -> selects(p, d.id())));
  }

  private static boolean selects(String prefix, String id) {
    return id.equals(prefix) || id.startsWith(prefix.endsWith(".") ? prefix : prefix + ".");
  }

  /** The method's name, with {@code [n]} for the n-th invocation of a test template. */
  private static String baseName(ExtensionContext context) {
    String name = context.getRequiredTestMethod().getName();
    String last = context.getUniqueId().substring(context.getUniqueId().lastIndexOf('/') + 1);
    int hash = last.indexOf(":#");
    return hash < 0 ? name : name + "[" + last.substring(hash + 2, last.length() - 1) + "]";
  }

  /** Writes one format of {@code report}, publishes the file and returns its absolute path. */
  private static String attach(
      ExtensionContext context, Report report, ReportFormat format, Path dir, String name)
      throws IOException {
    String fileName = name + "." + format.extension();
    Path file = dir.resolve(fileName).toAbsolutePath();
    Files.createDirectories(dir);
    try (OutputStream out = Files.newOutputStream(file)) {
      format.write(report, out);
    } catch (IOException e) {
      throw new IOException("could not write the Tenken report " + file + ": " + e.getMessage(), e);
    }
    publishFile(context, fileName, mediaType(format), file);
    return file.toString();
  }

  private static MediaType mediaType(ReportFormat format) {
    return format == ReportFormat.SARIF
        ? MediaType.create("application", "sarif+json", UTF_8)
        : MediaType.create("application", "xml", UTF_8);
  }

  private static void publishFile(
      ExtensionContext context, String name, MediaType type, Path file) {
    try {
      // Replaces what an earlier run of the same test published there.
      context.publishFile(
          name, type, target -> Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING));
    } catch (LinkageError e) {
      // Jupiter before 5.14 has no publishFile(String, MediaType, ...): the report entry remains.
    }
  }
}
