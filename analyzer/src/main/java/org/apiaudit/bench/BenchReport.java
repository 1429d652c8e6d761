package org.apiaudit.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints benchmark figures as one table and saves them as JSON for comparison over time. */
final class BenchReport {
  private BenchReport() {}

  static void print(List<BenchFigure> figures, PrintWriter out) {
    out.printf(Locale.ROOT, "%-36s %14s %-22s %14s %8s  %-12s %s%n", "figure", "ours", "baseline", "baseline value",
        "ratio", "target", "note");
    for (BenchFigure f : figures) {
      out.printf(Locale.ROOT, "%-36s %14s %-22s %14s %8s  %-12s %s%n", f.name() + " (" + f.unit() + ")", num(f.ours()),
          f.baselineName() == null ? "-" : f.baselineName(), num(f.baseline()),
          Double.isNaN(f.ratio()) ? "-" : String.format(Locale.ROOT, "%.2fx", f.ratio()),
          f.target() == null ? "-" : f.target(), f.note() == null ? "" : f.note());
    }
    out.flush();
  }

  private static String num(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.3f", v);
  }

  /** Saves {@code doc} (the run's context and its figures, keyed by shape) as a new timestamped file. */
  static Path save(Map<String, Object> doc, Path dir) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve("bench-" + java.time.LocalDateTime.now().withNano(0).toString().replace(':', '-') + ".json");
    com.fasterxml.jackson.databind.json.JsonMapper.builder()
        .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.WRITE_NAN_AS_STRINGS)
        .enable(SerializationFeature.INDENT_OUTPUT).build()
        .writeValue(file.toFile(), doc);
    return file;
  }
}
