package org.apiaudit.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apiaudit.engine.opensearch.OpenSearchConnection;
import org.apiaudit.engine.opensearch.OpenSearchEventStore;
import org.apiaudit.engine.opensearch.OpenSearchLayout;
import org.apiaudit.engine.opensearch.OpenSearchSearcher;
import org.apiaudit.ingest.EndpointTable;
import org.apiaudit.ingest.EventNormalizer;
import org.apiaudit.ingest.IngestConfig;
import org.apiaudit.ingest.IngestSummary;
import org.apiaudit.ingest.Ingestor;
import org.apiaudit.ingest.LineReader;
import org.apiaudit.ingest.ProgressListener;
import org.apiaudit.ingest.format.FormatChoice;
import org.apiaudit.search.EventSearcher;

/**
 * {@code bench --engine opensearch}: the same input ingested through the cluster and the same
 * investigator queries run on it, each figure next to the embedded engine's from the same run
 * (so the machine's drift cancels out).
 *
 * <p>It measures in a scratch layout of its own ({@code <prefix>-bench-<shape>}: no replica,
 * dropped before and after), never in a case's indices.
 */
public final class ClusterBenchmark {
  /**
   * The cluster to measure.
   *
   * @param connection its address and credentials
   * @param prefix the index prefix under which the scratch layouts are made
   */
  public record Target(OpenSearchConnection connection, String prefix) {}

  /** What the embedded engine measured on the same input in this run. */
  record Embedded(double linesPerSecond, SearchBenchmark.Result search, List<SearchBenchmark.NamedQuery> queries) {}

  /** The cluster's figures and where they were taken. */
  record Result(List<BenchFigure> figures, Map<String, Object> json) {}

  private ClusterBenchmark() {}

  static Result measure(Target target, String shape, Path input, Path work, int threads, Embedded embedded,
      Consumer<String> log) throws IOException {
    OpenSearchLayout layout = new OpenSearchLayout(target.prefix() + "-bench-" + shape.toLowerCase(Locale.ROOT));
    OpenSearchEventStore.drop(target.connection(), layout);
    try {
      log.accept("opensearch: ingest " + input + " into " + target.connection() + " (" + layout.alias() + ")");
      IngestConfig config = new IngestConfig(FormatChoice.of(null, null, null, ZoneOffset.UTC), EndpointTable.defaults(),
          EventNormalizer.DEFAULT_IDENTIFIER_PARAMS, threads, LineReader.DEFAULT_MAX_LINE_BYTES,
          work.resolve("rejects-opensearch.tsv"));
      long start = System.nanoTime();
      IngestSummary ingest;
      try (OpenSearchEventStore store = OpenSearchEventStore.open(target.connection(), layout, 0, null)) {
        ingest = Ingestor.run(store, work.resolve("bench.key"), List.of(input.toString()), config,
            ProgressListener.NONE, m -> { });
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      log.accept(String.format(Locale.ROOT, "opensearch: %d events in %.1f s = %.0f events/s", ingest.eventsIndexed(),
          seconds, ingest.eventsIndexed() / seconds));

      List<BenchFigure> figures = new ArrayList<>();
      figures.add(new BenchFigure("ingest plain", "lines/s", ingest.linesRead() / seconds, "embedded Lucene",
          embedded.linesPerSecond(), null, String.format(Locale.ROOT, "%,.0f events/s; %d bulks in flight, no replica",
              ingest.eventsIndexed() / seconds, threads)));
      try (OpenSearchSearcher cluster = OpenSearchSearcher.open(target.connection(), layout, log)) {
        long found = cluster.count(EventSearcher.all());
        if (found != ingest.eventsIndexed()) {
          throw new IOException("the cluster holds " + found + " events after ingesting " + ingest.eventsIndexed());
        }
        log.accept("opensearch: investigator queries");
        SearchBenchmark.Result search = SearchBenchmark.run(cluster, embedded.queries());
        SearchBenchmark.Result lucene = embedded.search();
        figures.add(new BenchFigure("search p50", "ms", search.p50(), "embedded Lucene", lucene.p50(), "<= 50", null,
            true));
        figures.add(new BenchFigure("search p95", "ms", search.p95(), "embedded Lucene", lucene.p95(), "<= 200", null,
            true));
        for (SearchBenchmark.NamedQuery q : embedded.queries()) {
          figures.add(new BenchFigure("search: " + q.name(), "ms", search.medianPerQuery().get(q.name()),
              "embedded Lucene", lucene.medianPerQuery().get(q.name()), null, q.query(), true));
        }
        figures.add(new BenchFigure("top values over all hits", "ms", search.topValuesMillis(), "embedded Lucene",
            lucene.topValuesMillis(), null, search.topHits() + " hits", true));
      }
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("url", target.connection().url().toString());
      json.put("indices", layout.indexPattern());
      json.put("events", ingest.eventsIndexed());
      json.put("ingestSeconds", seconds);
      json.put("figures", figures);
      return new Result(figures, json);
    } finally {
      OpenSearchEventStore.drop(target.connection(), layout);
    }
  }
}
