package org.apiaudit.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the rejects file ingest appends to (tab-separated: file, line, reason, masked
 * excerpt) back into the few rejected lines a report cites per input file. Only file, line and
 * reason are taken: the report never repeats line text.
 */
public final class RejectsFile {
  /** Rejected lines kept per input file. */
  public static final int PER_FILE = 5;

  private RejectsFile() {}

  /** The first {@value #PER_FILE} rejects of each file in {@code tsv}; empty when it does not exist. */
  public static List<RejectedLine> read(Path tsv) {
    List<RejectedLine> out = new ArrayList<>();
    if (!Files.isRegularFile(tsv)) {
      return out;
    }
    Map<String, Integer> perFile = new HashMap<>();
    try (BufferedReader r = Files.newBufferedReader(tsv, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        String[] parts = line.split("\t", 4);
        if (parts.length < 3) {
          continue;
        }
        int seen = perFile.merge(parts[0], 1, Integer::sum);
        if (seen <= PER_FILE) {
          try {
            out.add(new RejectedLine(parts[0], Long.parseLong(parts[1]), parts[2]));
          } catch (NumberFormatException malformed) {
            // a hand-edited rejects file: skip the row, keep the rest
          }
        }
      }
    } catch (IOException e) {
      return out;
    }
    return out;
  }
}
