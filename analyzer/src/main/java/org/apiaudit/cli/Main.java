package org.apiaudit.cli;

/** Entry point of {@code analyzer.jar}: the only place that calls {@link System#exit}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int code;
    try {
      code = AnalyzerCommand.newCommandLine().execute(args);
    } catch (OutOfMemoryError e) {
      code = UserErrorHandler.outOfMemory(new java.io.PrintWriter(System.err, true));
    }
    System.exit(code);
  }
}
