package org.apiaudit.ingest;

import java.util.List;

import org.apiaudit.schema.Field;

/**
 * A minimal test format, independent of the real parsers: {@code epochMillis|ip|method|path|query|status|principal|subject|ua}.
 * Lines starting with {@code BAD} are rejected.
 */
final class PipeTestFormat implements LogFormat {
  static final PipeTestFormat INSTANCE = new PipeTestFormat();

  private static final LineParser PARSER = (line, e) -> {
    String[] p = line.split("\\|", -1);
    if (p.length != 9) {
      return "expected 9 fields; got " + p.length;
    }
    try {
      e.set(Field.TIMESTAMP, Long.parseLong(p[0]));
      e.set(Field.STATUS, Long.parseLong(p[5]));
    } catch (NumberFormatException ex) {
      return "bad number";
    }
    e.set(Field.SOURCE_IP, p[1]).set(Field.METHOD, p[2]).set(Field.URL_PATH, p[3]).set(Field.URL_QUERY, p[4])
        .set(Field.PRINCIPAL, p[6]).set(Field.SUBJECT_ID, p[7]).set(Field.USER_AGENT, p[8]);
    return null;
  };

  @Override
  public String name() {
    return "pipe-test";
  }

  @Override
  public int sniff(List<String> firstLines) {
    return firstLines.isEmpty() || firstLines.get(0).split("\\|", -1).length != 9 ? 0 : 100;
  }

  @Override
  public FileSession startFile() {
    return line -> line.startsWith("#") ? null : PARSER;
  }

  static String line(long ts, String ip, String method, String path, String query, int status, String principal,
      String subject, String ua) {
    return ts + "|" + ip + "|" + method + "|" + path + "|" + query + "|" + status + "|" + principal + "|" + subject + "|" + ua;
  }

}
