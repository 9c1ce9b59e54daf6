package dev.tenken.camera;

import dev.tenken.Check;
import dev.tenken.CheckDescriptor;
import dev.tenken.Countermeasure;
import dev.tenken.Endpoint;
import dev.tenken.Reference;
import dev.tenken.Safety;
import dev.tenken.Severity;
import dev.tenken.spi.CheckContext;
import dev.tenken.spi.Outcome;
import dev.tenken.spi.TelnetBanner;
import java.io.IOException;
import java.util.List;

/**
 * {@code camera.telnet.exposed}: the camera or recorder offers a telnet console. Passive: reads the
 * banner with {@link TelnetBanner#read} (sends nothing, not even answers to the option
 * negotiation). Negotiation or a login prompt is a FAIL; a connection closed without a byte is a
 * PASS; silence, or a banner that is not telnet, is a SKIP. Stateless and thread-safe.
 */
final class CameraTelnetExposed implements Check {
  static final String ID = "camera.telnet.exposed";

  /** Telnet, and the port some camera firmware moves it to. */
  static final List<Integer> PORTS = List.of(23, 2323);

  /** The check's one instance. */
  static final CameraTelnetExposed INSTANCE = new CameraTelnetExposed();

  /** Camera consoles whose prompt lacks the generic words: BusyBox shells, XiongMai's LocalHost. */
  private static final List<String> PROMPT_WORDS = List.of("busybox", "localhost login");

  private static final CheckDescriptor DESCRIPTOR =
      CheckDescriptor.builder(ID, "Camera telnet console exposed")
          .description(
              "The camera or video recorder offers a telnet console. Camera and DVR firmware"
                  + " (Dahua, Hikvision, XiongMai and the many brands built on their boards) has"
                  + " shipped telnet with fixed root passwords that owners cannot change, and"
                  + " botnets such as Mirai log in with them within minutes of a device becoming"
                  + " reachable. Telnet also carries any password in cleartext.")
          .remediation(
              "Turn telnet off in the device's settings or with the vendor's tool, update the"
                  + " firmware (newer releases remove telnet or its fixed passwords), and keep the"
                  + " device off the Internet: block TCP 23 and 2323 at the network edge. A"
                  + " device whose telnet cannot be turned off belongs on an isolated network.")
          .probe("none: connect, read the banner for 1 s, send nothing, close")
          .proof(
              "telnet option negotiation (IAC WILL/DO ...) or a login prompt; a connection closed"
                  + " without a byte is a PASS")
          .severity(Severity.MEDIUM)
          .safety(Safety.PASSIVE)
          .countermeasure(Countermeasure.NETWORK_EXPOSURE)
          .services("telnet")
          .ports(23, 2323)
          .references(
              Reference.cwe(319),
              Reference.cwe(798),
              Reference.url("https://www.rfc-editor.org/rfc/rfc854"),
              Reference.url("https://www.jpcert.or.jp/english/at/2016/at160006.html"))
          .tags("camera", "dvr", "telnet", "cleartext", "exposure")
          .build();

  private CameraTelnetExposed() {}

  @Override
  public CheckDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Outcome run(Endpoint endpoint, CheckContext context) throws IOException {
    return TelnetBanner.exposure(context, endpoint, PROMPT_WORDS);
  }

  @Override
  public String toString() {
    return ID;
  }
}
