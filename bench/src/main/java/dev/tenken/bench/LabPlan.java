package dev.tenken.bench;

/**
 * Where each simulated device lives: device {@code i} of a kind listens on its own loopback address
 * {@code 127.<prefix + i/62500>.<1 + i/250 % 250>.<1 + i % 250>}, so the second octet tells the
 * kind and per-host logic is exercised on distinct hosts. Immutable.
 *
 * @param redis healthy Redis-like devices (tcp/6379, answers INFO at once)
 * @param http healthy camera-like web panels (tcp/80)
 * @param snmp healthy SNMP agents (udp/161, community {@code public})
 * @param silent Redis ports that accept and never answer
 * @param slow Redis-like devices that answer every command after {@code slowMillis}
 * @param slowMillis the delay of slow devices, in milliseconds
 */
public record LabPlan(int redis, int http, int snmp, int silent, int slow, int slowMillis) {
  /** Second octet of healthy Redis-like devices. */
  public static final int REDIS = 1;

  /** Second octet of camera-like web panels. */
  public static final int HTTP = 2;

  /** Second octet of SNMP agents. */
  public static final int SNMP = 3;

  /** Second octet of addresses where nothing listens: every port answers RST. */
  public static final int CLOSED = 4;

  /** Second octet of silent Redis ports. */
  public static final int SILENT = 5;

  /** Second octet of slow Redis-like devices. */
  public static final int SLOW = 6;

  /**
   * Second octet of filtered addresses: {@code bench/run} drops every packet to {@value
   * #FILTERED_CIDR} inside its network namespace.
   */
  public static final int FILTERED = 64;

  /** The block whose SYNs {@code bench/run} drops. */
  public static final String FILTERED_CIDR = "127.64.0.0/12";

  /** The Redis port. */
  public static final int REDIS_PORT = 6379;

  /** The web panel port. */
  public static final int HTTP_PORT = 80;

  /** The SNMP port. */
  public static final int SNMP_PORT = 161;

  /** Devices per value of the second octet: a kind's addresses beyond it spill into the next. */
  public static final int PER_OCTET = 250 * 250;

  /**
   * Checks the counts.
   *
   * @throws IllegalArgumentException when a count is negative or a kind would overflow its block
   */
  public LabPlan {
    for (int n : new int[] {redis, http, snmp, silent, slow}) {
      if (n < 0 || n > PER_OCTET) {
        throw new IllegalArgumentException("device counts must be 0.." + PER_OCTET + ", was " + n);
      }
    }
    if (slowMillis < 0) {
      throw new IllegalArgumentException("slowMillis must be 0 or more, was " + slowMillis);
    }
  }

  /**
   * The address of device {@code index} of the kind whose second octet is {@code prefix}.
   *
   * @throws IllegalArgumentException when {@code index} is negative or beyond 16 blocks
   */
  public static String address(int prefix, int index) {
    if (index < 0 || index >= 16 * PER_OCTET) {
      throw new IllegalArgumentException("device index out of range: " + index);
    }
    return "127."
        + (prefix + index / PER_OCTET)
        + "."
        + (1 + index / 250 % 250)
        + "."
        + (1 + index % 250);
  }

  /** The Redis version device {@code index} reports: varies so facts are compared per host. */
  public static String redisVersion(int index) {
    return "7.2." + index % 10;
  }

  /** The sysDescr of SNMP agent {@code index}. */
  public static String sysDescr(int index) {
    return "Lab MFP model " + (1000 + index % 500) + " firmware 2." + index % 7;
  }

  /** The title of every web panel; the Reolink markers make Tenken name the vendor. */
  public static final String HTTP_TITLE = "Reolink";
}
