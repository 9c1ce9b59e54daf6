package dev.tenken.database;

import dev.tenken.Confidence;
import dev.tenken.DeviceIdentity;
import dev.tenken.Version;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.ProtocolException;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code buildInfo} says about a MongoDB server: the product (upstream {@code mongodb}, or the
 * fork {@code percona-server-mongodb} when the reply carries {@code psmdbVersion}) and the version.
 * Immutable.
 *
 * @param product {@code mongodb} or {@code percona-server-mongodb}, as the catalog names them
 * @param version the version as reported
 */
record MongoServerInfo(String product, Version version) {
  /** The upstream product. */
  static final String MONGODB = "mongodb";

  /** Percona Server for MongoDB, a fork with its own releases: never judged as {@code mongodb}. */
  static final String PERCONA = "percona-server-mongodb";

  /** Where the version was read, for evidence and identity facts. */
  static final String SOURCE = "MongoDB buildInfo";

  /**
   * Sends {@code buildInfo} and, when the server answers it, reports the identity to the host's
   * facts.
   *
   * @return empty when the server refused the command (a login is required)
   * @throws ProtocolException when the reply has no usable {@code version}
   */
  static Optional<MongoServerInfo> read(CheckContext context, MongoWire wire) throws IOException {
    Map<String, Object> reply = wire.command("admin", Map.of("buildInfo", 1));
    if (!MongoWire.ok(reply)) {
      return Optional.empty();
    }
    if (!(reply.get("version") instanceof String text)) {
      throw new ProtocolException("buildInfo reply without a version string");
    }
    Version version =
        Version.parse(text)
            .orElseThrow(
                () ->
                    new ProtocolException(
                        "buildInfo version '" + MongoBson.shorten(text) + "' is not a version"));
    String product = reply.containsKey("psmdbVersion") ? PERCONA : MONGODB;
    MongoServerInfo info = new MongoServerInfo(product, version);
    info.identify(context);
    return Optional.of(info);
  }

  /** The CPE-like name of this product and version. */
  String cpe() {
    String v = version.toString().replaceAll("[^0-9A-Za-z._-]", "_");
    return product.equals(PERCONA)
        ? "cpe:2.3:a:percona:percona_server_for_mongodb:" + v
        : "cpe:2.3:a:mongodb:mongodb:" + v;
  }

  void identify(CheckContext context) {
    context.facts().identify(DeviceIdentity.Attribute.PRODUCT, product, SOURCE, Confidence.FIRM);
    context
        .facts()
        .identify(DeviceIdentity.Attribute.VERSION, version.toString(), SOURCE, Confidence.FIRM);
    context.facts().identify(DeviceIdentity.Attribute.CPE, cpe(), SOURCE, Confidence.FIRM);
  }
}
