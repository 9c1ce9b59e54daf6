package dev.tenken.printer;

import dev.tenken.CheckSet;
import dev.tenken.http.HttpServiceProbe;
import dev.tenken.http.TlsServiceProbe;
import dev.tenken.spi.CheckSetProvider;
import dev.tenken.spi.ServiceProbe;
import java.util.List;
import java.util.stream.Stream;

/**
 * The multifunction printer (MFP) checks of Tenken and the service probes they need: the entry
 * point of module {@code tenken-checks-printer}.
 *
 * <p>The module covers what the JPCERT/CC alert of January 2016 found on MFPs reachable by
 * accident: scanned and stored documents readable by strangers, default administrator passwords on
 * the web panel, default SNMP communities, anonymous IPP and PJL access to the printer's file
 * system, and firmware with known vulnerabilities — over SNMP, IPP, PJL, the web panel, LPD, FTP
 * and telnet. Every check obeys the print-port guard: raw print ports receive nothing but PJL
 * queries, and only when print-port checks are enabled. The table of checks is in {@code
 * docs/checks/printer.md}.
 *
 * <p>Use it as {@code CheckRunner.builder().checks(PrinterChecks.all())}, or find it with {@link
 * CheckSet#discover(ClassLoader)} through {@link Provider}.
 *
 * <p>Thread safety: this class has no state; {@link #all()} returns the same immutable, thread-safe
 * set every time, and its checks and probes are stateless and thread-safe.
 */
public final class PrinterChecks {
  private static final CheckSet ALL =
      new CheckSet(
          Stream.of(
                  SnmpChecks.checks(),
                  IppChecks.checks(),
                  PjlChecks.checks(),
                  PanelChecks.checks(),
                  LegacyServiceChecks.checks())
              .flatMap(List::stream)
              .toList(),
          Stream.of(
                  List.<ServiceProbe>of(PjlServiceProbe.INSTANCE),
                  SnmpChecks.probes(),
                  IppChecks.probes(),
                  LegacyServiceChecks.probes(),
                  List.<ServiceProbe>of(HttpServiceProbe.INSTANCE, TlsServiceProbe.INSTANCE))
              .flatMap(List::stream)
              .toList());

  private PrinterChecks() {}

  /**
   * Every printer check, with the probes that identify PJL ({@code pjl}), HTTP ({@code http}) and
   * TLS ports.
   *
   * @return an immutable set, the same instance on every call
   */
  public static CheckSet all() {
    return ALL;
  }

  /**
   * Registers {@link #all()} for {@link CheckSet#discover(ClassLoader)} through {@code
   * META-INF/services/dev.tenken.spi.CheckSetProvider}. Stateless and thread-safe.
   */
  public static final class Provider implements CheckSetProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public Provider() {}

    /** Returns {@link PrinterChecks#all()}. */
    @Override
    public CheckSet checkSet() {
      return all();
    }
  }
}
