package org.apiaudit.detect.scan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.LongValues;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;

/**
 * Streams every event of the analysed window in log-time order, once, with the set of detection
 * rules each one matched.
 *
 * <p>Each segment is already sorted by time (the index sort), so one cursor per segment walks
 * its documents in order and a priority queue merges the cursors: a k-way merge. A segment is
 * opened only when the merge reaches its first event and dropped when exhausted, so memory
 * follows the segments overlapping in time, not the number of events. Per document, each
 * rule's iterator is advanced to it (rule queries are evaluated by Lucene, all rules in this one
 * pass) and the needed doc-value columns are read: all of them for an event some rule matched,
 * only the few that every event needs (coverage's) for the others, which are about half.
 */
public final class EventScanner {
  private final IndexSearcher searcher;
  private final Query window;
  private final List<Query> rules;
  private final EventColumns columns;
  private final int[] everyEventSlots;

  /**
   * @param forEveryEvent the keyword columns read for events no rule matched (those of the
   *     consumers without a rule mask); their other columns are left absent
   */
  public EventScanner(IndexReader reader, Query window, List<Query> rules, EventColumns columns, List<Field> forEveryEvent) {
    this.searcher = new IndexSearcher(reader);
    this.searcher.setQueryCache(null);
    this.window = window;
    this.rules = rules;
    this.columns = columns;
    this.everyEventSlots = forEveryEvent.stream().mapToInt(columns::slot).filter(s -> s >= 0).toArray();
  }

