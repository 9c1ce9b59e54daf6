package dev.tenken.database;

import dev.tenken.Check;
import dev.tenken.Confidence;
import dev.tenken.DeviceIdentity;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.ServiceProbe;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The Memcached checks. Stateless. */
final class MemcachedChecks {
  private MemcachedChecks() {}

  /** The checks, in catalogue order. */
  static List<Check> checks() {
    return List.of(
        new MemcachedNoAuthStats(), new MemcachedUdpEnabled(), new MemcachedVersionCve());
  }

  /** The service probes that identify the service's ports. */
  static List<ServiceProbe> probes() {
    return List.of(MemcachedServiceProbe.INSTANCE);
  }

  /** Reports product {@code memcached}, its version and a CPE-like name. */
  static void identify(CheckContext context, @Nullable String version, String source) {
    context
        .facts()
        .identify(DeviceIdentity.Attribute.PRODUCT, "memcached", source, Confidence.FIRM);
    if (version == null || version.isBlank()) {
      return;
    }
    String v = MemcachedClient.printable(version.strip(), 64);
    context.facts().identify(DeviceIdentity.Attribute.VERSION, v, source, Confidence.FIRM);
    if (v.matches("[0-9A-Za-z.+_-]+")) {
      context
          .facts()
          .identify(
              DeviceIdentity.Attribute.CPE,
              "cpe:2.3:a:memcached:memcached:" + v,
              source,
              Confidence.FIRM);
    }
  }
}
