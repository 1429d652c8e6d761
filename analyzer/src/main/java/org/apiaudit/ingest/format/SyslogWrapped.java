package org.apiaudit.ingest.format;

import java.util.ArrayList;
import java.util.List;
import org.apiaudit.ingest.FileSession;
import org.apiaudit.ingest.LineParser;
import org.apiaudit.ingest.LogFormat;

/**
 * Any format whose lines arrive inside syslog records, as when nginx or Apache log through
 * {@code access_log syslog:…} or a journal export: {@code Sep 15 16:13:46 web1 nginx[2869]: }
 * (RFC 3164, optionally behind {@code <PRI>}) or {@code <134>1 2021-09-15T16:13:46Z web1 nginx
 * 2869 - - } (RFC 5424 without structured data) before the real line.
 *
 * <p>The prefix is dropped and the rest read by the wrapped format; the event's time is the
 * inner line's own (the syslog stamp has no year and no zone). A line without the prefix is
 * rejected, naming it; a reject reason's column counts from the start of the whole line.
 */
final class SyslogWrapped implements LogFormat {
  /** Name prefix: {@code syslog+combined}, accepted by {@code --format} too. */
  static final String PREFIX = "syslog+";

  private static final String[] MONTHS = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };

  private final LogFormat inner;

  SyslogWrapped(LogFormat inner) {
    this.inner = inner;
  }

  @Override
  public String name() {
    return PREFIX + inner.name();
  }

  @Override
  public int sniff(List<String> firstLines) {
    List<String> unwrapped = unwrapAll(firstLines);
    return unwrapped.size() * 2 > firstLines.size() ? inner.sniff(unwrapped) : 0;
  }

  @Override
  public FileSession startFile() {
    FileSession session = inner.startFile();
    return line -> {
      int start = messageStart(line);
      if (start < 0) {
        return NOT_SYSLOG;
      }
      LineParser p = session.parserFor(line.substring(start));
      return p == null ? null : (l, event) -> {
        int from = messageStart(l);
        String reason = p.parse(l.substring(from), event);
        return reason == null ? null : shiftColumns(reason, from);
      };
    };
  }

  private static final java.util.regex.Pattern COLUMN = java.util.regex.Pattern.compile("at column (\\d+)");

  /** The inner format's reason with its columns counted from the start of the whole line. */
  static String shiftColumns(String reason, int offset) {
    return COLUMN.matcher(reason).replaceAll(m -> "at column " + (Integer.parseInt(m.group(1)) + offset));
  }

  private static final LineParser NOT_SYSLOG = (line, event) -> "expected a syslog prefix ('Mmm dd hh:mm:ss host tag: ')";

  /** The lines of {@code lines} that carry a syslog prefix, without it. */
  static List<String> unwrapAll(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      int start = messageStart(line);
      if (start >= 0) {
        out.add(line.substring(start));
      }
    }
    return out;
  }

  /** Where the message of a syslog record starts, or -1 when {@code line} is not one. */
  static int messageStart(String line) {
    int pos = 0;
    boolean pri = false;
    if (line.startsWith("<")) {
      int close = line.indexOf('>');
      if (close < 2 || close > 4 || !digits(line, 1, close)) {
        return -1;
      }
      pos = close + 1;
      pri = true;
    }
    if (pri && line.startsWith("1 ", pos)) {
      return rfc5424(line, pos + 2);
    }
    return rfc3164(line, pos);
  }

  /** {@code Sep 15 16:13:46 host tag[pid]: } or {@code Sep  5 …}. */
  private static int rfc3164(String line, int pos) {
    if (line.length() < pos + 16 || !isMonth(line, pos) || line.charAt(pos + 3) != ' ') {
      return -1;
    }
    char d1 = line.charAt(pos + 4);
    if (!(d1 == ' ' || digits(line, pos + 4, pos + 5)) || !digits(line, pos + 5, pos + 6)
        || line.charAt(pos + 6) != ' ' || Timestamps.digits(line, pos + 7, 2) < 0 || line.charAt(pos + 9) != ':'
        || Timestamps.digits(line, pos + 10, 2) < 0 || line.charAt(pos + 12) != ':'
        || Timestamps.digits(line, pos + 13, 2) < 0 || line.charAt(pos + 15) != ' ') {
      return -1;
    }
    int hostEnd = line.indexOf(' ', pos + 16);
    if (hostEnd <= pos + 16) {
      return -1;
    }
    int tagEnd = line.indexOf(": ", hostEnd + 1);
    if (tagEnd <= hostEnd + 1 || Values.indexOf(line, ' ', hostEnd + 1, tagEnd) >= 0) {
      return -1;
    }
    return tagEnd + 2;
  }

  /** {@code 2021-09-15T16:13:46Z host app procid msgid - }: five fields, then no structured data. */
  private static int rfc5424(String line, int pos) {
    int p = pos;
    for (int field = 0; field < 5; field++) {
      int sp = line.indexOf(' ', p);
      if (sp <= p) {
        return -1;
      }
      p = sp + 1;
    }
    return line.startsWith("- ", p) ? p + 2 : -1;
  }

  private static boolean isMonth(String s, int pos) {
    for (String m : MONTHS) {
      if (s.startsWith(m, pos)) {
        return true;
      }
    }
    return false;
  }

  private static boolean digits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return PREFIX + inner;
  }
}
