package org.apiaudit.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny benchmark run (a few thousand high-cardinality lines, one thread, no external
 * baselines, each ingest step in a JVM of its own): the JSON it saves holds exactly the figures
 * it returned and printed, for the input it measured.
 */
class BenchmarkTest {
  private static final Path PROJECT = Path.of(System.getProperty("project.root", ".."));
  private static final long EVENTS = 3000;

  @TempDir Path dir;

  @Test
  void savedJsonHoldsTheFiguresItPrints() throws Exception {
    Path json = dir.resolve("json");
    StringWriter table = new StringWriter();
    List<String> log = new ArrayList<>();
    Map<String, List<BenchFigure>> byShape = Benchmark.run(new Benchmark.Settings(null,
        List.of(TrafficShape.HIGH_CARDINALITY), EVENTS, new HighCardinalityLog.Rates(0.5, 0.5, 0.5, 1), null,
        dir.resolve("work"), 1, 500, false, PROJECT.resolve("rules/gateway"), json, null), new PrintWriter(table), log::add);

    assertEquals(List.of("high-cardinality"), List.copyOf(byShape.keySet()));
    List<Path> saved;
    try (Stream<Path> files = Files.list(json)) {
      saved = files.toList();
    }
    assertEquals(1, saved.size(), "one JSON file per run: " + saved);
    assertTrue(log.contains("saved " + saved.get(0)), "the log names the file: " + log);
    JsonNode doc = new ObjectMapper().readTree(saved.get(0).toFile());
    assertEquals(1, doc.path("threads").asInt());
    assertEquals(Runtime.getRuntime().availableProcessors(), doc.path("cores").asInt());

    JsonNode shape = doc.path("shapes").path("high-cardinality");
    Path input = Path.of(shape.path("input").asText());
    long lines;
    try (Stream<String> l = Files.lines(input)) {
      lines = l.count();
    }
    assertEquals(EVENTS, lines, "the generated input");
    assertEquals(lines, shape.path("lines").asLong(), "lines measured are the input's");
    assertEquals(Files.size(input), shape.path("inputBytes").asLong());

    List<BenchFigure> figures = byShape.get("high-cardinality");
    JsonNode saveFigures = shape.path("figures");
    assertEquals(figures.size(), saveFigures.size());
    for (int i = 0; i < figures.size(); i++) {
      BenchFigure f = figures.get(i);
      JsonNode j = saveFigures.get(i);
      assertEquals(f.name(), j.path("name").asText());
      assertEquals(f.unit(), j.path("unit").asText(), f.name());
      assertEquals(f.ours(), j.path("ours").asDouble(), f.name());
      assertTrue(Double.isFinite(f.ours()) && f.ours() > 0, f.name() + " measured: " + f.ours());
      assertTrue(table.toString().contains(f.name() + " (" + f.unit() + ")"), "printed: " + f.name());
      if (f.note() != null && f.note().equals("baselines skipped (--no-baselines)")) {
        assertEquals("NaN", j.path("baseline").asText(), f.name() + ": no baseline was run");
      }
    }
    List<String> names = figures.stream().map(BenchFigure::name).toList();
    for (String claimed : List.of("ingest plain", "ingest JIT compile", "ingest gzip", "ingest vs bare Lucene loop", "index size / raw size",
        "detect (full rule pack)", "search p50", "search p95", "serve view p95", "investigate end to end")) {
      assertTrue(names.contains(claimed), "figure " + claimed + " in " + names);
    }
    // the loop holds 500 documents, so ingest is timed again over the same first 500 lines
    assertTrue(log.contains("ingest: end to end over the first 500 lines, in a fresh JVM"), "log: " + log);
    assertEquals(Files.readAllLines(input).subList(0, 500),
        Files.readAllLines(dir.resolve("work").resolve(input.getFileName() + ".first-500")));
    BenchFigure bare = figures.get(names.indexOf("ingest vs bare Lucene loop"));
    assertTrue(bare.baseline() > 0, "the bare Lucene loop ran in the same run: " + bare);
    assertEquals(bare.ours() / bare.baseline(), bare.ratio(), 1e-9);
    // the faster codec is measured beside the default, on the same input, in the same run
    BenchFigure fast = figures.get(names.indexOf("index size / raw size, --codec best_speed"));
    BenchFigure defaultSize = figures.get(names.indexOf("index size / raw size"));
    assertEquals(defaultSize.ours(), fast.baseline(), 1e-12, "its baseline is the default codec's ratio");
    assertTrue(fast.ours() > fast.baseline(), "LZ4 stores the lines in more space than DEFLATE: " + fast);
    BenchFigure fastRate = figures.get(names.indexOf("ingest plain, --codec best_speed"));
    assertEquals(figures.get(names.indexOf("ingest plain")).ours(), fastRate.baseline(), 1e-9);
  }
}
