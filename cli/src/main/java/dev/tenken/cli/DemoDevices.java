package dev.tenken.cli;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.tenken.cli.DemoDevice.Variant;
import dev.tenken.test.sim.CameraPanelSimulator;
import dev.tenken.test.sim.EwsPanelSimulator;
import dev.tenken.test.sim.IppPrinterSimulator;
import dev.tenken.test.sim.OnvifDeviceSimulator;
import dev.tenken.test.sim.PjlPrinterSimulator;
import dev.tenken.test.sim.RespServerSimulator;
import dev.tenken.test.sim.RtspCameraSimulator;
import dev.tenken.test.sim.SnmpAgentSimulator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * The device factories of the {@linkplain DemoLab#standard standard demo lab}, one per kind, each
 * starting the simulators of {@code tenken-test-support} in a vulnerable or hardened configuration.
 * Stateless.
 */
final class DemoDevices {
  private DemoDevices() {}

  /**
   * A network camera: an RTSP server, an ONVIF device service and a Hikvision-shaped web panel.
   *
   * <ul>
   *   <li>vulnerable: the RTSP stream plays without a password; ONVIF answers device information
   *       and stream URIs without WS-Security; the web panel accepts its factory password;
   *   <li>hardened: RTSP asks for Digest credentials (a strong password; locks after three
   *       failures); ONVIF answers only the pre-authentication time query; the panel refuses every
   *       password (and would lock after three failures).
   * </ul>
   */
  static DemoDevice camera(DemoHost host, Variant variant) throws IOException {
    boolean open = variant == Variant.VULNERABLE;
    DemoDevice.Builder b = DemoDevice.builder("camera", "camera", variant, host);
    try {
      RtspCameraSimulator rtsp =
          RtspCameraSimulator.builder()
              .auth(open ? RtspCameraSimulator.Auth.NONE : RtspCameraSimulator.Auth.DIGEST)
              .realm("Hikvision")
              .routes("/Streaming/Channels/101")
              .credentials("admin", CameraPanelSimulator.STRONG_PASSWORD)
              .lockAfter(3)
              .start();
      b.closes(rtsp).tcp("rtsp", rtsp.port());
      OnvifDeviceSimulator onvif =
          OnvifDeviceSimulator.start(
              OnvifDeviceSimulator.Vendor.HIKVISION,
              open ? OnvifDeviceSimulator.Variant.OPEN : OnvifDeviceSimulator.Variant.SECURED);
      b.closes(onvif).tcp("http", onvif.port());
      CameraPanelSimulator panel =
          CameraPanelSimulator.start(
              CameraPanelSimulator.Vendor.HIKVISION,
              open
                  ? CameraPanelSimulator.Variant.DEFAULT_PASSWORD
                  : CameraPanelSimulator.Variant.LOCKED);
      b.closes(panel).tcp("http", panel.port());
    } catch (IOException | RuntimeException e) {
      b.abandon();
      throw e;
    }
    return b.signature(
            "camera.rtsp.unauthenticated-stream",
            "camera.onvif.unauthenticated-device-info",
            "camera.http.default-credentials")
        .note(open ? "demo.note.camera.vulnerable" : "demo.note.camera.hardened")
        .build();
  }

  /**
   * A multi-function printer: an SNMP agent (HP JetDirect MIB), an IPP printer, a Kyocera web panel
   * and, with {@code printPorts}, a PJL raw print port.
   *
   * <ul>
   *   <li>vulnerable: SNMP community {@code public}; IPP answers Get-Printer-Attributes to anyone;
   *       the panel accepts its factory default administrator password; PJL without a password;
   *   <li>hardened: SNMPv3 only (v1/v2c requests are dropped); IPP answers 401 without credentials;
   *       the panel refuses every password (and would lock after three failures); PJL with a
   *       password set.
   * </ul>
   */
  static DemoDevice mfp(DemoHost host, Variant variant, boolean printPorts) throws IOException {
    boolean open = variant == Variant.VULNERABLE;
    DemoDevice.Builder b = DemoDevice.builder("mfp", "printer", variant, host);
    try {
      SnmpAgentSimulator.Builder snmp = SnmpAgentSimulator.builder();
      if (open) {
        snmp.community("public");
      }
      SnmpAgentSimulator agent = snmp.start();
      b.closes(agent).udp("snmp", agent.port());
      IppPrinterSimulator.Builder ipp = IppPrinterSimulator.builder();
      if (!open) {
        ipp.httpStatus(401);
      }
      IppPrinterSimulator printer = ipp.start();
      b.closes(printer).tcp("ipp", printer.port());
      EwsPanelSimulator panel =
          EwsPanelSimulator.start(
              EwsPanelSimulator.Vendor.KYOCERA,
              open ? EwsPanelSimulator.Variant.DEFAULT_PASSWORD : EwsPanelSimulator.Variant.LOCKED);
      b.closes(panel).tcp("http", panel.port());
      if (printPorts) {
        PjlPrinterSimulator pjl = PjlPrinterSimulator.builder().password(!open).start();
        b.closes(pjl).tcp("pjl", pjl.port());
      }
    } catch (IOException | RuntimeException e) {
      b.abandon();
      throw e;
    }
    return b.signature(
            "printer.snmp.default-community",
            "printer.ipp.attributes-without-auth",
            "printer.http.default-credentials")
        .note(open ? "demo.note.mfp.vulnerable" : "demo.note.mfp.hardened")
        .build();
  }

  /**
   * A Redis 7 server ({@link RespServerSimulator}), listening on the device's address itself.
   *
   * <ul>
   *   <li>vulnerable: no password, protected mode off, version 7.0.11 (without the 2025 fixes);
   *   <li>hardened: {@code requirepass} with a random password, version 7.4.6.
   * </ul>
   */
  static DemoDevice redis(DemoHost host, Variant variant) throws IOException {
    boolean open = variant == Variant.VULNERABLE;
    RespServerSimulator redis =
        RespServerSimulator.builder(
                open ? RespServerSimulator.Variant.OPEN : RespServerSimulator.Variant.PASSWORD)
            .bind(host.address())
            .start();
    return DemoDevice.builder("redis", "database", variant, host)
        .closes(redis)
        .target(redis.target())
        .signature("database.redis.no-auth")
        .note(open ? "demo.note.redis.vulnerable" : "demo.note.redis.hardened", redis.version())
        .build();
  }

  /**
   * A MongoDB server.
   *
   * <ul>
   *   <li>vulnerable: mongo-java-server (an in-process MongoDB wire-protocol server, no access
   *       control) listening on the device's address;
   *   <li>hardened: the MongoDB port is closed on the device's address, as with {@code bindIp}
   *       limited to the host itself or a firewall in front. mongo-java-server has no access
   *       control, so a MongoDB that demands a login is not simulated.
   * </ul>
   */
  static DemoDevice mongodb(DemoHost host, Variant variant) throws IOException {
    DemoDevice.Builder b = DemoDevice.builder("mongodb", "database", variant, host);
    b.signature("database.mongodb.no-auth");
    if (variant == Variant.VULNERABLE) {
      MongoServer server = new MongoServer(new MemoryBackend());
      b.closes(server::shutdownNow);
      try {
        server.bind(host.host(), 0);
      } catch (RuntimeException e) {
        server.shutdownNow();
        throw e;
      }
      return b.target("mongodb://" + host.host() + ":" + server.getLocalAddress().getPort())
          .note("demo.note.mongodb.vulnerable")
          .build();
    }
    return b.target("mongodb://" + host.host() + ":" + closedPort(host))
        .note("demo.note.mongodb.hardened")
        .build();
  }

  /** A TCP port on the device's address with nothing listening (just released). */
  private static int closedPort(DemoHost host) throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(false);
      s.bind(new InetSocketAddress(host.address(), 0), 1);
      return s.getLocalPort();
    }
  }
}
