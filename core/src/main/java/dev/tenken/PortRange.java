package dev.tenken;

import java.util.stream.IntStream;

/**
 * An inclusive range of TCP or UDP port numbers, {@code 1 <= from <= to <= 65535}.
 *
 * @param from first port
 * @param to last port, inclusive
 */
public record PortRange(int from, int to) {
  public PortRange {
    if (from < 1 || to > 65535 || from > to) {
      throw new IllegalArgumentException(
          "port range " + from + "-" + to + " is not within 1-65535");
    }
  }

  /** A range holding one port. */
  public static PortRange of(int port) {
    return new PortRange(port, port);
  }

  /** Whether {@code port} lies in this range. */
  public boolean contains(int port) {
    return port >= from && port <= to;
  }

  /** The ports of this range in ascending order. */
  public IntStream ports() {
    return IntStream.rangeClosed(from, to);
  }

  @Override
  public String toString() {
    return from == to ? Integer.toString(from) : from + "-" + to;
  }
}
