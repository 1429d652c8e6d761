package org.apiaudit.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.OrdinalMap;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefBuilder;
import org.apache.lucene.util.LongValues;
import org.apache.lucene.util.packed.PackedInts;
import org.apiaudit.schema.Field;

/**
 * Values of one field ranked by how many distinct values of another occur with them among the
 * hits of a query: the fan-out behind scraping ({@code ip} by distinct {@code subject}), which
 * responders otherwise compute with {@code awk | sort -u | uniq -c}.
 *
 * <p>Exact, most first, ties by value (UTF-8 byte order). Global ordinals for both fields
 * ({@link OrdinalMap}) and a sort of every (group, value) pair cost most of the time when values
 * are nearly unique (a million addresses, each with its own subject), and almost none of that
 * work can change the answer. So the count is bounded first and made exact only where it can:
 * <ol>
 *   <li>Each segment, in parallel, counts per group its pairs (segment ordinals, packed in a long
 *       and kept; a value repeated since the group's previous event is dropped, as sessions
 *       reread their own records). A group's pair count bounds its distinct count from above,
 *       and equals it when it is 0 or 1.
 *   <li>The segments' group terms are merged in value order (no ordinal map is built): a group
 *       with one pair has exactly one distinct value, and only the first {@code n} of those can
 *       make the list, as ties go to the smaller value. Groups with more pairs are candidates.
 *   <li>Candidates, largest bound first, are counted exactly in growing batches, until the next
 *       bound cannot beat the {@code n}-th count. A candidate seen in one segment is counted with
 *       that segment's ordinals; only one seen in several needs the distinct field's global
 *       ordinals, built once and only then.
 * </ol>
 * With unique addresses no group is a candidate: one pass over the docs and one merge of the
 * address terms. With repeating addresses the bounds leave a few hundred groups to count.
 * Memory is at most 8 bytes per matching event, plus per-segment counts.
 */
final class TopByDistinct {
  /** Candidates counted in the first batch; later batches grow fourfold. */
  static final int FIRST_BATCH = 64;
  /** Better first: more distinct values, then the smaller value. */
  private static final Comparator<Ranked> BETTER_FIRST = (a, b) -> a.count != b.count
      ? Long.compare(b.count, a.count) : a.term.compareTo(b.term);

  private final List<LeafReaderContext> leaves;
  private final Field field;
  private final Field distinct;
  private OrdinalMap valueOrds;

  TopByDistinct(List<LeafReaderContext> leaves, Field field, Field distinct) {
    this.leaves = leaves;
    this.field = field;
    this.distinct = distinct;
  }

  /** The {@code n} values of the field with the most distinct values, most first (ties by value). */
  List<Map.Entry<String, Long>> top(Weight weight, int n) {
    if (n <= 0) {
      return List.of();
    }
    List<SegmentPairs> segments = leaves.parallelStream().map(leaf -> pairs(weight, leaf))
        .filter(p -> p.size > 0).toList();
    List<Candidate> candidates = new ArrayList<>();
    PriorityQueue<Ranked> best = new PriorityQueue<>(BETTER_FIRST.reversed());
    mergeGroups(segments, n, best, candidates);
    candidates.sort(Comparator.comparingLong((Candidate c) -> c.bound).reversed()); // stable: value order kept
    int at = 0;
    for (int batch = FIRST_BATCH; at < candidates.size() && canEnter(candidates.get(at), best, n); batch *= 4) {
      int end = candidates.size() - at <= 2L * batch ? candidates.size() : at + batch;
      List<Candidate> counted = candidates.subList(at, end);
      long[] exact = exactCounts(segments, counted);
      for (int i = 0; i < exact.length; i++) {
        offer(best, new Ranked(counted.get(i).term, exact[i]), n);
      }
      at = end;
    }
    List<Ranked> ranked = new ArrayList<>(best);
    ranked.sort(BETTER_FIRST);
    return ranked.stream().map(r -> Map.entry(r.term.utf8ToString(), r.count)).toList();
  }

  /** Whether a candidate with this bound could still enter a list whose worst is {@code best}'s head. */
  private static boolean canEnter(Candidate c, PriorityQueue<Ranked> best, int n) {
    if (best.size() < n) {
      return true;
    }
    Ranked worst = best.peek();
    return c.bound > worst.count || c.bound == worst.count && c.term.compareTo(worst.term) < 0;
  }

