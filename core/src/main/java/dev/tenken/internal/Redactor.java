package dev.tenken.internal;

import dev.tenken.Secret;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in text that leaves a check: every configured secret wherever it appears, and
 * values that look secret (a {@code password=...} or {@code "password": "..."}, a URI's user
 * information, an Authorization header, a Redis {@code requirepass}, an SNMP community line, an XML
 * {@code <Password>} element). Ordinary prose that merely mentions passwords ({@code -NOAUTH
 * Authentication required.}, {@code Set a password}) is left alone. Immutable and thread-safe.
 */
public final class Redactor {
  /**
   * Where a key may start: not inside a word ({@code bypass}, {@code compass}), except at a
   * camel-case hump ({@code adminPassword}); {@code db_password} and {@code x-api-key} qualify.
   */
  private static final String KEY_START = "(?:(?<![A-Za-z0-9])|(?<=[a-z])(?=[A-Z]))";

  /** A value: double-quoted, single-quoted (quotes kept, content masked) or bare. */
  private static final String VALUE =
      "(\"(?:[^\"\\\\\\r\\n]|\\\\.)+\"|'(?:[^'\\\\\\r\\n]|\\\\.)+'|[^\\s\"',;&]+)";

  /** {@code password=x}, {@code "token": "x"}, {@code db_password: x}, {@code apiKey='x'}. */
  private static final Pattern KEY_VALUE =
      Pattern.compile(
          KEY_START
              + "((?i:password|passwd|pwd|pass|passphrase|secret|token|api[_-]?key|community"
              + "|auth_?key))([\"']?[ \\t]*[=:][ \\t]*)"
              + VALUE);

  /**
   * Redis's {@code requirepass}/{@code masterauth} as a key: {@code requirepass=x}, {@code
   * "masterauth": "x"}.
   */
  private static final Pattern REDIS_PASSWORD =
      Pattern.compile(
          "(?<![A-Za-z0-9_-])((?i:requirepass|masterauth))([\"']?[ \\t]*(?:=>|[=:])[ \\t]*)"
              + VALUE);

  /**
   * Configuration lines: Redis's {@code requirepass s3cret} and {@code masterauth "s3cret"}, SNMP's
   * {@code rocommunity public default}, Cisco's {@code snmp-server community public RO}. Only at
   * the start of a line, so prose such as "no requirepass configured" stays readable.
   */
  private static final Pattern CONFIG_LINE =
      Pattern.compile(
          "(?im)^([ \\t]*(?:requirepass|masterauth|rocommunity6?|rwcommunity6?|community"
              + "|snmp-server[ \\t]+community))([ \\t]+)(?![=:])"
              + VALUE);

  /** An Authorization header, also as a JSON or map entry; its value up to the end of the line. */
  private static final Pattern AUTH_HEADER =
      Pattern.compile(
          "(?<![A-Za-z0-9-])((?i:(?:proxy-)?authorization))([\"']?[ \\t]*[:=][ \\t]*)([\"']?)([^\\r\\n]+)");

  private static final Pattern AUTH_SCHEME =
      Pattern.compile("(?i)(basic|digest|bearer|negotiate|ntlm|token)[ \\t]+\\S.*");

  /** {@code scheme://user:password@host}; the password runs to the authority's last '@'. */
  private static final Pattern URI_USERINFO =
      Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://[^/?#\\s:@]*):([^/?#\\s]+)@");

  /** {@code <Password>x</Password>}, {@code <wsse:Password Type="...">x</wsse:Password>}. */
  private static final Pattern XML_ELEMENT =
      Pattern.compile(
          "(<((?:[A-Za-z0-9_-]+:)?(?i:password|passwd|passphrase|secret|token|community))(?:\\s[^>]*)?>)([^<]+)(</\\2\\s*>)");

  /**
   * What every secret-looking pattern above needs somewhere in the text: one of its key words
   * ({@code pass} stands for password, passwd, passphrase and requirepass; {@code auth} for
   * authorization and masterauth; {@code key} for api-key and auth-key) or a URI's {@code @}. Most
   * texts (versions, CPE names, titles, status words) have none, and then one scan replaces six.
   * Case-folding is ASCII, as in the patterns.
   */
  private static final Pattern ANY_TRIGGER =
      Pattern.compile("(?i:pass|pwd|secret|token|key|communit|auth)|@");

