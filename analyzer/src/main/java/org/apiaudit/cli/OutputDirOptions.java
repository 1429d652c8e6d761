package org.apiaudit.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --out DIR}: the folder a command writes its files into (never {@code -o}, which is a format). */
public final class OutputDirOptions {
  @Option(names = "--out", paramLabel = "DIR",
      description = "Folder to write into (created if needed); not '-': a command writing several files needs a folder.")
  Path dir;

  /**
   * The folder, or null when not given.
   *
   * @throws org.apiaudit.UserException (exit 2) for {@code --out -}: '-' is standard output for a file, never a folder
   */
  public Path dir() {
    if (dir != null && dir.toString().equals(OutputFile.STDOUT)) {
      throw new org.apiaudit.UserException("--out - is not accepted: '-' means standard output for a file option,"
          + " and this command writes several files; give a folder");
    }
    return dir;
  }

  /**
   * The folder, which this command cannot do without.
   *
   * @throws org.apiaudit.UserException (exit 2) when --out was not given
   */
  public Path required() {
    if (dir() == null) {
      throw new org.apiaudit.UserException("--out DIR is required: the folder to write into");
    }
    return dir;
  }
}
