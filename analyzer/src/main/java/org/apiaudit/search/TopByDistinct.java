package org.apiaudit.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.stream.IntStream;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;
import org.apiaudit.schema.Field;

/**
 * Values of one field ranked by how many distinct values of another occur with them among the
 * hits of a query: the fan-out behind scraping ({@code ip} by distinct {@code subject}), which
 * responders otherwise compute with {@code awk | sort -u | uniq -c}.
 *
 * <p>Exact, most first, ties by value (UTF-8 byte order, the ordinals'). The straightforward way,
 * global ordinals of both fields ({@link org.apache.lucene.index.OrdinalMap}) and a sort of
 * every (group, value) pair, spent most of its time on work that cannot change the answer when
 * values are nearly unique: with a million addresses each seen once, every address has one
 * subject and the list is the first {@code n} addresses. So counts are bounded first and made
 * exact only where the bound leaves a doubt:
 * <ol>
 *   <li>Each segment, in parallel, keeps its pairs in segment ordinals and counts them per group
 *       (a value repeated since the group's previous event is dropped, as sessions reread their
 *       own records). A group's pair count over all segments bounds its distinct count from
 *       above, and equals it when it is 1.
 *   <li>The segments' group terms are merged in value order, instead of building global
 *       ordinals, to add up each group's bound (in two halves in parallel when there are many).
 *       Of the groups with one pair only the first {@code n} can make the list, as ties go to the
 *       smaller value; groups with more are candidates.
 *   <li>Candidates, largest bound first, are counted exactly in growing batches until the next
 *       bound cannot beat the {@code n}-th count (nor tie it with a smaller value). A candidate
 *       seen in one segment is counted in that segment's ordinals; for those seen in several,
 *       only the values they have are numbered across segments, by merging those terms.
 * </ol>
 * On the one-million-event high-cardinality bench index (3 segments, every address, token and
 * subject unique) no group is a candidate: one pass over the docs and one merge of the address
 * terms. On the simulator's 10-million-event index (144,794 addresses, 16 segments) the bounds
 * leave 64 addresses to count, whose 1.08 million pairs hold 0.86 million distinct subjects.
 * Memory is 8 bytes per matching event (sized from the query's cost estimate, at most one per
 * document) plus an int per group and per value ordinal of each segment.
 */
final class TopByDistinct {
  /** Candidates counted in the first batch; later batches grow fourfold. */
  static final int FIRST_BATCH = 64;
  /**
   * Group terms in the largest segment from which their walk is split in two halves run in
   * parallel: below, a thread costs more than it saves.
   */
  static final int MIN_SPLIT_GROUPS = 1 << 15;
  /** Better first: more distinct values, then the smaller value. */
  private static final Comparator<Ranked> BETTER_FIRST = (a, b) -> a.count != b.count
      ? Long.compare(b.count, a.count) : a.term.compareTo(b.term);

  private final List<LeafReaderContext> leaves;
  private final Field field;
  private final Field distinct;
  private final int minSplitGroups;

  TopByDistinct(List<LeafReaderContext> leaves, Field field, Field distinct) {
    this(leaves, field, distinct, MIN_SPLIT_GROUPS);
  }

