package org.apiaudit.ingest.format;

import java.util.List;
import org.apiaudit.ingest.LineParser;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;

/**
 * Reads W3C extended log lines laid out by one {@code #Fields:} directive.
 *
 * <p>Fields are separated by a tab if the line has one (CloudFront), else by spaces (IIS);
 * neither server writes the other separator inside a value. {@code -} is absent. Time is
 * {@code date} plus {@code time}, UTC by the W3C definition, whatever {@code --tz} says.
 * User agents: IIS writes a space as {@code +}, CloudFront URL-encodes ({@code %20}); both are
 * decoded. {@code time-taken} is seconds in CloudFront (a layout with {@code x-edge-*} fields)
 * and whenever the value has a fraction, whole milliseconds otherwise (IIS). A line with more
 * or fewer fields than the directive declares is rejected: with space separators that means
 * an unencoded space somewhere, and every later column would be shifted.
 */
final class W3cLineParser implements LineParser {
  private final W3cColumn[] columns;
  private final boolean cloudFront;
  private final boolean hasTime;

  W3cLineParser(List<String> fieldNames) {
    this.columns = new W3cColumn[fieldNames.size()];
    boolean edge = false;
    boolean date = false;
    boolean time = false;
    for (int i = 0; i < columns.length; i++) {
      String name = fieldNames.get(i);
      columns[i] = W3cColumn.of(name);
      edge |= name.startsWith("x-edge-");
      date |= columns[i] == W3cColumn.DATE;
      time |= columns[i] == W3cColumn.TIME;
    }
    this.cloudFront = edge;
    this.hasTime = date && time;
  }

  @Override
  public String parse(String line, Event event) {
    int end = CsvFormat.stripCr(line);
    if (end == 0) {
      return "empty line";
    }
    if (!hasTime) {
      return "#Fields: directive lacks 'date' and 'time'";
    }
    boolean tabs = Values.indexOf(line, '\t', 0, end) >= 0;
    char sep = tabs ? '\t' : ' ';
    int dateFrom = 0;
    int dateTo = 0;
    int timeFrom = 0;
    int timeTo = 0;
    int col = 0;
    int i = 0;
    while (true) {
      int stop = Values.indexOf(line, sep, i, end);
      if (stop < 0) {
        stop = end;
      }
      if (col < columns.length) {
        W3cColumn c = columns[col];
        if (c == W3cColumn.DATE) {
          dateFrom = i;
          dateTo = stop;
        } else if (c == W3cColumn.TIME) {
          timeFrom = i;
          timeTo = stop;
        } else {
          String reason = apply(c, line, i, stop, tabs, event);
          if (reason != null) {
            return reason;
          }
        }
      }
      col++;
      if (stop == end) {
        break;
      }
      i = stop + 1;
    }
    if (col != columns.length) {
      return "expected " + columns.length + " fields as #Fields: declares, found " + col;
    }
    long ts = Timestamps.w3c(line, dateFrom, dateTo, line, timeFrom, timeTo);
    if (ts == Timestamps.INVALID) {
      return "bad timestamp '" + line.substring(dateFrom, dateTo) + " " + line.substring(timeFrom, timeTo) + "'";
    }
    event.set(Field.TIMESTAMP, ts);
    return null;
  }

  private String apply(W3cColumn c, String s, int from, int to, boolean tabs, Event event) {
    switch (c) {
      case CLIENT_IP:
        return Values.clientAddress(event, s, from, to);
      case METHOD:
        Values.text(event, Field.METHOD, s, from, to);
        return null;
      case URI_STEM:
        Values.text(event, Field.URL_PATH, s, from, to);
        return null;
      case URI_QUERY:
        Values.text(event, Field.URL_QUERY, s, from, to);
        return null;
      case URI:
        Values.url(event, s, from, to);
        return null;
      case STATUS:
        return Values.integer(event, Field.STATUS, "status", s, from, to);
      case BYTES:
        return Values.integer(event, Field.BYTES, "bytes", s, from, to);
      case TIME_TAKEN:
        boolean seconds = cloudFront || Values.indexOf(s, '.', from, to) >= 0;
        return Values.latency(event, s, from, to, seconds ? 3 : 0);
      case USER_AGENT:
        if (!Values.isAbsent(s, from, to)) {
          event.set(Field.USER_AGENT, Escapes.urlDecode(s, from, to, tabs, !tabs));
        }
        return null;
      case REFERER:
        Values.text(event, Field.REFERRER, s, from, to);
        return null;
      case USERNAME:
        Values.text(event, Field.PRINCIPAL, s, from, to);
        return null;
      case FORWARDED_FOR:
        Values.text(event, Field.FORWARDED_FOR, s, from, to);
        return null;
      case REQUEST_ID:
        Values.text(event, Field.REQUEST_ID, s, from, to);
        return null;
      case CONTENT_TYPE:
        Values.text(event, Field.MIME_TYPE, s, from, to);
        return null;
      default:
        return null;
    }
  }
}
