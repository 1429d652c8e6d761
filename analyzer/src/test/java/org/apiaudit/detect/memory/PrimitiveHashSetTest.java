package org.apiaudit.detect.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link IntHashSet} and {@link LongHashSet} behave as a {@link HashSet} on random values, also after
 * a trip through a {@link GroupSpill} now and then.
 */
class PrimitiveHashSetTest {
  @Test
  void intSetMatchesHashSet() {
    Random random = new Random(7);
    IntHashSet set = new IntHashSet();
    Set<Integer> expected = new HashSet<>();
    for (int step = 0; step < 300_000; step++) {
      if (step % 40_000 == 39_999) {
        set = SpillTrip.of(set, IntHashSet::write, in -> {
          IntHashSet copy = new IntHashSet();
          copy.read(in);
          return copy;
        });
      }
      int v = random.nextInt(4) == 0 ? random.nextInt() : random.nextInt(20_000) - 10;
      if (random.nextBoolean()) {
        assertEquals(expected.add(v), set.add(v), "add " + v);
      } else {
        assertEquals(expected.contains(v), set.contains(v), "contains " + v);
      }
      assertEquals(expected.size(), set.size());
    }
  }

  @Test
  void longSetMatchesHashSetAcrossClears() {
    Random random = new Random(11);
    LongHashSet set = new LongHashSet();
    Set<Long> expected = new HashSet<>();
    for (int step = 0; step < 300_000; step++) {
      if (step % 40_000 == 39_999) {
        set = SpillTrip.of(set, LongHashSet::write, in -> {
          LongHashSet copy = new LongHashSet();
          copy.read(in);
          return copy;
        });
      }
      long v = random.nextInt(4) == 0 ? random.nextLong() : random.nextInt(20_000) - 10;
      int op = random.nextInt(1_000);
      if (op == 0) {
        set.clear();
        expected.clear();
      } else if (op % 2 == 0) {
        assertEquals(expected.add(v), set.add(v), "add " + v);
      } else {
        assertEquals(expected.contains(v), set.contains(v), "contains " + v);
      }
      assertEquals(expected.size(), set.size());
    }
    long[] members = set.toArray();
    java.util.Arrays.sort(members);
    assertEquals(expected.stream().sorted().toList(), java.util.Arrays.stream(members).boxed().toList());
  }
}