  /** {@code minSplitGroups}: see {@link #MIN_SPLIT_GROUPS}; tests split small indexes too. */
  TopByDistinct(List<LeafReaderContext> leaves, Field field, Field distinct, int minSplitGroups) {
    this.leaves = leaves;
    this.field = field;
    this.distinct = distinct;
    this.minSplitGroups = minSplitGroups;
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
        return new SegmentPairs(leaf, new int[0], 0, 0);
      }
      DocIdSetIterator docs = EventSearcher.liveOnly(scorer.iterator(), leaf.reader().getLiveDocs());
      SortedDocValues g = DocValues.getSorted(leaf.reader(), field.fieldName());
      SortedDocValues v = DocValues.getSorted(leaf.reader(), distinct.fieldName());
      SegmentPairs out = new SegmentPairs(leaf, new int[g.getValueCount()], v.getValueCount(),
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
   * with more become candidates, in value order. With many groups the walk is split at a middle
   * term into two halves walked in parallel, the lower half's groups coming first.
   */
  private void mergeGroups(List<SegmentPairs> segments, int n, PriorityQueue<Ranked> best, List<Candidate> candidates) {
    BytesRef split = middleGroup(segments);
    List<GroupMerge> parts = split == null ? List.of(new GroupMerge(segments, n, null, null))
        : List.of(new GroupMerge(segments, n, null, split), new GroupMerge(segments, n, split, null));
    parts.parallelStream().forEach(GroupMerge::run);
    int singles = 0;
    for (GroupMerge part : parts) {
      for (BytesRef single : part.singles) {
        if (singles++ < n) {
          best.add(new Ranked(single, 1));
        }
      }
      candidates.addAll(part.candidates);
    }
  }

  /** The middle group term of the segment with the most, or null when too few to split the walk. */
  private BytesRef middleGroup(List<SegmentPairs> segments) {
    SegmentPairs largest = segments.stream().max(Comparator.comparingInt(p -> p.counts.length)).orElse(null);
    if (largest == null || largest.counts.length < minSplitGroups) {
      return null;
    }
    try {
      return BytesRef.deepCopyOf(DocValues.getSorted(largest.leaf.reader(), field.fieldName())
          .lookupOrd(largest.counts.length / 2));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Calls {@code visitor} with the cursors' terms in value order, each with whether it is the
   * last cursor on its term: a k-way merge, which is what an {@link
   * org.apache.lucene.index.OrdinalMap} does before it packs its tables. Telling the last cursor
   * from the heap, rather than comparing with a copy of the previous term, copies only the terms
   * a visitor keeps.
   */
  private static void walk(List<OrdCursor> cursors, MergeVisitor visitor) {
    try {
      TermQueue queue = new TermQueue(cursors.size());
      for (OrdCursor c : cursors) {
        if (c.start()) {
          queue.add(c);
        }
      }
      while (queue.size() > 0) {
        OrdCursor top = queue.top();
        visitor.visit(top, !queue.topTermShared());
        if (top.next()) {
          queue.updateTop();
        } else {
          queue.pop();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Cursors by their current term. */
  private static final class TermQueue extends org.apache.lucene.util.PriorityQueue<OrdCursor> {
    TermQueue(int cursors) {
      super(Math.max(1, cursors));
    }

    @Override
    protected boolean lessThan(OrdCursor a, OrdCursor b) {
      return a.term.compareTo(b.term) < 0;
    }

    /** Whether another cursor is on the top's term: then the smaller of the top's children is. */
    boolean topTermShared() {
      if (size() < 2) {
        return false;
      }
      Object[] heap = getHeapArray();
      OrdCursor next = (OrdCursor) heap[2];
      if (size() > 2 && lessThan((OrdCursor) heap[3], next)) {
        next = (OrdCursor) heap[3];
      }
      return top().term.bytesEquals(next.term);
    }
  }

  /**
   * Phase 3: the exact distinct count of each candidate, from the kept pairs: segment value
   * ordinals for a candidate seen in one segment, for one seen in several ids that number only
   * the values such candidates have, in value order (cheaper than global ordinals of all values).
   */
  private long[] exactCounts(List<SegmentPairs> segments, List<Candidate> counted) {
    int[][] slotOf = new int[segments.size()][];
    boolean[] spans = new boolean[counted.size()];
    for (int i = 0; i < counted.size(); i++) {
      Candidate c = counted.get(i);
      spans[i] = c.segments.length > 1;
      for (int j = 0; j < c.segments.length; j++) {
        int s = c.segments[j];
        if (slotOf[s] == null) {
          slotOf[s] = new int[segments.get(s).counts.length];
          Arrays.fill(slotOf[s], -1);
        }
        slotOf[s][c.ords[j]] = i;
      }
    }
    List<Selection> selected = IntStream.range(0, segments.size()).parallel()
        .mapToObj(s -> segments.get(s).select(slotOf[s], spans)).toList();
    List<OrdCursor> needed = new ArrayList<>();
    for (int s = 0; s < segments.size(); s++) {
      if (selected.get(s).spanningValues != null) {
        needed.add(new OrdCursor(s, segments.get(s).leaf, distinct, selected.get(s).spanningValues, null, null));
      }
    }
    int[][] idOf = new int[segments.size()][];
    int[] id = {0};
    walk(needed, (c, lastOnTerm) -> {
      if (idOf[c.segment] == null) {
        idOf[c.segment] = new int[c.only.length()];
      }
      idOf[c.segment][c.ord] = id[0];
      id[0] += lastOnTerm ? 1 : 0;
    });
    IntStream.range(0, segments.size()).parallel().forEach(s -> selected.get(s).renumber(spans, idOf[s]));
    long[] all = new long[selected.stream().mapToInt(p -> p.size).sum()];
    int at = 0;
    for (Selection p : selected) {
      System.arraycopy(p.pairs, 0, all, at, p.size);
      at += p.size;
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

  /** A value of the field with its exact distinct count. */
  private record Ranked(BytesRef term, long count) {}

  /**
   * A group with more than one pair: its bound, and the segments (indexes into the segment list)
   * and segment ordinals where it has pairs.
   */
  private record Candidate(BytesRef term, long bound, int[] segments, int[] ords) {}

  /**
   * The walk over the group terms in {@code [from, to)} (null: unbounded): the groups with one
   * pair, the first {@code n} of them, and the candidates, each in value order.
   */
  private final class GroupMerge {
    final List<SegmentPairs> all;
    final int n;
    final BytesRef from;
    final BytesRef to;
    final List<BytesRef> singles = new ArrayList<>();
    final List<Candidate> candidates = new ArrayList<>();
    /** The segments and segment ordinals where the group the walk is on occurs. */
    final int[] segments;
    final int[] ords;
    int segmentCount;

    GroupMerge(List<SegmentPairs> all, int n, BytesRef from, BytesRef to) {
      this.all = all;
      this.n = n;
      this.from = from;
      this.to = to;
      segments = new int[all.size()];
      ords = new int[all.size()];
    }

    void run() {
      List<OrdCursor> cursors = new ArrayList<>();
      for (int s = 0; s < all.size(); s++) {
        cursors.add(new OrdCursor(s, all.get(s).leaf, field, null, from, to));
      }
      walk(cursors, (c, lastOnTerm) -> {
        segments[segmentCount] = c.segment;
        ords[segmentCount++] = c.ord;
        if (lastOnTerm) {
          rank(c.term);
        }
      });
    }

    /**
     * Ranks the group the walk is on: with one pair it is kept if among the first {@code n}
     * such, with more it becomes a candidate knowing only the segments where it has pairs.
     */
    private void rank(BytesRef term) {
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
      if (bound == 1 && singles.size() < n) {
        singles.add(BytesRef.deepCopyOf(term));
      } else if (bound > 1) {
        candidates.add(new Candidate(BytesRef.deepCopyOf(term), bound, Arrays.copyOf(segments, seen), Arrays.copyOf(ords, seen)));
      }
    }
  }

  /** Receives a merge's terms in value order; the cursor's term is valid during the call only. */
  @FunctionalInterface
  private interface MergeVisitor {
    void visit(OrdCursor at, boolean lastOnTerm);
  }

  /**
   * A segment's terms of a field in order from {@code from} (inclusive) to {@code to}
   * (exclusive; null: unbounded), all or {@code only} those ordinals, with the current one.
   */
  private static final class OrdCursor {
    final int segment;
    final TermsEnum terms;
    final FixedBitSet only;
    final BytesRef from;
    final BytesRef to;
    BytesRef term;
    int ord = -1;

    OrdCursor(int segment, LeafReaderContext leaf, Field field, FixedBitSet only, BytesRef from, BytesRef to) {
      this.segment = segment;
      this.only = only;
      this.from = from;
      this.to = to;
      try {
        this.terms = DocValues.getSorted(leaf.reader(), field.fieldName()).termsEnum();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Moves to the first term; false if there is none in range. */
    boolean start() throws IOException {
      if (from == null) {
        return next();
      }
      if (terms.seekCeil(from) == TermsEnum.SeekStatus.END) {
        return false;
      }
      ord = (int) terms.ord();
      term = terms.term();
      return only != null && !only.get(ord) ? next() : inRange();
    }

    boolean next() throws IOException {
      if (only == null) {
        term = terms.next();
        ord++;
        return term != null && inRange();
      }
      ord = ord + 1 < only.length() ? only.nextSetBit(ord + 1) : DocIdSetIterator.NO_MORE_DOCS;
      if (ord == DocIdSetIterator.NO_MORE_DOCS) {
        return false;
      }
      terms.seekExact(ord);
      term = terms.term();
      return inRange();
    }

    private boolean inRange() {
      return to == null || term.compareTo(to) < 0;
    }
  }

  /**
   * The pairs of the counted candidates in one segment, {@code slot << 32 | value}, and the
   * values of those seen in several segments, to be numbered across segments.
   */
  private static final class Selection {
    long[] pairs = new long[1024];
    int size;
    FixedBitSet spanningValues;

    void add(int slot, int value, boolean spans, int valueCount) {
      if (size == pairs.length) {
        pairs = Arrays.copyOf(pairs, ArrayUtil.oversize(size + 1, Long.BYTES));
      }
      pairs[size++] = (long) slot << 32 | value;
      if (spans) {
        if (spanningValues == null) {
          spanningValues = new FixedBitSet(valueCount);
        }
        spanningValues.set(value);
      }
    }

    /** Replaces the segment ordinals of spanning candidates' values by their ids across segments. */
    void renumber(boolean[] spans, int[] ids) {
      for (int i = 0; i < size; i++) {
        int slot = (int) (pairs[i] >>> 32);
        if (spans[slot]) {
          pairs[i] = (long) slot << 32 | ids[(int) pairs[i]];
        }
      }
    }
  }

  /** One segment's pairs, {@code group << 32 | value} in segment ordinals, and the count per group. */
  private static final class SegmentPairs {
    final LeafReaderContext leaf;
    final int[] counts;
    final int valueCount;
    long[] pairs;
    int size;

    /** {@code expected}: the hits' iterator's cost, which for most queries is their number. */
    SegmentPairs(LeafReaderContext leaf, int[] counts, int valueCount, int expected) {
      this.leaf = leaf;
      this.counts = counts;
      this.valueCount = valueCount;
      this.pairs = new long[Math.max(16, expected)];
    }

    void add(int group, int value) {
      if (size == pairs.length) {
        pairs = Arrays.copyOf(pairs, ArrayUtil.oversize(size + 1, Long.BYTES));
      }
      pairs[size++] = (long) group << 32 | value;
      counts[group]++;
    }

    /** The pairs of the counted candidates, by their slots ({@code -1}: not counted). */
    Selection select(int[] slotOf, boolean[] spans) {
      Selection out = new Selection();
      if (slotOf == null) {
        return out;
      }
      for (int i = 0; i < size; i++) {
        int slot = slotOf[(int) (pairs[i] >>> 32)];
        if (slot >= 0) {
          out.add(slot, (int) pairs[i], spans[slot], valueCount);
        }
      }
      return out;
    }
  }
}
