package org.apiaudit.cli;

import org.apiaudit.Version;
import picocli.CommandLine;

/** Picocli's {@code --version}: the analyzer's {@link Version} and the Java it runs on. */
public final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"analyzer " + Version.current(), "Java " + System.getProperty("java.version")};
  }
}
