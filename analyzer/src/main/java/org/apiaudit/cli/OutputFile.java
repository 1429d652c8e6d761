package org.apiaudit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apiaudit.UserException;

/**
 * The value of an option that names a file to write: a path, or standard output when given as
 * {@code -}, never a file named '-'. Every output-file option has this type (the contract test
 * checks it), so the spelling means the same everywhere; a command whose standard output
 * already carries its data refuses {@code -} through {@link #requireFile} and says why.
 */
public final class OutputFile {
  /** The spelling of standard output. */
  public static final String STDOUT = "-";

  /** The file, or null for standard output. */
  private final Path path;

  private OutputFile(Path path) {
    this.path = path;
  }

  /** The option value {@code value}: {@code -} is standard output, anything else a path. */
  public static OutputFile parse(String value) {
    return new OutputFile(value.equals(STDOUT) ? null : Path.of(value));
  }

  /** Whether this means standard output. */
  public boolean isStdout() {
    return path == null;
  }

  /** The file; only for a value that is not standard output. */
  public Path path() {
    if (path == null) {
      throw new IllegalStateException("standard output has no path; check isStdout() first");
    }
    return path;
  }

  /**
   * The file, for an option that cannot write to standard output.
   *
   * @throws UserException (exit 2) for {@code -}, naming {@code option} and {@code why}
   */
  public Path requireFile(String option, String why) {
    if (path == null) {
      throw new UserException(option + " - is not accepted: " + why + "; give a file");
    }
    return path;
  }

  /** Creates the folder {@code file} goes into, so that {@code --json out/new/findings.json} just works. */
  static void createParent(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
  }

  @Override
  public String toString() {
    return path == null ? STDOUT : path.toString();
  }
}
