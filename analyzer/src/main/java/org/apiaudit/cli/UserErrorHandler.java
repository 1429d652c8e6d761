package org.apiaudit.cli;

import org.apiaudit.UserException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Maps exceptions to exit codes in one place: a {@link UserException} is one line on stderr
 * with its own exit code; anything else is a bug, printed with its stack trace.
 */
final class UserErrorHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    if (ex instanceof UserException user) {
      cmd.getErr().println("analyzer: " + user.getMessage());
      cmd.getErr().flush();
      return user.exitCode();
    }
    cmd.getErr().println("analyzer: internal error (a bug; please report it with this trace):");
    ex.printStackTrace(cmd.getErr());
    cmd.getErr().flush();
    return ExitCodes.SOFTWARE;
  }
}
