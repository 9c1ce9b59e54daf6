package dev.tenken.database;

import dev.tenken.Check;
import dev.tenken.spi.ServiceProbe;
import java.util.List;

/** The MQTT broker checks. Stateless. */
final class MqttChecks {
  private MqttChecks() {}

  /** The checks, in catalogue order. */
  static List<Check> checks() {
    return List.of(
        new MqttAnonymousConnect(),
        new MqttBrokerVersion(),
        new MqttPlaintextListener(),
        new MqttDefaultCredentials());
  }

  /** The service probes that identify the service's ports. */
  static List<ServiceProbe> probes() {
    return List.of(MqttServiceProbe.INSTANCE);
  }
}
