package dev.tenken;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A typed pointer to more information about a check or finding: a CVE, a CWE or a URL.
 *
 * @param kind what the id names
 * @param id {@code CVE-2025-49844}, {@code CWE-306} or an absolute {@code https} URL
 */
public record Reference(Kind kind, String id) {
  private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");
  private static final Pattern CWE = Pattern.compile("CWE-\\d+");

  /** The kinds of reference. */
  public enum Kind {
    CVE,
    CWE,
    URL
  }

  public Reference {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    boolean ok =
        switch (kind) {
          case CVE -> CVE.matcher(id).matches();
          case CWE -> CWE.matcher(id).matches();
          case URL -> id.startsWith("https://") || id.startsWith("http://");
        };
    if (!ok) {
      throw new IllegalArgumentException("'" + id + "' is not a valid " + kind + " reference");
    }
  }

  /** A CVE such as {@code CVE-2025-49844}. */
  public static Reference cve(String id) {
    return new Reference(Kind.CVE, id);
  }

  /** A CWE by number: {@code cwe(306)} is {@code CWE-306}. */
  public static Reference cwe(int number) {
    return new Reference(Kind.CWE, "CWE-" + number);
  }

  /** A web page. */
  public static Reference url(String url) {
    return new Reference(Kind.URL, url);
  }

  /** A link to read about this reference. */
  public String link() {
    return switch (kind) {
      case CVE -> "https://www.cve.org/CVERecord?id=" + id;
      case CWE -> "https://cwe.mitre.org/data/definitions/" + id.substring(4) + ".html";
      case URL -> id;
    };
  }

  @Override
  public String toString() {
    return id;
  }
}
