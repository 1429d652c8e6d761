package org.apiaudit;

/**
 * An error the user can fix (bad path, bad option value, malformed rule, locked index): its
 * message names the thing and the bad value, and it is printed on one line without a stack
 * trace.
 */
public class UserException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  public UserException(String message) {
    this(message, ExitCodes.USAGE);
  }

  public UserException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  public UserException(String message, int exitCode, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
