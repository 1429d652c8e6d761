package org.apiaudit.engine.opensearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.search.Query;
import org.apiaudit.ingest.Ingestor;
import org.apiaudit.ingest.ProgressListener;
import org.apiaudit.schema.Field;
import org.apiaudit.search.EventSearcher;
import org.apiaudit.search.Hit;
import org.apiaudit.search.SchemaQueryParser;
import org.apiaudit.search.SearchEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same day of the incident sample in both engines; a fixed set of queries (every kind the
 * parser builds: CIDR, ranges on points and on doc-values-only fields, wildcards, regular
 * expressions, word phrases, existence, Boolean logic, aliases) must give the same events,
 * field for field, and the same top values, distinct counts and histograms.
 */
class OpenSearchSearchEquivalenceTest {
  @TempDir static Path tmp;
  private static SearchEngine lucene;
  private static OpenSearchSearcher cluster;

  @BeforeAll
  static void ingestOneDayIntoBothEngines() throws Exception {
    List<String> day = List.of(OpenSearchTesting.sampleCase("incident-2023-06").resolve("gateway-2023-06-05.log.gz")
        .toString());
    Ingestor.run(tmp.resolve("index"), tmp.resolve("case.key"), day, OpenSearchTesting.config(tmp.resolve("r1.tsv")),
        ProgressListener.NONE, m -> { });
    OpenSearchLayout layout = OpenSearchTesting.freshLayout("search");
    OpenSearchClient client = OpenSearchTesting.client();
    Ingestor.run(new OpenSearchEventStore(client, layout, 0), tmp.resolve("case.key"), day,
        OpenSearchTesting.config(tmp.resolve("r2.tsv")), ProgressListener.NONE, m -> { });
    lucene = EventSearcher.open(tmp.resolve("index"));
    cluster = new OpenSearchSearcher(client, layout, note -> { throw new AssertionError(note); });
  }

  @AfterAll
  static void close() throws Exception {
    lucene.close();
  }

  private static Query parse(String text) {
    return new SchemaQueryParser().parseQuery(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "*:*",
      "ip:13.232.39.0/24",
      "ip:13.233.44.117",
      "subnet:13.233.44.0/24",
      "status:[400 TO 499]",
      "status:{200 TO 404]",
      "bytes:[10000 TO *]",
      "latency:[* TO 50]",
      "method:POST",
      "class:record-returning AND NOT status:200",
      "auth:partner OR auth:vaccinator",
      "ua_text:\"python httpx\"",
      "ua:okhttp*",
      "template:*certificate*",
      "path:/api/v2/partner/*",
      "principal:/partner-c.*/",
      "time:[2023-06-05T01:00:00Z TO 2023-06-05T03:30:00Z]",
      "subject:* AND NOT ip:13.233.44.117",
      "NOT status:200",
      "status:999"})
  void sameEventsFieldForField(String text) {
    Query q = parse(text);
    long count = lucene.count(q);
    assertEquals(count, cluster.count(q), "count of " + text);
    Map<String, Map<Field, String>> expected = events(lucene, q);
    Map<String, Map<Field, String>> actual = events(cluster, q);
    assertEquals(count, expected.size(), text);
    assertEquals(expected.keySet(), actual.keySet(), text);
    for (Map.Entry<String, Map<Field, String>> e : expected.entrySet()) {
      // one event per message: a whole-map message for 67,198 events exhausts the test JVM's heap
      assertEquals(e.getValue(), actual.get(e.getKey()), text + ": event " + e.getKey());
    }
    if (!List.of("NOT status:200", "status:999").contains(text)) {
      assertTrue(count > 0, "the sample has events for " + text);
    }
  }

  /** Every hit keyed by file:line, with its time-ordered position checked on the way. */
  private static Map<String, Map<Field, String>> events(SearchEngine engine, Query q) {
    Map<String, Map<Field, String>> out = new TreeMap<>();
    long[] last = {Long.MIN_VALUE};
    engine.stream(q, Long.MAX_VALUE, true, hit -> {
      assertTrue(hit.timestamp() >= last[0], "hits in time order");
      last[0] = hit.timestamp();
      out.put(hit.get(Field.LOG_FILE) + ":" + hit.get(Field.LOG_LINE), new java.util.EnumMap<>(hit.values()));
      return true;
    });
    return out;
  }

  @Test
  void limitedStreamsStopAtTheLimitInTimeOrder() {
    Query q = parse("*:*");
    List<Long> a = new ArrayList<>();
    List<Long> b = new ArrayList<>();
    assertEquals(2500, lucene.stream(q, 2500, false, h -> a.add(h.timestamp())));
    assertEquals(2500, cluster.stream(q, 2500, false, h -> b.add(h.timestamp())));
    assertEquals(a, b);
  }

  @Test
  void sameTopValuesDistinctCountsAndHistograms() {
    for (String text : List.of("*:*", "status:[400 TO 499]", "class:record-returning")) {
      Query q = parse(text);
      for (Field f : List.of(Field.SOURCE_IP, Field.USER_AGENT, Field.STATUS, Field.URL_TEMPLATE)) {
        assertEquals(lucene.topValues(q, f, 10), cluster.topValues(q, f, 10), "--top " + f + " of " + text);
      }
      assertEquals(lucene.topByDistinct(q, Field.SOURCE_IP, Field.SUBJECT_ID, 10),
          cluster.topByDistinct(q, Field.SOURCE_IP, Field.SUBJECT_ID, 10), "--top ip --distinct subject of " + text);
      for (long interval : List.of(60_000L, 3_600_000L, 86_400_000L)) {
        assertEquals(lucene.histogram(q, interval), cluster.histogram(q, interval), "histogram " + interval + " of " + text);
      }
    }
    assertEquals(lucene.manifest().files().get(0).events(), cluster.manifest().files().get(0).events());
  }

  /**
   * The benchmark's search queries (values picked from the data) find the same events on both
   * engines; their p50/p95 on each are printed for the README's figures.
   */
  @Test
  void benchmarkQueriesAgreeAndAreTimedOnBothEngines() {
    var queries = org.apiaudit.bench.SearchBenchmark.queries(lucene);
    assertEquals(queries, org.apiaudit.bench.SearchBenchmark.queries(cluster));
    for (var nq : queries) {
      Query q = parse(nq.query());
      assertEquals(lucene.count(q), cluster.count(q), nq.query());
    }
    var embedded = org.apiaudit.bench.SearchBenchmark.run(lucene, queries);
    var remote = org.apiaudit.bench.SearchBenchmark.run(cluster, queries);
    System.out.printf("search (count + first 100 hits) p50/p95 ms: embedded %.1f/%.1f, opensearch %.1f/%.1f;"
        + " --top ip over %d events: embedded %.1f ms, opensearch %.1f ms%n", embedded.p50(), embedded.p95(),
        remote.p50(), remote.p95(), embedded.topHits(), embedded.topValuesMillis(), remote.topValuesMillis());
    assertEquals(embedded.topHits(), remote.topHits());
    assertTrue(remote.p50() <= remote.p95() && embedded.p50() <= embedded.p95());
  }
}
