package org.apiaudit.ingest.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apiaudit.ingest.FileSession;
import org.apiaudit.ingest.LineParser;
import org.apiaudit.ingest.LogFormat;
import org.apiaudit.schema.Event;

/**
 * CSV exports with a header row (the SIEM export, Apache-style CSV dumps), read through a
 * {@link FieldMapping} whose sources are header names.
 *
 * <p>The header is read per file, so columns may come in any order; header names match
 * case-insensitively and ignoring surrounding spaces. Unmapped columns are ignored. A header
 * without the timestamp column makes every line of that file a reject naming the column, so
 * the user sees why nothing was read. A row with fewer columns than the header is rejected;
 * extra trailing columns are ignored, as in the text formats.
 */
public final class CsvFormat implements LogFormat {
  private final FieldMapping mapping;

  public CsvFormat(FieldMapping mapping) {
    this.mapping = mapping;
  }

  @Override
  public String name() {
    return mapping.name();
  }

  public FieldMapping mapping() {
    return mapping;
  }

  /**
   * 0 unless the first line is a header holding the timestamp column; then 50 plus half the
   * share of the mapping's columns present.
   */
  @Override
  public int sniff(List<String> firstLines) {
    for (String line : firstLines) {
      if (line.isBlank()) {
        continue;
      }
      int[] slots = columnSlots(header(line));
      if (slots == null) {
        return 0;
      }
      int found = 0;
      for (int slot : slots) {
        if (slot >= 0) {
          found++;
        }
      }
      return 50 + 50 * found / mapping.slots();
    }
    return 0;
  }

  @Override
  public FileSession startFile() {
    return new FileSession() {
      private LineParser parser;

      @Override
      public LineParser parserFor(String line) {
        if (parser != null) {
          return parser;
        }
        if (line.isBlank()) {
          return null;
        }
        List<String> names = header(line);
        int[] slots = columnSlots(names);
        if (slots == null) {
          String reason =
              "CSV header has no '" + mapping.timestampSource() + "' column (got: "
                  + String.join(",", names) + ")";
          parser = (l, e) -> reason;
        } else {
          parser = new RowParser(mapping, slots);
        }
        return null;
      }
    };
  }

  private static List<String> header(String line) {
    String l = line.startsWith("\uFEFF") ? line.substring(1) : line;
    List<String> names = new ArrayList<>();
    int end = stripCr(l);
    int n = CsvScanner.scan(l, end, (i, s, from, to, doubled) -> names.add(CsvScanner.unquote(s, from, to, doubled).strip()));
    return n < 0 ? List.of(l) : names;
  }

  /** Slot per column (-1 unmapped), or null when the timestamp column is missing. */
  private int[] columnSlots(List<String> names) {
    int[] slots = new int[names.size()];
    boolean hasTime = false;
    for (int c = 0; c < slots.length; c++) {
      slots[c] = -1;
      String name = names.get(c).toLowerCase(Locale.ROOT);
      for (int slot = 0; slot < mapping.slots(); slot++) {
        if (mapping.source(slot).toLowerCase(Locale.ROOT).equals(name)) {
          slots[c] = slot;
          hasTime |= mapping.source(slot).equals(mapping.timestampSource());
        }
      }
    }
    return hasTime ? slots : null;
  }

  static int stripCr(String line) {
    int end = line.length();
    return end > 0 && line.charAt(end - 1) == '\r' ? end - 1 : end;
  }

  @Override
  public String toString() {
    return name() + " (CSV)";
  }

  /** The per-file parser: the header's column layout applied to each row. */
  private static final class RowParser implements LineParser {
    private final FieldMapping mapping;
    private final int[] columnSlots;

    RowParser(FieldMapping mapping, int[] columnSlots) {
      this.mapping = mapping;
      this.columnSlots = columnSlots;
    }

    @Override
    public String parse(String line, Event event) {
      int end = stripCr(line);
      if (end == 0) {
        return "empty line";
      }
      String[] values = new String[mapping.slots()];
      int n = scan(line, end, false, values);
      if (n != columnSlots.length) {
        // Apache-style exports escape quotes with a backslash; read so if RFC 4180 does not fit.
        String[] retry = new String[mapping.slots()];
        int m = scan(line, end, true, retry);
        if (m == columnSlots.length) {
          n = m;
          values = retry;
        }
      }
      if (n < 0) {
        return "unterminated quote at column " + (-n);
      }
      if (n < columnSlots.length) {
        return "expected " + columnSlots.length + " columns, found " + n;
      }
      return mapping.apply(values, event);
    }

    private int scan(String line, int end, boolean backslashEscapes, String[] values) {
      return CsvScanner.scan(
          line,
          end,
          backslashEscapes,
          (i, s, from, to, doubled) -> {
            if (i < columnSlots.length && columnSlots[i] >= 0) {
              values[columnSlots[i]] = CsvScanner.unquote(s, from, to, doubled);
            }
          });
    }
  }
}
