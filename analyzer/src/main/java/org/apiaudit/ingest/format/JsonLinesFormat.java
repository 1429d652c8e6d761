package org.apiaudit.ingest.format;

import java.util.List;
import org.apiaudit.ingest.FileSession;
import org.apiaudit.ingest.LineParser;
import org.apiaudit.ingest.LogFormat;

/**
 * JSON-lines logs (one object per line) read through a {@link FieldMapping}: the gateway's own
 * JSON export, Caddy, Traefik, Envoy, or any gateway a user describes in a mapping file.
 */
public final class JsonLinesFormat implements LogFormat {
  private static final int SNIFF_LINES = 50;

  private final FieldMapping mapping;
  private final JsonLineParser parser;

  public JsonLinesFormat(FieldMapping mapping) {
    this.mapping = mapping;
    this.parser = new JsonLineParser(mapping);
  }

  @Override
  public String name() {
    return mapping.name();
  }

  public FieldMapping mapping() {
    return mapping;
  }

  public LineParser parser() {
    return parser;
  }

  /**
   * The share of lines that parse, weighted by the share of the mapping's keys each one has
   * (present, even if null): a mapping that explains more of the object wins.
   */
  @Override
  public int sniff(List<String> firstLines) {
    int seen = 0;
    double score = 0;
    org.apiaudit.schema.Event scratch = new org.apiaudit.schema.Event();
    for (String line : firstLines) {
      if (line.isBlank()) {
        continue;
      }
      if (++seen > SNIFF_LINES) {
        seen--;
        break;
      }
      scratch.clear();
      if (parser.parse(line, scratch) == null) {
        score += keyShare(line);
      }
    }
    return seen == 0 ? 0 : (int) Math.round(100 * score / seen);
  }

  private double keyShare(String line) {
    String[] values = new String[mapping.slots()];
    // Keys present with a null value count too; they are found by a plain text search for
    // "key":null, which is good enough for a score.
    int present = 0;
    parser.read(line, values);
    for (String v : values) {
      if (v != null) {
        present++;
      }
    }
    for (int slot = 0; slot < mapping.slots(); slot++) {
      String source = mapping.source(slot);
      int dot = source.lastIndexOf('.');
      String key = "\"" + (dot < 0 ? source : source.substring(dot + 1)) + "\":null";
      if (values[slot] == null && line.contains(key)) {
        present++;
      }
    }
    return Math.min(1.0, (double) present / mapping.slots());
  }

  @Override
  public FileSession startFile() {
    return line -> parser;
  }

  @Override
  public String toString() {
    return name() + " (JSON lines)";
  }
}
