package org.apiaudit.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apiaudit.simulate.SimulationConfig;
import org.apiaudit.simulate.SimulationResult;
import org.apiaudit.simulate.TrafficSimulator;

/**
 * The benchmark suite: generates (or takes) a gateway-format input, measures our figures and,
 * on the same input in the same run, the baselines' — then prints one table and saves JSON.
 */
public final class Benchmark {
  /** Settings of one benchmark run. */
  public record Settings(Path input, long events, Path work, int threads, int bareDocs, boolean goaccess, Path jsonDir) {}

  private Benchmark() {}

  /** Runs the suite; progress lines go to {@code log}, the table to {@code out}. */
  public static List<BenchFigure> run(Settings s, PrintWriter out, Consumer<String> log) throws Exception {
    Files.createDirectories(s.work());
    Path input = s.input() != null ? s.input() : generate(s, log);
    long rawBytes = Files.size(input);
    List<BenchFigure> figures = new ArrayList<>();

    log.accept("ingest: end to end over " + input + " (" + rawBytes / 1_000_000 + " MB)");
    IngestBenchmark.Result ingest = IngestBenchmark.endToEnd(input, s.work(), s.threads());
    log.accept("ingest: bare Lucene loop over the first " + s.bareDocs() + " documents");
    double bare = IngestBenchmark.bareLuceneDocsPerSecond(input, s.work(), s.threads(), s.bareDocs());

    double goLinesPerSec = Double.NaN;
    String goNote = null;
    if (!s.goaccess()) {
      goNote = "skipped (--no-goaccess)";
    } else if ((goNote = GoAccessBaseline.unavailableReason()) == null) {
      log.accept("ingest: GoAccess over the same file");
      goLinesPerSec = ingest.lines() / GoAccessBaseline.seconds(input, s.work());
    }
    figures.add(new BenchFigure("ingest lines/s", "lines/s", ingest.linesPerSecond(), "GoAccess", goLinesPerSec,
        ">= 100000, >= 2x GoAccess", goNote));
    figures.add(new BenchFigure("ingest vs bare Lucene", "docs/s", ingest.linesPerSecond(), "bare Lucene loop", bare,
        ">= 0.85x", null));
    figures.add(new BenchFigure("ingest MB/s", "MB/s", ingest.mbPerSecond(), null, Double.NaN, null, null));
    figures.add(new BenchFigure("ingest peak heap", "MB", ingest.peakHeap() / 1e6, null, Double.NaN,
        "bounded", "sum of heap pool peaks"));
    figures.add(new BenchFigure("index size / raw size", "ratio", (double) ingest.indexBytes() / rawBytes, null,
        Double.NaN, "<= 0.60", ingest.indexBytes() / 1_000_000 + " MB index for " + rawBytes / 1_000_000 + " MB raw"));
    figures.add(new BenchFigure("process peak RSS", "MB", Measurements.peakRssBytes() / 1e6, null, Double.NaN, null,
        "whole run"));

    BenchReport.print(figures, out);
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("input", input.toString());
    context.put("inputBytes", rawBytes);
    context.put("lines", ingest.lines());
    context.put("threads", s.threads());
    context.put("cores", Runtime.getRuntime().availableProcessors());
    context.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
    Path saved = BenchReport.save(figures, context, s.jsonDir());
    log.accept("saved " + saved);
    return figures;
  }

  private static Path generate(Settings s, Consumer<String> log) throws IOException {
    Path dir = s.work().resolve("input-" + s.events());
    log.accept("generating about " + s.events() + " gateway events with the simulator into " + dir);
    SimulationResult r = new TrafficSimulator(SimulationConfig.builder().outputDirectory(dir).targetEvents(s.events())
        .days(7).build()).run();
    Path single = s.work().resolve("gateway-" + s.events() + ".log");
    try (var out = Files.newOutputStream(single)) {
      for (Path p : r.files()) {
        if (p.getFileName().toString().endsWith(".log")) {
          Files.copy(p, out);
        }
      }
    }
    log.accept(String.format(java.util.Locale.ROOT, "generated %d events, %.0f MB in %.1f s", r.events(),
        r.megabytes(), r.seconds()));
    return single;
  }
}
