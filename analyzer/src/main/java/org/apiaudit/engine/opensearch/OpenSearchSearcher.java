package org.apiaudit.engine.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import org.apache.lucene.search.Query;
import org.apiaudit.UserException;
import org.apiaudit.index.IndexManifest;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;
import org.apiaudit.search.Hit;
import org.apiaudit.search.SearchEngine;

/**
 * {@code analyzer search} on a cluster: the parser's query translated by {@link QueryDsl}, hits
 * paged in time order through a point in time with {@code search_after} (a consistent view
 * however long the output takes, without deep {@code from} paging), and {@code --top},
 * {@code --distinct} and {@code --histogram} as aggregations computed on the cluster.
 *
 * <p>Precision: {@code --histogram} and counts are exact. {@code --top} is a {@code terms}
 * aggregation with a generous shard size; over several shards its counts can be approximate,
 * which the cluster bounds by {@code doc_count_error_upper_bound} (reported on stderr when not
 * zero); values tied at the cut are ordered by text as in the embedded engine, exactly for up to
 * {@value #TIE_MARGIN} tied values. {@code --distinct} walks every group with a {@code composite} aggregation and counts
 * distinct values with {@code cardinality} at its highest precision threshold
 * ({@value #CARDINALITY_PRECISION}): exact below that many distinct values per group, within
 * about 2% above it.
 */
public final class OpenSearchSearcher implements SearchEngine {
  /** Highest precision threshold OpenSearch accepts for {@code cardinality}. */
  static final int CARDINALITY_PRECISION = 40_000;
  /**
   * Runs the slices of a sliced stream, each a loop of blocking requests: their own threads, so
   * that they never wait on the common pool the rest of detection computes on. Daemon threads,
   * idle ones ended after a minute.
   */
  private static final java.util.concurrent.ExecutorService SLICE_THREADS = new java.util.concurrent.ThreadPoolExecutor(
      0, Integer.MAX_VALUE, 60, java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.SynchronousQueue<>(),
      r -> {
        Thread t = new Thread(r, "opensearch-slice");
        t.setDaemon(true);
        return t;
      });
  /** How long a scroll stays open between two of its pages. */
  private static final String SCROLL_KEEP_ALIVE = "2m";
  /** Hits per page of a stream. */
  static final int PAGE = 1000;
  /** Groups per page of a composite aggregation. */
  static final int COMPOSITE_PAGE = 1000;

  /**
   * Time order, then file and line: unique per event, so pages never skip or repeat an event
   * that shares its millisecond with others.
   */
  private static final List<Object> TIME_ORDER = List.of(Map.of(Field.TIMESTAMP.fieldName(), "asc"),
      Map.of(Field.LOG_FILE.fieldName(), "asc"), Map.of(Field.LOG_LINE.fieldName(), "asc"));

  /** Buckets fetched beyond {@code --top-n}, for ties at the cut (see {@link #topValues}). */
  static final int TIE_MARGIN = 100;

  private static final java.util.Comparator<Map.Entry<String, Long>> BY_COUNT_THEN_TEXT =
      (a, b) -> !a.getValue().equals(b.getValue()) ? Long.compare(b.getValue(), a.getValue())
          : a.getKey().compareTo(b.getKey());

  private final OpenSearchClient client;
  private final OpenSearchLayout layout;
  private final java.util.function.Consumer<String> notes;

  OpenSearchSearcher(OpenSearchClient client, OpenSearchLayout layout, java.util.function.Consumer<String> notes) {
    this.client = client;
    this.layout = layout;
    this.notes = notes;
  }

  /** A searcher on the cluster; {@code notes} receives precision remarks for the user. */
  public static OpenSearchSearcher open(OpenSearchConnection connection, OpenSearchLayout layout,
      java.util.function.Consumer<String> notes) {
    return new OpenSearchSearcher(new OpenSearchClient(connection), layout, notes);
  }

