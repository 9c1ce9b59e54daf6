package dev.tenken.test;

import dev.tenken.CheckResult;
import dev.tenken.Finding;
import dev.tenken.TargetResult;
import java.util.Collection;
import java.util.stream.Collectors;

/** How assertions and the contract kit describe results in failure messages. Not API. */
final class Texts {
  private Texts() {}

  /** {@code high demo.banner.exposed tcp://127.0.0.1:4000 "Title"}. */
  static String finding(Finding f) {
    return f.severity().name()
        + " "
        + f.checkId()
        + " "
        + f.endpoint().uri()
        + " \""
        + oneLine(f.title())
        + "\"";
  }

  /** {@code FAIL demo.banner.exposed on tcp://127.0.0.1:4000: detail}. */
  static String result(CheckResult r) {
    return r.status()
        + " "
        + r.checkId()
        + " on "
        + r.endpoint().uri()
        + (r.detail().isBlank() ? "" : ": " + shorten(oneLine(r.detail()), 200))
        + (r.findings().isEmpty() || !r.detail().isBlank()
            ? ""
            : " [" + r.findings().size() + " finding(s)]");
  }

  /** {@code demo://127.0.0.1:4000 SCANNED (1 open port(s), 1 check result(s))}. */
  static String target(TargetResult t) {
    return t.target()
        + " "
        + t.status()
        + (t.detail().isBlank() ? "" : " (" + oneLine(t.detail()) + ")");
  }

  static String findings(Collection<Finding> findings) {
    return list(findings.stream().map(Texts::finding).collect(Collectors.toList()));
  }

  static String results(Collection<CheckResult> results) {
    return list(results.stream().map(Texts::result).collect(Collectors.toList()));
  }

  /** One item per line, indented; {@code (none)} for an empty list. */
  static String list(Collection<String> items) {
    if (items.isEmpty()) {
      return "\n    (none)";
    }
    StringBuilder sb = new StringBuilder();
    for (String item : items) {
      sb.append("\n    - ").append(item);
    }
    return sb.toString();
  }

  static String oneLine(String text) {
    return text.replace("\r", "\\r").replace("\n", "\\n");
  }

  static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + "...";
  }

  /** Escapes {@code %} so a message survives AssertJ's {@code String.format}. */
  static String literal(String message) {
    return message.replace("%", "%%");
  }
}
