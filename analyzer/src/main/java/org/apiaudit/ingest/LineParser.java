package org.apiaudit.ingest;

import org.apiaudit.schema.Event;

/**
 * Turns one log line into an {@link Event}.
 *
 * <p>Implementations are compiled once from a format description and are immutable, so one
 * instance is shared by all worker threads. They scan characters; no per-line regex.
 */
public interface LineParser {
  /**
   * Parses {@code line} into {@code event} (already cleared).
   *
   * @return {@code null} on success, or a short reason why the line was rejected
   *     (for example {@code "expected '\"' at column 57"}).
   */
  String parse(String line, Event event);
}
