package org.apiaudit.simulate;

/**
 * Writes events as lines of one export format. Implementations are stateful only for caching
 * (the current day's date bytes), so each output file gets its own instance.
 */
interface EventFormatter {
  /** Lines written once at the top of every file (CSV header, W3C directives); may be empty. */
  byte[] header();

  /** Appends one event as one complete line, newline included. */
  void format(SimEvent event, AsciiBuffer out);

  /** The request line's target: path, path id, and {@code ?query} when there is one. */
  static void appendTarget(SimEvent e, AsciiBuffer out) {
    out.append(e.endpoint.pathBytes);
    if (e.pathId >= 0) {
      out.appendLong(e.pathId);
    }
    if (!e.query.isEmpty()) {
      out.append((byte) '?').append(e.query);
    }
  }
}
