package org.apiaudit.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.apiaudit.detect.DetectionService;
import org.apiaudit.detect.scan.TimeWindow;
import org.apiaudit.index.IndexCodec;
import org.apiaudit.ingest.EndpointTable;
import org.apiaudit.ingest.EventNormalizer;
import org.apiaudit.ingest.IngestConfig;
import org.apiaudit.ingest.LineReader;
import org.apiaudit.ingest.ProgressListener;
import org.apiaudit.ingest.format.FormatChoice;
import org.apiaudit.investigate.CaseInvestigation;
import org.apiaudit.report.Classification;
import org.apiaudit.rules.RuleLoader;
import org.apiaudit.rules.RuleSet;
import org.apiaudit.simulate.SimulationConfig;
import org.apiaudit.simulate.SimulationResult;
import org.apiaudit.simulate.TrafficSimulator;

/**
 * The benchmark suite: for each traffic shape, prepares a gateway-format (or public) input and
 * measures ingest (plain and gzip), detection, search and investigate — each next to what a
 * responder would use instead, on the same input in the same run — then prints one table per
 * shape and saves them together as JSON, keyed by shape.
 */
public final class Benchmark {
  /**
   * Settings of one benchmark run.
   *
   * @param input a file to measure instead of generated shapes (reported as shape "input"), or null
   * @param shapes the shapes to generate and measure, in order
   * @param events lines (about, for the simulator) of each generated shape
   * @param rates how often the high-cardinality shape's values are unique
   * @param publicLog the Combined Log Format file the public shape repeats
   * @param cluster an OpenSearch cluster to measure next to the embedded engine, or null
   */
  public record Settings(Path input, List<TrafficShape> shapes, long events, HighCardinalityLog.Rates rates,
      Path publicLog, Path work, int threads, int bareDocs, boolean baselines, Path rules, Path jsonDir,
      ClusterBenchmark.Target cluster) {}

  /** The heap issue 21 allows ingest on national-scale traffic, in MB. */
  static final int HEAP_CAP_MB = 1000;

  /** Seed of the high-cardinality shape, so every run measures the same lines. */
  static final long HIGH_CARDINALITY_SEED = 21;

  private Benchmark() {}

