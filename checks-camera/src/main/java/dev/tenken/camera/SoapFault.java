package dev.tenken.camera;

import java.util.Locale;

/**
 * A SOAP Fault as a device sent it: SOAP 1.2 {@code Code/Value}, the innermost {@code
 * Subcode/Value} and the first {@code Reason/Text}; SOAP 1.1 {@code faultcode} and {@code
 * faultstring}. Codes are kept as local names (the prefix dropped, since devices bind any prefix):
 * {@code Sender}, {@code NotAuthorized}. Immutable.
 *
 * @param code the fault code's local name ({@code Sender}, {@code Receiver}; SOAP 1.1 {@code
 *     Client}, {@code Server}), empty when missing
 * @param subcode the innermost subcode's local name ({@code NotAuthorized}, {@code
 *     ActionNotSupported}...), empty when none
 * @param reason the reason text, printable and cut short, empty when none
 */
record SoapFault(String code, String subcode, String reason) {

  /**
   * Whether the device refuses the request for lack of credentials: subcode {@code NotAuthorized}
   * (ONVIF's {@code ter:NotAuthorized}) or {@code FailedAuthentication} (WS-Security), or any
   * {@code Sender}/{@code Client} fault (the caller's fault: here, the missing WS-Security header).
   */
  boolean isRefusal() {
    return isNotAuthorized() || isSender();
  }

  /** Subcode {@code NotAuthorized} or {@code FailedAuthentication}. */
  boolean isNotAuthorized() {
    String s = subcode.toLowerCase(Locale.ROOT);
    return s.equals("notauthorized")
        || s.equals("failedauthentication")
        || code.equalsIgnoreCase("NotAuthorized");
  }

  /** Code {@code Sender} (SOAP 1.2) or {@code Client} (SOAP 1.1). */
  boolean isSender() {
    return code.equalsIgnoreCase("Sender") || code.equalsIgnoreCase("Client");
  }

  /** {@code Sender / NotAuthorized: reason}, for evidence. */
  String describe() {
    StringBuilder sb = new StringBuilder(code.isEmpty() ? "(no code)" : code);
    if (!subcode.isEmpty()) {
      sb.append(" / ").append(subcode);
    }
    if (!reason.isEmpty()) {
      sb.append(": ").append(reason);
    }
    return sb.toString();
  }
}
