package org.apiaudit.detect.scan;

import java.util.List;
import java.util.Optional;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;

/**
 * Where detection reads events. The embedded engine has them all in one index; a cluster has
 * more than one machine can hold, so its source keeps a local index of only the events the
 * steps of a run ask for ({@link #readerWith}), and answers counts over everything itself.
 *
 * <p>Every step asks before it reads: the scan for the events some rule selects, profiling for
 * its actors' events, attribution for its seeds' and candidates' events, incidents for their
 * parts' and the leak check for its subjects'. Readers only grow: one handed out later holds
 * every event an earlier one held. A step reads the returned reader only through
 * queries covered by what it asked for, so it sees exactly the events the whole index would show it.
 */
public interface EventSource {
  /** Queries asked for at once by {@link #readerWithAny}: half of Lucene's default clause limit. */
  int CHUNK = 512;

  /**
   * A reader holding at least every event of the analysed window that {@code query} matches
   * (maybe others too); readers handed out stay open until the source is closed.
   */
  IndexReader readerWith(Query query);

  /**
   * {@link #readerWith} every window event any of {@code queries} matches, asked for in chunks
   * so that no query exceeds Lucene's clause limit (thousands of actors are thousands of clauses).
   */
  default IndexReader readerWithAny(List<Query> queries, TimeWindow window) {
    IndexReader reader = readerWith(new MatchNoDocsQuery());
    for (int from = 0; from < queries.size(); from += CHUNK) {
      BooleanQuery.Builder any = new BooleanQuery.Builder();
      queries.subList(from, Math.min(queries.size(), from + CHUNK)).forEach(q -> any.add(q, Occur.SHOULD));
      reader = readerWith(new BooleanQuery.Builder().add(any.build(), Occur.FILTER).add(window.query(), Occur.FILTER)
          .build());
    }
    return reader;
  }

  /**
   * The reader the scan runs on: every window event some rule could report. By default every
   * event of {@code selections} (one per detection rule, in order); a source that can tell from
   * counts that a correlation's group cannot reach its threshold may leave that group's events
   * out, since the scan would not report it anyway.
   */
  default IndexReader readerForScan(List<Query> selections, TimeWindow window) {
    return readerWithAny(selections, window);
  }

  /** How many events, in the whole store (not only the window), {@code query} matches. */
  long count(Query query);

  /** The earliest time, in the whole store, of an event {@code query} matches; Long.MAX_VALUE if none. */
  long firstSeen(Query query);

  /**
   * The window's coverage as the store measures it, when the scan sees only the events rules
   * select; empty when the scan reads every event of the window and measures coverage on the way.
   */
  Optional<CoverageFigures> coverage(TimeWindow window);
}
