package dev.tenken;

import dev.tenken.spi.ServiceProbe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A set of checks and the service probes that identify the ports they run on, as a check module
 * ships them ({@code CameraChecks.all()}) or as {@link #discover(ClassLoader)} finds them.
 * Immutable and thread-safe.
 *
 * @param checks the checks, ids unique, in a stable order
 * @param probes the probes, in a stable order
 */
public record CheckSet(List<Check> checks, List<ServiceProbe> probes) {

  /** An empty set. */
  public static final CheckSet EMPTY = new CheckSet(List.of(), List.of());

  /**
   * A set of {@code checks} and {@code probes}; a check or probe given twice (the same object) is
   * kept once, at its first place.
   *
   * @throws IllegalArgumentException when two different checks share an id
   */
  public CheckSet {
    Map<String, Check> seen = new LinkedHashMap<>();
    for (Check c : checks) {
      Check before = seen.putIfAbsent(c.id(), c);
      if (before != null && before != c) {
        throw new IllegalArgumentException("two checks share the id " + c.id());
      }
    }
    checks = List.copyOf(seen.values());
    List<ServiceProbe> distinctProbes = new ArrayList<>();
    for (ServiceProbe p : probes) {
      if (distinctProbes.stream().noneMatch(q -> q == p)) {
        distinctProbes.add(java.util.Objects.requireNonNull(p, "probe"));
      }
    }
    probes = List.copyOf(distinctProbes);
  }

  /** A set of the given checks with no probes. */
  public static CheckSet of(Check... checks) {
    return new CheckSet(List.of(checks), List.of());
  }

  /**
   * The union of this set and {@code other}; a check or probe present in both (the same object) is
   * kept once.
   *
   * @throws IllegalArgumentException when two different checks share an id
   */
  public CheckSet plus(CheckSet other) {
    List<Check> c = new ArrayList<>(checks);
    other.checks.stream().filter(x -> !checks.contains(x)).forEach(c::add);
    List<ServiceProbe> p = new ArrayList<>(probes);
    other.probes.stream().filter(x -> !probes.contains(x)).forEach(p::add);
    return new CheckSet(c, p);
  }

  /** This set plus one check. */
  public CheckSet plus(Check check) {
    return plus(of(check));
  }

  /** This set plus one probe. */
  public CheckSet plus(ServiceProbe probe) {
    return plus(new CheckSet(List.of(), List.of(probe)));
  }

  /** The checks whose descriptor {@code keep} accepts; probes are kept. */
  public CheckSet filter(Predicate<CheckDescriptor> keep) {
    return new CheckSet(checks.stream().filter(c -> keep.test(c.descriptor())).toList(), probes);
  }

  /** The check with id {@code id}, if present. */
  public Optional<Check> byId(String id) {
    return checks.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  /**
   * Every check set that the jars visible to {@code loader} register through {@link
   * java.util.ServiceLoader} as a {@link dev.tenken.spi.CheckSetProvider}. The runner never
   * discovers on its own: call this when you want every installed module.
   */
  public static CheckSet discover(ClassLoader loader) {
    CheckSet all = EMPTY;
    for (dev.tenken.spi.CheckSetProvider p :
        java.util.ServiceLoader.load(dev.tenken.spi.CheckSetProvider.class, loader)) {
      all = all.plus(p.checkSet());
    }
    return all;
  }
}
