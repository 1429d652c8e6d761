package org.apiaudit;

/**
 * The exit codes of every command, documented in README.md and in each command's help.
 * Values follow picocli's conventions (0 ok, 1 software, 2 usage) and go on from there.
 */
public final class ExitCodes {
  /** Success, nothing at or above the failure level. */
  public static final int OK = 0;
  /** Internal error: a bug. */
  public static final int SOFTWARE = 1;
  /** Bad command line, configuration, rule or key. */
  public static final int USAGE = 2;
  /** Findings at or above the requested level. */
  public static final int FINDINGS = 3;
  /** Some inputs could not be read (the rest were processed). */
  public static final int INPUT_ERROR = 4;
  /** The index is in use by another process. */
  public static final int INDEX_LOCKED = 5;
  /** The Java heap ran out: rerun with a larger {@code -Xmx}. */
  public static final int OUT_OF_MEMORY = 6;

  private ExitCodes() {}
}
