package org.apiaudit.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.Query;
import org.apiaudit.index.IndexManifest;
import org.apiaudit.index.SourceFile;
import org.apiaudit.schema.Field;
import org.apiaudit.search.EventSearcher;
import org.apiaudit.search.SearchEngine;
import org.apiaudit.search.SchemaQueryParser;

/**
 * Times a fixed set of investigator queries over an index, the way {@code analyzer search}
 * runs them: the count of all hits plus the first 100 hits in time order.
 */
public final class SearchBenchmark {
  static final int WARMUP = 3;
  static final int RUNS = 15;

  /** A named query and the literal a grep for the same question would look for (or null). */
  public record NamedQuery(String name, String query, String grepNeedle) {}

  /** Latencies in milliseconds. */
  public record Result(double p50, double p95, Map<String, Double> medianPerQuery, double topValuesMillis, long topHits) {}

  private SearchBenchmark() {}

  /** Picks concrete values from the index itself, so the queries hit real data. */
  public static List<NamedQuery> queries(SearchEngine s) {
    String ip = s.topValues(EventSearcher.all(), Field.SOURCE_IP, 1).get(0).getKey();
    String principal = top(s, "auth:vaccinator", Field.PRINCIPAL);
    IndexManifest m = s.manifest();
    long first = m.files().stream().mapToLong(SourceFile::firstEvent).min().orElse(0);
    long last = m.files().stream().mapToLong(SourceFile::lastEvent).max().orElse(0);
    String from = java.time.Instant.ofEpochMilli(first + (last - first) / 3).toString();
    String to = java.time.Instant.ofEpochMilli(first + (last - first) / 2).toString();
    String subnet = ip.contains(".") ? ip.substring(0, ip.lastIndexOf('.')) + ".0/24" : ip;
    List<NamedQuery> q = new ArrayList<>();
    q.add(new NamedQuery("one IP", "ip:" + quoteIfV6(ip), ip + " - "));
    q.add(new NamedQuery("one principal", "principal:" + principal, " " + principal + " "));
    q.add(new NamedQuery("CIDR + status range + time window",
        "ip:" + subnet + " AND status:[400 TO 499] AND time:[" + from + " TO " + to + "]", null));
    q.add(new NamedQuery("phrase in user agents", "ua_text:\"python requests\"", "python-requests"));
    q.add(new NamedQuery("wildcard path", "path:/api/v2/partner/*", "/api/v2/partner/"));
    return q;
  }

  private static String top(SearchEngine s, String query, Field field) {
    var values = s.topValues(new SchemaQueryParser().parseQuery(query), field, 1);
    return values.isEmpty() ? "none" : values.get(0).getKey();
  }

  private static String quoteIfV6(String ip) {
    return ip.contains(":") ? "\"" + ip + "\"" : ip;
  }

  static Result run(Path index, List<NamedQuery> queries) throws Exception {
    try (EventSearcher s = EventSearcher.open(index)) {
      return run(s, queries);
    }
  }

  /** Times each query (count, then the first 100 hits) on either engine: {@link #RUNS} runs after {@link #WARMUP}. */
  public static Result run(SearchEngine s, List<NamedQuery> queries) {
    List<Double> all = new ArrayList<>();
    Map<String, Double> medians = new LinkedHashMap<>();
    for (NamedQuery nq : queries) {
      double[] times = new double[RUNS];
      for (int i = 0; i < WARMUP + RUNS; i++) {
        long t0 = System.nanoTime();
        Query q = new SchemaQueryParser().parseQuery(nq.query());
        s.count(q);
        s.stream(q, 100, true, h -> true);
        double ms = (System.nanoTime() - t0) / 1e6;
        if (i >= WARMUP) {
          times[i - WARMUP] = ms;
          all.add(ms);
        }
      }
      medians.put(nq.name(), percentile(times, 50));
    }
    double[] pooled = all.stream().mapToDouble(Double::doubleValue).toArray();
    Query broad = EventSearcher.all();
    s.topValues(broad, Field.SOURCE_IP, 10);
    long t0 = System.nanoTime();
    s.topValues(broad, Field.SOURCE_IP, 10);
    double topMs = (System.nanoTime() - t0) / 1e6;
    return new Result(percentile(pooled, 50), percentile(pooled, 95), medians, topMs, s.count(broad));
  }

  /** Median time of the fan-out count, and its top value, for checking against awk's. */
  record FanOut(double seconds, String topIp, long topDistinct) {}

  /**
   * Times {@code search --top ip --distinct subject} over all events: the per-IP distinct-subject
   * count the awk baseline computes (median of 3 after a warm-up).
   */
  static FanOut fanOut(Path index) throws Exception {
    try (EventSearcher s = EventSearcher.open(index)) {
      double[] times = new double[3];
      List<Map.Entry<String, Long>> top = List.of();
      for (int i = -1; i < times.length; i++) {
        long t0 = System.nanoTime();
        top = s.topByDistinct(EventSearcher.all(), Field.SOURCE_IP, Field.SUBJECT_ID, 10);
        if (i >= 0) {
          times[i] = (System.nanoTime() - t0) / 1e9;
        }
      }
      return top.isEmpty() ? new FanOut(percentile(times, 50), "-", 0)
          : new FanOut(percentile(times, 50), top.get(0).getKey(), top.get(0).getValue());
    }
  }

  static double percentile(double[] values, int p) {
    double[] v = values.clone();
    Arrays.sort(v);
    int idx = (int) Math.ceil(p / 100.0 * v.length) - 1;
    return v[Math.max(0, Math.min(v.length - 1, idx))];
  }
}
