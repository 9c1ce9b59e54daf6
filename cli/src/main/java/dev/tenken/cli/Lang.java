package dev.tenken.cli;

import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * The language of the command line, chosen once per run: {@code --lang en|ja}, else Japanese when
 * the JVM's default locale is Japanese, else English. Every message, heading and help text comes
 * from {@code dev/tenken/cli/messages*.properties} through {@link #text}; {@link #locale()} is the
 * one value the reports' language should follow too.
 */
final class Lang {
  /** The bundle holding every message and the usage help (picocli's keys). */
  static final String BUNDLE = "dev.tenken.cli.messages";

  /** The languages there are messages for, by their {@code --lang} name. */
  static final List<String> SUPPORTED = List.of("en", "ja");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d)}");

  private final Locale locale;
  private final ResourceBundle bundle;

  private Lang(Locale locale) {
    this.locale = locale;
    // No fallback to the JVM's default locale: English asked for on a Japanese system is English.
    this.bundle =
        ResourceBundle.getBundle(
            BUNDLE,
            locale,
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  /** Japanese for a Japanese {@code locale}, else English. */
  static Lang of(Locale locale) {
    return new Lang(locale.getLanguage().equals("ja") ? Locale.JAPANESE : Locale.ENGLISH);
  }

  /**
   * The language {@code args} ask for with {@code --lang}, else the one of {@code fallback}. Read
   * before picocli parses the command line, so that its errors and help are in that language too; a
   * value that is no language is left for picocli to report.
   */
  static Lang choose(String[] args, Locale fallback) {
    for (int i = 0; i < args.length && !args[i].equals("--"); i++) {
      String value = null;
      if (args[i].equals("--lang") && i + 1 < args.length) {
        value = args[i + 1];
      } else if (args[i].startsWith("--lang=")) {
        value = args[i].substring("--lang=".length());
      }
      if (value != null && SUPPORTED.contains(value.strip().toLowerCase(Locale.ROOT))) {
        return of(Locale.forLanguageTag(value.strip().toLowerCase(Locale.ROOT)));
      }
    }
    return of(fallback);
  }

  /** The chosen language ({@link Locale#ENGLISH} or {@link Locale#JAPANESE}) for reports. */
  Locale locale() {
    return locale;
  }

  /**
   * The message bundle for picocli's usage help. Detached from its base name: picocli may reload a
   * named bundle by that name in the JVM's default locale, which would undo {@code --lang}.
   */
  ResourceBundle helpBundle() {
    return new ResourceBundle() {
      @Override
      protected @Nullable Object handleGetObject(String key) {
        return bundle.containsKey(key) ? bundle.getObject(key) : null;
      }

      @Override
      public Enumeration<String> getKeys() {
        return bundle.getKeys();
      }
    };
  }

  /** The message {@code key} with {@code {0}}, {@code {1}}... replaced by {@code args}. */
  String text(String key, Object... args) {
    String pattern = bundle.getString(key);
    // One pass, so that a value holding "{1}" (a device's banner, say) is not itself replaced.
    Matcher m = PLACEHOLDER.matcher(pattern);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      int i = Integer.parseInt(m.group(1));
      String value = i < args.length ? String.valueOf(args[i]) : m.group();
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    return m.appendTail(out).toString();
  }

  /** {@code n} and a noun: key {@code count.<noun>.one} for 1, {@code count.<noun>.other} else. */
  String count(long n, String noun) {
    return text("count." + noun + (n == 1 ? ".one" : ".other"), n);
  }

  /** A label of {@code value}: key {@code <prefix>.<lower-case name>}. */
  String label(String prefix, Enum<?> value) {
    return text(prefix + "." + value.name().toLowerCase(Locale.ROOT));
  }

  /** {@code --lang en|ja} on every command; the value itself is read by {@link #choose}. */
  static final class Flag {
    @Option(
        names = "--lang",
        paramLabel = "LANG",
        converter = Converter.class,
        descriptionKey = "lang")
    @SuppressWarnings("unused")
    private String lang = "";
  }

  /** {@code en} or {@code ja}. */
  static final class Converter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      String v = value.strip().toLowerCase(Locale.ROOT);
      if (SUPPORTED.contains(v)) {
        return v;
      }
      throw new Converters.BadValue("error.lang", value, String.join(", ", SUPPORTED));
    }
  }
}
