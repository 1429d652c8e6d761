package org.apiaudit.canary;

/**
 * A probes-file row that could not be used. The message never repeats the row's identifier.
 *
 * @param file the probes file as given
 * @param line 1-based line number
 * @param message what is wrong, e.g. {@code queried_at must be ISO-8601 with an offset}
 */
public record ProbeProblem(String file, long line, String message) {
  /** {@code file:line: message}, as printed on stderr. */
  @Override
  public String toString() {
    return file + ":" + line + ": " + message;
  }
}
