package dev.tenken.cli;

import dev.tenken.CheckResult;
import dev.tenken.Countermeasure;
import dev.tenken.Finding;
import dev.tenken.TargetResult;
import dev.tenken.report.Report;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a scan of the {@linkplain DemoLab demo lab} showed, per device: its findings grouped by
 * countermeasure, and whether it behaved as its variant says ({@link Verdict}), in the {@link Lang}
 * given (ASCII only in English); text from devices passes through {@link Terminal#clean}.
 * Stateless.
 */
final class DemoSummary {
  /** The label on every target of the lab naming its device. */
  static final String DEVICE_LABEL = "demo-device";

  private DemoSummary() {}

  /**
   * How one device fared.
   *
   * @param device the device
   * @param results its targets' results
   * @param failed the signature checks that FAILed
   * @param errors check results that ended ERROR, as {@code id: reason}
   */
  record Verdict(
      DemoDevice device, List<TargetResult> results, Set<String> failed, List<String> errors) {

    /** Vulnerable: every signature check FAILed. Hardened: none did. */
    boolean asExpected() {
      return device.variant() == DemoDevice.Variant.VULNERABLE
          ? failed.containsAll(device.signature())
          : failed.isEmpty();
    }

    /** Every finding on the device. */
    List<Finding> findings() {
      return results.stream().flatMap(TargetResult::findings).toList();
    }

    /** One line in {@code lang}: what was expected and what happened. */
    String explain(Lang lang) {
      Set<String> checks = new TreeSet<>(device.signature());
      if (!asExpected()) {
        if (device.variant() == DemoDevice.Variant.VULNERABLE) {
          checks.removeAll(failed); // the ones that should have failed
        } else {
          checks.retainAll(failed); // the ones that should not have
        }
      }
      return lang.text(
          "demo.verdict." + device.variant().label() + (asExpected() ? ".expected" : ".unexpected"),
          String.join(", ", checks));
    }
  }

  /** The verdict of every device of the lab, in the lab's order. */
  static List<Verdict> verdicts(DemoLab lab, Report report) {
    List<Verdict> out = new ArrayList<>();
    for (DemoDevice d : lab.devices()) {
      List<TargetResult> mine =
          report.targets().stream()
              .filter(t -> d.name().equals(t.target().labels().get(DEVICE_LABEL)))
              .toList();
      Set<String> failed = new TreeSet<>();
      List<String> errors = new ArrayList<>();
      for (TargetResult t : mine) {
        for (CheckResult r : t.results()) {
          if (r.status() == CheckResult.Status.FAIL && d.signature().contains(r.checkId())) {
            failed.add(r.checkId());
          } else if (r.status() == CheckResult.Status.ERROR) {
            errors.add(r.checkId() + ": " + r.detail());
          }
        }
      }
      out.add(new Verdict(d, mine, failed, errors));
    }
    return out;
  }

  /** Writes the per-device summary and the final result line. */
  static void write(Report report, List<Verdict> verdicts, Lang lang, PrintStream out) {
    out.println(
        lang.text(
            "demo.heading",
            verdicts.size(),
            lang.count(report.summary().targets(), "target"),
            lang.count(report.checks().size(), "check"),
            String.format(Locale.ROOT, "%.1f s", report.summary().elapsed().toMillis() / 1000.0)));
    for (Verdict v : verdicts) {
      out.println();
      writeDevice(v, lang, out);
    }
    out.println();
    out.println(resultLine(verdicts, lang));
  }

  private static void writeDevice(Verdict v, Lang lang, PrintStream out) {
    DemoDevice d = v.device();
    out.println(
        lang.text(
            "demo.device",
            d.name(),
            d.deviceClass(),
            lang.label("demo.variant", d.variant()),
            d.host().host()));
    String note = d.note(lang);
    if (!note.isEmpty()) {
      out.println(lang.text("demo.what", note));
    }
    out.println(lang.text("demo.targets", d.targetLine()));
    for (TargetResult t : v.results()) {
      if (t.status() != TargetResult.Status.SCANNED) {
        out.println(
            lang.text(
                "demo.target-status",
                t.target(),
                lang.label("target-status", t.status()),
                Terminal.clean(t.detail(), 120)));
      }
    }
    Map<Countermeasure, List<Finding>> groups = new LinkedHashMap<>();
    for (Countermeasure c : Countermeasure.values()) {
      groups.put(c, new ArrayList<>());
    }
    for (Finding f : v.findings()) {
      groups.get(f.countermeasure()).add(f);
    }
    if (v.findings().isEmpty()) {
      out.println(lang.text("demo.findings.none"));
    }
    for (Map.Entry<Countermeasure, List<Finding>> g : groups.entrySet()) {
      if (g.getValue().isEmpty()) {
        continue;
      }
      out.println("  " + lang.label("demo.countermeasure", g.getKey()) + ":");
      List<Finding> fs = new ArrayList<>(g.getValue());
      fs.sort(Comparator.comparing(Finding::severity).reversed().thenComparing(Finding::checkId));
      for (Finding f : fs) {
        boolean signature = d.signature().contains(f.checkId());
        out.println(
            "    "
                + (signature ? "* " : "  ")
                + pad(f.severity().name(), 9)
                + pad(f.checkId(), 40)
                + Terminal.clean(f.title(), 120));
      }
    }
    // One line per distinct reason: a closed port ends every check the same way.
    Map<String, List<String>> byReason = new LinkedHashMap<>();
    for (String e : v.errors()) {
      int colon = e.indexOf(": ");
      byReason
          .computeIfAbsent(e.substring(colon + 2), k -> new ArrayList<>())
          .add(e.substring(0, colon));
    }
    for (Map.Entry<String, List<String>> e : byReason.entrySet()) {
      List<String> ids = e.getValue();
      String reason = Terminal.clean(e.getKey(), 120);
      out.println(
          ids.size() == 1
              ? lang.text("demo.error", ids.get(0), reason)
              : lang.text("demo.error.many", ids.size(), ids.get(0), reason));
    }
    out.println(lang.text("demo.verdict", v.explain(lang)));
  }

  /** The last line: whether every vulnerable variant failed and every hardened one passed. */
  static String resultLine(List<Verdict> verdicts, Lang lang) {
    List<String> wrong =
        verdicts.stream().filter(v -> !v.asExpected()).map(v -> v.device().name()).toList();
    long vulnerable =
        verdicts.stream()
            .filter(v -> v.device().variant() == DemoDevice.Variant.VULNERABLE)
            .count();
    long hardened = verdicts.size() - vulnerable;
    return wrong.isEmpty()
        ? lang.text("demo.result.expected", vulnerable, hardened)
        : lang.text("demo.result.unexpected", String.join(", ", wrong));
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
  }
}