  /** Runs the suite on every shape; progress lines go to {@code log}, the tables to {@code out}. */
  public static Map<String, List<BenchFigure>> run(Settings s, PrintWriter out, Consumer<String> log) throws Exception {
    Files.createDirectories(s.work());
    Map<String, List<BenchFigure>> byShape = new LinkedHashMap<>();
    Map<String, Object> shapesJson = new LinkedHashMap<>();
    if (s.input() != null) {
      measureShape(s, "input", null, s.input(), out, log, byShape, shapesJson);
    } else {
      for (TrafficShape shape : s.shapes()) {
        measureShape(s, shape.cliName(), shape, prepare(s, shape, log), out, log, byShape, shapesJson);
      }
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("threads", s.threads());
    doc.put("cores", Runtime.getRuntime().availableProcessors());
    doc.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
    doc.put("processPeakRssBytes", Measurements.peakRssBytes());
    doc.put("shapes", shapesJson);
    Path saved = BenchReport.save(doc, s.jsonDir());
    log.accept("saved " + saved);
    return byShape;
  }

  private static void measureShape(Settings s, String name, TrafficShape shape, Path input, PrintWriter out,
      Consumer<String> log, Map<String, List<BenchFigure>> byShape, Map<String, Object> shapesJson) throws Exception {
    log.accept("shape " + name + ": " + input);
    Measured m = measure(s, shape, input, log);
    out.println();
    out.printf(java.util.Locale.ROOT, "shape %s: %s (%,d lines, %,d bytes)%n", name, input, m.lines(), m.rawBytes());
    BenchReport.print(m.figures(), out);
    byShape.put(name, m.figures());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("input", input.toString());
    json.put("inputBytes", m.rawBytes());
    json.put("lines", m.lines());
    json.put("figures", m.figures());
    if (s.cluster() != null) {
      ClusterBenchmark.Result cluster = ClusterBenchmark.measure(s.cluster(), name, input, s.work(), s.threads(),
          m.embedded(), log);
      out.println();
      out.printf(java.util.Locale.ROOT, "shape %s on OpenSearch %s (baseline: the embedded engine above)%n", name,
          s.cluster().connection());
      BenchReport.print(cluster.figures(), out);
      json.put("opensearch", cluster.json());
    }
    shapesJson.put(name, json);
  }

  /** The figures of one shape, with the input's size and what a cluster's figures are set against. */
  private record Measured(List<BenchFigure> figures, long lines, long rawBytes, ClusterBenchmark.Embedded embedded) {}

  /** Writes (or reuses) the input of a generated shape under the work folder. */
  static Path prepare(Settings s, TrafficShape shape, Consumer<String> log) throws IOException {
    switch (shape) {
      case SIM:
        return generate(s, log);
      case HIGH_CARDINALITY: {
        HighCardinalityLog.Rates r = s.rates();
        Path file = s.work().resolve(String.format(java.util.Locale.ROOT, "high-cardinality-%d-%s-%s-%s-%s.log",
            s.events(), r.ip(), r.principal(), r.subject(), r.requestId()));
        if (!Files.exists(file)) {
          log.accept("generating " + s.events() + " high-cardinality gateway lines into " + file);
          Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
          new HighCardinalityLog(r, HIGH_CARDINALITY_SEED).write(tmp, s.events());
          Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
      }
      case PUBLIC: {
        Path file = s.work().resolve("public-" + s.events() + "-" + s.publicLog().getFileName() + ".log");
        if (!Files.exists(file)) {
          log.accept("repeating " + s.publicLog() + " with shifted times to " + s.events() + "+ lines into " + file);
          Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
          PublicLogRepeater.of(s.publicLog()).write(tmp, s.events());
          Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
      }
      default:
        throw new AssertionError(shape);
    }
  }

  /** Ingest rate the issues ask of a shape, or null where none was set. */
  private static String ingestTarget(TrafficShape shape) {
    if (shape == TrafficShape.SIM) {
      return ">= 100000";
    }
    return shape == TrafficShape.HIGH_CARDINALITY ? ">= 70000" : null;
  }

  private static Measured measure(Settings s, TrafficShape shape, Path input, Consumer<String> log) throws Exception {
    long rawBytes = Files.size(input);
    List<BenchFigure> figures = new ArrayList<>();

    String threads = Integer.toString(s.threads());
    log.accept("ingest: end to end over " + input + " (" + rawBytes / 1_000_000 + " MB), in a fresh JVM");
    FreshJvm.Step ingest = FreshJvm.run(s.work(), "ingest", input.toString(), s.work().toString(), threads);
    Path index = Path.of(ingest.index());
    log.accept(String.format(java.util.Locale.ROOT, "ingest: %d lines in %.1f s = %.0f lines/s (%.1f s compiling)",
        ingest.count(), ingest.seconds(), ingest.perSecond(), ingest.jitSeconds()));
    long sameLines = Math.min(s.bareDocs(), ingest.count());
    FreshJvm.Step ingestSame = ingest;
    if (sameLines < ingest.count()) {
      log.accept("ingest: end to end over the first " + sameLines + " lines, in a fresh JVM");
      ingestSame = FreshJvm.run(s.work(), "ingest", firstLines(input, sameLines, s.work()).toString(),
          s.work().toString(), threads);
    }
    log.accept("ingest: bare Lucene loop over the first " + sameLines + " lines' documents, in a fresh JVM");
    FreshJvm.Step bare = FreshJvm.run(s.work(), "bare", input.toString(), s.work().toString(), threads,
        Long.toString(sameLines));
    log.accept("ingest: plain 12-field Lucene loop over the same documents, in a fresh JVM");
    FreshJvm.Step plain = FreshJvm.run(s.work(), "plain", input.toString(), s.work().toString(), threads,
        Long.toString(sameLines));
    double goLinesPerSec = Double.NaN;
    String goNote = s.baselines() ? GoAccessBaseline.unavailableReason() : "baselines skipped (--no-baselines)";
    if (goNote == null) {
      log.accept("ingest: GoAccess over the same file");
      goLinesPerSec = ingest.count() / GoAccessBaseline.seconds(input, s.work());
    }
    figures.add(new BenchFigure("ingest plain", "lines/s", ingest.perSecond(), "GoAccess", goLinesPerSec,
        ingestTarget(shape), goNote));
    figures.add(new BenchFigure("ingest JIT compile", "s", ingest.jitSeconds(), null, Double.NaN, null,
        String.format(java.util.Locale.ROOT, "compiler time in the ingest's fresh JVM; the process used %.1f s of CPU",
            ingest.cpuSeconds()), true));
    double lnavLinesPerSec = Double.NaN;
    String lnavNote = !s.baselines() ? "baselines skipped (--no-baselines)"
        : ShellBaselines.onPath("lnav") ? null : "lnav not installed (Debian package 'lnav')";
    if (lnavNote == null) {
      log.accept("ingest: lnav headless load of the same file");
      lnavLinesPerSec = ingest.count() / ShellBaselines.lnavSeconds(input, s.work());
    }
    figures.add(new BenchFigure("ingest plain vs lnav load", "lines/s", ingest.perSecond(), "lnav -n", lnavLinesPerSec,
        null, lnavNote));
    figures.add(new BenchFigure("ingest vs bare Lucene loop", "docs/s", ingestSame.perSecond(), "bare Lucene loop",
        bare.perSecond(), ">= 0.85x", String.format(java.util.Locale.ROOT,
            "first %d lines, the loop's already parsed; each in a fresh JVM (compiling: ingest %.1f s, loop %.1f s)",
            sameLines, ingestSame.jitSeconds(), bare.jitSeconds())));
    figures.add(new BenchFigure("plain 12-field Lucene loop", "docs/s", plain.perSecond(), "GoAccess", goLinesPerSec,
        null, "what Lucene allows for any schema keeping the line"));
    figures.add(new BenchFigure("ingest plain", "MB/s", ingest.bytes() / 1e6 / ingest.seconds(), null, Double.NaN,
        null, null));

    Path gz = gzip(input, s.work(), log);
    log.accept("ingest: end to end over " + gz + ", in a fresh JVM");
    FreshJvm.Step ingestGz = FreshJvm.run(s.work(), "ingest", gz.toString(), s.work().toString(), threads);
    figures.add(new BenchFigure("ingest gzip", "lines/s", ingestGz.perSecond(), null, Double.NaN, null,
        String.format(java.util.Locale.ROOT, "%.1f MB/s compressed", ingestGz.bytes() / 1e6 / ingestGz.seconds())));
    figures.add(heapFigure(s, shape, input, ingest, log));
    figures.add(new BenchFigure("index size / raw size", "ratio", (double) ingest.indexBytes() / rawBytes, null,
        Double.NaN, "<= 0.60", ingest.indexBytes() / 1_000_000 + " MB index for " + rawBytes / 1_000_000 + " MB raw",
        true));
    figures.addAll(bestSpeedFigures(s, input, rawBytes, ingest, log));

    RuleSet rules = new RuleLoader().load(s.rules());
    log.accept("detect: full rule pack (" + s.rules() + ") over " + ingest.count() + " events");
    Measurements.resetPeakHeap();
    long t0 = System.nanoTime();
    new DetectionService().detect(new DetectionService.Request(index, rules,
        new TimeWindow(Long.MIN_VALUE, Long.MAX_VALUE), null, null));
    double detectSecs = (System.nanoTime() - t0) / 1e9;
    long detectHeap = Measurements.peakHeapBytes();
    double awkSecs = Double.NaN;
    String awkNote = !s.baselines() ? "baselines skipped (--no-baselines)"
        : shape == TrafficShape.PUBLIC ? "no subject column in a public access log" : null;
    if (awkNote == null) {
      log.accept("detect: awk | sort | uniq -c distinct subjects per IP over the same file");
      awkSecs = ShellBaselines.awkDistinctSubjectsSeconds(input, s.work());
    }
    figures.add(new BenchFigure("detect (full rule pack)", "s", detectSecs, null, Double.NaN, "<= 20 s at 10M", null,
        true));
    log.accept("search: distinct subjects per IP (search --top ip --distinct subject)");
    SearchBenchmark.FanOut fanOut = SearchBenchmark.fanOut(index);
    String fanOutNote = "top " + fanOut.topIp() + " with " + fanOut.topDistinct()
        + (awkNote != null ? "; " + awkNote : ShellBaselines.awkTopMatches(s.work(), fanOut.topIp(), fanOut.topDistinct())
            ? ", as awk's" : ", awk's top differs");
    figures.add(new BenchFigure("distinct subjects per IP", "s", fanOut.seconds(), "awk|sort|uniq -c", awkSecs,
        ">= 10x awk", fanOutNote, true));
    figures.add(new BenchFigure("detect peak heap", "MB", detectHeap / 1e6, null, Double.NaN, "bounded", null, true));

    log.accept("search: investigator queries over the index");
    List<SearchBenchmark.NamedQuery> queries;
    try (var searcher = org.apiaudit.search.EventSearcher.open(index)) {
      queries = SearchBenchmark.queries(searcher);
    }
    SearchBenchmark.Result search = SearchBenchmark.run(index, queries);
    figures.add(new BenchFigure("search p50", "ms", search.p50(), null, Double.NaN, "<= 50", null, true));
    figures.add(new BenchFigure("search p95", "ms", search.p95(), null, Double.NaN, "<= 200", null, true));
    for (SearchBenchmark.NamedQuery q : queries) {
      double grepMs = Double.NaN;
      if (s.baselines() && q.grepNeedle() != null) {
        grepMs = ShellBaselines.grepSeconds(input, q.grepNeedle(), s.work()) * 1000;
      }
      figures.add(new BenchFigure("search: " + q.name(), "ms", search.medianPerQuery().get(q.name()),
          q.grepNeedle() == null ? null : "grep -c", grepMs, q.grepNeedle() == null ? null : ">= 100x grep",
          q.query(), true));
    }
    figures.add(new BenchFigure("top values over all hits", "ms", search.topValuesMillis(), null, Double.NaN,
        shape == TrafficShape.HIGH_CARDINALITY ? "<= 300" : "<= 1000", search.topHits() + " hits", true));
    log.accept("serve: the Discover view (hits + histogram + sidebar) through the HTTP API");
    ServeBenchmark.Result view = ServeBenchmark.run(index, queries);
    figures.add(new BenchFigure("serve view p95", "ms", view.p95(), null, Double.NaN, "<= 300",
        "query + histogram + field sidebar over HTTP, " + view.views() + " views; p50 " + Math.round(view.p50()) + " ms",
        true));

    log.accept("investigate: end to end on the same input");
    Path caseOut = s.work().resolve("investigate-" + System.nanoTime());
    t0 = System.nanoTime();
    CaseInvestigation.run(new CaseInvestigation.Request(List.of(input.toString()), caseOut, s.rules(),
        new TimeWindow(Long.MIN_VALUE, Long.MAX_VALUE), null, ingestConfig(s, caseOut), "benchmark",
        Classification.DEFAULT, true, "analyzer bench", null, 0, org.apiaudit.rules.LoadPolicy.STRICT),
        ProgressListener.NONE, m -> {});
    figures.add(new BenchFigure("investigate end to end", "s", (System.nanoTime() - t0) / 1e9, null, Double.NaN, null,
        "ingest + detect + report", true));
    figures.add(new BenchFigure("process peak RSS", "MB", Measurements.peakRssBytes() / 1e6, null, Double.NaN, null,
        "whole run up to this shape", true));

    return new Measured(figures, ingest.count(), rawBytes,
        new ClusterBenchmark.Embedded(ingest.perSecond(), search, queries));
  }

  private static IngestConfig ingestConfig(Settings s, Path caseOut) {
    return new IngestConfig(FormatChoice.of(null, null, null, ZoneOffset.UTC), EndpointTable.defaults(),
        EventNormalizer.DEFAULT_IDENTIFIER_PARAMS, s.threads(), LineReader.DEFAULT_MAX_LINE_BYTES,
        caseOut.resolve("rejects.tsv"));
  }

  /**
   * Whether ingest fits the heap the issues allow: the same ingest again in a fresh JVM capped at
   * {@value #HEAP_CAP_MB} MB, reporting the most heap in use after a collection. At the default
   * maximum heap G1 collects the old generation rarely, so neither the pools' peaks nor the use
   * after young collections tell what ingest needs; a capped heap must hold only what is live.
   */
  private static BenchFigure heapFigure(Settings s, TrafficShape shape, Path input, FreshJvm.Step uncapped,
      Consumer<String> log) throws IOException {
    String target = shape == TrafficShape.HIGH_CARDINALITY ? "<= " + HEAP_CAP_MB : "bounded";
    log.accept("ingest: end to end in a fresh JVM capped at -Xmx" + HEAP_CAP_MB + "m");
    try {
      FreshJvm.Step capped = FreshJvm.run(s.work(), List.of("-Xmx" + HEAP_CAP_MB + "m"), "ingest", input.toString(),
          s.work().toString(), Integer.toString(s.threads()));
      return new BenchFigure("ingest live heap in -Xmx" + HEAP_CAP_MB + "m", "MB", capped.liveHeap() / 1e6, null,
          Double.NaN, target, String.format(java.util.Locale.ROOT,
              "most heap in use after a collection; %.0f lines/s capped; pools' peaks %.0f MB uncapped",
              capped.perSecond(), uncapped.peakHeap() / 1e6), true);
    } catch (IOException e) {
      log.accept("ingest: did not run in -Xmx" + HEAP_CAP_MB + "m: " + e.getMessage());
      return new BenchFigure("ingest live heap in -Xmx" + HEAP_CAP_MB + "m", "MB", Double.NaN, null, Double.NaN,
          target, "did not complete in -Xmx" + HEAP_CAP_MB + "m (see the log)", true);
    }
  }

  /**
   * Ingest with {@code --codec best_speed} (LZ4), in a fresh JVM: its rate and index size
   * against the default codec's, the trade a user in a hurry makes.
   */
  private static List<BenchFigure> bestSpeedFigures(Settings s, Path input, long rawBytes, FreshJvm.Step ingest,
      Consumer<String> log) throws IOException {
    String codec = IndexCodec.BEST_SPEED.label();
    String baseline = IndexCodec.NEW_INDEX.label() + " (default)";
    log.accept("ingest: end to end with --codec " + codec + ", in a fresh JVM");
    FreshJvm.Step fast = FreshJvm.run(s.work(), "ingest", input.toString(), s.work().toString(),
        Integer.toString(s.threads()), codec);
    return List.of(
        new BenchFigure("ingest plain, --codec " + codec, "lines/s", fast.perSecond(), baseline, ingest.perSecond(),
            null, String.format(java.util.Locale.ROOT, "%.1f s of CPU against %.1f s", fast.cpuSeconds(),
                ingest.cpuSeconds())),
        new BenchFigure("index size / raw size, --codec " + codec, "ratio", (double) fast.indexBytes() / rawBytes,
            baseline, (double) ingest.indexBytes() / rawBytes, null,
            fast.indexBytes() / 1_000_000 + " MB index for " + rawBytes / 1_000_000 + " MB raw", true));
  }

  /** The first {@code n} lines of {@code input}, copied once under {@code work}. */
  static Path firstLines(Path input, long n, Path work) throws IOException {
    Path file = work.resolve(input.getFileName() + ".first-" + n);
    if (Files.exists(file) && Files.getLastModifiedTime(file).compareTo(Files.getLastModifiedTime(input)) > 0) {
      return file;
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(input), 1 << 16);
        OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
      long lines = 0;
      for (int b = in.read(); b >= 0 && lines < n; b = in.read()) {
        out.write(b);
        lines += b == '\n' ? 1 : 0;
      }
    }
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return file;
  }

  private static Path gzip(Path input, Path work, Consumer<String> log) throws IOException {
    Path gz = work.resolve(input.getFileName() + ".gz");
    if (Files.exists(gz) && Files.getLastModifiedTime(gz).compareTo(Files.getLastModifiedTime(input)) > 0) {
      return gz;
    }
    log.accept("gzipping the input to " + gz);
    // written aside and moved into place, as the generated inputs are: a run stopped while
    // gzipping left a truncated file that later runs reused, timing 0 lines
    Path tmp = gz.resolveSibling(gz.getFileName() + ".tmp");
    try (InputStream in = Files.newInputStream(input);
        OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
      in.transferTo(out);
    }
    Files.move(tmp, gz, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return gz;
  }

  private static Path generate(Settings s, Consumer<String> log) throws IOException {
    Path single = s.work().resolve("gateway-" + s.events() + ".log");
    if (Files.exists(single)) {
      log.accept("reusing " + single);
      return single;
    }
    Path dir = s.work().resolve("input-" + s.events());
    log.accept("generating about " + s.events() + " gateway events with the simulator into " + dir);
    SimulationResult r = new TrafficSimulator(SimulationConfig.builder().outputDirectory(dir).targetEvents(s.events())
        .days(7).build()).run();
    try (OutputStream out = Files.newOutputStream(single)) {
      for (Path p : r.files()) {
        if (p.getFileName().toString().endsWith(".log")) {
          Files.copy(p, out);
        }
      }
    }
    for (Path p : r.files()) {
      Files.deleteIfExists(p);
    }
    log.accept(String.format(java.util.Locale.ROOT, "generated %d events, %.0f MB in %.1f s", r.events(),
        r.megabytes(), r.seconds()));
    return single;
  }
}
