package org.apiaudit.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.FilterLeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.OrdinalMap;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.LongValues;
import org.apiaudit.schema.Field;

/**
 * Counts of one keyword or IP field's values over the hits of a query, kept per index-wide
 * ordinal, and the first {@code n} of them most frequent first, then by value.
 *
 * <p>Nearly-unique values (a million addresses, each seen once) made the string-keyed count
 * cost a string and a map entry per value per segment; here a segment's counts go into an int
 * per value of the whole index ({@link OrdinalMap}: a merge of the segments' sorted values, no
 * string), and only the values printed, and the few that could tie with them, become strings.
 *
 * <p>Ordinals follow the UTF-8 bytes, which sort as code points; ties are broken by
 * {@link String#compareTo}, which sorts UTF-16 units, and the two orders differ only where a
 * character above U+FFFF meets one in U+E000..U+FFFF. So among values tied at the cut, the
 * first in ordinal order are the first as strings, except that any value with a character
 * above U+FFFF (noticed while the ordinals are merged) may come before them: those join the
 * candidates, and the candidates are ordered as strings.
 */
final class TopValues {
  private final Field field;
  private final List<LeafReaderContext> leaves;
  private final OrdinalMap ordinals;
  /** Global ordinals of values with a character above U+FFFF (a 4-byte UTF-8 sequence). */
  private final List<Long> supplementary = new ArrayList<>();
  private final int[] counts;

  TopValues(List<LeafReaderContext> leaves, Field field) {
    this.field = field;
    this.leaves = leaves;
    try {
      TermsEnum[] terms = new TermsEnum[leaves.size()];
      long[] weights = new long[leaves.size()];
      List<List<Long>> supplementaryPerLeaf = new ArrayList<>();
      for (int i = 0; i < terms.length; i++) {
        SortedDocValues values = values(i);
        List<Long> found = new ArrayList<>();
        supplementaryPerLeaf.add(found);
        terms[i] = new NoticingSupplementary(values.termsEnum(), found);
        weights[i] = values.getValueCount();
      }
      ordinals = OrdinalMap.build(null, terms, weights, org.apache.lucene.util.packed.PackedInts.DEFAULT);
      for (int i = 0; i < terms.length; i++) {
        LongValues toGlobal = ordinals.getGlobalOrds(i);
        for (long segmentOrd : supplementaryPerLeaf.get(i)) {
          supplementary.add(toGlobal.get(segmentOrd));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    counts = new int[Math.toIntExact(ordinals.getValueCount())];
  }

  /** Adds a segment's per-ordinal counts. */
  void add(int leaf, int[] perSegmentOrd) {
    LongValues toGlobal = ordinals.getGlobalOrds(leaf);
    for (int ord = 0; ord < perSegmentOrd.length; ord++) {
      if (perSegmentOrd[ord] > 0) {
        counts[(int) toGlobal.get(ord)] += perSegmentOrd[ord];
      }
    }
  }

  /** The first {@code n} values by count, then value: {@link EventSearcher#top}'s order. */
  List<Map.Entry<String, Long>> top(int n) {
    int present = 0;
    for (int c : counts) {
      if (c > 0) {
        present++;
      }
    }
    Set<Integer> candidates = new HashSet<>();
    if (n >= present) {
      for (int ord = 0; ord < counts.length; ord++) {
        if (counts[ord] > 0) {
          candidates.add(ord);
        }
      }
    } else if (n > 0) {
      // The first n by count, then ordinal; the worst of them (heap top) sets the cut.
      PriorityQueue<Integer> worstFirst = new PriorityQueue<>(n + 1, (a, b) -> counts[a] != counts[b]
          ? Integer.compare(counts[a], counts[b]) : Integer.compare(b, a));
      for (int ord = 0; ord < counts.length; ord++) {
        if (counts[ord] == 0) {
          continue;
        }
        if (worstFirst.size() < n) {
          worstFirst.add(ord);
        } else if (counts[ord] > counts[worstFirst.peek()]) {
          worstFirst.poll();
          worstFirst.add(ord);
        }
      }
      candidates.addAll(worstFirst);
      int cut = counts[worstFirst.peek()];
      for (long ord : supplementary) {
        if (counts[(int) ord] == cut) {
          candidates.add((int) ord);
        }
      }
    }
    Map<String, Long> byValue = new HashMap<>();
    SortedDocValues[] lookups = new SortedDocValues[leaves.size()];
    for (int ord : candidates) {
      byValue.put(lookup(lookups, ord), (long) counts[ord]);
    }
    return EventSearcher.top(byValue, n);
  }

  /** The value of a global ordinal, read from the first segment that has it ({@code lookups} caches each segment's values). */
  private String lookup(SortedDocValues[] lookups, int globalOrd) {
    try {
      int leaf = ordinals.getFirstSegmentNumber(globalOrd);
      if (lookups[leaf] == null) {
        lookups[leaf] = values(leaf);
      }
      return lookups[leaf].lookupOrd((int) ordinals.getFirstSegmentOrd(globalOrd)).utf8ToString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private SortedDocValues values(int leaf) throws IOException {
    return DocValues.getSorted(leaves.get(leaf).reader(), field.fieldName());
  }

  /** A segment's sorted values as the merge reads them, noting those with a 4-byte UTF-8 character. */
  private static final class NoticingSupplementary extends FilterLeafReader.FilterTermsEnum {
    private final List<Long> found;

    NoticingSupplementary(TermsEnum in, List<Long> found) {
      super(in);
      this.found = found;
    }

    @Override
    public BytesRef next() throws IOException {
      BytesRef term = in.next();
      if (term != null) {
        for (int i = term.offset, end = term.offset + term.length; i < end; i++) {
          if ((term.bytes[i] & 0xf8) == 0xf0) {
            found.add(in.ord());
            break;
          }
        }
      }
      return term;
    }
  }
}
