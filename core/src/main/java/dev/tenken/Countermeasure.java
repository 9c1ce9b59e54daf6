package dev.tenken;

/**
 * The four countermeasures of the JPCERT/CC alert of January 2016 on devices reachable from the
 * Internet by accident. Every check and finding names the one it serves.
 */
public enum Countermeasure {
  /** Turn authentication on and replace product-wide default IDs and passwords. */
  AUTHENTICATION,
  /** Do not expose what needs no exposure: allow-lists, firewalls, no cleartext, no UPnP. */
  NETWORK_EXPOSURE,
  /** Keep software and firmware current. */
  SOFTWARE_UPDATE,
  /** Know your devices (vendor, model, firmware, serial) and look for signs of compromise. */
  INVENTORY
}
