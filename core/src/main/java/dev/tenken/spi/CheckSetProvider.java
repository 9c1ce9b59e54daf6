package dev.tenken.spi;

import dev.tenken.CheckSet;

/**
 * How a check module registers its checks for {@link CheckSet#discover(ClassLoader)}: name the
 * implementation in {@code META-INF/services/dev.tenken.spi.CheckSetProvider}. Implementations have
 * a public no-argument constructor.
 */
public interface CheckSetProvider {

  /** The module's checks and probes. */
  CheckSet checkSet();
}
