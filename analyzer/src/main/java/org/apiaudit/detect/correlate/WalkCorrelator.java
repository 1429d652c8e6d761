package org.apiaudit.detect.correlate;

import java.util.Arrays;
import org.apiaudit.detect.memory.GroupSpill;
import org.apiaudit.detect.memory.IntHashSet;
import org.apiaudit.detect.memory.LongHashSet;
import org.apiaudit.detect.scan.EventColumns;
import org.apiaudit.detect.scan.ScanEvent;
import org.apiaudit.rules.CorrelationRule;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;

/**
 * {@code x-apiaudit/walk}: identifier enumeration on pseudonymised data. Identifiers that differ
 * only in their last three digits share a {@code subject.block} pseudonym; {@code subject.offset}
 * is those digits. A walk shows as many distinct offsets in one block with small gaps. The
 * measure is the longest run of distinct offsets in one block whose neighbours are at most
 * {@code max-gap} (default 3) apart; a family's few random ids give runs of 1.
 *
 * <p>State per group: the distinct (block, offset) pairs packed in longs, and the blocks touched,
 * at most {@code max-blocks} (default 100,000). Most blocks hold one or two offsets, so a set
 * of pairs is far smaller than a bit set per block; runs are found once, at the end, by sorting.
 */
final class WalkCorrelator extends WholeWindowCorrelator<WalkCorrelator.State> {
  static final class State extends GroupSpan {
    final IntHashSet blocks = new IntHashSet();
    /** block ordinal << 10 | offset. */
    final LongHashSet pairs = new LongHashSet();
  }

  private final int blockSlot;
  private final int offsetSlot;
  private final int maxGap;
  private final int maxBlocks;

  WalkCorrelator(CorrelationRule rule, int[] ruleIndices, EventColumns columns) {
    super(rule, ruleIndices, rule.groupBy(), rule.threshold(), columns, State::new);
    this.blockSlot = columns.slot(Field.SUBJECT_BLOCK);
    this.offsetSlot = columns.slot(Field.SUBJECT_OFFSET);
    this.maxGap = (int) rule.param("max-gap");
    this.maxBlocks = (int) rule.param("max-blocks");
  }

  @Override
  void update(long key, State s, ScanEvent e) {
    int block = e.ord(blockSlot);
    long offset = e.number(offsetSlot);
    if (block < 0 || offset == Event.NO_VALUE || offset < 0 || offset > 999) {
      return;
    }
    s.see(e.timestamp);
    if (!s.blocks.contains(block)) {
      if (s.blocks.size() >= maxBlocks) {
        return;
      }
      s.blocks.add(block);
    }
    s.pairs.add(pack(block, (int) offset));
  }

  static long pack(int block, int offset) {
    return (long) block << 10 | offset;
  }

  @Override
  void conclude(long key, State s) {
    int best = longestRun(s.pairs.toArray(), maxGap);
    if (best > 0) {
      measure(key, best, s.first, s.last);
    }
  }

  @Override
  public void write(State s, GroupSpill.Out out) {
    super.write(s, out);
    s.blocks.write(out);
    s.pairs.write(out);
  }

  @Override
  public State read(GroupSpill.In in) {
    State s = readSpan(new State(), in);
    s.blocks.read(in);
    s.pairs.read(in);
    return s;
  }

  /**
   * Longest chain of offsets in one block whose successive members are at most {@code maxGap}
   * apart, over distinct {@link #pack packed} (block, offset) pairs (sorted here).
   */
  static int longestRun(long[] pairs, int maxGap) {
    Arrays.sort(pairs);
    int best = 0;
    int run = 0;
    long prev = -1;
    for (long p : pairs) {
      boolean sameBlock = prev >= 0 && (p >>> 10) == (prev >>> 10);
      run = sameBlock && (p & 1023) - (prev & 1023) <= maxGap ? run + 1 : 1;
      best = Math.max(best, run);
      prev = p;
    }
    return best;
  }
}
