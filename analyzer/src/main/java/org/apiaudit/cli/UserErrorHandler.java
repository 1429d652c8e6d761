package org.apiaudit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.apiaudit.ExitCodes;
import org.apiaudit.UserException;
import org.apiaudit.index.IndexDamage;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Maps exceptions to exit codes in one place: a {@link UserException} is one line on stderr
 * with its own exit code; the heap running out is one line saying how to give it more; an error
 * reading a damaged index (see {@link IndexDamage#explain}) is one line naming
 * {@code analyzer verify}, exit 2; anything else is a bug, printed with its stack trace.
 */
final class UserErrorHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    if (ex instanceof UserException user && !IndexDamage.isDamage(user)) {
      return print(user, cmd);
    }
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof OutOfMemoryError) {
        return outOfMemory(cmd.getErr());
      }
    }
    // A command reading a damaged index fails in Lucene's decoders, or in its own code fed
    // garbage: one line naming 'analyzer verify', not a bug report.
    UserException damaged = IndexDamage.explain(indexOf(parseResult), ex);
    if (damaged != null) {
      return print(damaged, cmd);
    }
    if (ex instanceof UserException user) {
      return print(user, cmd);
    }
    cmd.getErr().println("analyzer: internal error (a bug; please report it with this trace):");
    ex.printStackTrace(cmd.getErr());
    cmd.getErr().flush();
    return ExitCodes.SOFTWARE;
  }

  private static int print(UserException user, CommandLine cmd) {
    cmd.getErr().println("analyzer: " + user.getMessage());
    cmd.getErr().flush();
    return user.exitCode();
  }

  /** The {@code --index} folder of the command that ran, or null when it has none. */
  static Path indexOf(ParseResult parseResult) {
    if (parseResult == null) {
      return null;
    }
    ParseResult pr = parseResult;
    while (pr.hasSubcommand()) {
      pr = pr.subcommand();
    }
    OptionSpec option = pr.commandSpec().findOption("--index");
    return option != null && option.getValue() instanceof Path p ? p : null;
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
