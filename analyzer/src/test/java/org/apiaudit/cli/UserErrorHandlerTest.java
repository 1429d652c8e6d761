package org.apiaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CompletionException;
import org.apiaudit.ExitCodes;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The heap running out, however deep it is wrapped, is one line and exit code 6, not a "bug". */
class UserErrorHandlerTest {
  @Test
  void outOfMemoryIsExitSixWithAHint() {
    StringWriter err = new StringWriter();
    CommandLine cmd = AnalyzerCommand.newCommandLine();
    cmd.setErr(new PrintWriter(err));
    Exception wrapped = new CompletionException(new IllegalStateException(new OutOfMemoryError("Java heap space")));
    int code = new UserErrorHandler().handleExecutionException(wrapped, cmd, null);
    assertEquals(ExitCodes.OUT_OF_MEMORY, code);
    String text = err.toString();
    assertTrue(text.startsWith("analyzer: out of memory (the Java heap is "), text);
    assertTrue(text.contains("-Xmx"), text);
    assertEquals(1, text.lines().count(), text);
  }

  @Test
  void anyOtherFailureIsAnInternalErrorWithItsTrace() {
    StringWriter err = new StringWriter();
    CommandLine cmd = AnalyzerCommand.newCommandLine();
    cmd.setErr(new PrintWriter(err));
    int code = new UserErrorHandler().handleExecutionException(new IllegalStateException("boom"), cmd, null);
    assertEquals(ExitCodes.SOFTWARE, code);
    assertTrue(err.toString().contains("internal error"));
    assertTrue(err.toString().contains("boom"));
  }
}
