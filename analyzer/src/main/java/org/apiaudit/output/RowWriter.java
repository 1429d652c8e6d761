package org.apiaudit.output;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints rows of named columns in any {@link OutputFormat}, so that every command's machine
 * output has one shape: a header even when there are no rows (table, CSV), one object per row
 * (JSON lines), one array (JSON). Text cells are escaped for their medium: visible escapes for a
 * terminal, formula prefixes neutralised for CSV, JSON escaped by the generator. Numbers
 * ({@link Number} cells) stay numbers in JSON.
 */
public final class RowWriter implements AutoCloseable {
  private final OutputFormat format;
  private final PrintWriter out;
  private final List<String> columns;
  private final List<List<Object>> table = new ArrayList<>();
  private final JsonRecords records;

  public RowWriter(OutputFormat format, PrintWriter out, List<String> columns) {
    this.format = format;
    this.out = out;
    this.columns = List.copyOf(columns);
    this.records = new JsonRecords(out, format);
    if (format == OutputFormat.CSV) {
      StringBuilder h = new StringBuilder();
      for (String c : columns) {
        h.append(h.length() == 0 ? "" : ",").append(Escaping.csvCell(c));
      }
      out.println(h);
    }
  }

  /** One row, a cell per column ({@code null} for none). */
  public void row(Object... cells) {
    if (cells.length != columns.size()) {
      throw new IllegalArgumentException("expected " + columns.size() + " cells; got: " + cells.length);
    }
    try {
      switch (format) {
        case TABLE -> table.add(java.util.Arrays.asList(cells));
        case CSV -> csv(cells);
        case JSONL, JSON -> json(cells);
        default -> throw new AssertionError(format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void csv(Object[] cells) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      line.append(i == 0 ? "" : ",").append(cells[i] == null ? "" : Escaping.csvCell(cells[i].toString()));
    }
    out.println(line);
  }

  private void json(Object[] cells) throws IOException {
    JsonGenerator json = records.begin();
    for (int i = 0; i < cells.length; i++) {
      Object v = cells[i];
      if (v == null) {
        continue;
      }
      if (v instanceof Long || v instanceof Integer) {
        json.writeNumberField(columns.get(i), ((Number) v).longValue());
      } else if (v instanceof Number n) {
        json.writeNumberField(columns.get(i), n.doubleValue());
      } else {
        json.writeStringField(columns.get(i), v.toString());
      }
    }
    records.end();
  }


  @Override
  public void close() {
    try {
      if (format == OutputFormat.TABLE) {
        printTable();
      }
      records.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.flush();
  }

  private void printTable() {
    int[] widths = new int[columns.size()];
    List<String[]> text = new ArrayList<>();
    text.add(columns.toArray(String[]::new));
    for (List<Object> r : table) {
      String[] cells = new String[r.size()];
      for (int i = 0; i < cells.length; i++) {
        Object v = r.get(i);
        cells[i] = v == null ? "-" : v instanceof Double d ? String.format(java.util.Locale.ROOT, "%.2f", d)
            : Escaping.terminal(v.toString());
      }
      text.add(cells);
    }
    for (String[] cells : text) {
      for (int i = 0; i < cells.length; i++) {
        widths[i] = Math.max(widths[i], cells[i].length());
      }
    }
    for (String[] cells : text) {
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
      out.println(sb.toString().stripTrailing());
    }
  }
}
