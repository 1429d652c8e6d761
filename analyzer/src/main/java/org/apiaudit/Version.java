package org.apiaudit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The analyzer's version as Maven wrote it into the jar, so {@code --version}, the logs and every
 * report name the same build and never drift from the pom.
 */
public final class Version {
  private Version() {}

  /** The analyzer's version, e.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} outside a Maven build. */
  public static String current() {
    Properties p = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("/analyzer-version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("version", "unknown");
  }
}
