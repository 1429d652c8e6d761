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
 * Counts of one keyword or IP field's values over the hits of a query, and the first {@code n}
 * of them most frequent first, then by value.
 *
 * <p>Each segment counts per segment ordinal. Adding segments up by value made a string and a
 * map entry of every value seen in every segment: on nearly-unique values (a million addresses,
 * each seen once) a million strings for a top ten. When the hits saw a good share of the
 * field's values, the segments' counts are added per index-wide ordinal instead
 * ({@link OrdinalMap}: a merge of the segments' sorted values, no string), and only the values
 * printed, and the few that could tie with them, become strings. When they saw few (a narrow
 * query on a large index), merging every value of the index would cost more than the strings,
 * so those few are added up by string.
 *
 * <p>Ordinals follow the UTF-8 bytes, which sort as code points; ties are broken by
 * {@link String#compareTo}, which sorts UTF-16 units, and the two orders differ only where a
 * character above U+FFFF meets one in U+E000..U+FFFF. So among values tied at the cut, the
 * first in ordinal order are the first as strings, except that any value with a character
 * above U+FFFF (noticed while the ordinals are merged) may come before them: those join the
 * candidates, and the candidates are ordered as strings.
 */
final class TopValues {
  /**
   * Ordinals are merged when the hits saw at least one value in this many of the field's
   * segment values: merging decodes every value once, a string costs a few times that.
   */
  private static final int ORDINALS_WHEN_ONE_IN = 4;

  private final Field field;
  private final List<LeafReaderContext> leaves;
  /** Per segment, the count of each segment ordinal among the hits; null where none were counted. */
  private final int[][] perLeaf;
  private long valuesSeen;
  private OrdinalMap ordinals;
  /** Global ordinals of values with a character above U+FFFF (a 4-byte UTF-8 sequence). */
  private final List<Long> supplementary = new ArrayList<>();
  private int[] counts;

  TopValues(List<LeafReaderContext> leaves, Field field) {
    this.field = field;
    this.leaves = leaves;
    this.perLeaf = new int[leaves.size()][];
  }

  /** Takes a segment's per-ordinal counts (kept, not copied). */
  void add(int leaf, int[] perSegmentOrd) {
    perLeaf[leaf] = perSegmentOrd;
    for (int c : perSegmentOrd) {
      if (c > 0) {
        valuesSeen++;
      }
    }
  }

  /** The first {@code n} values by count, then value: {@link EventSearcher#top}'s order. */
  List<Map.Entry<String, Long>> top(int n) {
    if (valuesSeen == 0) {
      return EventSearcher.top(Map.of(), n);
    }
    long values = 0;
    try {
      for (int i = 0; i < leaves.size(); i++) {
        values += values(i).getValueCount();
      }
      return valuesSeen * ORDINALS_WHEN_ONE_IN < values ? byString(n) : byOrdinal(n);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<Map.Entry<String, Long>> byString(int n) throws IOException {
    Map<String, Long> byValue = new HashMap<>();
    for (int leaf = 0; leaf < perLeaf.length; leaf++) {
      int[] c = perLeaf[leaf];
      if (c == null) {
        continue;
      }
      SortedDocValues values = values(leaf);
      for (int ord = 0; ord < c.length; ord++) {
        if (c[ord] > 0) {
          byValue.merge(values.lookupOrd(ord).utf8ToString(), (long) c[ord], Long::sum);
        }
      }
    }
    return EventSearcher.top(byValue, n);
  }

  /** Merges the segments' values into index-wide ordinals and adds the counts up on them. */
  private void countByOrdinal() throws IOException {
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
    counts = new int[Math.toIntExact(ordinals.getValueCount())];
    for (int leaf = 0; leaf < terms.length; leaf++) {
      LongValues toGlobal = ordinals.getGlobalOrds(leaf);
      for (long segmentOrd : supplementaryPerLeaf.get(leaf)) {
        supplementary.add(toGlobal.get(segmentOrd));
      }
      int[] c = perLeaf[leaf];
      if (c == null) {
        continue;
      }
      for (int ord = 0; ord < c.length; ord++) {
        if (c[ord] > 0) {
          counts[(int) toGlobal.get(ord)] += c[ord];
        }
      }
    }
  }

  private List<Map.Entry<String, Long>> byOrdinal(int n) throws IOException {
    countByOrdinal();
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
