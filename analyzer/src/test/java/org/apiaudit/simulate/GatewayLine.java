package org.apiaudit.simulate;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Test-only reader of the gateway text format, independent of the production parsers: splits a
 * line into its 15 fields ({@code [...]} and {@code "..."} are one field each).
 */
record GatewayLine(String ip, LocalDateTime time, String method, String path, String query,
    int status, String userAgent, String authType, String principal, String subject) {

  static final int FIELDS = 15;
  private static final DateTimeFormatter TIME_LOCAL =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);

  static GatewayLine parse(String line) {
    List<String> f = fields(line);
    if (f.size() != FIELDS) {
      throw new IllegalArgumentException(f.size() + " fields in: " + line);
    }
    String[] request = f.get(4).split(" ");
    String target = request[1];
    int q = target.indexOf('?');
    return new GatewayLine(f.get(0), LocalDateTime.parse(f.get(3), TIME_LOCAL), request[0],
        q < 0 ? target : target.substring(0, q), q < 0 ? "-" : target.substring(q + 1),
        Integer.parseInt(f.get(5)), f.get(8), f.get(12), f.get(13), f.get(14));
  }

  /** Space-separated fields; brackets and double quotes group (no escapes in our output). */
  static List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == ' ') {
        i++;
        continue;
      }
      int end;
      if (c == '[' || c == '"') {
        end = line.indexOf(c == '[' ? ']' : '"', i + 1);
        out.add(line.substring(i + 1, end));
        i = end + 1;
      } else {
        end = line.indexOf(' ', i);
        end = end < 0 ? line.length() : end;
        out.add(line.substring(i, end));
        i = end;
      }
    }
    return out;
  }

  int hour() {
    return time.getHour();
  }

  boolean hasSubject() {
    return !subject.equals("-");
  }
}