  private static void offer(PriorityQueue<Ranked> best, Ranked r, int n) {
    if (best.size() < n) {
      best.add(r);
    } else if (BETTER_FIRST.compare(r, best.peek()) < 0) {
      best.poll();
      best.add(r);
    }
  }

  /** Phase 1: one segment's (group, value) pairs in segment ordinals, and each group's count of them. */
  private SegmentPairs pairs(Weight weight, LeafReaderContext leaf) {
    try {
      Scorer scorer = weight.scorer(leaf);
      if (scorer == null) {
        return new SegmentPairs(leaf, new int[0], 0);
      }
      DocIdSetIterator docs = EventSearcher.liveOnly(scorer.iterator(), leaf.reader().getLiveDocs());
      SortedDocValues g = DocValues.getSorted(leaf.reader(), field.fieldName());
      SortedDocValues v = DocValues.getSorted(leaf.reader(), distinct.fieldName());
      SegmentPairs out = new SegmentPairs(leaf, new int[g.getValueCount()],
          (int) Math.min(docs.cost(), leaf.reader().maxDoc()));
      int[] lastValue = new int[g.getValueCount()];
      Arrays.fill(lastValue, -1);
      for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
        if (g.advanceExact(doc) && v.advanceExact(doc)) {
          int group = g.ordValue();
          int value = v.ordValue();
          if (lastValue[group] != value) {
            lastValue[group] = value;
            out.add(group, value);
          }
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Phase 2: walks the group terms of all segments in value order, adding up each group's pair
   * counts. Groups with one pair go to {@code best} (only the first {@code n} can stay), groups
   * with more become candidates, in value order.
   */
  private void mergeGroups(List<SegmentPairs> segments, int n, PriorityQueue<Ranked> best, List<Candidate> candidates) {
    try {
      org.apache.lucene.util.PriorityQueue<GroupCursor> queue =
          new org.apache.lucene.util.PriorityQueue<>(Math.max(1, segments.size())) {
            @Override
            protected boolean lessThan(GroupCursor a, GroupCursor b) {
              return a.term.compareTo(b.term) < 0;
            }
          };
      for (int s = 0; s < segments.size(); s++) {
        GroupCursor c = new GroupCursor(s, DocValues.getSorted(segments.get(s).leaf.reader(), field.fieldName()).termsEnum());
        if (c.next()) {
          queue.add(c);
        }
      }
      Group group = new Group(segments.size());
      int singles = 0;
      while (queue.size() > 0) {
        GroupCursor top = queue.top();
        if (group.segmentCount > 0 && !top.term.bytesEquals(group.term.get())) {
          singles += group.rank(segments, n - singles, best, candidates);
        }
        if (group.segmentCount == 0) {
          group.term.copyBytes(top.term);
        }
        group.add(top.segment, top.ord);
        if (top.next()) {
          queue.updateTop();
        } else {
          queue.pop();
        }
      }
      if (group.segmentCount > 0) {
        group.rank(segments, n - singles, best, candidates);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Phase 3: the exact distinct count of each candidate, from the kept pairs: segment value
   * ordinals for a candidate seen in one segment, global ones for one seen in several.
   */
  private long[] exactCounts(List<SegmentPairs> segments, List<Candidate> counted) {
    int[][] slotOf = new int[segments.size()][];
    boolean anySpans = false;
    for (int i = 0; i < counted.size(); i++) {
      Candidate c = counted.get(i);
      anySpans |= c.segments.length > 1;
      for (int j = 0; j < c.segments.length; j++) {
        int s = c.segments[j];
        if (slotOf[s] == null) {
          slotOf[s] = new int[segments.get(s).counts.length];
          Arrays.fill(slotOf[s], -1);
        }
        slotOf[s][c.ords[j]] = i;
      }
    }
    OrdinalMap global = anySpans ? valueOrdinals() : null;
    List<long[]> perSegment = java.util.stream.IntStream.range(0, segments.size()).parallel()
        .mapToObj(s -> slotOf[s] == null ? new long[0]
            : segments.get(s).select(slotOf[s], counted, global == null ? null : global.getGlobalOrds(segments.get(s).leaf.ord)))
        .toList();
    long[] all = new long[perSegment.stream().mapToInt(p -> p.length).sum()];
    int at = 0;
    for (long[] p : perSegment) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    Arrays.parallelSort(all);
    long[] exact = new long[counted.size()];
    for (int i = 0; i < all.length; i++) {
      if (i == 0 || all[i] != all[i - 1]) {
        exact[(int) (all[i] >>> 32)]++;
      }
    }
    return exact;
  }

  /** Global ordinals of the distinct field over all segments, built on first need. */
  private OrdinalMap valueOrdinals() {
    if (valueOrds == null) {
      try {
        SortedDocValues[] perLeaf = new SortedDocValues[leaves.size()];
        for (int i = 0; i < perLeaf.length; i++) {
          perLeaf[i] = DocValues.getSorted(leaves.get(i).reader(), distinct.fieldName());
        }
        valueOrds = OrdinalMap.build(null, perLeaf, PackedInts.DEFAULT);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return valueOrds;
  }

  /** A value of the field with its exact distinct count. */
  private record Ranked(BytesRef term, long count) {}

  /**
   * A group with more than one pair: its bound, and the segments (indexes into the segment list)
   * and segment ordinals where it has pairs.
   */
  private record Candidate(BytesRef term, long bound, int[] segments, int[] ords) {}

  /** The group term the merge is on, and the segments and segment ordinals where it occurs. */
  private static final class Group {
    final BytesRefBuilder term = new BytesRefBuilder();
    final int[] segments;
    final int[] ords;
    int segmentCount;

    Group(int maxSegments) {
      segments = new int[maxSegments];
      ords = new int[maxSegments];
    }

    void add(int segment, int ord) {
      segments[segmentCount] = segment;
      ords[segmentCount++] = ord;
    }

    /**
     * Ranks the group and starts the next: with one pair it goes to {@code best} if it is among
     * the first {@code singlesLeft} such (returns 1 then), with more it becomes a candidate
     * knowing only the segments where it has pairs.
     */
    int rank(List<SegmentPairs> all, int singlesLeft, PriorityQueue<Ranked> best, List<Candidate> candidates) {
      long bound = 0;
      int seen = 0;
      for (int i = 0; i < segmentCount; i++) {
        int count = all.get(segments[i]).counts[ords[i]];
        bound += count;
        if (count > 0) {
          segments[seen] = segments[i];
          ords[seen++] = ords[i];
        }
      }
      segmentCount = 0;
      if (bound == 1 && singlesLeft > 0) {
        best.add(new Ranked(term.toBytesRef(), 1));
        return 1;
      }
      if (bound > 1) {
        candidates.add(new Candidate(term.toBytesRef(), bound, Arrays.copyOf(segments, seen), Arrays.copyOf(ords, seen)));
      }
      return 0;
    }
  }

  /** A segment's group terms in order, with the ordinal of the current one. */
  private static final class GroupCursor {
    final int segment;
    final TermsEnum terms;
    BytesRef term;
    int ord = -1;

    GroupCursor(int segment, TermsEnum terms) {
      this.segment = segment;
      this.terms = terms;
    }

    boolean next() throws IOException {
      term = terms.next();
      ord++;
      return term != null;
    }
  }

  /** One segment's pairs, {@code group << 32 | value} in segment ordinals, and the count per group. */
  private static final class SegmentPairs {
    final LeafReaderContext leaf;
    final int[] counts;
    long[] pairs;
    int size;

    /** {@code expected}: the hits' iterator's cost, which for most queries is their number. */
    SegmentPairs(LeafReaderContext leaf, int[] counts, int expected) {
      this.leaf = leaf;
      this.counts = counts;
      this.pairs = new long[Math.max(16, expected)];
    }

    void add(int group, int value) {
      if (size == pairs.length) {
        pairs = Arrays.copyOf(pairs, ArrayUtil.oversize(size + 1, Long.BYTES));
      }
      pairs[size++] = (long) group << 32 | value;
      counts[group]++;
    }

    /**
     * The pairs of the counted candidates as {@code slot << 32 | value}: the value's global
     * ordinal for a candidate seen in several segments, its segment ordinal otherwise.
     */
    long[] select(int[] slotOf, List<Candidate> counted, LongValues globalOrds) {
      long[] out = new long[1024];
      int n = 0;
      for (int i = 0; i < size; i++) {
        int slot = slotOf[(int) (pairs[i] >>> 32)];
        if (slot >= 0) {
          long value = pairs[i] & 0xFFFFFFFFL;
          if (counted.get(slot).segments.length > 1) {
            value = globalOrds.get(value);
          }
          if (n == out.length) {
            out = Arrays.copyOf(out, ArrayUtil.oversize(n + 1, Long.BYTES));
          }
          out[n++] = (long) slot << 32 | value;
        }
      }
      return Arrays.copyOf(out, n);
    }
  }
}
