package dev.tenken;

/**
 * What a check does to a device. {@link #PASSIVE} and {@link #READ_ONLY} run by default; the others
 * run only when the caller enables them on the {@link CheckRunner}. Nothing that writes, deletes,
 * prints, reconfigures, exploits or floods exists in Tenken at any level.
 */
public enum Safety {
  /** Connects and reads a banner or handshake. */
  PASSIVE,
  /** Sends an unauthenticated read of metadata (an INFO, a GET of a status page). */
  READ_ONLY,
  /**
   * Logs in with a tiny list of vendor defaults, within the per-host budget of failed attempts,
   * stops at the first success and logs out.
   */
  CREDENTIAL_ATTEMPT,
  /** Opens an authenticated session with credentials the caller supplied and closes it. */
  SESSION;

  /** Whether this level runs without the caller opting in. */
  public boolean isDefault() {
    return this == PASSIVE || this == READ_ONLY;
  }
}
