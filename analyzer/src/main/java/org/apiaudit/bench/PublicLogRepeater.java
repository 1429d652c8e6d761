package org.apiaudit.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Makes a large real-world input out of a small public access log (Common or Combined Log
 * Format, such as the attributed {@code apache_logs} fixture): the file is written again and
 * again, each copy's times shifted past the previous copy's last time, until the wanted number of
 * lines is reached. The traffic's own mix of addresses, paths and agents is kept, only more of it.
 *
 * <p>Lines inside one copy keep the file's order (a real log is not always sorted); every time
 * of a copy lies after every time of the copy before.
 */
final class PublicLogRepeater {
  private static final DateTimeFormatter CLF_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);

  /** One line split around its bracketed time. */
  private record Line(String before, OffsetDateTime time, String after) {}

  private final List<Line> lines;
  private final long spanSeconds;

  private PublicLogRepeater(List<Line> lines, long spanSeconds) {
    this.lines = lines;
    this.spanSeconds = spanSeconds;
  }

  /** Reads {@code source}; every line must carry a {@code [dd/MMM/yyyy:HH:mm:ss Z]} time. */
  static PublicLogRepeater of(Path source) throws IOException {
    List<Line> lines = new ArrayList<>();
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    long lineNo = 0;
    for (String text : Files.readAllLines(source, StandardCharsets.ISO_8859_1)) {
      lineNo++;
      int open = text.indexOf('[');
      int close = open < 0 ? -1 : text.indexOf(']', open);
      OffsetDateTime time = null;
      if (close > open) {
        try {
          time = OffsetDateTime.parse(text.substring(open + 1, close), CLF_TIME);
        } catch (DateTimeParseException e) {
          time = null;
        }
      }
      if (time == null) {
        throw new IOException(source + ":" + lineNo + ": no [dd/MMM/yyyy:HH:mm:ss Z] time to shift");
      }
      lines.add(new Line(text.substring(0, open + 1), time, text.substring(close)));
      min = Math.min(min, time.toEpochSecond());
      max = Math.max(max, time.toEpochSecond());
    }
    if (lines.isEmpty()) {
      throw new IOException(source + ": empty, nothing to repeat");
    }
    return new PublicLogRepeater(List.copyOf(lines), max - min + 1);
  }

  /** Lines in one copy. */
  int linesPerCopy() {
    return lines.size();
  }

  /** How far each copy's times lie after the previous copy's: the file's time span plus one second. */
  long spanSeconds() {
    return spanSeconds;
  }

  /** Writes whole copies to {@code target} until at least {@code minLines} lines; returns the lines written. */
  long write(Path target, long minLines) throws IOException {
    long copies = Math.max(1, (minLines + lines.size() - 1) / lines.size());
    try (BufferedWriter out = Files.newBufferedWriter(target, StandardCharsets.ISO_8859_1)) {
      for (long c = 0; c < copies; c++) {
        long shift = c * spanSeconds;
        for (Line l : lines) {
          out.write(l.before());
          out.write(CLF_TIME.format(l.time().plusSeconds(shift)));
          out.write(l.after());
          out.write('\n');
        }
      }
    }
    return copies * lines.size();
  }
}
