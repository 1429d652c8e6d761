package org.apiaudit.cli;

import picocli.CommandLine.Option;

/**
 * {@code -v/-vv}, {@code -q/--quiet} and {@code --no-progress}: what a command writes on stderr
 * besides its errors. Every command has them (added where a command does not declare them).
 */
public final class VerbosityOptions {
  @Option(names = {"-v", "--verbose"},
      description = "More diagnostics on stderr: -v files, timings and rules loaded; -vv also memory and details.")
  boolean[] verbose = new boolean[0];

  @Option(names = {"-q", "--quiet"}, description = "Errors only: no warnings, no progress line.")
  boolean quiet;

  @Option(names = "--no-progress", description = "No progress line on the terminal.")
  boolean noProgress;

  /** Whether a progress line may be drawn (it is, still, only on a terminal). */
  public boolean progress() {
    return !quiet && !noProgress;
  }

  /** Sets the log level this command runs at. */
  void apply() {
    Logging.level(verbose.length, quiet);
  }
}