  /**
   * Texts of at least {@link #CACHED_LENGTH} chars that came out unchanged: a check's title,
   * description and remediation pass here for every finding and are the costliest to scan. Only
   * clean texts are kept, so the cache never holds a secret; bounded, since device texts pass too.
   */
  private static final int CACHED_LENGTH = 40;

  private static final int CACHE_LIMIT = 4096;
  private final java.util.Set<String> clean = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private final List<String> secrets;

  /** A redactor for {@code secrets}; empty secrets are ignored (they match everywhere). */
  public Redactor(List<Secret> secrets) {
    List<String> list = new ArrayList<>();
    for (Secret s : secrets) {
      if (!s.isEmpty()) {
        list.add(s.reveal());
      }
    }
    list.sort(Comparator.comparingInt(String::length).reversed());
    this.secrets = List.copyOf(list);
  }

  /** {@code text} with secrets masked as {@value Secret#MASK}. */
  public String redact(String text) {
    boolean cacheable = text.length() >= CACHED_LENGTH;
    if (cacheable && clean.contains(text)) {
      return text;
    }
    String out = scan(text);
    if (cacheable && out.equals(text) && clean.size() < CACHE_LIMIT) {
      clean.add(text);
    }
    return out;
  }

  private String scan(String text) {
    String out = maskConfigured(text);
    if (!ANY_TRIGGER.matcher(out).find()) {
      return out;
    }
    out = replace(KEY_VALUE, out, m -> m.group(1) + m.group(2) + masked(m.group(3)));
    out = replace(REDIS_PASSWORD, out, m -> m.group(1) + m.group(2) + masked(m.group(3)));
    out = replace(CONFIG_LINE, out, m -> m.group(1) + m.group(2) + masked(m.group(3)));
    out = replace(AUTH_HEADER, out, Redactor::maskedHeader);
    out = replace(URI_USERINFO, out, m -> m.group(1) + ":" + Secret.MASK + "@");
    out = replace(XML_ELEMENT, out, m -> m.group(1) + Secret.MASK + m.group(4));
    return out;
  }

  /**
   * Masks every occurrence of every configured secret. Occurrences are found in the original text
   * and their union is masked, so overlapping secrets ({@code abcdef}, {@code defghi} in {@code
   * abcdefghi}) leave no part of either visible.
   */
  private String maskConfigured(String text) {
    boolean[] hidden = null;
    for (String s : secrets) {
      for (int i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + 1)) {
        if (hidden == null) {
          hidden = new boolean[text.length()];
        }
        java.util.Arrays.fill(hidden, i, i + s.length(), true);
      }
    }
    if (hidden == null) {
      return text;
    }
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      if (!hidden[i]) {
        sb.append(text.charAt(i));
      } else if (i == 0 || !hidden[i - 1]) {
        sb.append(Secret.MASK);
      }
    }
    return sb.toString();
  }

  /** A quoted value keeps its quotes. */
  private static String masked(String value) {
    char first = value.charAt(0);
    if ((first == '"' || first == '\'') && value.length() >= 2) {
      return first + Secret.MASK + first;
    }
    return Secret.MASK;
  }

  private static String maskedHeader(Matcher m) {
    String quote = m.group(3);
    String rest = m.group(4);
    String value = rest;
    String tail = "";
    if (!quote.isEmpty()) {
      int close = rest.indexOf(quote.charAt(0));
      if (close >= 0) {
        value = rest.substring(0, close);
        tail = rest.substring(close);
      }
    }
    Matcher scheme = AUTH_SCHEME.matcher(value);
    String kept = scheme.matches() ? scheme.group(1) + " " : "";
    return m.group(1) + m.group(2) + quote + kept + Secret.MASK + tail;
  }

  private static String replace(
      Pattern pattern, String text, Function<Matcher, String> replacement) {
    Matcher m = pattern.matcher(text);
    if (!m.find()) {
      return text;
    }
    StringBuilder sb = new StringBuilder();
    do {
      m.appendReplacement(sb, Matcher.quoteReplacement(replacement.apply(m)));
    } while (m.find());
    m.appendTail(sb);
    return sb.toString();
  }
}
