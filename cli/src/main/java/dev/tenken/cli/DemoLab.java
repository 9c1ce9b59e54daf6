package dev.tenken.cli;

import dev.tenken.cli.DemoDevice.Factory;
import dev.tenken.cli.DemoDevice.Variant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The lab of {@code tenken demo}: simulated devices, each on a loopback address of its own ({@code
 * 127.0.0.2}, {@code 127.0.0.3}... in the order they were added), each in a vulnerable and a
 * hardened variant.
 *
 * <p>On a system that does not let programs listen on {@code 127.0.0.2} (Linux routes all of 127/8
 * to the loopback interface; macOS only 127.0.0.1 unless aliases are added), every device lives on
 * {@code 127.0.0.1} on ports of its own instead, and {@link #sharedAddress()} says so. Devices then
 * share one host's login budget and facts in a scan.
 *
 * <p>A lab is built by {@link #builder()} from {@link Factory factories}; {@link #standard} is the
 * lab {@code tenken demo} runs. Adding a device kind is one factory method and one {@link
 * Builder#add} call. Thread-safe after {@link Builder#start()}; {@link #close()} closes every
 * device (idempotent, never throws).
 */
final class DemoLab implements AutoCloseable {
  /** The first address handed out: 127.0.0.1 is left to the machine's own services. */
  private static final int FIRST_HOST = 2;

  private final List<DemoDevice> devices;
  private final boolean sharedAddress;

  private DemoLab(List<DemoDevice> devices, boolean sharedAddress) {
    this.devices = List.copyOf(devices);
    this.sharedAddress = sharedAddress;
  }

  /** An empty builder. */
  static Builder builder() {
    return new Builder();
  }

  /**
   * The lab of {@code tenken demo}: an MFP (SNMP, IPP, web panel; PJL with {@code printPorts}),
   * Redis and MongoDB, each vulnerable and hardened.
   */
  static Builder standard(boolean printPorts) {
    return builder()
        .add("camera", DemoDevices::camera)
        .add("mfp", (host, variant) -> DemoDevices.mfp(host, variant, printPorts))
        .add("redis", DemoDevices::redis)
        .add("mongodb", DemoDevices::mongodb);
  }

  /** The devices, in the order they were added: each kind vulnerable, then hardened. */
  List<DemoDevice> devices() {
    return devices;
  }

  /** Whether every device lives on 127.0.0.1 because other loopback addresses cannot be bound. */
  boolean sharedAddress() {
    return sharedAddress;
  }

  /** The distinct addresses of the devices, in order: the scope of a scan of the lab. */
  List<String> addresses() {
    Set<String> hosts = new LinkedHashSet<>();
    devices.forEach(d -> hosts.add(d.host().host()));
    return List.copyOf(hosts);
  }

  /** Closes every device, the last started first. Idempotent; never throws. */
  @Override
  public void close() {
    for (int i = devices.size() - 1; i >= 0; i--) {
      devices.get(i).close();
    }
  }

  /** Collects the device kinds of a lab. Not thread-safe. */
  static final class Builder {
    private record Entry(String kind, Variant variant, Factory factory) {}

    private final List<Entry> entries = new ArrayList<>();

    private Builder() {}

    /**
     * Adds a device kind in both variants, vulnerable first. {@code kind} only labels errors; the
     * factory names the device.
     */
    Builder add(String kind, Factory factory) {
      return add(kind, Variant.VULNERABLE, factory).add(kind, Variant.HARDENED, factory);
    }

    /** Adds one device of a kind in one variant. */
    Builder add(String kind, Variant variant, Factory factory) {
      entries.add(
          new Entry(
              Objects.requireNonNull(kind, "kind"),
              Objects.requireNonNull(variant, "variant"),
              Objects.requireNonNull(factory, "factory")));
      return this;
    }

    /**
     * Starts every device, each on its own loopback address (or all on 127.0.0.1, see {@link
     * DemoLab}).
     *
     * @throws DemoException naming the device that could not start; what had started is closed
     */
    DemoLab start() {
      if (entries.size() > 254 - FIRST_HOST) {
        throw new IllegalStateException("too many devices for 127.0.0.0/24: " + entries.size());
      }
      boolean shared = !DemoHost.canBind(DemoHost.loopback(FIRST_HOST));
      // Devices start in parallel: WireMock and Netty take a second or so each to come up.
      ExecutorService pool =
          Executors.newFixedThreadPool(
              Math.max(1, entries.size()),
              r -> {
                Thread t = new Thread(r, "demo-lab-start");
                t.setDaemon(true);
                return t;
              });
      List<Future<DemoDevice>> futures = new ArrayList<>();
      try {
        for (int i = 0; i < entries.size(); i++) {
          Entry e = entries.get(i);
          DemoHost host = new DemoHost(DemoHost.loopback(shared ? 1 : FIRST_HOST + i));
          futures.add(pool.submit(() -> startOne(e, host)));
        }
      } finally {
        pool.shutdown();
      }
      List<DemoDevice> started = new ArrayList<>();
      RuntimeException failure = null;
      Set<String> names = new LinkedHashSet<>();
      for (Future<DemoDevice> f : futures) {
        try {
          DemoDevice d = f.get();
          started.add(d);
          if (!names.add(d.name()) && failure == null) {
            failure = new DemoException("two devices are named " + d.name(), null);
          }
        } catch (ExecutionException e) {
          if (failure == null) {
            failure =
                e.getCause() instanceof RuntimeException r
                    ? r
                    : new DemoException(String.valueOf(e.getCause()), e.getCause());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          if (failure == null) {
            failure = new DemoException("interrupted while the lab started", e);
          }
        }
      }
      if (failure != null) {
        for (int i = started.size() - 1; i >= 0; i--) {
          started.get(i).close();
        }
        throw failure;
      }
      return new DemoLab(started, shared);
    }

    private static DemoDevice startOne(Entry e, DemoHost host) {
      try {
        return e.factory().start(host, e.variant());
      } catch (Exception ex) {
        host.close();
        throw new DemoException(
            "the "
                + e.variant().label()
                + " "
                + e.kind()
                + " could not start on "
                + host.host()
                + ": "
                + Main.oneLine(String.valueOf(ex.getMessage())),
            ex);
      }
    }
  }

  /** The lab could not start. */
  static final class DemoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DemoException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
