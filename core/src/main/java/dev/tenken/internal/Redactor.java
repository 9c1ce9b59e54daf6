package dev.tenken.internal;

import dev.tenken.Secret;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in text that leaves a check: every configured secret wherever it appears, and
 * values that look secret (a {@code password=...}, a URI's user information, an Authorization
 * header, a Redis {@code requirepass}). Immutable and thread-safe.
 */
public final class Redactor {
  private static final Pattern KEY_VALUE =
      Pattern.compile(
          "(?i)\\b(password|passwd|pwd|pass|passphrase|secret|token|api[_-]?key|community|auth_?key)(\"?\\s*[=:]\\s*\"?)([^\\s\"',;&]+)");
  /** Configuration lines such as Redis's {@code requirepass s3cret}. */
  private static final Pattern CONFIG_LINE =
      Pattern.compile("(?im)^(\\s*(?:requirepass|masterauth|rocommunity|rwcommunity|community))(\\s+)(\\S+)");
  private static final Pattern AUTH_HEADER =
      Pattern.compile("(?i)\\b(authorization|proxy-authorization)(\\s*:\\s*)(basic|digest|bearer)?\\s*([^\\r\\n]+)");
  private static final Pattern URI_USERINFO =
      Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://[^/\\s:@]*):([^/\\s@]+)@");

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
    String out = text;
    for (String s : secrets) {
      out = out.replace(s, Secret.MASK);
    }
    out = replace(KEY_VALUE, out, m -> m.group(1) + m.group(2) + Secret.MASK);
    out = replace(CONFIG_LINE, out, m -> m.group(1) + m.group(2) + Secret.MASK);
    out =
        replace(
            AUTH_HEADER,
            out,
            m -> m.group(1) + m.group(2) + (m.group(3) == null ? "" : m.group(3) + " ") + Secret.MASK);
    out = replace(URI_USERINFO, out, m -> m.group(1) + ":" + Secret.MASK + "@");
    return out;
  }

  private static String replace(
      Pattern pattern, String text, java.util.function.Function<Matcher, String> replacement) {
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