  @Override
  public IndexManifest manifest() {
    try {
      return OpenSearchEventStore.readManifest(client, layout);
    } catch (IOException e) {
      throw failed(e);
    }
  }

  @Override
  public long count(Query query) {
    try {
      return client.send("POST", "/" + layout.alias() + "/_count?ignore_unavailable=true&allow_no_indices=true",
          Map.of("query", QueryDsl.of(query))).json().path("count").asLong();
    } catch (IOException e) {
      throw failed(e);
    }
  }

  @Override
  public long stream(Query query, long limit, boolean includeOriginal, Predicate<Hit> sink) {
    List<String> fields = new ArrayList<>();
    for (Field f : Field.values()) {
      // what an embedded hit carries: doc values, and the stored fields shown in output
      if (f.hasDocValues() || (f.isStored() && f != Field.ORIGINAL) || (includeOriginal && f == Field.ORIGINAL)) {
        fields.add(f.fieldName());
      }
    }
    return page(query, limit, fields, source -> sink.test(hit(source)));
  }

  /** Pages through the matches in time order with a point in time, handing each {@code _source} on. */
  private long page(Query query, long limit, List<String> fields, Predicate<JsonNode> sink) {
    Map<String, Object> dsl = QueryDsl.of(query);
    try {
      String pit = client.send("POST", "/" + layout.alias() + "/_search/point_in_time?keep_alive=2m", null)
          .json().path("pit_id").asText();
      try {
        long delivered = 0;
        JsonNode after = null;
        while (delivered < limit) {
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("size", (int) Math.min(PAGE, limit - delivered));
          body.put("query", dsl);
          body.put("pit", Map.of("id", pit, "keep_alive", "2m"));
          body.put("sort", TIME_ORDER);
          body.put("_source", fields);
          body.put("track_total_hits", false);
          if (after != null) {
            body.put("search_after", after);
          }
          JsonNode hits = client.send("POST", "/_search", body).json().path("hits").path("hits");
          if (hits.isEmpty()) {
            break;
          }
          for (JsonNode h : hits) {
            delivered++;
            if (!sink.test(h.path("_source"))) {
              return delivered;
            }
            after = h.path("sort");
          }
        }
        return delivered;
      } finally {
        client.send("DELETE", "/_search/point_in_time", Map.of("pit_id", List.of(pit)), 404);
      }
    } catch (IOException e) {
      throw failed(e);
    }
  }

  /**
   * Streams every matching event, with all its fields, in no particular order, through
   * {@code slices} slices of one scroll read in parallel: each slice hands its events to its own
   * sink from its own thread (the event object is reused between calls of one sink).
   *
   * <p>A scroll, not a point in time: a scroll keeps its query built on the shards between pages,
   * where each {@code search_after} page would build it again, and building a rule selection's
   * regular expressions (keyword lists of thousands of characters) costs far more than reading a
   * page. Slices are whole shards (at most as many slices as shards), so that each shard builds
   * the query once; a slice split inside a shard would build it once per slice.
   *
   * @param maxSlices slices wanted; fewer when there are fewer shards
   * @param sinks the sink of each slice, by slice number
   * @return the number of events delivered
   */
  public long streamEvents(Query query, int maxSlices, IntFunction<Consumer<Event>> sinks) {
    Map<String, Object> dsl = QueryDsl.of(query);
    int slices = Math.max(1, Math.min(maxSlices, shards()));
    List<String> all = new ArrayList<>();
    for (Field f : Field.values()) {
      all.add(f.fieldName());
    }
    try {
      List<CompletableFuture<Long>> parts = new ArrayList<>();
      for (int i = 0; i < slices; i++) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("size", PAGE);
        body.put("query", dsl);
        body.put("sort", List.of("_doc"));
        body.put("_source", all);
        if (slices > 1) {
          body.put("slice", Map.of("id", i, "max", slices));
        }
        Consumer<Event> sink = sinks.apply(i);
        Event event = new Event();
        parts.add(CompletableFuture.supplyAsync(() -> {
          try {
            return scroll(body, source -> {
              fill(event, source);
              sink.accept(event);
            });
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }, SLICE_THREADS));
      }
      long delivered = 0;
      for (CompletableFuture<Long> part : parts) {
        delivered += join(part);
      }
      return delivered;
    } catch (IOException e) {
      throw failed(e);
    }
  }

