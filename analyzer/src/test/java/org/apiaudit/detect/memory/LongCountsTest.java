package org.apiaudit.detect.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collections;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@link LongCounts} counts as a {@code TreeMap<Long, Long>} does, also after a trip through a spill. */
class LongCountsTest {
  @Test
  void matchesTreeMapCounts() {
    Random random = new Random(9);
    LongCounts counts = new LongCounts();
    TreeMap<Long, Long> expected = new TreeMap<>();
    for (int i = 0; i < 100_000; i++) {
      long v = random.nextInt(3) == 0 ? random.nextLong() : random.nextInt(500) - 50;
      counts.add(v);
      expected.merge(v, 1L, Long::sum);
    }
    counts = SpillTrip.of(counts, LongCounts::write, in -> {
      LongCounts copy = new LongCounts();
      copy.read(in);
      return copy;
    });
    assertEquals(expected.size(), counts.size());
    assertArrayEquals(expected.keySet().stream().mapToLong(Long::longValue).toArray(), counts.sortedKeys());
    for (Map.Entry<Long, Long> e : expected.entrySet()) {
      assertEquals(e.getValue(), counts.get(e.getKey()));
    }
    assertEquals(0, counts.get(Long.MIN_VALUE + 1));
    assertEquals(Collections.max(expected.values()), counts.max());
  }
}
