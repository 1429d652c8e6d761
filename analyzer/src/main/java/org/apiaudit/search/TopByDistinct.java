package org.apiaudit.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.OrdinalMap;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.LongValues;
import org.apache.lucene.util.packed.PackedInts;
import org.apiaudit.schema.Field;

/**
 * Values of one field ranked by how many distinct values of another occur with them among the
 * hits of a query: the fan-out behind scraping ({@code ip} by distinct {@code subject}), which
 * responders otherwise compute with {@code awk | sort -u | uniq -c}.
 *
 * <p>Exact. Each (value, distinct value) pair becomes two global ordinals packed in a long;
 * pairs are collected per segment in parallel (a group's value repeated since its previous
 * event is skipped, as sessions reread their own records), sorted once and counted. Memory is
 * at most 8 bytes per matching event.
 */
final class TopByDistinct {
  private final List<LeafReaderContext> leaves;
  private final Field field;
  private final Field distinct;

  TopByDistinct(List<LeafReaderContext> leaves, Field field, Field distinct) {
    this.leaves = leaves;
    this.field = field;
    this.distinct = distinct;
  }

  /** The {@code n} values of the field with the most distinct values, most first (ties by value). */
  List<Map.Entry<String, Long>> top(Weight weight, int n) {
    CompletableFuture<OrdinalMap> valueOrds = CompletableFuture.supplyAsync(() -> ordinalMap(distinct));
    OrdinalMap groups = ordinalMap(field);
    OrdinalMap values = join(valueOrds);
    List<PairBuffer> perLeaf = leaves.parallelStream().map(leaf -> pairs(weight, leaf, groups, values)).toList();
    int total = perLeaf.stream().mapToInt(p -> p.size).sum();
    long[] all = new long[total];
    int at = 0;
    for (PairBuffer p : perLeaf) {
      System.arraycopy(p.values, 0, all, at, p.size);
      at += p.size;
    }
    Arrays.parallelSort(all);
    int[] perGroup = new int[(int) groups.getValueCount()];
    for (int i = 0; i < all.length; i++) {
      if (i == 0 || all[i] != all[i - 1]) {
        perGroup[(int) (all[i] >>> 32)]++;
      }
    }
    return best(perGroup, groups, n);
  }

  private PairBuffer pairs(Weight weight, LeafReaderContext leaf, OrdinalMap groups, OrdinalMap values) {
    PairBuffer out = new PairBuffer();
    try {
      Scorer scorer = weight.scorer(leaf);
      if (scorer == null) {
        return out;
      }
      DocIdSetIterator docs = EventSearcher.liveOnly(scorer.iterator(), leaf.reader().getLiveDocs());
      SortedDocValues g = DocValues.getSorted(leaf.reader(), field.fieldName());
      SortedDocValues v = DocValues.getSorted(leaf.reader(), distinct.fieldName());
      LongValues groupOrds = groups.getGlobalOrds(leaf.ord);
      LongValues valueOrds = values.getGlobalOrds(leaf.ord);
      long[] lastValue = new long[g.getValueCount()];
      Arrays.fill(lastValue, -1);
      for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
        if (g.advanceExact(doc) && v.advanceExact(doc)) {
          int segmentGroup = g.ordValue();
          long value = valueOrds.get(v.ordValue());
          if (lastValue[segmentGroup] != value) {
            lastValue[segmentGroup] = value;
            out.add(groupOrds.get(segmentGroup) << 32 | value);
          }
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<Map.Entry<String, Long>> best(int[] perGroup, OrdinalMap groups, int n) {
    PriorityQueue<int[]> best = new PriorityQueue<>((a, b) -> a[1] != b[1] ? Integer.compare(a[1], b[1])
        : Integer.compare(b[0], a[0]));
    for (int ord = 0; ord < perGroup.length; ord++) {
      if (perGroup[ord] > 0) {
        best.add(new int[] {ord, perGroup[ord]});
        if (best.size() > n) {
          best.poll();
        }
      }
    }
    List<Map.Entry<String, Long>> out = new ArrayList<>();
    try {
      while (!best.isEmpty()) {
        int[] e = best.poll();
        LeafReader first = leaves.get(groups.getFirstSegmentNumber(e[0])).reader();
        String value = DocValues.getSorted(first, field.fieldName())
            .lookupOrd((int) groups.getFirstSegmentOrd(e[0])).utf8ToString();
        out.add(0, Map.entry(value, (long) e[1]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private OrdinalMap ordinalMap(Field f) {
    try {
      SortedDocValues[] perLeaf = new SortedDocValues[leaves.size()];
      for (int i = 0; i < perLeaf.length; i++) {
        perLeaf[i] = DocValues.getSorted(leaves.get(i).reader(), f.fieldName());
      }
      return OrdinalMap.build(null, perLeaf, PackedInts.DEFAULT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static <T> T join(CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  /** A growable array of packed (group, value) global ordinal pairs. */
  private static final class PairBuffer {
    long[] values = new long[1024];
    int size;

    void add(long pair) {
      if (size == values.length) {
        values = Arrays.copyOf(values, ArrayUtil.oversize(size + 1, Long.BYTES));
      }
      values[size++] = pair;
    }
  }
}