  /** Reads every page of the scroll {@code body} opens, then releases it. */
  private long scroll(Map<String, Object> body, Consumer<JsonNode> sink) throws IOException {
    JsonNode page = client.send("POST", "/" + layout.alias()
        + "/_search?scroll=" + SCROLL_KEEP_ALIVE + "&ignore_unavailable=true&allow_no_indices=true", body).json();
    String id = page.path("_scroll_id").asText(null);
    long delivered = 0;
    try {
      while (true) {
        JsonNode hits = page.path("hits").path("hits");
        if (hits.isEmpty() || id == null) {
          return delivered;
        }
        for (JsonNode h : hits) {
          sink.accept(h.path("_source"));
          delivered++;
        }
        page = client.send("POST", "/_search/scroll", Map.of("scroll", SCROLL_KEEP_ALIVE, "scroll_id", id)).json();
        id = page.path("_scroll_id").asText(id);
      }
    } finally {
      if (id != null) {
        client.send("DELETE", "/_search/scroll", Map.of("scroll_id", List.of(id)), 404);
      }
    }
  }

  /** A slice's result, its I/O failure unwrapped. */
  private static long join(CompletableFuture<Long> part) throws IOException {
    try {
      return part.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /** Makes {@code event} the event of a hit's {@code _source}. */
  private static void fill(Event event, JsonNode source) {
    event.clear();
    source.fields().forEachRemaining(e -> {
      Field f = Field.byName(e.getKey());
      if (f != null && !e.getValue().isNull()) {
        if (f.isNumeric()) {
          event.set(f, e.getValue().asLong());
        } else {
          event.set(f, e.getValue().asText());
        }
      }
    });
  }

  /** The shards the alias reads (one per daily index unless the template says otherwise). */
  private int shards() {
    try {
      return client.send("POST", "/" + layout.alias() + "/_count?ignore_unavailable=true&allow_no_indices=true",
          Map.of("query", QueryDsl.matchNone())).json().path("_shards").path("total").asInt();
    } catch (IOException e) {
      throw failed(e);
    }
  }

  /** The earliest time of an event matching {@code query}, Long.MAX_VALUE when none does. */
  public long firstSeen(Query query) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("size", 1);
    body.put("query", QueryDsl.of(query));
    body.put("sort", TIME_ORDER);
    body.put("_source", false);
    body.put("track_total_hits", false);
    try {
      JsonNode hits = client.send("POST", "/" + layout.alias()
          + "/_search?ignore_unavailable=true&allow_no_indices=true", body).json().path("hits").path("hits");
      return hits.isEmpty() ? Long.MAX_VALUE : hits.get(0).path("sort").get(0).asLong();
    } catch (IOException e) {
      throw failed(e);
    }
  }

  private static Hit hit(JsonNode source) {
    Map<Field, String> values = new EnumMap<>(Field.class);
    source.fields().forEachRemaining(e -> {
      Field f = Field.byName(e.getKey());
      if (f != null && !e.getValue().isNull()) {
        values.put(f, e.getValue().asText());
      }
    });
    return new Hit(values);
  }

  @Override
  public List<Map.Entry<String, Long>> topValues(Query query, Field field, int n) {
    Map<String, Object> terms = new LinkedHashMap<>();
    terms.put("field", field.fieldName());
    // Extra buckets so values tied at the cut are chosen as the embedded engine chooses them
    // (by their text: the cluster orders IP and number keys by value instead).
    terms.put("size", n + TIE_MARGIN);
    terms.put("shard_size", Math.max(n * 10, 1000));
    terms.put("order", List.of(Map.of("_count", "desc"), Map.of("_key", "asc")));
    JsonNode agg = aggregate(query, Map.of("top", Map.of("terms", terms))).path("top");
    long error = agg.path("doc_count_error_upper_bound").asLong();
    if (error > 0) {
      notes.accept("--top counts on the cluster may be low by up to " + error + " events per value (terms"
          + " aggregation over several shards)");
    }
    List<Map.Entry<String, Long>> out = new ArrayList<>();
    for (JsonNode b : agg.path("buckets")) {
      out.add(new AbstractMap.SimpleImmutableEntry<>(key(field, b.path("key")), b.path("doc_count").asLong()));
    }
    out.sort(BY_COUNT_THEN_TEXT);
    return out.size() > n ? new ArrayList<>(out.subList(0, n)) : out;
  }

  @Override
  public List<Map.Entry<String, Long>> topByDistinct(Query query, Field field, Field distinct, int n) {
    List<Map.Entry<String, Long>> all = new ArrayList<>();
    JsonNode after = null;
    do {
      Map<String, Object> composite = new LinkedHashMap<>();
      composite.put("size", COMPOSITE_PAGE);
      composite.put("sources", List.of(Map.of("v", Map.of("terms", Map.of("field", field.fieldName())))));
      if (after != null) {
        composite.put("after", after);
      }
      Map<String, Object> agg = Map.of("composite", composite, "aggs", Map.of("distinct", Map.of("cardinality",
          Map.of("field", distinct.fieldName(), "precision_threshold", CARDINALITY_PRECISION))));
      JsonNode groups = aggregate(query, Map.of("groups", agg)).path("groups");
      for (JsonNode b : groups.path("buckets")) {
        if (b.path("distinct").path("value").asLong() == 0) {
          continue; // no value of the distinct field with it: the embedded engine lists none either
        }
        all.add(new AbstractMap.SimpleImmutableEntry<>(key(field, b.path("key").path("v")),
            b.path("distinct").path("value").asLong()));
      }
      after = groups.path("buckets").isEmpty() ? null : groups.get("after_key");
    } while (after != null);
    all.sort(BY_COUNT_THEN_TEXT);
    return all.size() > n ? new ArrayList<>(all.subList(0, n)) : all;
  }

  @Override
  public TreeMap<Long, Long> histogram(Query query, long intervalMillis, long offsetMillis) {
    // buckets start at floor((t + offset) / interval) * interval - offset, as the embedded engine's
    Map<String, Object> histogram = Map.of("date_histogram", Map.of("field", Field.TIMESTAMP.fieldName(),
        "fixed_interval", intervalMillis + "ms", "offset", -offsetMillis + "ms", "min_doc_count", 1));
    TreeMap<Long, Long> out = new TreeMap<>();
    for (JsonNode b : aggregate(query, Map.of("h", histogram)).path("h").path("buckets")) {
      out.put(b.path("key").asLong(), b.path("doc_count").asLong());
    }
    return out;
  }

  /** The {@code aggregations} of a search for {@code query} with {@code aggs} and no hits. */
  JsonNode aggregate(Query query, Map<String, Object> aggs) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("size", 0);
    body.put("track_total_hits", false);
    body.put("query", QueryDsl.of(query));
    body.put("aggs", aggs);
    try {
      return client.send("POST", "/" + layout.alias() + "/_search?ignore_unavailable=true&allow_no_indices=true", body)
          .json().path("aggregations");
    } catch (IOException e) {
      throw failed(e);
    }
  }

  /** A bucket key as the embedded engine prints it: numbers in decimal, text as is. */
  private static String key(Field field, JsonNode key) {
    return field.isNumeric() ? Long.toString(key.asLong()) : key.asText();
  }

  private UserException failed(IOException e) {
    return new UserException("search on " + client.url() + " (" + layout.alias() + ") failed: " + e.getMessage(), 2, e);
  }

  @Override
  public void close() {
    // nothing held between requests
  }
}
