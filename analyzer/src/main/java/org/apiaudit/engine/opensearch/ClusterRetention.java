package org.apiaudit.engine.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apiaudit.schema.Field;

/**
 * Retention on a cluster: removes the events older than a cutoff, as the embedded engine's
 * purge does, but where it is cheap.
 *
 * <p>A daily index all of whose day lies before the cutoff is dropped whole: deleting an index
 * frees its disk at once and costs the cluster nothing, where deleting its documents one by one
 * would write a tombstone each and leave the space to later merges. The one day the cutoff falls
 * inside is trimmed with a {@code _delete_by_query}, so exactly the events the embedded engine
 * would delete go, and a case counts the same on both engines after a purge.
 */
public final class ClusterRetention {
  private static final long DAY_MS = 86_400_000L;

  private final OpenSearchClient client;
  private final OpenSearchLayout layout;

  public ClusterRetention(OpenSearchConnection connection, OpenSearchLayout layout) {
    this.client = new OpenSearchClient(connection);
    this.layout = layout;
  }

  /**
   * What a purge removed.
   *
   * @param events events deleted (whole days and the trimmed one)
   * @param droppedIndices daily indices deleted whole
   */
  public record Purged(long events, List<String> droppedIndices) {}

  /**
   * The cutoff that keeps {@code retentionMs} of log time before the newest event (as the
   * embedded engine counts it); Long.MIN_VALUE when the cluster holds no event.
   */
  public long cutoff(long retentionMs) throws IOException {
    JsonNode newest = search(Map.of("size", 0, "aggs", Map.of("newest", Map.of("max",
        Map.of("field", Field.TIMESTAMP.fieldName()))))).path("aggregations").path("newest").path("value");
    return newest.isNumber() ? newest.asLong() - retentionMs : Long.MIN_VALUE;
  }

  /** Deletes every event before {@code cutoff} (epoch ms) and makes the deletion visible. */
  public Purged purge(long cutoff) throws IOException {
    if (cutoff == Long.MIN_VALUE) {
      return new Purged(0, List.of());
    }
    Map<String, Object> old = Map.of("range", Map.of(Field.TIMESTAMP.fieldName(), Map.of("lt", cutoff)));
    // Which daily indices hold old events: an aggregation, so reading is the only privilege it needs.
    JsonNode answer = search(Map.of("size", 0, "track_total_hits", true, "query", old,
        "aggs", Map.of("days", Map.of("terms", Map.of("field", "_index", "size", 10_000)))));
    long events = answer.path("hits").path("total").path("value").asLong();
    if (events == 0) {
      return new Purged(0, List.of());
    }
    List<String> dropped = new ArrayList<>();
    for (JsonNode day : answer.path("aggregations").path("days").path("buckets")) {
      String index = day.path("key").asText();
      long start = layout.dayStart(index);
      if (start != Long.MIN_VALUE && start + DAY_MS <= cutoff) {
        client.send("DELETE", "/" + index, null, 404);
        dropped.add(index);
      }
    }
    if (dropped.size() < answer.path("aggregations").path("days").path("buckets").size()) {
      client.send("POST", "/" + layout.alias() + "/_delete_by_query?refresh=true&conflicts=proceed",
          Map.of("query", old), 404);
    }
    return new Purged(events, dropped);
  }

  private JsonNode search(Map<String, Object> body) throws IOException {
    return client.send("POST", "/" + layout.alias() + "/_search?ignore_unavailable=true&allow_no_indices=true", body)
        .json();
  }
}
