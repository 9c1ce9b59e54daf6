package dev.tenken.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tenken.CheckDescriptor;
import dev.tenken.CheckSet;
import dev.tenken.Reference;
import dev.tenken.Tenken;
import dev.tenken.spi.ServiceProbe;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * {@code tenken checks}: the catalogue of installed checks, filtered like a scan's. The usage help
 * is in {@link Lang}'s bundle under {@code tenken.checks.*}.
 */
@Command(
    name = "checks",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true)
final class ChecksCommand implements Callable<Integer> {
  private final Main.Env env;

  @Option(names = "--format", paramLabel = "FORMAT", converter = ListFormatConverter.class)
  private String format = "text";

  @Option(names = "--checks", split = ",", paramLabel = "SELECTOR")
  private List<String> include = new ArrayList<>();

  @Option(names = "--exclude", split = ",", paramLabel = "SELECTOR")
  private List<String> exclude = new ArrayList<>();

  ChecksCommand(Main.Env env) {
    this.env = env;
  }

  @Override
  public Integer call() throws IOException {
    CheckSet all;
    try {
      all = CheckSelection.select(env.checks().get(), include, exclude);
    } catch (UsageException e) {
      env.err().println("tenken: " + e.message(env.lang()));
      return Main.USAGE;
    }
    if (format.equals("json")) {
      writeJson(all, env.out());
    } else {
      writeText(all, env.lang(), env.out());
    }
    return Main.OK;
  }

  private static void writeText(CheckSet set, Lang lang, PrintStream out) {
    List<CheckDescriptor> checks = set.checks().stream().map(c -> c.descriptor()).toList();
    if (checks.isEmpty()) {
      out.println(lang.text("checks.none"));
    } else {
      List<String[]> rows = new ArrayList<>();
      rows.add(lang.text("checks.columns").split(","));
      for (CheckDescriptor d : checks) {
        rows.add(
            new String[] {
              d.id(),
              d.severity().label(),
              label(d.safety()),
              CheckSelection.label(d.countermeasure()),
              String.join(",", new TreeSet<>(d.services())),
              d.defaultPorts().isEmpty()
                  ? "-"
                  : d.defaultPorts().stream().map(String::valueOf).collect(Collectors.joining(","))
                      + (d.transport() == dev.tenken.Transport.UDP ? "/udp" : ""),
              Terminal.clean(d.title())
            });
      }
      int[] widths = new int[rows.get(0).length];
      for (String[] row : rows) {
        for (int i = 0; i < row.length; i++) {
          widths[i] = Math.max(widths[i], Progress.columns(row[i]));
        }
      }
      for (String[] row : rows) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
          line.append(row[i]);
          if (i < row.length - 1) {
            line.append(" ".repeat(widths[i] - Progress.columns(row[i]) + 2));
          }
        }
        out.println(line.toString().stripTrailing());
      }
      out.println();
      out.println(lang.text("checks.count", checks.size()));
    }
    List<ServiceProbe> probes = set.probes();
    if (probes.isEmpty()) {
      out.println(lang.text("checks.no-probes"));
    } else {
      out.println(
          lang.text(
              "checks.probes",
              probes.size(),
              probes.stream()
                  .map(p -> p.service() + (p.transport() == dev.tenken.Transport.UDP ? "/udp" : ""))
                  .distinct()
                  .collect(Collectors.joining(", "))));
    }
  }

  private static void writeJson(CheckSet set, OutputStream out) throws IOException {
    JsonGenerator g = new JsonFactory().createGenerator(new NonClosing(out), JsonEncoding.UTF8);
    g.useDefaultPrettyPrinter();
    g.writeStartObject();
    g.writeStringField("tool", "Tenken");
    g.writeStringField("version", Tenken.version());
    g.writeArrayFieldStart("checks");
    for (var check : set.checks()) {
      CheckDescriptor d = check.descriptor();
      g.writeStartObject();
      g.writeStringField("id", d.id());
      g.writeStringField("title", d.title());
      g.writeStringField("severity", d.severity().label());
      g.writeStringField("safety", label(d.safety()));
      g.writeStringField("countermeasure", CheckSelection.label(d.countermeasure()));
      g.writeArrayFieldStart("services");
      for (String s : new TreeSet<>(d.services())) {
        g.writeString(s);
      }
      g.writeEndArray();
      g.writeStringField("transport", label(d.transport()));
      g.writeArrayFieldStart("ports");
      for (int port : d.defaultPorts()) {
        g.writeNumber(port);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("references");
      for (Reference r : d.references()) {
        g.writeString(r.id());
      }
      g.writeEndArray();
      g.writeArrayFieldStart("tags");
      for (String t : new TreeSet<>(d.tags())) {
        g.writeString(t);
      }
      g.writeEndArray();
      g.writeStringField("description", d.description());
      g.writeStringField("remediation", d.remediation());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("probes");
    for (ServiceProbe p : set.probes()) {
      g.writeStartObject();
      g.writeStringField("service", p.service());
      g.writeStringField("transport", label(p.transport()));
      g.writeArrayFieldStart("ports");
      for (int port : p.likelyPorts()) {
        g.writeNumber(port);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
    g.writeRaw('\n');
    g.close();
    out.flush();
  }

  private static String label(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  /** {@code text} or {@code json}. */
  static final class ListFormatConverter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      String v = value.strip().toLowerCase(Locale.ROOT);
      if (v.equals("text") || v.equals("json")) {
        return v;
      }
      throw new Converters.BadValue("error.list-format", value);
    }
  }

  /** Keeps the generator from closing the caller's stream. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
