package dev.tenken;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Facts about this build of Tenken. */
public final class Tenken {
  private static final String VERSION = readVersion();

  private Tenken() {}

  /**
   * This build's version, such as {@code 0.1.0}; {@code unknown} when run from unpackaged classes.
   */
  public static String version() {
    return VERSION;
  }

  private static String readVersion() {
    try (InputStream in = Tenken.class.getResourceAsStream("tenken.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
