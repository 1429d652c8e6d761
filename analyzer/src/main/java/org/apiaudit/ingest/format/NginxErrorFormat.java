package org.apiaudit.ingest.format;

import java.time.ZoneId;
import java.util.List;
import org.apiaudit.ingest.FileSession;
import org.apiaudit.ingest.LineParser;
import org.apiaudit.ingest.LogFormat;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;

/**
 * nginx's error log, read as events of their own: basic-auth failures ({@code user "x" was not
 * found}, {@code password mismatch}), denied paths and malformed requests are written there and
 * never to the access log, so brute-force and probing rules need them.
 *
 * <p>A line is {@code 2021/09/30 09:23:53 [error] 1925800#1925800: *17 MESSAGE, client: ADDR,
 * server: NAME, request: "GET / HTTP/1.1", host: "example.org"}: local time without an offset
 * (read in the {@code --tz} zone), {@code [level]} ({@link org.apiaudit.schema.Field#LOG_LEVEL}),
 * process and thread ids, an optional connection number, the message
 * ({@link org.apiaudit.schema.Field#MESSAGE}), then the connection's context, every part
 * optional. The message may itself contain {@code , client: } (it often quotes a path the
 * client chose), so the context is the last {@code , client: } whose tail reads as context.
 * Lines without a context (start-up notices) are events with a level and message only.
 */
public final class NginxErrorFormat implements LogFormat {
  /** The preset name. */
  public static final String NAME = "nginx-error";

  private static final String CONTEXT = ", client: ";
  /** Bounds the search for the context: a message quoting many {@code , client: } is garbage. */
  private static final int MAX_CONTEXT_CANDIDATES = 8;

  /** What the context part can set; copied once the whole context has read. */
  private static final List<Field> CONTEXT_FIELDS = List.of(Field.SOURCE_IP, Field.METHOD, Field.URL_PATH,
      Field.URL_QUERY, Field.URL_DOMAIN, Field.URL_SCHEME, Field.HTTP_VERSION, Field.REFERRER);

  private final LineParser parser;

  public NginxErrorFormat(ZoneId zone) {
    this.parser = (line, event) -> parse(line, event, zone);
  }

  @Override
  public String name() {
    return NAME;
  }

  /** 100 when every sampled line reads, proportionally less; 0 when none does. */
  @Override
  public int sniff(List<String> firstLines) {
    NginxFormat.Fit fit = NginxFormat.fit(parser, firstLines);
    return fit.sampled() == 0 ? 0 : 100 * fit.parsed() / fit.sampled();
  }

  @Override
  public FileSession startFile() {
    return line -> parser;
  }

  static String parse(String line, Event event, ZoneId zone) {
    int end = line.length();
    if (end > 0 && line.charAt(end - 1) == '\r') {
      end--;
    }
    if (end < 22) {
      return "too short for an nginx error line";
    }
    String reason = Values.timestamp(event, Timestamps.nginxError(line, 0, 19, zone), line, 0, 19);
    if (reason != null) {
      return reason;
    }
    if (line.charAt(19) != ' ' || line.charAt(20) != '[') {
      return "expected ' [level]' at column 20";
    }
    int close = Values.indexOf(line, ']', 21, end);
    if (close < 0 || close == 21 || close + 1 >= end || line.charAt(close + 1) != ' ') {
      return "expected ' [level]' at column 20";
    }
    event.set(Field.LOG_LEVEL, line.substring(21, close));
    int pos = close + 2;
    int colon = line.indexOf(": ", pos);
    if (colon < 0 || colon >= end || !isPidTid(line, pos, colon)) {
      return "expected 'pid#tid: ' at column " + (pos + 1);
    }
    pos = colon + 2;
    if (pos < end && line.charAt(pos) == '*') {
      int sp = Values.indexOf(line, ' ', pos, end);
      pos = sp < 0 ? end : sp + 1;
    }
    int messageEnd = end;
    int tries = 0;
    for (int c = line.lastIndexOf(CONTEXT, end - CONTEXT.length()); c >= pos && tries < MAX_CONTEXT_CANDIDATES;
        c = line.lastIndexOf(CONTEXT, c - 1), tries++) {
      Event context = new Event();
      if (readContext(line, c + 2, end, context)) {
        copyContext(context, event);
        messageEnd = c;
        break;
      }
    }
    Values.text(event, Field.MESSAGE, line, pos, messageEnd);
    return null;
  }

  private static boolean isPidTid(String s, int from, int to) {
    int hash = Values.indexOf(s, '#', from, to);
    return hash > from && hash + 1 < to && allDigits(s, from, hash) && allDigits(s, hash + 1, to);
  }

  private static boolean allDigits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads {@code client: A, server: B, request: "…", host: "…"} from {@code from} to the end;
   * false when it is not well-formed context (unknown key shape, unbalanced quotes, a bad
   * client address).
   */
  private static boolean readContext(String s, int from, int end, Event into) {
    int pos = from;
    while (pos < end) {
      int colon = s.indexOf(": ", pos);
      if (colon < 0 || colon >= end || !isKey(s, pos, colon)) {
        return false;
      }
      String key = s.substring(pos, colon);
      int vFrom = colon + 2;
      int vTo;
      int next;
      if (vFrom < end && s.charAt(vFrom) == '"') {
        int q = s.indexOf("\", ", vFrom + 1);
        if (q < 0 || q >= end) {
          if (s.charAt(end - 1) != '"' || end - 1 <= vFrom) {
            return false;
          }
          q = end - 1;
        }
        vFrom++;
        vTo = q;
        next = Math.min(end, q + 3);
      } else {
        int comma = s.indexOf(", ", vFrom);
        vTo = comma < 0 || comma >= end ? end : comma;
        next = Math.min(end, vTo + 2);
      }
      if (!apply(key, s, vFrom, vTo, into)) {
        return false;
      }
      pos = next;
    }
    return true;
  }

  private static boolean isKey(String s, int from, int to) {
    if (from >= to || to - from > 20) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!(c >= 'a' && c <= 'z') && c != '_') {
        return false;
      }
    }
    return true;
  }

  private static boolean apply(String key, String s, int from, int to, Event into) {
    switch (key) {
      case "client":
        return Values.clientAddress(into, s, from, to) == null;
      case "request":
        Values.requestLine(into, s, from, to);
        return true;
      case "host":
        Values.domain(into, s, from, to);
        return true;
      case "referrer":
        Values.text(into, Field.REFERRER, s, from, to);
        return true;
      default:
        return true; // server, upstream, subrequest: the server's own side
    }
  }

  private static void copyContext(Event from, Event to) {
    for (Field f : CONTEXT_FIELDS) {
      to.set(f, from.get(f));
    }
  }
}
