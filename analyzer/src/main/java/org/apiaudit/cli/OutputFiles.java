package org.apiaudit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Output-file options: {@code -} is standard output for every one of them, never a file named '-'. */
final class OutputFiles {
  /** The spelling of standard output. */
  static final String STDOUT = "-";

  private OutputFiles() {}

  /** Whether {@code file} means standard output. */
  static boolean isStdout(Path file) {
    return file != null && file.toString().equals(STDOUT);
  }

  /** Creates the folder {@code file} goes into, so that {@code --json out/new/findings.json} just works. */
  static void createParent(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
  }
}
