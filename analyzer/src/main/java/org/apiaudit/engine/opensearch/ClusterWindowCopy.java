package org.apiaudit.engine.opensearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.IndexWriter;
import org.apiaudit.index.EventDocumentBuilder;
import org.apiaudit.index.EventIndex;
import org.apiaudit.schema.Field;

/**
 * Detection on a cluster, first step: the analysed window's events, read from the cluster in
 * time order (point in time + {@code search_after}), written into a scratch embedded index with
 * the cluster's case record, so the unchanged detection engine (rules, streaming correlators,
 * verdicts, report) runs on exactly the events the cluster holds and findings are identical by
 * construction.
 *
 * <p>Bounded by the scratch folder's disk, not by memory; what it does not yet do is push rule
 * selections and countable correlations down to the cluster as queries and aggregations, so the
 * window must fit on the machine that runs {@code detect}.
 */
public final class ClusterWindowCopy {
  private ClusterWindowCopy() {}

  /**
   * Copies the events of {@code [from, to]} (epoch ms, inclusive) into a new index at {@code dir}.
   *
   * @return the number of events copied
   */
  public static long copy(OpenSearchSearcher cluster, long from, long to, Path dir) throws IOException {
    EventDocumentBuilder builder = new EventDocumentBuilder();
    try (IndexWriter writer = EventIndex.openWriter(dir)) {
      long copied = cluster.streamEvents(LongPoint.newRangeQuery(Field.TIMESTAMP.fieldName(), from, to), event -> {
        try {
          writer.addDocument(builder.build(event));
        } catch (IOException e) {
          throw new UncheckedIOException("writing the scratch index " + dir + " failed", e);
        }
      });
      EventIndex.commit(writer, cluster.manifest());
      return copied;
    }
  }
}
