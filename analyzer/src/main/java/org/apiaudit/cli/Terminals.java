package org.apiaudit.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a person watches standard output or standard error. {@link System#console()} is not
 * the answer: it says whether stdin and stdout are both a terminal, and from JDK 22 it is never
 * null. On Linux the file descriptor's link names the device ({@code /dev/pts/3}); elsewhere the
 * console check is the fallback. {@code CI} set means nobody watches.
 */
final class Terminals {
  private Terminals() {}

  /** Whether standard output is a terminal. */
  static boolean stdout() {
    return isTerminal(1);
  }

  /** Whether standard error is a terminal (progress is drawn there). */
  static boolean stderr() {
    return isTerminal(2);
  }

  private static boolean isTerminal(int fd) {
    if (System.getenv("CI") != null) {
      return false;
    }
    Path link = Path.of("/proc/self/fd/" + fd);
    if (Files.exists(Path.of("/proc/self/fd"))) {
      try {
        String target = Files.readSymbolicLink(link).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
      } catch (java.io.IOException | UnsupportedOperationException e) {
        return false;
      }
    }
    return System.console() != null;
  }
}
