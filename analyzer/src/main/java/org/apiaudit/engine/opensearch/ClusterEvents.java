package org.apiaudit.engine.opensearch;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apiaudit.detect.scan.CoverageFigures;
import org.apiaudit.detect.scan.EventSource;
import org.apiaudit.detect.scan.TimeWindow;
import org.apiaudit.index.EventDocumentBuilder;
import org.apiaudit.index.EventIndex;
import org.apiaudit.index.ColumnViews;
import org.apiaudit.rules.CompiledQueries;
import org.apiaudit.rules.RuleSet;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;

/**
 * Detection's events on a cluster: a local scratch index that holds only what the steps of one
 * run asked for, read from the cluster query by query, while counts, first-seen times and the
 * window's coverage are answered by the cluster itself.
 *
 * <p>The scan asks first, for the events some rule's selection matches (the rules' compiled
 * queries, translated by {@link QueryDsl} and widened by {@link ClusterPrefilter}, run on the
 * cluster; the engine re-runs them exactly on what it reads); then profiling, attribution,
 * incidents and the leak check ask for their actors' events. Each request is one scroll read in
 * up to {@link #SLICES} parallel slices of whole shards; an event already held is skipped (by file and line,
 * one bit per line), so the scratch index never holds an event twice and grows only by what is
 * new. It is sorted by time as the embedded index is, so the unchanged engine reads it in time
 * order with the same tie-breaks, and findings are those of the embedded engine over the same
 * events. What the detecting machine holds is the rule-selected share of the window plus its
 * flagged actors' events, not the window. Rules whose correlations the cluster can count are
 * read only for the groups its aggregations show may fire ({@link #readerForScan}).
 */
public final class ClusterEvents implements EventSource, Closeable {
  /**
   * Slices each request is read in at most: two keep a small client's cores busy decoding and
   * indexing while the cluster serves both.
   */
  static final int SLICES = 2;

  private final OpenSearchSearcher cluster;
  private final TimeWindow window;
  /** The rules whose scan is narrowed by counts; null to read every selection whole. */
  private final RuleSet rules;
  private final IndexWriter writer;
  private final ThreadLocal<EventDocumentBuilder> builders = ThreadLocal.withInitial(EventDocumentBuilder::new);
  /** Lines held, per log file: one bit per line. */
  private final Map<String, BitSet> held = new HashMap<>();
  /** Requests served already: asking again adds nothing. */
  private final Set<Query> served = new HashSet<>();
  private final List<DirectoryReader> readers = new ArrayList<>();
  private final AtomicLong copied = new AtomicLong();
  private final List<String> aggregated = new ArrayList<>();
  private long scanned;
  private DirectoryReader current;

  /**
   * Events of {@code window} on {@code cluster}, held in a new index at {@code scratch} (an empty
   * folder the caller deletes after {@link #close}).
   */
  public ClusterEvents(OpenSearchSearcher cluster, TimeWindow window, Path scratch) throws IOException {
    this(cluster, window, scratch, null);
  }

  /**
   * As {@link #ClusterEvents(OpenSearchSearcher, TimeWindow, Path)}, with the scan of
   * {@code rules} narrowed by the cluster's counts ({@link #readerForScan}).
   */
  public ClusterEvents(OpenSearchSearcher cluster, TimeWindow window, Path scratch, RuleSet rules) throws IOException {
    this.cluster = cluster;
    this.window = window;
    this.rules = rules;
    this.writer = EventIndex.openWriter(scratch);
    this.current = ColumnViews.wrap(DirectoryReader.open(writer));
    readers.add(current);
  }

  @Override
  public synchronized IndexReader readerWith(Query query) {
    if (query instanceof MatchNoDocsQuery || !served.add(query)) {
      return current;
    }
    Query windowed = new BooleanQuery.Builder().add(ClusterPrefilter.widen(query), Occur.FILTER)
        .add(window.query(), Occur.FILTER).build();
    long before = copied.get();
    cluster.streamEvents(windowed, SLICES, slice -> this::hold);
    if (copied.get() > before) {
      try {
        DirectoryReader next = DirectoryReader.openIfChanged(current, writer);
        if (next != null) {
          readers.add(next);
          current = next;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("reading the scratch index " + EventIndex.path(writer) + " failed", e);
      }
    }
    return current;
  }

  /**
   * The scan's events, with the rules whose correlations the cluster can count narrowed to the
   * groups that may fire (see {@link CorrelationCandidates}), when {@code selections} are the
   * selections of the rules this source was given.
   */
  @Override
  public IndexReader readerForScan(List<Query> selections, TimeWindow w) {
    List<Query> requests = selections;
    if (rules != null && areSelectionsOf(rules, selections)) {
      CorrelationCandidates candidates = new CorrelationCandidates(cluster, window);
      requests = candidates.requests(rules, selections);
      aggregated.addAll(candidates.notes());
    }
    IndexReader reader = readerWithAny(requests, w);
    scanned = copied.get();
    return reader;
  }

  /** Whether {@code selections} are the compiled queries of {@code rules}' detection rules, in order (the same objects: compiled once). */
  private static boolean areSelectionsOf(RuleSet rules, List<Query> selections) {
    if (selections.size() != rules.detections().size()) {
      return false;
    }
    for (int i = 0; i < selections.size(); i++) {
      if (selections.get(i) != CompiledQueries.of(rules.detections().get(i))) {
        return false;
      }
    }
    return true;
  }

  /** Events read for the scan (the rules' selections, narrowed), before the later steps asked for theirs. */
  public long scanned() {
    return scanned;
  }

  /** One line per correlation the scan was narrowed by: its candidate groups of all it has. */
  public List<String> aggregated() {
    return List.copyOf(aggregated);
  }

  /** Adds an event unless its line is held already (several requests can match one event). */
  private void hold(Event event) {
    String file = event.get(Field.LOG_FILE);
    int line = Math.toIntExact(event.getLong(Field.LOG_LINE));
    synchronized (held) {
      BitSet lines = held.computeIfAbsent(file, f -> new BitSet());
      if (lines.get(line)) {
        return;
      }
      lines.set(line);
    }
    try {
      writer.addDocument(builders.get().reuse(event));
    } catch (IOException e) {
      throw new UncheckedIOException("writing the scratch index " + EventIndex.path(writer) + " failed", e);
    }
    copied.incrementAndGet();
  }

  /** Events read from the cluster into the scratch index so far. */
  public long copied() {
    return copied.get();
  }

  @Override
  public long count(Query query) {
    return cluster.count(query);
  }

  @Override
  public long firstSeen(Query query) {
    return cluster.firstSeen(query);
  }

  @Override
  public Optional<CoverageFigures> coverage(TimeWindow w) {
    return Optional.of(ClusterCoverage.measure(cluster, w));
  }

  @Override
  public void close() throws IOException {
    for (DirectoryReader r : readers) {
      r.close();
    }
    writer.rollback();
  }
}
