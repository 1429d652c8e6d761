package org.apiaudit.cli;

import picocli.CommandLine.Option;

/** {@code -q/--quiet} and {@code --no-progress}: what a long-running command draws on stderr besides errors. */
public final class VerbosityOptions {
  @Option(names = {"-q", "--quiet"}, description = "No progress line (errors and warnings are still printed).")
  boolean quiet;

  @Option(names = "--no-progress", description = "No progress line on the terminal.")
  boolean noProgress;

  /** Whether a progress line may be drawn (it is, still, only on a terminal). */
  public boolean progress() {
    return !quiet && !noProgress;
  }
}
