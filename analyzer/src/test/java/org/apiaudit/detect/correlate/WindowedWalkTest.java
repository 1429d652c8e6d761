package org.apiaudit.detect.correlate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.apiaudit.detect.memory.LastSeenMap;
import org.apiaudit.detect.memory.LongHashSet;
import org.junit.jupiter.api.Test;

/** The windowed walk finds, by probing neighbours, the same runs as the whole-window walk's sort. */
class WindowedWalkTest {
  @Test
  void runThroughAnIdIsTheRunTheSortFinds() {
    Random random = new Random(5);
    for (int round = 0; round < 2_000; round++) {
      int maxGap = 1 + random.nextInt(4);
      LastSeenMap pairs = new LastSeenMap();
      LongHashSet all = new LongHashSet();
      int n = 1 + random.nextInt(300);
      int spread = 1 + random.nextInt(1_000);
      for (int i = 0; i < n; i++) {
        int block = random.nextInt(3);
        int offset = random.nextInt(spread);
        pairs.see(WalkCorrelator.pack(block, offset), 1_000 + i);
        all.add(WalkCorrelator.pack(block, offset));
      }
      int best = 0;
      for (long p : all.toArray()) {
        long[] first = {Long.MAX_VALUE};
        best = Math.max(best, WindowedWalkCorrelator.runThrough(pairs, (int) (p >>> 10), (int) (p & 1023), maxGap, first));
      }
      assertEquals(WalkCorrelator.longestRun(all.toArray(), maxGap), best, "round " + round);
    }
  }

  @Test
  void firstIsTheEarliestReadOfTheRun() {
    LastSeenMap pairs = new LastSeenMap();
    pairs.see(WalkCorrelator.pack(1, 10), 500);
    pairs.see(WalkCorrelator.pack(1, 12), 300);
    pairs.see(WalkCorrelator.pack(1, 20), 100); // 8 apart: not in the run
    pairs.see(WalkCorrelator.pack(1, 13), 900);
    long[] first = {900};
    assertEquals(3, WindowedWalkCorrelator.runThrough(pairs, 1, 13, 3, first));
    assertEquals(300, first[0]);
  }
}
