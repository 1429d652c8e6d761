package org.apiaudit.detect.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link LongObjectMap} behaves as a {@link LinkedHashMap} on random operations. */
class LongObjectMapTest {
  @Test
  void matchesLinkedHashMapOnRandomOperations() {
    Random random = new Random(42);
    LongObjectMap<String> map = new LongObjectMap<>();
    Map<Long, String> expected = new LinkedHashMap<>();
    Map<Long, Long> stamps = new LinkedHashMap<>();
    for (int step = 0; step < 200_000; step++) {
      // Keys from a small range collide and repeat; packed pairs and negatives too.
      long key = switch (random.nextInt(3)) {
        case 0 -> random.nextInt(5_000);
        case 1 -> ((long) random.nextInt(50) << 32) | random.nextInt(50);
        default -> -random.nextInt(1_000);
      };
      int op = random.nextInt(10);
      if (op < 4) {
        String v = "v" + step;
        map.put(key, v);
        expected.put(key, v);
      } else if (op < 8) {
        // A group's lookup: its index, or a new entry when the key is absent.
        int i = map.indexOf(key);
        String got = map.valueAt(i >= 0 ? i : map.add(key, "new"));
        assertEquals(expected.computeIfAbsent(key, k -> "new"), got);
      } else if (op == 8) {
        assertEquals(expected.get(key), map.get(key));
        int i = map.indexOf(key);
        assertEquals(expected.containsKey(key), i >= 0);
        if (i < 0) {
          assertEquals(map.size(), map.add(key, "added"));
          expected.put(key, "added");
          i = map.indexOf(key);
        }
        map.stamp(i, step);
        stamps.put(key, (long) step);
      } else if (step % 1000 == 9) {
        // Drops by stamp (entries stamped in the last 3000 steps survive) and by key and value.
        int mod = 2 + random.nextInt(3);
        long oldest = step - 3000;
        map.removeIf((k, stamp, v) -> {
          assertEquals(stamps.getOrDefault(k, 0L), stamp, "stamp of " + k);
          return stamp < oldest && Math.floorMod(k + v.hashCode(), mod) == 0;
        });
        expected.entrySet().removeIf(e -> stamps.getOrDefault(e.getKey(), 0L) < oldest
            && Math.floorMod(e.getKey() + e.getValue().hashCode(), mod) == 0);
        stamps.keySet().retainAll(expected.keySet());
      }
      if (step % 5000 == 0) {
        assertSameContent(expected, map);
      }
    }
    assertSameContent(expected, map);
  }

  @Test
  void removingMostEntriesShrinksAndKeepsTheRest() {
    LongObjectMap<Long> map = new LongObjectMap<>();
    for (long k = 0; k < 10_000; k++) {
      map.stamp(map.add(k * 7919, k), k);
    }
    map.removeIf((k, stamp, v) -> stamp % 100 != 0);
    assertEquals(100, map.size());
    for (int i = 0; i < map.size(); i++) {
      assertEquals(i * 100L, map.valueAt(i));
      assertEquals(i * 100L, map.stampAt(i));
      assertEquals(i, map.indexOf(i * 100L * 7919));
    }
    assertEquals(-1, map.indexOf(7919));
    map.stamp(map.add(7919, 1L), 1);
    assertEquals(1L, map.get(7919));
  }

  @Test
  void anAddedEntryIsFoundByItsIndex() {
    LongObjectMap<Object> map = new LongObjectMap<>();
    Object first = new Object();
    int i = map.add(7, first);
    assertEquals(i, map.indexOf(7));
    assertSame(first, map.valueAt(map.indexOf(7)));
    assertNull(map.get(8));
    map.removeIf((k, stamp, v) -> true);
    assertEquals(0, map.size());
    assertNull(map.get(7));
  }

  private static void assertSameContent(Map<Long, String> expected, LongObjectMap<String> map) {
    List<Long> keys = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (int i = 0; i < map.size(); i++) {
      keys.add(map.keyAt(i));
      values.add(map.valueAt(i));
    }
    assertEquals(new ArrayList<>(expected.keySet()), keys);
    assertEquals(new ArrayList<>(expected.values()), values);
    for (Map.Entry<Long, String> e : expected.entrySet()) {
      assertEquals(e.getValue(), map.get(e.getKey()));
    }
  }
}
