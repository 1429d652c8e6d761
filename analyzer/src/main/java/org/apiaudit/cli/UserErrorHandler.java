package org.apiaudit.cli;

import java.io.PrintWriter;
import org.apiaudit.UserException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Maps exceptions to exit codes in one place: a {@link UserException} is one line on stderr
 * with its own exit code; the heap running out is one line saying how to give it more; anything
 * else is a bug, printed with its stack trace.
 */
final class UserErrorHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    if (ex instanceof UserException user) {
      cmd.getErr().println("analyzer: " + user.getMessage());
      cmd.getErr().flush();
      return user.exitCode();
    }
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof OutOfMemoryError) {
        return outOfMemory(cmd.getErr());
      }
    }
    cmd.getErr().println("analyzer: internal error (a bug; please report it with this trace):");
    ex.printStackTrace(cmd.getErr());
    cmd.getErr().flush();
    return ExitCodes.SOFTWARE;
  }

  /** Says the heap ran out and how to give the JVM more; returns {@link ExitCodes#OUT_OF_MEMORY}. */
  static int outOfMemory(PrintWriter err) {
    long mb = Runtime.getRuntime().maxMemory() >> 20;
    err.println("analyzer: out of memory (the Java heap is " + mb + " MB): run again with a larger one, e.g."
        + " java -Xmx" + Math.max(1, (mb * 2 + 1023) / 1024) + "g -jar analyzer.jar ...");
    err.flush();
    return ExitCodes.OUT_OF_MEMORY;
  }
}
