package dev.tenken;

import java.util.Locale;

/**
 * How bad a finding is, from {@link #INFO} to {@link #CRITICAL}. Ordered: {@code compareTo} ranks a
 * more severe value higher.
 */
public enum Severity {
  /** Worth knowing (an inventory fact, a service seen); nothing to fix by itself. */
  INFO,
  /** A weakness that needs other flaws to matter. */
  LOW,
  /** A weakness an attacker can use with some effort or position. */
  MEDIUM,
  /** A stranger on the network can read or change data or watch video. */
  HIGH,
  /** A stranger on the network gets full control, or the device already shows signs of abuse. */
  CRITICAL;

  /** The next step up, or {@code CRITICAL} when already there. */
  public Severity raised() {
    return this == CRITICAL ? CRITICAL : values()[ordinal() + 1];
  }

  /** Whether this severity is at least {@code other}. */
  public boolean isAtLeast(Severity other) {
    return compareTo(other) >= 0;
  }

  /**
   * Parses a severity name, case-insensitively.
   *
   * @throws IllegalArgumentException naming the accepted values when {@code text} is none of them
   */
  public static Severity parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown severity '" + text + "': use one of info, low, medium, high, critical");
    }
  }

  /** Lower-case name as used in reports and on the command line. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
