package org.apiaudit.search;

import org.apiaudit.output.JsonRecords;
import org.apiaudit.output.OutputFormat;

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
  static final List<Field> TABLE_COLUMNS = List.of(Field.TIMESTAMP, Field.SOURCE_IP, Field.METHOD,
      Field.STATUS, Field.URL_PATH, Field.AUTH_TYPE, Field.PRINCIPAL, Field.SUBJECT_ID, Field.USER_AGENT,
      Field.LOG_FILE, Field.LOG_LINE);

  /** Columns of CSV: every field a hit can carry (all but the derived text field), the original line last. */
  static final List<Field> CSV_COLUMNS = java.util.Arrays.stream(Field.values())
      .filter(f -> (f.hasDocValues() || f.isStored()) && f.type() != org.apiaudit.schema.FieldType.TEXT
          && f != Field.ORIGINAL)
      .collect(java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), l -> {
        l.add(Field.ORIGINAL);
        return List.copyOf(l);
      }));

  private static final int TABLE_CHUNK = 200;
  private static final int MAX_CELL = 60;

  private final OutputFormat format;
  private final PrintWriter out;
  private final DateTimeFormatter time;
  private final List<String[]> pending = new ArrayList<>();
  private final JsonRecords records;
  private boolean headerDone;

  public HitWriter(OutputFormat format, PrintWriter out, ZoneId zone) {
    this.format = format;
    this.out = out;
    this.time = org.apiaudit.index.Instants.isoMillis(zone);
    this.records = new JsonRecords(out, format);
  }

  /** Rows written so far. */
  private long rows;

  /** Writes one hit (tables are aligned in chunks, so rows may be held briefly). */
  public void write(Hit hit) {
    rows++;
    try {
      switch (format) {
        case JSONL, JSON -> writeJson(hit);
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
    List<Field> columns = forTerminal ? TABLE_COLUMNS : CSV_COLUMNS;
    String[] cells = new String[columns.size()];
    for (int i = 0; i < cells.length; i++) {
      Field f = columns.get(i);
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
    JsonGenerator json = records.begin();
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
    records.end();
  }

  private void writeCsvHeader() {
    StringBuilder h = new StringBuilder();
    for (Field f : CSV_COLUMNS) {
      h.append(h.length() == 0 ? "" : ",").append(f.fieldName());
    }
    out.println(h);
    headerDone = true;
  }

  private void writeCsv(Hit hit) {
    if (!headerDone) {
      writeCsvHeader();
    }
    String[] cells = row(hit, false);
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        line.append(',');
      }
      line.append(Escaping.csvCell(cells[i]));
    }
    out.println(line);
  }

  /** How many hits were written. */
  public long rows() {
    return rows;
  }

  private void flushTable() {
    if (pending.isEmpty() && headerDone) {
      return;
    }
    int[] widths = new int[TABLE_COLUMNS.size()];
    String[] header = new String[TABLE_COLUMNS.size()];
    for (int i = 0; i < header.length; i++) {
      Field f = TABLE_COLUMNS.get(i);
      header[i] = f.aliases().isEmpty() ? f.fieldName() : f.aliases().get(0);
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
    } else if (format == OutputFormat.CSV && !headerDone) {
      writeCsvHeader();
    }
    try {
      records.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.flush();
  }
}
