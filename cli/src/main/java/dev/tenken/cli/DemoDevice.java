package dev.tenken.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One simulated device of the {@linkplain DemoLab demo lab}: what it is, which variant, where it
 * listens, and which checks prove its variant.
 *
 * <p>The {@linkplain #signature() signature} is the set of check ids that tell the two variants
 * apart: on the {@link Variant#VULNERABLE} variant every one of them must FAIL, on the {@link
 * Variant#HARDENED} variant none may. Other findings are shown but do not decide.
 *
 * <p>Immutable, apart from {@link #close()}, which closes the device's simulators and relays once
 * (idempotent, never throws). Built by a {@link Factory} through {@link #builder}.
 *
 * @param name a short unique name, such as {@code mfp-vulnerable}
 * @param deviceClass what kind of device: {@code printer}, {@code database}, {@code camera}
 * @param variant vulnerable or hardened
 * @param host the loopback address the device lives on
 * @param targets the scan targets reaching it, such as {@code snmp://127.0.0.2:161}
 * @param signature the check ids that must FAIL when vulnerable and must not when hardened
 * @param note the message key in {@link Lang}'s bundle saying what the simulation is, in one line
 *     (shown in the summary); empty for none
 * @param noteArgs the values of the note's placeholders
 * @param resources the simulators, closed by {@link #close()} before the host's relays
 */
record DemoDevice(
    String name,
    String deviceClass,
    Variant variant,
    DemoHost host,
    List<String> targets,
    Set<String> signature,
    String note,
    List<String> noteArgs,
    List<AutoCloseable> resources)
    implements AutoCloseable {

  /** Which way a device is configured. */
  enum Variant {
    /** Configured as found in the field: the signature checks FAIL. */
    VULNERABLE,
    /** Configured as the remediation says: the signature checks do not FAIL. */
    HARDENED;

    /** {@code vulnerable} or {@code hardened}. */
    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Starts one device in a variant on the host the lab gives it. */
  @FunctionalInterface
  interface Factory {
    /**
     * Starts the device's simulators, reachable on {@code host}.
     *
     * @throws Exception when a simulator cannot start; the lab closes what already started
     */
    DemoDevice start(DemoHost host, Variant variant) throws Exception;
  }

  DemoDevice {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(deviceClass, "deviceClass");
    Objects.requireNonNull(variant, "variant");
    Objects.requireNonNull(host, "host");
    targets = List.copyOf(targets);
    signature = Set.copyOf(signature);
    Objects.requireNonNull(note, "note");
    noteArgs = List.copyOf(noteArgs);
    resources = List.copyOf(resources);
    if (targets.isEmpty()) {
      throw new IllegalArgumentException(name + ": a device needs at least one target");
    }
    if (signature.isEmpty()) {
      throw new IllegalArgumentException(name + ": a device needs at least one signature check");
    }
  }

  /** A builder for a device named {@code <kind>-<variant>} on {@code host}. */
  static Builder builder(String kind, String deviceClass, Variant variant, DemoHost host) {
    return new Builder(kind + "-" + variant.label(), deviceClass, variant, host);
  }

  /** What the simulation is, in {@code lang}; empty for none. */
  String note(Lang lang) {
    return note.isEmpty() ? "" : lang.text(note, noteArgs.toArray());
  }

  /** The targets as one line, separated by spaces: arguments for {@code tenken scan}. */
  String targetLine() {
    return String.join(" ", targets);
  }

  /** Closes the simulators, then the host's relays. Idempotent; never throws. */
  @Override
  public void close() {
    for (AutoCloseable r : resources) {
      try {
        r.close();
      } catch (Exception ignored) {
        // Best effort: the demo is ending.
      }
    }
    host.close();
  }

  /** Collects a device's parts. Not thread-safe. */
  static final class Builder {
    private final String name;
    private final String deviceClass;
    private final Variant variant;
    private final DemoHost host;
    private final List<String> targets = new ArrayList<>();
    private final Set<String> signature = new LinkedHashSet<>();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private String note = "";
    private List<String> noteArgs = List.of();

    private Builder(String name, String deviceClass, Variant variant, DemoHost host) {
      this.name = name;
      this.deviceClass = deviceClass;
      this.variant = variant;
      this.host = host;
    }

    /** Closes {@code resource} with the device (simulators; add each as soon as it started). */
    Builder closes(AutoCloseable resource) {
      resources.add(Objects.requireNonNull(resource, "resource"));
      return this;
    }

    /**
     * Adds the target {@code scheme://<host>:<port>} for a TCP simulator listening on {@code
     * 127.0.0.1:localPort}, relayed to the device's address.
     *
     * @throws java.io.IOException when the relay cannot bind
     */
    Builder tcp(String scheme, int localPort) throws java.io.IOException {
      targets.add(scheme + "://" + host.host() + ":" + host.tcp(localPort));
      return this;
    }

    /**
     * Adds the target {@code scheme://<host>:<port>} for a UDP simulator listening on {@code
     * 127.0.0.1:localPort}, relayed to the device's address.
     *
     * @throws java.io.IOException when the relay cannot bind
     */
    Builder udp(String scheme, int localPort) throws java.io.IOException {
      targets.add(scheme + "://" + host.host() + ":" + host.udp(localPort));
      return this;
    }

    /** Adds a target as given (for a simulator that listens on the device's address itself). */
    Builder target(String target) {
      targets.add(Objects.requireNonNull(target, "target"));
      return this;
    }

    /** Adds check ids to the {@linkplain DemoDevice#signature() signature}. */
    Builder signature(String... checkIds) {
      signature.addAll(List.of(checkIds));
      return this;
    }

    /**
     * What the simulation is, in one line: a message key in {@link Lang}'s bundle and the values of
     * its placeholders. Default: none.
     */
    Builder note(String key, String... args) {
      this.note = Objects.requireNonNull(key, "key");
      this.noteArgs = List.of(args);
      return this;
    }

    /** Closes what was added with {@link #closes} so far: for a factory that fails midway. */
    void abandon() {
      for (AutoCloseable r : resources) {
        try {
          r.close();
        } catch (Exception ignored) {
          // Best effort: the factory is failing already.
        }
      }
      resources.clear();
    }

    DemoDevice build() {
      return new DemoDevice(
          name, deviceClass, variant, host, targets, signature, note, noteArgs, resources);
    }
  }
}
