package org.apiaudit.engine.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apiaudit.detect.scan.CoverageFigures;
import org.apiaudit.detect.scan.TimeWindow;
import org.apiaudit.schema.Field;
import org.apiaudit.schema.FieldType;

/**
 * The coverage of a window measured on the cluster, where detection's scan reads only the
 * events rules select: every figure exact, as the embedded scan counts it. Channels and hours
 * are {@code composite} and {@code date_histogram} aggregations (exact), events without an
 * {@code auth.type} a {@code missing} count listed first as in the embedded engine (a composite's
 * {@code missing_bucket}, and a composite {@code date_histogram} over a whole index, failed
 * with an internal error on the time-sorted indices of OpenSearch 2.19.6), first and last
 * times are {@code min} and {@code max} (epoch milliseconds fit a double exactly), the fields
 * no event has are {@code exists} filters over the whole index.
 */
final class ClusterCoverage {
  private ClusterCoverage() {}

  static CoverageFigures measure(OpenSearchSearcher cluster, TimeWindow window) {
    Query w = window.query();
    long events = cluster.count(w);
    String time = Field.TIMESTAMP.fieldName();
    JsonNode aggs = cluster.aggregate(w, Map.of("first", Map.of("min", Map.of("field", time)),
        "last", Map.of("max", Map.of("field", time)),
        "absent", Map.of("missing", Map.of("field", Field.AUTH_TYPE.fieldName())),
        "records", Map.of("filter", Map.of("term", Map.of(Field.ENDPOINT_CLASS.fieldName(),
            CoverageFigures.RECORD_RETURNING)))));
    Map<String, Long> channels = new LinkedHashMap<>();
    long absent = aggs.path("absent").path("doc_count").asLong();
    if (absent > 0) {
      channels.put(CoverageFigures.ABSENT, absent);
    }
    composite(cluster, w, Map.of("terms", Map.of("field", Field.AUTH_TYPE.fieldName())),
        (key, n) -> channels.put(key.asText(), n));
    TreeMap<Long, Long> hours = new TreeMap<>();
    cluster.histogram(w, CoverageFigures.HOUR_MS, 0).forEach((start, n) ->
        hours.put(Math.floorDiv(start, CoverageFigures.HOUR_MS), n));
    return CoverageFigures.of(events == 0 ? -1 : (long) aggs.path("first").path("value").asDouble(),
        events == 0 ? -1 : (long) aggs.path("last").path("value").asDouble(), events,
        aggs.path("records").path("doc_count").asLong(), channels, hours, fieldsMissing(cluster));
  }

  /** Every bucket of a one-source {@code composite} aggregation, page by page, in key order. */
  private static void composite(OpenSearchSearcher cluster, Query query, Map<String, Object> source,
      BiConsumer<JsonNode, Long> bucket) {
    JsonNode after = null;
    do {
      Map<String, Object> composite = new LinkedHashMap<>();
      composite.put("size", OpenSearchSearcher.COMPOSITE_PAGE);
      composite.put("sources", List.of(Map.of("k", source)));
      if (after != null) {
        composite.put("after", after);
      }
      JsonNode page = cluster.aggregate(query, Map.of("c", Map.of("composite", composite))).path("c");
      for (JsonNode b : page.path("buckets")) {
        bucket.accept(b.path("key").path("k"), b.path("doc_count").asLong());
      }
      after = page.path("buckets").isEmpty() ? null : page.get("after_key");
    } while (after != null);
  }

  /**
   * Schema fields no event of the whole index has, as {@code CoverageCollector.fieldsMissing} says.
   * A field the cluster keeps in {@code _source} only (the original line) cannot be asked about
   * with {@code exists}: it counts as there when the first event has it, as every ingested event does.
   */
  private static List<String> fieldsMissing(OpenSearchSearcher cluster) {
    Map<String, Object> filters = new LinkedHashMap<>();
    for (Field f : Field.values()) {
      if (f.type() == FieldType.STORED) {
        continue;
      }
      // a derived field (the words of the user agent) is there whenever its source is
      Field source = f.textSource() != null ? f.textSource() : f;
      filters.put(f.fieldName(), Map.of("exists", Map.of("field", source.fieldName())));
    }
    JsonNode buckets = cluster.aggregate(new MatchAllDocsQuery(), Map.of("present", Map.of("filters",
        Map.of("filters", filters)))).path("present").path("buckets");
    boolean[] firstHasStored = {false};
    cluster.stream(new MatchAllDocsQuery(), 1, true, hit -> {
      firstHasStored[0] = Arrays.stream(Field.values()).filter(f -> f.type() == FieldType.STORED)
          .allMatch(f -> hit.get(f) != null);
      return false;
    });
    List<String> out = new ArrayList<>();
    for (Field f : Field.values()) {
      boolean present = f.type() == FieldType.STORED ? firstHasStored[0]
          : buckets.path(f.fieldName()).path("doc_count").asLong() > 0;
      if (!present) {
        out.add(f.fieldName());
      }
    }
    return out;
  }
}
