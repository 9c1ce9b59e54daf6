package dev.tenken.cli;

import dev.tenken.Severity;
import dev.tenken.report.ReportFormat;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The option value types of the command line and their converters. Each error is a {@link
 * BadValue}: a message key and its arguments, worded in the chosen language where it is printed.
 */
final class Converters {
  private Converters() {}

  /** A value an option cannot take: the message key (in {@link Lang}'s bundle) and arguments. */
  static final class BadValue extends TypeConversionException {
    private static final long serialVersionUID = 1L;

    final String key;
    final transient Object[] args;

    BadValue(String key, Object... args) {
      super(key);
      this.key = key;
      this.args = args.clone();
    }
  }

  /** Every format name {@code --format} takes, for the usage help and its error. */
  static final class FormatNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return java.util.stream.Stream.concat(
              java.util.stream.Stream.of("text"),
              Arrays.stream(ReportFormat.values()).map(f -> f.name().toLowerCase(Locale.ROOT)))
          .iterator();
    }
  }

  /** An output format: the terminal summary ({@code text}) or one of the report formats. */
  record OutputFormat(@Nullable ReportFormat report) {
    static final OutputFormat TEXT = new OutputFormat(null);

    boolean isText() {
      return report == null;
    }

    /** The name used on the command line. */
    String label() {
      return report == null ? "text" : report.name().toLowerCase(Locale.ROOT);
    }

    /** The file name extension, without the dot. */
    String extension() {
      return report == null ? "txt" : report.extension();
    }

    /** Every accepted name, comma-separated. */
    static String accepted() {
      return String.join(", ", new FormatNames());
    }
  }

  /** {@code text} or a {@link ReportFormat} name. */
  static final class FormatConverter implements ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      String name = value.strip().toLowerCase(Locale.ROOT);
      if (name.equals("text")) {
        return OutputFormat.TEXT;
      }
      try {
        return new OutputFormat(ReportFormat.parse(name));
      } catch (IllegalArgumentException e) {
        throw new BadValue("error.format", value, OutputFormat.accepted());
      }
    }
  }

  /** A {@code --fail-on} threshold: a severity, or none. */
  record FailOn(@Nullable Severity severity) {
    static final FailOn NONE = new FailOn(null);

    /** Whether a finding of {@code s} fails the run. */
    boolean fails(Severity s) {
      return severity != null && s.isAtLeast(severity);
    }

    String label() {
      return severity == null ? "none" : severity.label();
    }
  }

  /** {@code info|low|medium|high|critical|none}. */
  static final class FailOnConverter implements ITypeConverter<FailOn> {
    @Override
    public FailOn convert(String value) {
      if (value.strip().equalsIgnoreCase("none")) {
        return FailOn.NONE;
      }
      try {
        return new FailOn(Severity.parse(value));
      } catch (IllegalArgumentException e) {
        throw new BadValue("error.fail-on", value);
      }
    }
  }

  /** What {@code --enable} turns on beyond the default passive and read-only checks. */
  enum Enablement {
    CREDENTIAL_ATTEMPTS("credential-attempts"),
    SESSIONS("sessions"),
    PRINT_PORTS("print-ports");

    final String label;

    Enablement(String label) {
      this.label = label;
    }

    static String accepted() {
      return Arrays.stream(values()).map(e -> e.label).collect(Collectors.joining(", "));
    }
  }

  /** {@code credential-attempts|sessions|print-ports}. */
  static final class EnableConverter implements ITypeConverter<Enablement> {
    @Override
    public Enablement convert(String value) {
      String v = value.strip().toLowerCase(Locale.ROOT);
      for (Enablement e : Enablement.values()) {
        if (e.label.equals(v)) {
          return e;
        }
      }
      throw new BadValue("error.enable", value, Enablement.accepted());
    }
  }

  private static final Pattern DURATION =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)", Pattern.CASE_INSENSITIVE);

  /** {@code 500ms}, {@code 2s}, {@code 1.5s}, {@code 1m}, {@code 1h} or ISO-8601 ({@code PT2S}). */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String v = value.strip();
      Duration d;
      Matcher m = DURATION.matcher(v);
      if (m.matches()) {
        double amount = Double.parseDouble(m.group(1));
        double millis =
            switch (m.group(2).toLowerCase(Locale.ROOT)) {
              case "ms" -> amount;
              case "s" -> amount * 1_000;
              case "m" -> amount * 60_000;
              default -> amount * 3_600_000;
            };
        if (millis > Long.MAX_VALUE / 2) {
          throw new BadValue("error.duration.long", value);
        }
        d = Duration.ofNanos(Math.round(millis * 1_000_000));
      } else if (v.toUpperCase(Locale.ROOT).startsWith("PT")) {
        try {
          d = Duration.parse(v);
        } catch (DateTimeParseException e) {
          throw badDuration(value);
        }
      } else {
        throw badDuration(value);
      }
      if (d.isZero() || d.isNegative()) {
        throw new BadValue("error.duration.zero", value);
      }
      return d;
    }

    private static BadValue badDuration(String value) {
      return new BadValue("error.duration", value);
    }
  }

  private static final Pattern RATE =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(?:/\\s*s)?", Pattern.CASE_INSENSITIVE);

  /** {@code 100/s} or {@code 100}: new connections per second; {@code 0} for no limit. */
  static final class RateConverter implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      Matcher m = RATE.matcher(value.strip());
      if (!m.matches()) {
        throw new BadValue("error.rate", value);
      }
      return Double.parseDouble(m.group(1));
    }
  }

  /** A whole number of 1 or more. */
  static final class PositiveIntConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      String v = value.strip();
      if (v.matches("\\d{1,9}") && Integer.parseInt(v) >= 1) {
        return Integer.parseInt(v);
      }
      throw new BadValue("error.count", value);
    }
  }
}
