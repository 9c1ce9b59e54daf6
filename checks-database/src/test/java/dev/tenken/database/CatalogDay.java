package dev.tenken.database;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The date the catalogs were checked, as the runner's clock, so end-of-life verdicts in tests do
 * not change as time passes.
 */
final class CatalogDay {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T00:00:00Z"), ZoneOffset.UTC);

  private CatalogDay() {}
}
