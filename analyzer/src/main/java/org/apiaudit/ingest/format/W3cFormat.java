package org.apiaudit.ingest.format;

import java.util.ArrayList;
import java.util.List;
import org.apiaudit.ingest.FileSession;
import org.apiaudit.ingest.LineParser;
import org.apiaudit.ingest.LogFormat;

/**
 * W3C extended log files (IIS, CloudFront): {@code #} directives, then lines laid out by the
 * latest {@code #Fields:} directive.
 *
 * <p>The layout lives in the file's session, because IIS writes a new
 * {@code #Software/#Version/#Date/#Fields} block whenever it restarts or rolls a file, and the
 * fields may differ from block to block. Directive lines produce no event; a data line before
 * any {@code #Fields:} is rejected.
 */
public final class W3cFormat implements LogFormat {
  /** The preset name. */
  public static final String NAME = "w3c";

  private static final String FIELDS = "#Fields:";
  private static final LineParser NO_LAYOUT = (line, event) -> "data line before any #Fields: directive";

  @Override
  public String name() {
    return NAME;
  }

  /** 100 if a {@code #Fields:} directive is among the first lines, 60 for other directives. */
  @Override
  public int sniff(List<String> firstLines) {
    int score = 0;
    for (String line : firstLines) {
      if (line.startsWith(FIELDS)) {
        return 100;
      }
      if (line.startsWith("#Version:") || line.startsWith("#Software:")) {
        score = 60;
      }
    }
    return score;
  }

  @Override
  public FileSession startFile() {
    return new FileSession() {
      private LineParser parser = NO_LAYOUT;

      @Override
      public LineParser parserFor(String line) {
        if (!line.startsWith("#")) {
          return parser;
        }
        if (line.startsWith(FIELDS)) {
          parser = new W3cLineParser(fieldNames(line));
        }
        return null;
      }
    };
  }

  /** The names of a {@code #Fields:} line; runs once per directive, so plain scanning is fine. */
  static List<String> fieldNames(String line) {
    List<String> names = new ArrayList<>();
    int end = CsvFormat.stripCr(line);
    int i = FIELDS.length();
    while (i < end) {
      char c = line.charAt(i);
      if (c == ' ' || c == '\t') {
        i++;
        continue;
      }
      int start = i;
      while (i < end && line.charAt(i) != ' ' && line.charAt(i) != '\t') {
        i++;
      }
      names.add(line.substring(start, i));
    }
    return names;
  }

  @Override
  public String toString() {
    return NAME + " (W3C extended)";
  }
}
