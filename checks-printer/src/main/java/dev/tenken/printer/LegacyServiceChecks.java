package dev.tenken.printer;

import dev.tenken.Check;
import dev.tenken.spi.ServiceProbe;
import java.util.List;

/**
 * The LPD, FTP and telnet checks: the legacy services printers and print servers still run.
 * Stateless.
 */
final class LegacyServiceChecks {
  private LegacyServiceChecks() {}

  /** The checks, in catalogue order. */
  static List<Check> checks() {
    return List.of(new LpdExposed(), new FtpAnonymousLogin(), new FtpNoTls(), new TelnetExposed());
  }

  /**
   * The service probes that identify the service's ports: FTP and telnet by their banners. LPD
   * sends no banner and its replies are free text, so it is named by a scheme hint ({@code
   * lpd://host:515}).
   */
  static List<ServiceProbe> probes() {
    return List.of(FtpServiceProbe.INSTANCE, TelnetServiceProbe.INSTANCE);
  }
}
