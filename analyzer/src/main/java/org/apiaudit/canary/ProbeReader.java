package org.apiaudit.canary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apiaudit.UserException;
import org.apiaudit.privacy.IdentifierMasker;
import org.apiaudit.privacy.Pseudonymizer;

/**
 * Reads a probes file and pseudonymises every identifier as soon as it is read.
 *
 * <p>Format: CSV (RFC 4180, UTF-8) with the header {@code identifier,queried_at[,note]} in any
 * column order. {@code identifier} is a clear mobile (10 digits, {@code +91} and separators
 * allowed), Aadhaar (12) or beneficiary reference id (14); {@code queried_at} is ISO-8601 with
 * an offset ({@code 2023-06-07T22:41:07+05:30} or {@code ...Z}); {@code note} is free text whose
 * identifier-shaped digits are pseudonymised too. Empty lines and lines starting with
 * {@code #} are skipped.
 *
 * <p>Each line is parsed on its own (a quoted field cannot span lines), so that every problem
 * names its exact {@code file:line}. A bad row is reported and skipped, and the rest are
 * processed; no message ever repeats an identifier (or a header cell, which might be one).
 */
public final class ProbeReader {
  /** The columns, as written in the header. */
  public static final String IDENTIFIER = "identifier";
  public static final String QUERIED_AT = "queried_at";
  public static final String NOTE = "note";

  private static final CSVFormat LINE = CSVFormat.RFC4180.builder().setTrim(true).get();

  private final Pseudonymizer pseudonymizer;
  private final IdentifierMasker masker;

  public ProbeReader(Pseudonymizer pseudonymizer) {
    this.pseudonymizer = pseudonymizer;
    this.masker = new IdentifierMasker(pseudonymizer);
  }

  /**
   * Reads {@code file}.
   *
   * @throws UserException when the file cannot be read, has no valid header or holds no row
   */
  public ProbeSet read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      throw new UserException("probes file " + file + " is not UTF-8 text");
    } catch (IOException e) {
      throw new UserException("cannot read probes file " + file + ": " + e.getMessage(), 2, e);
    }
    return read(file.toString(), lines);
  }

  /** Reads probes from lines already in memory; {@code name} is used in messages. */
  public ProbeSet read(String name, List<String> lines) {
    int[] columns = null;
    List<Probe> probes = new ArrayList<>();
    List<ProbeProblem> problems = new ArrayList<>();
    int rows = 0;
    for (int i = 0; i < lines.size(); i++) {
      long lineNo = i + 1;
      String text = i == 0 && lines.get(0).startsWith("\uFEFF") ? lines.get(0).substring(1) : lines.get(i);
      if (text.isBlank() || text.stripLeading().startsWith("#")) {
        continue;
      }
      List<String> cells = cells(text);
      if (columns == null) {
        columns = header(name, lineNo, cells);
        continue;
      }
      rows++;
      if (cells == null) {
        problems.add(new ProbeProblem(name, lineNo, "not valid CSV (unbalanced quotes or a stray character)"));
        continue;
      }
      String problem = parseRow(cells, columns, lineNo, probes);
      if (problem != null) {
        problems.add(new ProbeProblem(name, lineNo, problem));
      }
    }
    if (columns == null) {
      throw new UserException("probes file " + name + " is empty; it needs the header "
          + IDENTIFIER + "," + QUERIED_AT + "[," + NOTE + "] and one row per probe");
    }
    if (rows == 0) {
      throw new UserException("probes file " + name + " has a header but no probe rows");
    }
    return new ProbeSet(name, probes, problems);
  }

  /** Column positions of identifier, queried_at and note (-1 when absent). */
  private static int[] header(String name, long lineNo, List<String> cells) {
    int[] columns = {-1, -1, -1};
    if (cells != null) {
      for (int c = 0; c < cells.size(); c++) {
        String h = cells.get(c).toLowerCase(Locale.ROOT);
        int slot = switch (h) {
          case IDENTIFIER -> 0;
          case QUERIED_AT -> 1;
          case NOTE -> 2;
          default -> -2;
        };
        if (slot == -2 || columns[slot] >= 0) {
          // The cell is not echoed: a file without a header starts with an identifier.
          throw new UserException(name + ":" + lineNo + ": column " + (c + 1) + " of the header is "
              + (slot == -2 ? "not one of" : "a repeat of one of") + " " + IDENTIFIER + ", " + QUERIED_AT + ", " + NOTE
              + "; the first line must be the header " + IDENTIFIER + "," + QUERIED_AT + "[," + NOTE + "]");
        }
        columns[slot] = c;
      }
    }
    if (columns[0] < 0 || columns[1] < 0) {
      throw new UserException(name + ":" + lineNo + ": the header must name the columns " + IDENTIFIER + " and "
          + QUERIED_AT + " (and optionally " + NOTE + ")");
    }
    return columns;
  }

  /** Adds the probe of a row to {@code probes}, or returns what is wrong with it. */
  private String parseRow(List<String> cells, int[] columns, long lineNo, List<Probe> probes) {
    int width = Math.max(columns[0], Math.max(columns[1], columns[2])) + 1;
    if (cells.size() > width || cells.size() < Math.max(columns[0], columns[1]) + 1) {
      return "expected " + width + " columns as in the header; got " + cells.size();
    }
    String identifier = cells.get(columns[0]);
    if (identifier.isEmpty()) {
      return IDENTIFIER + " is empty";
    }
    String kind = Pseudonymizer.kindOf(identifier);
    if (!kind.equals("mobile") && !kind.equals("aadhaar") && !kind.equals("reference")) {
      return IDENTIFIER + " is not a 10-digit mobile, 12-digit Aadhaar or 14-digit reference id"
          + " (value not shown)";
    }
    String time = cells.get(columns[1]);
    long queriedAt;
    try {
      queriedAt = OffsetDateTime.parse(time).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      return QUERIED_AT + " must be ISO-8601 with an offset, e.g. 2023-06-07T22:41:07+05:30; got: "
          + masker.mask(time, identifier, null);
    }
    String note = columns[2] >= 0 && columns[2] < cells.size() ? cells.get(columns[2]) : "";
    probes.add(new Probe(lineNo, pseudonymizer.pseudonym(identifier), kind, queriedAt,
        note.isEmpty() ? null : masker.mask(note, identifier, null)));
    return null;
  }

  /** The cells of one CSV line, or null when it is not valid CSV. */
  private static List<String> cells(String line) {
    try (CSVParser parser = CSVParser.parse(line, LINE)) {
      List<CSVRecord> records = parser.getRecords();
      if (records.size() != 1) {
        return null;
      }
      return records.get(0).toList();
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      return null;
    }
  }
}
