package dev.tenken.bench;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} pairs of the lab and the driver; bad input names the option. */
final class Args {
  private final Map<String, String> values = new HashMap<>();

  private Args(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException(
            "unexpected argument '" + args[i] + "': use --name value");
      }
      boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
      values.put(args[i].substring(2), flag ? "true" : args[++i]);
    }
  }

  static Args of(String[] args) {
    return new Args(args);
  }

  int integer(String name, int fallback) {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.replace("_", "").replace(",", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " takes a whole number, was '" + v + "'");
    }
  }

  String text(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  boolean flag(String name) {
    return Boolean.parseBoolean(values.getOrDefault(name, "false"));
  }

  /** The lab's plan: {@code --redis --http --snmp --silent --slow --slow-ms}. */
  static LabPlan plan(String[] args) {
    Args a = of(args);
    return new LabPlan(
        a.integer("redis", 0),
        a.integer("http", 0),
        a.integer("snmp", 0),
        a.integer("silent", 0),
        a.integer("slow", 0),
        a.integer("slow-ms", 5_000));
  }
}
