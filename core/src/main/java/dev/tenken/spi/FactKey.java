package dev.tenken.spi;

import java.util.Objects;

/**
 * The typed name of a fact checks share about one host through {@link HostFacts}. Two keys are
 * equal when their names are equal; declare each key once, as a constant.
 *
 * @param <T> the type of the fact's value
 * @param name a dotted lower-case name, such as {@code http.catch-all}
 * @param type the value's class
 */
public record FactKey<T>(String name, Class<T> type) {
  /**
   * Tag of the HTTP catch-all canary: {@code true} when a random path on the port answered 200.
   * Keyed per port with {@link #perPort(int)}.
   */
  public static final FactKey<Boolean> HTTP_CATCH_ALL =
      new FactKey<>("http.catch-all", Boolean.class);

  /** Set by RTSP checks when a random route answered 200. Keyed per port. */
  public static final FactKey<Boolean> RTSP_CATCH_ALL =
      new FactKey<>("rtsp.catch-all", Boolean.class);

  public FactKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }

  /** This key specialised to one port: {@code http.catch-all@8080}. */
  public FactKey<T> perPort(int port) {
    return new FactKey<>(name + "@" + port, type);
  }
}
