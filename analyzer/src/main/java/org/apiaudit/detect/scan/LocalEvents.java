package org.apiaudit.detect.scan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apiaudit.schema.Field;

/** The embedded engine's events: one index that holds them all, read as it is. */
public final class LocalEvents implements EventSource {
  private final IndexReader reader;
  private final IndexSearcher searcher;

  /** The events of {@code reader}, which the caller keeps owning. */
  public LocalEvents(IndexReader reader) {
    this.reader = reader;
    this.searcher = new IndexSearcher(reader);
    this.searcher.setQueryCache(null);
  }

  @Override
  public IndexReader readerWith(Query query) {
    return reader;
  }

  @Override
  public long count(Query query) {
    try {
      return searcher.count(query);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first match of each segment only: segments are sorted by time. */
  @Override
  public long firstSeen(Query query) {
    long first = Long.MAX_VALUE;
    try {
      Weight w = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
      for (LeafReaderContext ctx : reader.leaves()) {
        Scorer s = w.scorer(ctx);
        if (s == null) {
          continue;
        }
        int doc = s.iterator().nextDoc();
        NumericDocValues time = DocValues.getNumeric(ctx.reader(), Field.TIMESTAMP.fieldName());
        if (doc != DocIdSetIterator.NO_MORE_DOCS && time.advanceExact(doc)) {
          first = Math.min(first, time.longValue());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return first;
  }

  /** The scan reads every event here, and measures coverage on the way. */
  @Override
  public Optional<CoverageFigures> coverage(TimeWindow window) {
    return Optional.empty();
  }
}
