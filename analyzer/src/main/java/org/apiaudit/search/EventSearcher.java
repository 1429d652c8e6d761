package org.apiaudit.search;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apiaudit.index.EventDocumentBuilder;
import org.apiaudit.index.EventIndex;
import org.apiaudit.index.IndexManifest;
import org.apiaudit.index.ColumnViews;
import org.apiaudit.schema.Field;

/**
 * Answers investigators' questions over the index: matching events in time order (streamed,
 * complete), top values of a field over all hits, and counts per time bucket.
 *
 * <p>Everything reads doc values segment by segment; the index is sorted by time within each
 * segment, so time-ordered output is a k-way merge of per-segment streams in constant memory.
 */
public final class EventSearcher implements SearchEngine {
  private final DirectoryReader reader;
  private final IndexSearcher searcher;

  public EventSearcher(DirectoryReader reader) {
    this.reader = ColumnViews.wrap(reader);
    this.searcher = new IndexSearcher(this.reader);
    this.searcher.setQueryCache(null);
  }

  /** Opens the index at {@code dir}. */
  public static EventSearcher open(Path dir) {
    return new EventSearcher(EventIndex.openReader(dir));
  }

  public DirectoryReader reader() {
    return reader;
  }

  public IndexManifest manifest() {
    return EventIndex.manifest(reader);
  }

  /** {@code query} restricted to {@code [from, to]} (epoch ms, either may be null). */
  public static Query withTimeRange(Query query, Long from, Long to) {
    if (from == null && to == null) {
      return query;
    }
    Query range = LongPoint.newRangeQuery(Field.TIMESTAMP.fieldName(),
        from == null ? Long.MIN_VALUE : from, to == null ? Long.MAX_VALUE : to);
    return new BooleanQuery.Builder().add(query, BooleanClause.Occur.FILTER)
        .add(range, BooleanClause.Occur.FILTER).build();
  }