  /** Feeds every event in the window, in time order, to {@code sink}. */
  public void scan(Consumer<ScanEvent> sink) {
    try {
      Weight windowWeight = weight(window);
      Weight[] ruleWeights = new Weight[rules.size()];
      for (int i = 0; i < ruleWeights.length; i++) {
        ruleWeights[i] = weight(rules.get(i));
      }
      SegmentOpener opener = new SegmentOpener(searcher.getIndexReader().leaves(), windowWeight, ruleWeights);
      PriorityQueue<Cursor> queue = new PriorityQueue<>((a, b) ->
          a.timestamp != b.timestamp ? Long.compare(a.timestamp, b.timestamp) : Integer.compare(a.leaf, b.leaf));
      ScanEvent event = new ScanEvent(rules.size(), columns.keywordFields().size(), columns.numericFields().size());
      while (true) {
        // A segment not opened yet starts after the next event, or it is opened now.
        while (opener.hasNext() && (queue.isEmpty() || opener.nextStart() <= queue.peek().timestamp)) {
          Cursor c = opener.next();
          if (c.advance()) {
            queue.add(c);
          }
        }
        if (queue.isEmpty()) {
          return;
        }
        Cursor c = queue.poll();
        c.fill(event);
        sink.accept(event);
        if (c.advance()) {
          queue.add(c);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Opens segments in the order of their first event, one or two ahead of need, in the background.
   * Opening a segment evaluates the rule queries' term matching on it (regular expressions walk
   * the terms dictionary) and may hold a bit set per rule; opening each only when the merge
   * reaches its time, and dropping it when it is exhausted, keeps the segments of about one
   * stretch of time in memory instead of the whole index's.
   */
  private final class SegmentOpener {
    private static final int AHEAD = 2;
    private final List<LeafReaderContext> leaves;
    private final long[] starts;
    private final Weight windowWeight;
    private final Weight[] ruleWeights;
    private final List<CompletableFuture<Cursor>> opening = new ArrayList<>();
    private int next;

    SegmentOpener(List<LeafReaderContext> all, Weight windowWeight, Weight[] ruleWeights) throws IOException {
      this.windowWeight = windowWeight;
      this.ruleWeights = ruleWeights;
      long[] first = new long[all.size()];
      for (LeafReaderContext leaf : all) {
        NumericDocValues time = DocValues.getNumeric(leaf.reader(), Field.TIMESTAMP.fieldName());
        first[leaf.ord] = leaf.reader().maxDoc() > 0 && time.advanceExact(0) ? time.longValue() : Long.MIN_VALUE;
      }
      leaves = all.stream().sorted(Comparator.comparingLong((LeafReaderContext l) -> first[l.ord])
          .thenComparingInt(l -> l.ord)).toList();
      starts = leaves.stream().mapToLong(l -> first[l.ord]).toArray();
      for (int i = 0; i < Math.min(AHEAD, leaves.size()); i++) {
        opening.add(open(leaves.get(i)));
      }
    }

    boolean hasNext() {
      return next < leaves.size();
    }

    /** The earliest time of the next segment (its first document; the index is sorted by time). */
    long nextStart() {
      return starts[next];
    }

    Cursor next() throws IOException {
      Cursor c = join(opening.remove(0));
      next++;
      int ahead = next + opening.size();
      if (ahead < leaves.size()) {
        opening.add(open(leaves.get(ahead)));
      }
      return c;
    }

    private CompletableFuture<Cursor> open(LeafReaderContext leaf) {
      return CompletableFuture.supplyAsync(() -> {
        try {
          return new Cursor(leaf, windowWeight, ruleWeights);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }

    private Cursor join(CompletableFuture<Cursor> f) throws IOException {
      try {
        return f.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof UncheckedIOException u) {
          throw u.getCause();
        }
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw e;
      }
    }
  }

  private Weight weight(Query q) throws IOException {
    return searcher.createWeight(searcher.rewrite(q), ScoreMode.COMPLETE_NO_SCORES, 1f);
  }

  /** One segment's position: its current document and that document's time. */
  private final class Cursor {
    final int leaf;
    final DocIdSetIterator docs;
    final DocIdSetIterator[] ruleDocs;
    /** Each rule iterator's current document, so that most rules cost an int compare per event. */
    final int[] ruleDoc;
    final NumericDocValues time;
    final SortedDocValues[] keywords;
    final LongValues[] toGlobal;
    final NumericDocValues[] numbers;
    int doc = -1;
    long timestamp;

    Cursor(LeafReaderContext ctx, Weight windowWeight, Weight[] ruleWeights) throws IOException {
      leaf = ctx.ord;
      Scorer s = windowWeight.scorer(ctx);
      docs = s == null ? DocIdSetIterator.empty() : s.iterator();
      ruleDocs = new DocIdSetIterator[ruleWeights.length];
      ruleDoc = new int[ruleWeights.length];
      for (int i = 0; i < ruleWeights.length; i++) {
        Scorer rs = ruleWeights[i].scorer(ctx);
        ruleDocs[i] = rs == null ? null : rs.iterator();
        ruleDoc[i] = rs == null ? DocIdSetIterator.NO_MORE_DOCS : -1;
      }
      time = DocValues.getNumeric(ctx.reader(), Field.TIMESTAMP.fieldName());
      List<Field> kw = columns.keywordFields();
      keywords = new SortedDocValues[kw.size()];
      toGlobal = new LongValues[kw.size()];
      for (int i = 0; i < keywords.length; i++) {
        keywords[i] = columns.ordsAt(i).open(leaf);
        toGlobal[i] = columns.ordsAt(i).segmentToGlobalForScan(leaf);
      }
      List<Field> num = columns.numericFields();
      numbers = new NumericDocValues[num.size()];
      for (int i = 0; i < numbers.length; i++) {
        numbers[i] = DocValues.getNumeric(ctx.reader(), num.get(i).fieldName());
      }
    }

    boolean advance() throws IOException {
      doc = docs.nextDoc();
      if (doc == DocIdSetIterator.NO_MORE_DOCS) {
        return false;
      }
      timestamp = time.advanceExact(doc) ? time.longValue() : Long.MIN_VALUE;
      return true;
    }

    void fill(ScanEvent e) throws IOException {
      e.timestamp = timestamp;
      Arrays.fill(e.matched, 0L);
      boolean any = false;
      for (int i = 0; i < ruleDoc.length; i++) {
        if (ruleDoc[i] < doc) {
          ruleDoc[i] = ruleDocs[i].advance(doc);
        }
        if (ruleDoc[i] == doc) {
          e.matched[i >>> 6] |= 1L << i;
          any = true;
        }
      }
      if (!any) {
        Arrays.fill(e.ords, -1);
        Arrays.fill(e.numbers, Event.NO_VALUE);
        for (int i : everyEventSlots) {
          e.ords[i] = ord(i);
        }
        return;
      }
      for (int i = 0; i < keywords.length; i++) {
        e.ords[i] = ord(i);
      }
      for (int i = 0; i < numbers.length; i++) {
        e.numbers[i] = numbers[i].advanceExact(doc) ? numbers[i].longValue() : Event.NO_VALUE;
      }
    }

    private int ord(int slot) throws IOException {
      return keywords[slot].advanceExact(doc) ? (int) toGlobal[slot].get(keywords[slot].ordValue()) : -1;
    }
  }
}
