package org.apiaudit.ingest.format;

/**
 * Splits one CSV line (RFC 4180: comma-separated, fields optionally in double quotes, a quote
 * inside a quoted field doubled) by scanning characters, handing each field to a sink as a
 * range so that unused columns cost nothing.
 *
 * <p>Leniency, because real exports break the rule: a quote inside a quoted field that is
 * neither doubled nor followed by a comma or the line's end does not close the field and is
 * kept as written (Apache CSV dumps escape quotes as {@code \"}). A quoted field that does not
 * close on its line is rejected: the ingest reader is line-based.
 */
final class CsvScanner {
  /** Receives the fields of a line in order. */
  interface Sink {
    /**
     * Field {@code index} is [from, to) of {@code line}, quotes removed; {@code doubled} says it
     * still contains doubled quotes to collapse ({@link #unquote}).
     */
    void field(int index, String line, int from, int to, boolean doubled);
  }

  private CsvScanner() {}

  /**
   * Scans [0, end) of {@code line}; returns the number of fields, or -1 - the column of a quote
   * that never closes.
   */
  static int scan(String line, int end, Sink sink) {
    return scan(line, end, false, sink);
  }

  /**
   * As {@link #scan(String, int, Sink)}; with {@code backslashEscapes}, a backslash inside a
   * quoted field escapes the next character (kept as written), as Apache-style exports write
   * {@code \"}. Callers retry with it when the RFC reading does not fit the header.
   */
  static int scan(String line, int end, boolean backslashEscapes, Sink sink) {
    int index = 0;
    int i = 0;
    while (true) {
      if (i < end && line.charAt(i) == '"') {
        int from = i + 1;
        boolean doubled = false;
        int j = from;
        while (true) {
          j = backslashEscapes ? nextUnescapedQuote(line, j, end) : Values.indexOf(line, '"', j, end);
          if (j < 0) {
            return -1 - i;
          }
          if (j + 1 < end && line.charAt(j + 1) == '"') {
            doubled = true;
            j += 2;
            continue;
          }
          if (j + 1 == end || line.charAt(j + 1) == ',') {
            break;
          }
          j++; // a stray quote: part of the value
        }
        sink.field(index++, line, from, j, doubled);
        i = j + 1;
        if (i == end) {
          return index;
        }
        i++;
      } else {
        int comma = Values.indexOf(line, ',', i, end);
        int to = comma < 0 ? end : comma;
        sink.field(index++, line, i, to, false);
        if (comma < 0) {
          return index;
        }
        i = comma + 1;
      }
    }
  }

  private static int nextUnescapedQuote(String line, int from, int end) {
    for (int i = from; i < end; i++) {
      char c = line.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i;
      }
    }
    return -1;
  }

  /** The field's text with doubled quotes collapsed. */
  static String unquote(String line, int from, int to, boolean doubled) {
    String s = line.substring(from, to);
    return doubled ? s.replace("\"\"", "\"") : s;
  }
}
