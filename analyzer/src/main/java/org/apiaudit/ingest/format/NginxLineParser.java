package org.apiaudit.ingest.format;

import org.apiaudit.ingest.LineParser;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;

/**
 * A compiled nginx {@code log_format}: scans a line literal by literal, each variable reading
 * up to the literal that follows it.
 *
 * <p>A variable between double quotes ends at the first unescaped {@code "} that starts the
 * following literal. User agents sometimes contain unescaped quotes (Apache before 2.0.46,
 * proxies that rewrite logs), so when the rest of the line does not parse from that quote, the
 * next candidate quote is tried, up to {@link #MAX_QUOTE_CANDIDATES}. For the last quoted
 * variable a candidate must be followed by the end of the line or by well-formed extra fields,
 * so {@code "a "b" c"} is read as one value rather than cut at the first quote.
 *
 * <p>A missing {@code $remote_user} ({@code 1.2.3.4 - [10/Oct/…]}) reads as absent. Text after
 * the format's end is ignored (servers append fields, such as the shop log's
 * trailing {@code "-"}); a line that stops before the format does is rejected, except for a
 * missing closing quote of the very last field. A trailing CR
 * is dropped. Immutable; shared by worker threads.
 */
final class NginxLineParser implements LineParser {
  /** Bounds backtracking: each quoted field tries at most this many closing quotes. */
  static final int MAX_QUOTE_CANDIDATES = 8;

  /** One variable and the literal text that follows it (possibly empty). */
  record Segment(String name, NginxVariable variable, String after, boolean quoted) {}

  private final String leading;
  private final Segment[] segments;

  NginxLineParser(String leading, Segment[] segments) {
    this.leading = leading;
    this.segments = segments.clone();
  }

  int variableCount() {
    return segments.length;
  }

  @Override
  public String parse(String line, Event event) {
    int end = line.length();
    if (end > 0 && line.charAt(end - 1) == '\r') {
      end--;
    }
    if (end == 0) {
      return "empty line";
    }
    if (end < leading.length() || !line.startsWith(leading)) {
      return "expected '" + leading + "' at column 1";
    }
    return parseFrom(line, end, 0, leading.length(), event);
  }

  private String parseFrom(String line, int end, int k, int pos, Event event) {
    Segment seg = segments[k];
    boolean last = k == segments.length - 1;
    String after = seg.after;
    if (seg.quoted) {
      return parseQuoted(line, end, k, pos, event);
    }
    int stop;
    int next;
    if (after.isEmpty()) {
      // Last variable (or two adjacent ones): one space-free token.
      stop = Values.indexOf(line, ' ', pos, end);
      stop = stop < 0 ? end : stop;
      next = stop;
    } else if (missingField(seg, line, pos, end, event)) {
      // "1.2.3.4 - [10/Oct/…]": the writer left out the field, space and all; it stays absent.
      stop = pos;
      next = pos + after.length() - 1;
    } else {
      stop = indexOf(line, after, pos, end);
      if (stop < 0) {
        return "expected '" + after + "' after $" + seg.name + " at column " + (pos + 1);
      }
      next = stop + after.length();
    }
    String reason = seg.variable.apply(line, pos, stop, event);
    if (reason != null || last) {
      return reason;
    }
    return parseFrom(line, end, k + 1, next, event);
  }

  /**
   * Whether {@code $remote_user} is missing from the line rather than logged as {@code -}: some
   * servers and log shippers write {@code $remote_addr - [$time_local]}, dropping the field and
   * its space, so the line is already at the literal after it minus that space. Only after a
   * client address was read: {@code - - [} with the address absent is a line whose fields all
   * sit one place earlier than the format says (a plain combined line read as vhost-combined).
   */
  private static boolean missingField(Segment seg, String line, int pos, int end, Event event) {
    String after = seg.after;
    return seg.variable == NginxVariable.REMOTE_USER && event.has(Field.SOURCE_IP) && after.length() > 1
        && after.charAt(0) == ' ' && line.startsWith(after.substring(1), pos) && pos + after.length() - 1 <= end;
  }

  private String parseQuoted(String line, int end, int k, int pos, Event event) {
    Segment seg = segments[k];
    boolean last = k == segments.length - 1;
    String after = seg.after;
    String firstReason = null;
    int tries = 0;
    for (int q = nextQuote(line, pos, end); q >= 0; q = nextQuote(line, q + 1, end)) {
      int next = q + after.length();
      if (next > end || !line.startsWith(after, q) || (last && !extraFieldsWellFormed(line, next, end))) {
        continue;
      }
      String reason =
          Escapes.hasEscape(line, pos, q)
              ? applyDecoded(seg, Escapes.decode(line, pos, q), event)
              : seg.variable.apply(line, pos, q, event);
      if (reason == null && !last) {
        reason = parseFrom(line, end, k + 1, next, event);
      }
      if (reason == null) {
        return null;
      }
      if (firstReason == null) {
        firstReason = reason;
      }
      if (++tries == MAX_QUOTE_CANDIDATES) {
        break;
      }
    }
    if (firstReason != null) {
      return firstReason;
    }
    if (last && after.equals("\"")) {
      // The line ends inside the last field: a writer truncated it (one line of the elastic
      // apache_logs sample ends so). What was read is kept; the field's end is the line's.
      return Escapes.hasEscape(line, pos, end)
          ? applyDecoded(seg, Escapes.decode(line, pos, end), event)
          : seg.variable.apply(line, pos, end, event);
    }
    return "expected '" + after + "' after $" + seg.name + " at column " + (pos + 1);
  }

  private static String applyDecoded(Segment seg, String decoded, Event event) {
    return seg.variable.apply(decoded, 0, decoded.length(), event);
  }

  /** The next {@code "} at or after {@code from} not escaped by an odd run of backslashes. */
  private static int nextQuote(String line, int from, int end) {
    for (int i = from; i < end; i++) {
      if (line.charAt(i) == '"') {
        int bs = 0;
        for (int j = i - 1; j >= 0 && line.charAt(j) == '\\'; j--) {
          bs++;
        }
        if ((bs & 1) == 0) {
          return i;
        }
      }
    }
    return -1;
  }

  /**
   * Whether [from, end) is empty or space-separated extra fields, each either a balanced
   * quoted string or a token without quotes.
   */
  static boolean extraFieldsWellFormed(String line, int from, int end) {
    if (from == end) {
      return true;
    }
    char c = line.charAt(from);
    if (c != ' ' && c != '\t') {
      return false;
    }
    int i = from;
    while (i < end) {
      c = line.charAt(i);
      if (c == ' ' || c == '\t') {
        i++;
      } else if (c == '"') {
        int close = nextQuote(line, i + 1, end);
        if (close < 0 || (close + 1 < end && line.charAt(close + 1) != ' ' && line.charAt(close + 1) != '\t')) {
          return false;
        }
        i = close + 1;
      } else {
        while (i < end && line.charAt(i) != ' ' && line.charAt(i) != '\t') {
          if (line.charAt(i) == '"') {
            return false;
          }
          i++;
        }
      }
    }
    return true;
  }

  private static int indexOf(String line, String literal, int from, int end) {
    if (literal.length() == 1) {
      return Values.indexOf(line, literal.charAt(0), from, end);
    }
    int i = line.indexOf(literal, from);
    return i < 0 || i + literal.length() > end ? -1 : i;
  }
}
