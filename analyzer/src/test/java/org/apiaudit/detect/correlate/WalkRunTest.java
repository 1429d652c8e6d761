package org.apiaudit.detect.correlate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.apiaudit.detect.memory.LongHashSet;
import org.junit.jupiter.api.Test;

/** The walk measure over packed (block, offset) pairs equals a scan of one bit set per block. */
class WalkRunTest {
  @Test
  void longestRunMatchesBitSetsPerBlock() {
    Random random = new Random(5);
    for (int round = 0; round < 500; round++) {
      int maxGap = random.nextInt(5);
      LongHashSet pairs = new LongHashSet();
      Map<Integer, BitSet> blocks = new HashMap<>();
      int n = random.nextInt(300);
      for (int i = 0; i < n; i++) {
        int block = random.nextInt(1 + random.nextInt(20));
        int offset = random.nextInt(4) == 0 ? random.nextInt(1000) : 100 + random.nextInt(60);
        pairs.add(WalkCorrelator.pack(block, offset));
        blocks.computeIfAbsent(block, b -> new BitSet(1000)).set(offset);
      }
      int expected = 0;
      for (BitSet bits : blocks.values()) {
        expected = Math.max(expected, bitSetRun(bits, maxGap));
      }
      assertEquals(expected, WalkCorrelator.longestRun(pairs.toArray(), maxGap), "round " + round);
    }
  }

  /** The measure as it was computed on one bit set per block. */
  private static int bitSetRun(BitSet bits, int maxGap) {
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
