package dev.tenken.report;

import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words a report writes around the scan's data — headings, column names, severity and status
 * names — in one language, read from {@code dev/tenken/report/labels.properties} (English) and
 * {@code labels_ja.properties} (Japanese), both UTF-8.
 *
 * <p>{@link #of(Locale)} picks the language by the locale's language alone: Japanese for {@code
 * ja}, English for everything else. A key missing from the Japanese file falls back to English (a
 * test keeps both files complete). Immutable and thread-safe.
 */
public final class ReportLabels {
  private static final String BUNDLE = "dev.tenken.report.labels";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d)}");
  private static final ReportLabels ENGLISH = load(Locale.ENGLISH);
  private static final ReportLabels JAPANESE = load(Locale.JAPANESE);

  private final Locale locale;
  private final ResourceBundle bundle;

  private ReportLabels(Locale locale, ResourceBundle bundle) {
    this.locale = locale;
    this.bundle = bundle;
  }

  private static ReportLabels load(Locale locale) {
    // No fallback to the JVM's default locale: English asked for is English on a Japanese desktop.
    ResourceBundle.Control control =
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    return new ReportLabels(
        locale,
        ResourceBundle.getBundle(BUNDLE, locale, ReportLabels.class.getClassLoader(), control));
  }

  /**
   * The labels for {@code locale}'s language.
   *
   * @param locale the reader's locale; only its language counts
   * @return Japanese labels for a {@code ja} locale, English labels for any other
   * @throws NullPointerException when {@code locale} is null
   */
  public static ReportLabels of(Locale locale) {
    Objects.requireNonNull(locale, "locale");
    return locale.getLanguage().equals(Locale.JAPANESE.getLanguage()) ? JAPANESE : ENGLISH;
  }

  /** The languages there are labels for, English first. */
  static List<Locale> supported() {
    return List.of(Locale.ENGLISH, Locale.JAPANESE);
  }

  /**
   * The language these labels are in.
   *
   * @return {@link Locale#ENGLISH} or {@link Locale#JAPANESE}
   */
  public Locale locale() {
    return locale;
  }

  /**
   * The label for {@code key}, such as {@code finding.remediation}.
   *
   * @param key the label's key in {@code labels.properties}
   * @return the text, unescaped, possibly holding {@code {0}}-style placeholders
   * @throws MissingResourceException when no file defines {@code key}
   * @throws NullPointerException when {@code key} is null
   */
  public String get(String key) {
    return bundle.getString(Objects.requireNonNull(key, "key"));
  }

  /** The label for {@code key} with {@code {0}}, {@code {1}}... replaced by {@code args}. */
  String format(String key, Object... args) {
    // One pass, so an argument that itself holds "{1}" is never expanded.
    Matcher m = PLACEHOLDER.matcher(get(key));
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      int i = Integer.parseInt(m.group(1));
      m.appendReplacement(sb, Matcher.quoteReplacement(String.valueOf(args[i])));
    }
    return m.appendTail(sb).toString();
  }

  /** The name of an enum value: the label {@code group.value}, such as {@code severity.high}. */
  String name(String group, Enum<?> value) {
    return get(group + "." + JsonModel.label(value));
  }
}
