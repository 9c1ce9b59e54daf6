package dev.tenken;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * A check's title, description and remediation in one language. Immutable and thread-safe.
 *
 * <p>English is the check's {@link CheckDescriptor}, the source of truth: no bundle is read for a
 * locale whose language is English (or {@link Locale#ROOT}). Any other language comes from the
 * properties file {@code <package of the check's class>/checks_<locale>.properties} (UTF-8), found
 * through the check class's {@link ClassLoader}, with the keys {@code <check id>.title}, {@code
 * <check id>.description} and {@code <check id>.remediation}. Locales are looked up from the most
 * specific to the language ({@code ja_JP}, then {@code ja}); the default locale of the JVM plays no
 * part. Each text falls back to English on its own when the file lacks its key or leaves it blank;
 * {@link #missing()} says which did.
 *
 * <p>Files are read once per class loader, bundle and locale and kept as long as the class loader
 * lives. A missing, unreadable or malformed file counts as empty: this class never throws for it.
 */
public final class CheckTexts {
  /** The simple name of every check module's bundle: {@code checks}, as in {@code checks_ja}. */
  public static final String BUNDLE = "checks";

  /**
   * The evidence label under which a finding in another language keeps the check's specific English
   * title when the check wrote one (see {@link CheckRunner.Builder#locale(Locale)}).
   */
  public static final String DETAIL_EVIDENCE = "detail";

  /** The three translated texts of a check. */
  public enum Text {
    /** One line, what a failure means. */
    TITLE,
    /** Why it matters. */
    DESCRIPTION,
    /** What to do when it fails. */
    REMEDIATION;

    /** The bundle key of this text of check {@code checkId}: {@code <check id>.title}... */
    public String key(String checkId) {
      return checkId + "." + name().toLowerCase(Locale.ROOT);
    }
  }

  private static final ResourceBundle.Control NAMES =
      ResourceBundle.Control.getControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  /** Class loader to "base name_locale" to that file's keys and values (after fallback merging). */
  private static final Map<ClassLoader, Map<String, Map<String, String>>> CACHE =
      Collections.synchronizedMap(new WeakHashMap<>());

  private final CheckDescriptor english;
  private final Locale locale;
  private final String bundleName;
  private final Map<String, String> bundle;
  private final Map<Text, String> texts = new EnumMap<>(Text.class);
  private final Set<Text> missing = EnumSet.noneOf(Text.class);

  private CheckTexts(
      CheckDescriptor english, Locale locale, String bundleName, Map<String, String> bundle) {
    this.english = english;
    this.locale = locale;
    this.bundleName = bundleName;
    this.bundle = bundle;
    for (Text text : Text.values()) {
      String value = isEnglish(locale) ? null : bundle.get(text.key(english.id()));
      if (value == null || value.isBlank()) {
        texts.put(text, englishText(text));
        if (!isEnglish(locale)) {
          missing.add(text);
        }
      } else {
        texts.put(text, value.strip());
      }
    }
  }

  /**
   * The texts of {@code check} in {@code locale}, each falling back to English.
   *
   * @throws NullPointerException when an argument is null
   */
  public static CheckTexts of(Check check, Locale locale) {
    CheckDescriptor d = check.descriptor();
    String base = check.getClass().getPackageName() + "." + BUNDLE;
    if (isEnglish(locale)) {
      return new CheckTexts(d, locale, base, Map.of());
    }
    ClassLoader loader = check.getClass().getClassLoader();
    return new CheckTexts(
        d,
        locale,
        base,
        load(loader == null ? ClassLoader.getSystemClassLoader() : loader, base, locale));
  }

  /** Whether {@code locale} is English (or the root locale), whose texts are the descriptors'. */
  public static boolean isEnglish(Locale locale) {
    String language = locale.getLanguage();
    return language.isEmpty() || language.equals(Locale.ENGLISH.getLanguage());
  }

  /** The locale asked for. */
  public Locale locale() {
    return locale;
  }

  /** One line, what a failure means. */
  public String title() {
    return texts.get(Text.TITLE);
  }

  /** Why it matters. */
  public String description() {
    return texts.get(Text.DESCRIPTION);
  }

  /** What to do when it fails. */
  public String remediation() {
    return texts.get(Text.REMEDIATION);
  }

  /** The texts that fell back to English; always empty for English. */
  public Set<Text> missing() {
    return Collections.unmodifiableSet(missing);
  }

  /**
   * The bundle's base name, {@code <package of the check's class>.checks}; its file for this locale
   * is {@code ResourceBundle.Control.toBundleName(baseName, locale)} plus {@code .properties}.
   */
  public String bundleName() {
    return bundleName;
  }

  /**
   * Every key of the bundle these texts were read from, which the other checks of the package
   * share; empty for English or when there is no file.
   */
  public Set<String> bundleKeys() {
    return bundle.keySet();
  }

  /**
   * The check's descriptor with title, description and remediation in this locale; the descriptor
   * itself for English. Probe and proof stay English: they document the wire protocol.
   */
  public CheckDescriptor descriptor() {
    if (missing.size() == Text.values().length || isEnglish(locale)) {
      return english;
    }
    return new CheckDescriptor(
        english.id(),
        title(),
        description(),
        remediation(),
        english.probe(),
        english.proof(),
        english.severity(),
        english.safety(),
        english.countermeasure(),
        english.services(),
        english.transport(),
        english.defaultPorts(),
        english.references(),
        english.tags());
  }

  private String englishText(Text text) {
    return switch (text) {
      case TITLE -> english.title();
      case DESCRIPTION -> english.description();
      case REMEDIATION -> english.remediation();
    };
  }

  @Override
  public String toString() {
    return english.id() + " in " + locale + ", missing " + missing;
  }

  /** The merged keys of every candidate file, the most specific winning; cached. */
  private static Map<String, String> load(ClassLoader loader, String base, Locale locale) {
    Map<String, Map<String, String>> byBundle =
        CACHE.computeIfAbsent(loader, l -> Collections.synchronizedMap(new HashMap<>()));
    return byBundle.computeIfAbsent(base + "_" + locale, k -> read(loader, base, locale));
  }

  private static Map<String, String> read(ClassLoader loader, String base, Locale locale) {
    Map<String, String> merged = new HashMap<>();
    List<Locale> candidates = NAMES.getCandidateLocales(base, locale);
    // Least specific first, so the more specific file's values replace its values.
    for (int i = candidates.size() - 1; i >= 0; i--) {
      Locale candidate = candidates.get(i);
      if (isEnglish(candidate)) {
        continue; // English comes from the descriptors, never from a file
      }
      String name = NAMES.toResourceName(NAMES.toBundleName(base, candidate), "properties");
      try (InputStream in = loader.getResourceAsStream(name)) {
        if (in != null) {
          Properties p = new Properties();
          p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
          p.stringPropertyNames().forEach(key -> merged.put(key, p.getProperty(key)));
        }
      } catch (IOException | IllegalArgumentException e) {
        // Unreadable or malformed: counts as empty; verifyTranslations reports every key missing.
      }
    }
    return Map.copyOf(merged);
  }
}
