package org.apiaudit.detect;

import java.util.BitSet;
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
 * <p>State per group: one 1000-bit set per block touched (125 bytes), at most
 * {@code max-blocks} blocks (default 100,000).
 */
final class WalkCorrelator extends GroupedCorrelator<WalkCorrelator.State> {
  static final class State extends GroupSpan {
    final LongObjectMap<BitSet> blocks = new LongObjectMap<>();
  }

  private final int blockSlot;
  private final int offsetSlot;
  private final int maxGap;
  private final int maxBlocks;

  WalkCorrelator(CorrelationRule rule, int[] ruleIndices, EventColumns columns) {
    super(rule, ruleIndices, rule.groupBy(), rule.threshold(), columns, State::new);
    this.blockSlot = columns.slot(Field.SUBJECT_BLOCK);
    this.offsetSlot = columns.slot(Field.SUBJECT_OFFSET);
    this.maxGap = (int) rule.param("max-gap", 3);
    this.maxBlocks = (int) rule.param("max-blocks", 100_000);
  }

  @Override
  void update(long key, State s, ScanEvent e) {
    int block = e.ord(blockSlot);
    long offset = e.number(offsetSlot);
    if (block < 0 || offset == Event.NO_VALUE || offset < 0 || offset > 999) {
      return;
    }
    s.see(e.timestamp);
    BitSet bits = s.blocks.get(block);
    if (bits == null) {
      if (s.blocks.size() >= maxBlocks) {
        return;
      }
      bits = new BitSet(1000);
      s.blocks.put(block, bits);
    }
    bits.set((int) offset);
  }

  @Override
  public void finish() {
    forEachGroup((key, s) -> {
      int best = 0;
      for (int i = 0; i < s.blocks.size(); i++) {
        BitSet bits = s.blocks.valueAt(i);
        if (bits.cardinality() > best) { // a run is no longer than the block's offsets
          best = Math.max(best, longestRun(bits, maxGap));
        }
      }
      if (best > 0) {
        measure(key, best, s.first, s.last);
      }
    });
  }

  /** Longest chain of set bits whose successive members are at most {@code maxGap} apart. */
  static int longestRun(BitSet bits, int maxGap) {
    int best = 0;
    int run = 0;
    int prev = -1;
    for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
      run = prev >= 0 && i - prev <= maxGap ? run + 1 : 1;
      best = Math.max(best, run);
      prev = i;
    }
    return best;
  }
}
