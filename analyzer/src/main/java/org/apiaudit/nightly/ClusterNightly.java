package org.apiaudit.nightly;

import java.io.IOException;
import java.util.function.Consumer;
import org.apiaudit.detect.CaseFindings;
import org.apiaudit.detect.TimeWindow;
import org.apiaudit.engine.EventStore;
import org.apiaudit.engine.opensearch.ClusterDetection;
import org.apiaudit.engine.opensearch.ClusterRetention;
import org.apiaudit.engine.opensearch.OpenSearchConnection;
import org.apiaudit.engine.opensearch.OpenSearchEventStore;
import org.apiaudit.engine.opensearch.OpenSearchSearcher;
import org.apiaudit.report.ActivityCounter;
import org.apiaudit.rules.RuleSet;

/**
 * A night on an OpenSearch cluster: events go to the daily indices, the nightly state to the
 * case record in the metadata index (written by {@link OpenSearchEventStore#commit} only after
 * the documents it describes are durable and visible), detection reads through {@link
 * ClusterDetection} as {@code detect --engine opensearch} does, and retention drops whole days
 * ({@link ClusterRetention}).
 *
 * <p>The report has no activity charts here: they count every event of the window per hour and
 * per actor, which the cluster could answer with aggregations but the run does not ask yet.
 */
final class ClusterNightly implements NightlyEngine {
  private final NightlyConfig.Cluster cluster;
  private final OpenSearchConnection connection;
  private final OpenSearchEventStore store;
  private final Consumer<String> notice;

  ClusterNightly(NightlyConfig.Cluster cluster, Consumer<String> notice) {
    this.cluster = cluster;
    this.connection = OpenSearchConnection.of(cluster.url().toString(), cluster.credentials(), System.getenv());
    this.store = OpenSearchEventStore.open(connection, cluster.layout(), cluster.replicas());
    this.notice = notice;
  }

  @Override
  public EventStore store() {
    return store;
  }

  @Override
  public CaseFindings detect(RuleSet rules, TimeWindow window) throws IOException {
    try (OpenSearchSearcher searcher = OpenSearchSearcher.open(connection, cluster.layout(), notice)) {
      return ClusterDetection.detect(searcher, rules, window, null);
    }
  }

  @Override
  public ActivityCounter.Activity activity(CaseFindings reported) {
    return ActivityCounter.Activity.none();
  }

  @Override
  public long purge(long retentionMs, long now) throws IOException {
    ClusterRetention retention = new ClusterRetention(connection, cluster.layout());
    long cutoff = retention.cutoff(retentionMs);
    ClusterRetention.Purged purged = retention.purge(cutoff);
    var manifest = store.manifest();
    var marked = RetentionPurger.markPurged(manifest, cutoff, now);
    if (!marked.files().equals(manifest.files())) {
      store.commit(marked);
    }
    return purged.events();
  }

  @Override
  public void close() throws IOException {
    store.close();
  }
}