  /** Number of matching events. */
  public long count(Query query) {
    try {
      return searcher.count(query);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Streams matching events to {@code sink} in time order (oldest first), stopping after
   * {@code limit} hits or when {@code sink} returns false.
   *
   * @return the number of hits delivered
   */
  public long stream(Query query, long limit, boolean includeOriginal, Predicate<Hit> sink) {
    try {
      Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
      PriorityQueue<LeafCursor> queue = new PriorityQueue<>((a, b) -> Long.compare(a.timestamp, b.timestamp));
      for (LeafReaderContext leaf : reader.leaves()) {
        LeafCursor c = LeafCursor.open(weight, leaf, includeOriginal);
        if (c != null && c.next()) {
          queue.add(c);
        }
      }
      long delivered = 0;
      while (!queue.isEmpty() && delivered < limit) {
        LeafCursor c = queue.poll();
        delivered++;
        if (!sink.test(c.hit())) {
          break;
        }
        if (c.next()) {
          queue.add(c);
        }
      }
      return delivered;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Counts of each value of {@code field} over all matching events, most frequent first. */
  public List<Map.Entry<String, Long>> topValues(Query query, Field field, int n) {
    return topValuesOfEach(query, List.of(field), n).get(field);
  }

  /**
   * The top {@code n} values of each of {@code fields} over all matching events, most frequent
   * first, in one pass over the hits (a field sidebar asks for ten fields at once).
   */
  public Map<Field, List<Map.Entry<String, Long>>> topValuesOfEach(Query query, List<Field> fields, int n) {
    int k = fields.size();
    List<Map<Long, Long>> numericCounts = new ArrayList<>();
    TopValues[] keywordCounts = new TopValues[k];
    for (int i = 0; i < k; i++) {
      numericCounts.add(new HashMap<>());
      if (!fields.get(i).isNumeric()) {
        keywordCounts[i] = new TopValues(reader.leaves(), fields.get(i));
      }
    }
    forEachMatch(query, (leaf, docs) -> {
      LeafReader r = leaf.reader();
      NumericDocValues[] numeric = new NumericDocValues[k];
      SortedDocValues[] sorted = new SortedDocValues[k];
      int[][] perOrd = new int[k][];
      for (int i = 0; i < k; i++) {
        Field f = fields.get(i);
        if (keywordCounts[i] == null) {
          numeric[i] = DocValues.getNumeric(r, f.fieldName());
        } else {
          sorted[i] = DocValues.getSorted(r, f.fieldName());
          perOrd[i] = new int[sorted[i].getValueCount()];
        }
      }
      for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
        for (int i = 0; i < k; i++) {
          if (numeric[i] != null) {
            if (numeric[i].advanceExact(doc)) {
              numericCounts.get(i).merge(numeric[i].longValue(), 1L, Long::sum);
            }
          } else if (sorted[i].advanceExact(doc)) {
            perOrd[i][sorted[i].ordValue()]++;
          }
        }
      }
      for (int i = 0; i < k; i++) {
        if (keywordCounts[i] != null) {
          keywordCounts[i].add(leaf.ord, perOrd[i]);
        }
      }
    });
    Map<Field, List<Map.Entry<String, Long>>> out = new EnumMap<>(Field.class);
    for (int i = 0; i < k; i++) {
      if (keywordCounts[i] != null) {
        out.put(fields.get(i), keywordCounts[i].top(n));
      } else {
        Map<String, Long> byValue = new HashMap<>();
        numericCounts.get(i).forEach((v, c) -> byValue.put(Long.toString(v), c));
        out.put(fields.get(i), top(byValue, n));
      }
    }
    return out;
  }

  /** Most frequent first, then by value: a total order, as values are distinct. */
  private static final java.util.Comparator<Map.Entry<String, Long>> BY_COUNT =
      (a, b) -> b.getValue() != a.getValue().longValue() ? Long.compare(b.getValue(), a.getValue())
          : a.getKey().compareTo(b.getKey());

  /**
   * The first {@code n} of {@code counts} in {@link #BY_COUNT} order. With nearly-unique values
   * (a million addresses seen once) sorting them all cost most of the time; a heap of
   * {@code n} keeps the same first {@code n}.
   */
  static List<Map.Entry<String, Long>> top(Map<String, Long> counts, int n) {
    if (n >= counts.size()) {
      List<Map.Entry<String, Long>> all = new ArrayList<>(counts.entrySet());
      all.sort(BY_COUNT);
      return all;
    }
    java.util.PriorityQueue<Map.Entry<String, Long>> worstFirst = new java.util.PriorityQueue<>(n + 1, BY_COUNT.reversed());
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      if (worstFirst.size() < n) {
        worstFirst.add(e);
      } else if (n > 0 && BY_COUNT.compare(e, worstFirst.peek()) < 0) {
        worstFirst.poll();
        worstFirst.add(e);
      }
    }
    List<Map.Entry<String, Long>> top = new ArrayList<>(worstFirst);
    top.sort(BY_COUNT);
    return top;
  }

  /**
   * Values of {@code field} ranked by how many distinct values of {@code distinct} occur with
   * them among matching events: the fan-out behind scraping ({@code ip} by distinct
   * {@code subject}). Both fields need sorted doc values (keywords and IPs). See
   * {@link TopByDistinct}.
   */
  public List<Map.Entry<String, Long>> topByDistinct(Query query, Field field, Field distinct, int n) {
    for (Field f : List.of(field, distinct)) {
      if (!f.hasSortedDocValues()) {
        throw new IllegalArgumentException(f + " has no sorted doc values");
      }
    }
    try {
      Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
      return new TopByDistinct(reader.leaves(), field, distinct).top(weight, n);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Matching events per time bucket of {@code intervalMillis}, the buckets shifted by
   * {@code offsetMillis} (a time zone's UTC offset, so that hours and days start at local
   * midnight in Asia/Kolkata's +05:30), keyed by bucket start (epoch ms).
   */
  @Override
  public TreeMap<Long, Long> histogram(Query query, long intervalMillis, long offsetMillis) {
    TreeMap<Long, Long> buckets = new TreeMap<>();
    forEachMatch(query, (leaf, docs) -> {
      NumericDocValues ts = DocValues.getNumeric(leaf.reader(), Field.TIMESTAMP.fieldName());
      long bucket = Long.MIN_VALUE;
      long count = 0;
      for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
        if (!ts.advanceExact(doc)) {
          continue;
        }
        long b = Math.floorDiv(ts.longValue() + offsetMillis, intervalMillis) * intervalMillis - offsetMillis;
        if (b != bucket) {
          if (count > 0) {
            buckets.merge(bucket, count, Long::sum);
          }
          bucket = b;
          count = 0;
        }
        count++;
      }
      if (count > 0) {
        buckets.merge(bucket, count, Long::sum);
      }
    });
    return buckets;
  }

  /** Runs {@code visitor} on each segment with an iterator over its live matching docs. */
  private void forEachMatch(Query query, LeafVisitor visitor) {
    try {
      Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
      for (LeafReaderContext leaf : reader.leaves()) {
        Scorer scorer = weight.scorer(leaf);
        if (scorer == null) {
          continue;
        }
        visitor.visit(leaf, liveOnly(scorer.iterator(), leaf.reader().getLiveDocs()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static DocIdSetIterator liveOnly(DocIdSetIterator it, Bits live) {
    if (live == null) {
      return it;
    }
    return new org.apache.lucene.search.FilteredDocIdSetIterator(it) {
      @Override
      protected boolean match(int doc) {
        return live.get(doc);
      }
    };
  }

  /** A query matching every event. */
  public static Query all() {
    return new MatchAllDocsQuery();
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }

  @FunctionalInterface
  private interface LeafVisitor {
    void visit(LeafReaderContext leaf, DocIdSetIterator docs) throws IOException;
  }

  /** A segment's matching docs in doc-id (= time) order, with the current hit's timestamp. */
  private static final class LeafCursor {
    private static final Field[] FIELDS = Field.values();
    /** What the stored fields add to doc values: the original line and the shown keywords without doc values. */
    private static final Set<String> STORED = java.util.Arrays.stream(FIELDS)
        .filter(f -> f.isStored() && !f.hasDocValues()).map(Field::fieldName)
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
    private final DocIdSetIterator docs;
    private final NumericDocValues ts;
    private final Map<Field, Object> docValues = new EnumMap<>(Field.class);
    private final StoredFields stored;
    private int doc = -1;
    long timestamp;

    private LeafCursor(DocIdSetIterator docs, LeafReader reader, boolean includeOriginal) throws IOException {
      this.docs = docs;
      this.ts = DocValues.getNumeric(reader, Field.TIMESTAMP.fieldName());
      for (Field f : FIELDS) {
        if (!f.hasDocValues()) {
          continue;
        }
        if (f.isNumeric()) {
          docValues.put(f, DocValues.getNumeric(reader, f.fieldName()));
        } else if (ColumnViews.isViewed(f)) {
          // its text without ordinals, which a page of hits does not need
          ColumnViews.TextColumn text = ColumnViews.text(reader, f);
          if (text != null) {
            docValues.put(f, text);
          }
        } else {
          docValues.put(f, DocValues.getSorted(reader, f.fieldName()));
        }
      }
      this.stored = includeOriginal ? reader.storedFields() : null;
    }

    static LeafCursor open(Weight weight, LeafReaderContext leaf, boolean includeOriginal) throws IOException {
      Scorer scorer = weight.scorer(leaf);
      if (scorer == null) {
        return null;
      }
      return new LeafCursor(liveOnly(scorer.iterator(), leaf.reader().getLiveDocs()), leaf.reader(), includeOriginal);
    }

    boolean next() throws IOException {
      doc = docs.nextDoc();
      if (doc == DocIdSetIterator.NO_MORE_DOCS) {
        return false;
      }
      timestamp = ts.advanceExact(doc) ? ts.longValue() : Long.MIN_VALUE;
      return true;
    }

    Hit hit() throws IOException {
      Map<Field, String> values = new EnumMap<>(Field.class);
      for (Map.Entry<Field, Object> e : docValues.entrySet()) {
        Object dv = e.getValue();
        if (dv instanceof NumericDocValues n) {
          if (n.docID() < doc) {
            n.advance(doc);
          }
          if (n.docID() == doc) {
            values.put(e.getKey(), Long.toString(n.longValue()));
          }
        } else if (dv instanceof ColumnViews.TextColumn t) {
          String text = t.at(doc);
          if (text != null) {
            values.put(e.getKey(), text);
          }
        } else {
          SortedDocValues s = (SortedDocValues) dv;
          if (s.docID() < doc) {
            s.advance(doc);
          }
          if (s.docID() == doc) {
            values.put(e.getKey(), s.lookupOrd(s.ordValue()).utf8ToString());
          }
        }
      }
      if (stored != null) {
        org.apache.lucene.document.Document d = stored.document(doc, STORED);
        for (Field f : FIELDS) {
          String v = f.isStored() && !f.hasDocValues() ? EventDocumentBuilder.storedText(d, f) : null;
          if (v != null) {
            values.put(f, v);
          }
        }
      }
      return new Hit(values);
    }
  }
}
