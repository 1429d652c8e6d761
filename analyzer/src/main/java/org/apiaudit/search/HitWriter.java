package org.apiaudit.search;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apiaudit.output.Escaping;
import org.apiaudit.schema.Field;

/**
 * Prints hits as a table, JSON lines or CSV. Every value printed comes from the index, so
 * personal identifiers are already pseudonyms; attacker-controlled text (user agents, paths)
 * is made harmless for the medium: control and bidirectional characters written as visible
 * escapes for terminals and CSV, formula prefixes neutralised for spreadsheets, JSON escaped by
 * the generator.
 */
public final class HitWriter implements AutoCloseable {
  /** Columns of the table and CSV outputs. */
  static final List<Field> COLUMNS = List.of(Field.TIMESTAMP, Field.SOURCE_IP, Field.METHOD,
      Field.STATUS, Field.URL_PATH, Field.AUTH_TYPE, Field.PRINCIPAL, Field.SUBJECT_ID, Field.USER_AGENT,
      Field.LOG_FILE, Field.LOG_LINE);

  private static final int TABLE_CHUNK = 200;
  private static final int MAX_CELL = 60;

  private final OutputFormat format;
  private final PrintWriter out;
  private final DateTimeFormatter time;
  private final List<String[]> pending = new ArrayList<>();
  private JsonGenerator json;
  private boolean headerDone;

  public HitWriter(OutputFormat format, PrintWriter out, ZoneId zone) {
    this.format = format;
    this.out = out;
    this.time = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(zone);
  }

  /** Writes one hit (tables are aligned in chunks, so rows may be held briefly). */
  public void write(Hit hit) {
    try {
      switch (format) {
        case JSONL -> writeJson(hit);
        case CSV -> writeCsv(hit);
        case TABLE -> {
          pending.add(row(hit, true));
          if (pending.size() >= TABLE_CHUNK) {
            flushTable();
          }
        }
        default -> throw new AssertionError(format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String[] row(Hit hit, boolean forTerminal) {
    String[] cells = new String[COLUMNS.size()];
    for (int i = 0; i < cells.length; i++) {
      Field f = COLUMNS.get(i);
      String v = hit.get(f);
      if (v != null && f == Field.TIMESTAMP) {
        v = time.format(Instant.ofEpochMilli(Long.parseLong(v)));
      }
      if (v == null) {
        v = forTerminal ? "-" : "";
      }
      cells[i] = forTerminal ? forTerminal(v) : v;
    }
    return cells;
  }

  private void writeJson(Hit hit) throws IOException {
    if (json == null) {
      json = new JsonFactory().createGenerator(out);
      json.setRootValueSeparator(null);
    }
    json.writeStartObject();
    for (Map.Entry<Field, String> e : hit.values().entrySet()) {
      Field f = e.getKey();
      if (f == Field.TIMESTAMP) {
        json.writeStringField(f.fieldName(), time.format(Instant.ofEpochMilli(Long.parseLong(e.getValue()))));
      } else if (f.isNumeric()) {
        json.writeNumberField(f.fieldName(), Long.parseLong(e.getValue()));
      } else {
        json.writeStringField(f.fieldName(), e.getValue());
      }
    }
    json.writeEndObject();
    json.flush();
    out.write('\n');
  }

  private void writeCsv(Hit hit) {
    if (!headerDone) {
      StringBuilder h = new StringBuilder();
      for (Field f : COLUMNS) {
        h.append(h.length() == 0 ? "" : ",").append(f.fieldName());
      }
      out.println(h.append(",").append(Field.ORIGINAL.fieldName()));
      headerDone = true;
    }
    String[] cells = row(hit, false);
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        line.append(',');
      }
      line.append(Escaping.csvCell(cells[i]));
    }
    String original = hit.get(Field.ORIGINAL);
    line.append(',').append(Escaping.csvCell(original == null ? "" : original));
    out.println(line);
  }

  private void flushTable() {
    if (pending.isEmpty()) {
      return;
    }
    int[] widths = new int[COLUMNS.size()];
    String[] header = new String[COLUMNS.size()];
    for (int i = 0; i < header.length; i++) {
      header[i] = COLUMNS.get(i).aliases().isEmpty() ? COLUMNS.get(i).fieldName() : COLUMNS.get(i).aliases().get(0);
      widths[i] = header[i].length();
    }
    for (String[] r : pending) {
      for (int i = 0; i < r.length; i++) {
        widths[i] = Math.max(widths[i], r[i].length());
      }
    }
    if (!headerDone) {
      printRow(header, widths);
      headerDone = true;
    }
    for (String[] r : pending) {
      printRow(r, widths);
    }
    pending.clear();
  }

  private void printRow(String[] cells, int[] widths) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        sb.append("  ");
      }
      sb.append(cells[i]);
      if (i < cells.length - 1) {
        sb.append(" ".repeat(widths[i] - cells[i].length()));
      }
    }
    out.println(sb);
  }

  /** Text safe for a terminal (control and bidi characters as visible escapes), cut to a cell width. */
  static String forTerminal(String v) {
    String clean = Escaping.terminal(v);
    return clean.length() <= MAX_CELL ? clean : clean.substring(0, MAX_CELL - 1) + "…";
  }

  @Override
  public void close() {
    if (format == OutputFormat.TABLE) {
      flushTable();
    }
    try {
      if (json != null) {
        json.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.flush();
  }
}
