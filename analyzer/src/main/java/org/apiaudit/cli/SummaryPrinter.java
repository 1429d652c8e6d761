package org.apiaudit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apiaudit.output.Escaping;
import org.apiaudit.ingest.FileResult;
import org.apiaudit.ingest.IngestSummary;
import org.apiaudit.ingest.Reject;

/** Prints an ingest summary: one paragraph for people, or one JSON object for machines. */
final class SummaryPrinter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SummaryPrinter() {}

  /** The summary on {@code out}; what could not be read on {@code err}, where scripts look for errors. */
  static void print(IngestSummary s, PrintWriter out, PrintWriter err) {
    double secs = Math.max(0.001, s.elapsedMillis() / 1000.0);
    out.printf("Ingested %d file(s) (%d skipped as already ingested, %d not logs, %d failed): %,d lines, %,d events,"
            + " %,d rejected, %.1f MB in %.1f s (%,.0f lines/s, %.1f MB/s).%n",
        s.count(FileResult.Outcome.INGESTED), s.count(FileResult.Outcome.SKIPPED_DUPLICATE),
        s.count(FileResult.Outcome.SKIPPED_NOT_A_LOG), s.count(FileResult.Outcome.FAILED),
        s.linesRead(), s.eventsIndexed(), s.totalRejects(), s.bytesRead() / 1e6, secs, s.linesRead() / secs,
        s.bytesRead() / 1e6 / secs);
    for (FileResult f : s.files()) {
      if (f.message() != null && f.outcome() == FileResult.Outcome.FAILED) {
        err.println("analyzer: " + Escaping.terminal(f.message()));
      } else if (f.message() != null) {
        out.println("  " + Escaping.terminal(f.message()));
      }
    }
    for (FileResult f : s.allRejected()) {
      String line = Escaping.terminal(f.path()) + ": every one of its " + f.file().lines()
          + " line(s) was rejected; it counts as failed";
      err.println("analyzer: " + line);
    }
    err.flush();
    if (s.totalRejects() > 0) {
      out.printf("Rejected lines (first %d of %,d; all in %s):%n", s.rejects().size(), s.totalRejects(),
          s.rejectsFile() == null ? "-" : s.rejectsFile());
      for (Reject r : s.rejects()) {
        out.println("  " + Escaping.terminal(r.toString()));
      }
    }
  }

  static String json(IngestSummary s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("filesIngested", s.count(FileResult.Outcome.INGESTED));
    m.put("filesSkippedDuplicate", s.count(FileResult.Outcome.SKIPPED_DUPLICATE));
    m.put("filesSkippedNotALog", s.count(FileResult.Outcome.SKIPPED_NOT_A_LOG));
    m.put("filesFailed", s.count(FileResult.Outcome.FAILED));
    m.put("lines", s.linesRead());
    m.put("events", s.eventsIndexed());
    m.put("rejected", s.totalRejects());
    m.put("bytes", s.bytesRead());
    m.put("elapsedMillis", s.elapsedMillis());
    m.put("rejectsFile", s.rejectsFile());
    m.put("files", s.files());
    m.put("firstRejects", s.rejects());
    try {
      return JSON.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
