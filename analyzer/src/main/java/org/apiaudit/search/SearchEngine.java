package org.apiaudit.search;

import java.io.Closeable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.lucene.search.Query;
import org.apiaudit.index.IndexManifest;
import org.apiaudit.schema.Field;

/**
 * What {@code analyzer search} asks of an index, whichever engine holds it: the embedded index
 * ({@link EventSearcher}) or a cluster ({@code engine.opensearch.OpenSearchSearcher}). Queries
 * are the schema-aware parser's Lucene queries on both, so they mean the same thing.
 */
public interface SearchEngine extends Closeable {
  /** The case record: files ingested, key fingerprint. */
  IndexManifest manifest();

  /** Number of matching events. */
  long count(Query query);

  /**
   * Streams matching events to {@code sink} in time order (oldest first), stopping after
   * {@code limit} hits or when {@code sink} returns false; returns the number delivered.
   */
  long stream(Query query, long limit, boolean includeOriginal, Predicate<Hit> sink);

  /** Counts of each value of {@code field} over all matching events, most frequent first (ties by value). */
  List<Map.Entry<String, Long>> topValues(Query query, Field field, int n);

  /** Values of {@code field} ranked by their number of distinct {@code distinct} values among matches. */
  List<Map.Entry<String, Long>> topByDistinct(Query query, Field field, Field distinct, int n);

  /** Matching events per time bucket of {@code intervalMillis}, keyed by bucket start (epoch ms). */
  default TreeMap<Long, Long> histogram(Query query, long intervalMillis) {
    return histogram(query, intervalMillis, 0);
  }

  /**
   * Matching events per time bucket of {@code intervalMillis}, the buckets shifted by
   * {@code offsetMillis} (a time zone's UTC offset, so that days start at local midnight), keyed
   * by bucket start (epoch ms).
   */
  TreeMap<Long, Long> histogram(Query query, long intervalMillis, long offsetMillis);
}
