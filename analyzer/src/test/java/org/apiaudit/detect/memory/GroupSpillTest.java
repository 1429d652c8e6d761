package org.apiaudit.detect.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Groups written to a spill come back exactly, once, and only the latest record of a key counts. */
class GroupSpillTest {
  /** A state of any length, so records cross the write buffer and outgrow it. */
  private static final GroupSpill.Codec<long[]> LONGS = new GroupSpill.Codec<>() {
    @Override
    public void write(long[] state, GroupSpill.Out out) {
      out.putLong(state.length == 0 ? -1 : state[0]);
      out.putLongs(state);
    }

    @Override
    public long[] read(GroupSpill.In in) {
      long first = in.getLong();
      long[] state = in.getLongs();
      assertEquals(state.length == 0 ? -1 : state[0], first);
      return state;
    }
  };

  @Test
  void storedStatesComeBackAsWrittenLikeAMap() {
    // Any long key (offsets on the heap), including 0 and negative keys.
    storedStatesComeBackAsWritten(-1, -5);
  }

  @Test
  void storedStatesOfDenseKeysComeBackAsWrittenLikeAMap() {
    // Keys below a bound (offsets in a mapped file), including 0 and the last one.
    storedStatesComeBackAsWritten(1_995, 0);
  }

  private static void storedStatesComeBackAsWritten(long keys, int lowest) {
    Random random = new Random(42);
    Map<Long, long[]> expected = new HashMap<>();
    try (GroupSpill<long[]> spill = new GroupSpill<>(LONGS, keys)) {
      for (int step = 0; step < 30_000; step++) {
        long key = random.nextInt(1_995) + lowest;
        if (random.nextInt(3) == 0) {
          assertArrayEquals(expected.remove(key), spill.restore(key), "restore " + key);
        } else if (!expected.containsKey(key)) {
          // Mostly small states, now and then one larger than the 64 KB write buffer, rarely one
          // larger than the 1 MB window the final pass reads through.
          int roll = random.nextInt(2_000);
          long[] state = new long[roll == 0 ? 140_000 : roll < 20 ? 9_000 + random.nextInt(9_000) : random.nextInt(6)];
          for (int i = 0; i < state.length; i++) {
            state[i] = random.nextLong();
          }
          spill.store(key, state);
          expected.put(key, state);
        }
        assertEquals(expected.size(), spill.stored());
      }
      Map<Long, long[]> visited = new HashMap<>();
      spill.forEachStored((key, state) -> assertNull(visited.put(key, state), "visited twice: " + key));
      assertEquals(expected.keySet(), visited.keySet());
      for (Map.Entry<Long, long[]> e : expected.entrySet()) {
        assertArrayEquals(e.getValue(), visited.get(e.getKey()));
      }
    }
  }

  @Test
  void aKeyStoredAgainAfterComingBackReadsItsLatestState() {
    try (GroupSpill<long[]> spill = new GroupSpill<>(LONGS, 8)) {
      spill.store(7, new long[] {1});
      assertArrayEquals(new long[] {1}, spill.restore(7));
      assertNull(spill.restore(7), "a restored group is no longer on disk");
      spill.store(7, new long[] {1, 2});
      assertEquals(1, spill.stored());
      Map<Long, long[]> visited = new HashMap<>();
      spill.forEachStored(visited::put);
      assertArrayEquals(new long[] {1, 2}, visited.get(7L));
      assertEquals(1, visited.size());
    }
  }
}
