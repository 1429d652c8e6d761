package org.apiaudit.cli;

/** Entry point of {@code analyzer.jar}: the only place that calls {@link System#exit}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(AnalyzerCommand.newCommandLine().execute(args));
  }
}
