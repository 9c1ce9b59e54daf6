package dev.tenken.database;

import dev.tenken.Confidence;
import dev.tenken.DeviceIdentity;
import dev.tenken.Version;
import dev.tenken.spi.HostFacts;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The fields of an {@code INFO} reply ({@code key:value} lines under {@code # Section} headers),
 * and what they say about the server: product (Redis or a fork), version, mode, role.
 *
 * <p>Forks answer {@code INFO} with a {@code redis_version} too, so the product is decided by fork
 * markers first: Valkey by {@code server_name:valkey} or a {@code valkey_version} field; KeyDB by a
 * {@code # KeyDB} section, a field starting with {@code keydb} or an executable or config file
 * named {@code keydb}; Dragonfly by {@code dragonfly_version}. Only a server without any marker is
 * {@code redis}. Reads at most {@value #MAX_FIELDS} fields. Immutable and thread-safe.
 */
final class RedisInfo {
  static final int MAX_FIELDS = 2000;

  // Compiled once: String.split and replaceAll compile their pattern on every call, once per check.
  private static final Pattern LINE_BREAK = Pattern.compile("\r?\n");
  private static final Pattern NOT_CPE_SAFE = Pattern.compile("[^A-Za-z0-9._-]");

  private final Map<String, String> fields;
  private final String product;

  private RedisInfo(Map<String, String> fields, boolean keydbSection) {
    this.fields = fields;
    this.product = decideProduct(keydbSection);
  }

  /** Parses {@code INFO} text; never throws. Lines that are not {@code key:value} are skipped. */
  static RedisInfo parse(String text) {
    Map<String, String> fields = new LinkedHashMap<>();
    boolean keydb = false;
    for (String line : LINE_BREAK.split(text, MAX_FIELDS * 2)) {
      if (fields.size() >= MAX_FIELDS) {
        break;
      }
      if (line.startsWith("#")) {
        keydb |= line.strip().equalsIgnoreCase("# KeyDB");
        continue;
      }
      int colon = line.indexOf(':');
      if (colon > 0) {
        fields.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
      }
    }
    return new RedisInfo(Map.copyOf(fields), keydb);
  }

  /** Whether this looks like Redis {@code INFO}: it has a version field of Redis or a fork. */
  boolean isInfo() {
    return fields.containsKey("redis_version")
        || fields.containsKey("valkey_version")
        || fields.containsKey("dragonfly_version");
  }

  Optional<String> get(String key) {
    return Optional.ofNullable(fields.get(key));
  }

  /** {@code redis}, {@code valkey}, {@code keydb} or {@code dragonfly}. */
  String product() {
    return product;
  }

  private String decideProduct(boolean keydbSection) {
    String serverName = get("server_name").orElse("").toLowerCase(Locale.ROOT);
    if (serverName.equals("valkey") || fields.containsKey("valkey_version")) {
      return "valkey";
    }
    if (fields.containsKey("dragonfly_version") || serverName.equals("dragonfly")) {
      return "dragonfly";
    }
    if (keydbSection
        || serverName.equals("keydb")
        || fields.keySet().stream().anyMatch(k -> k.toLowerCase(Locale.ROOT).startsWith("keydb"))
        || get("executable").orElse("").toLowerCase(Locale.ROOT).contains("keydb")
        || get("config_file").orElse("").toLowerCase(Locale.ROOT).contains("keydb")) {
      return "keydb";
    }
    return "redis";
  }

  /** Whether the product is a fork, whose versions are not Redis versions. */
  boolean isFork() {
    return !product().equals("redis");
  }

  /**
   * The product's own version text: {@code valkey_version} for Valkey, else {@code redis_version}.
   */
  Optional<String> versionText() {
    return switch (product()) {
      case "valkey" -> get("valkey_version").or(() -> get("redis_version"));
      case "dragonfly" -> get("dragonfly_version");
      default -> get("redis_version");
    };
  }

  Optional<Version> version() {
    return versionText().flatMap(Version::parse);
  }

  /** {@code standalone}, {@code cluster}, {@code sentinel}, when reported. */
  Optional<String> mode() {
    return get("redis_mode").or(() -> get("server_mode"));
  }

  boolean isSentinel() {
    return mode().orElse("").equalsIgnoreCase("sentinel");
  }

  /** Reports product, version, CPE-like name and device class to the host's identity. */
  void identify(HostFacts facts) {
    String product = product();
    String source = "Redis INFO server";
    facts.identify(DeviceIdentity.Attribute.DEVICE_CLASS, "database", source, Confidence.FIRM);
    facts.identify(DeviceIdentity.Attribute.PRODUCT, product, source, Confidence.CONFIRMED);
    versionText()
        .map(v -> RespValue.shorten(v, 64))
        .ifPresent(
            v -> {
              facts.identify(DeviceIdentity.Attribute.VERSION, v, source, Confidence.CONFIRMED);
              facts.identify(
                  DeviceIdentity.Attribute.CPE,
                  "cpe:2.3:a:" + vendor(product) + ":" + product + ":" + cpeSafe(v),
                  source,
                  Confidence.FIRM);
            });
  }

  /** Redis's CPE vendor is {@code redis}; a fork is named after itself (CPE-like, not NVD's). */
  private static String vendor(String product) {
    return product;
  }

  private static String cpeSafe(String v) {
    return NOT_CPE_SAFE.matcher(v).replaceAll("_");
  }
}
