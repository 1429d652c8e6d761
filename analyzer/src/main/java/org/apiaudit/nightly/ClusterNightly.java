package org.apiaudit.nightly;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apiaudit.detect.findings.CaseFindings;
import org.apiaudit.detect.scan.TimeWindow;
import org.apiaudit.engine.EventStore;
import org.apiaudit.engine.opensearch.ClusterDetection;
import org.apiaudit.engine.opensearch.ClusterLock;
import org.apiaudit.engine.opensearch.ClusterRetention;
import org.apiaudit.engine.opensearch.OpenSearchConnection;
import org.apiaudit.engine.opensearch.OpenSearchEventStore;
import org.apiaudit.engine.opensearch.OpenSearchSearcher;
import org.apiaudit.index.FieldQueries;
import org.apiaudit.report.ActivityCounter;
import org.apiaudit.rules.RuleSet;
import org.apiaudit.schema.Field;

/**
 * A night on an OpenSearch cluster: events go to the daily indices, the nightly state to the
 * case record in the metadata index (written by {@link OpenSearchEventStore#commit} only after
 * the documents it describes are durable and visible), detection reads through {@link
 * ClusterDetection} as {@code detect --engine opensearch} does, and retention drops whole days
 * ({@link ClusterRetention}). A {@link ClusterLock} keeps a second nightly run off the case, as the
 * embedded index's write lock does.
 */
final class ClusterNightly implements NightlyEngine {
  private final NightlyConfig.Cluster cluster;
  private final OpenSearchConnection connection;
  private final OpenSearchEventStore store;
  private final ClusterLock lock;
  private final Consumer<String> notice;

  /** Connects, and claims the case for this run (exit 5 when another nightly run holds it). */
  ClusterNightly(NightlyConfig.Cluster cluster, Consumer<String> notice) throws IOException {
    this.cluster = cluster;
    this.connection = OpenSearchConnection.of(cluster.url().toString(), cluster.credentials(), System.getenv());
    this.store = OpenSearchEventStore.open(connection, cluster.layout(), cluster.replicas(), null);
    this.lock = ClusterLock.acquire(connection, cluster.layout(), "nightly");
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

  /**
   * The embedded engine's charts, counted by the cluster: one date histogram for the window and
   * one per charted actor.
   */
  @Override
  public ActivityCounter.Activity activity(CaseFindings reported) {
    CaseFindings.Coverage cov = reported.coverage();
    if (cov.events() == 0) {
      return ActivityCounter.Activity.none();
    }
    ActivityCounter.Grid grid = ActivityCounter.Grid.of(cov.from(), cov.to());
    Query window = new TimeWindow(grid.start(), grid.to()).query();
    long offset = -Math.floorMod(grid.start(), grid.bucket());
    List<CaseFindings.ActorFinding> charted = ActivityCounter.charted(reported.actors());
    try (OpenSearchSearcher searcher = OpenSearchSearcher.open(connection, cluster.layout(), notice)) {
      List<Map<Long, Long>> perActor = new ArrayList<>();
      for (CaseFindings.ActorFinding actor : charted) {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        List<Map.Entry<Field, String>> ids = ActivityCounter.identifiers(actor);
        ids.forEach(id -> any.add(FieldQueries.exact(id.getKey(), id.getValue()), Occur.SHOULD));
        perActor.add(ids.isEmpty() ? Map.of() : searcher.histogram(new BooleanQuery.Builder()
            .add(any.build(), Occur.FILTER).add(window, Occur.FILTER).build(), grid.bucket(), offset));
      }
      return ActivityCounter.of(grid, searcher.histogram(window, grid.bucket(), offset), charted, perActor);
    }
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
    try (lock) {
      store.close();
    }
  }
}
