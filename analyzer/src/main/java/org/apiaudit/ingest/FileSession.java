package org.apiaudit.ingest;

/**
 * The per-file state of a format: header rows and directives that change how later lines
 * are read (a CSV header row, W3C {@code #Fields:} lines).
 *
 * <p>Called by the single reader thread, in line order; the returned {@link LineParser} is then
 * applied by worker threads.
 */
public interface FileSession {
  /**
   * Returns the parser for {@code line}, or {@code null} when the line is a header or directive
   * consumed by the session (it produces no event and is not a reject).
   */
  LineParser parserFor(String line);
}
