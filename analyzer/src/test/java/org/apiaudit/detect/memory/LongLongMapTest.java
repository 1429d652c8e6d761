package org.apiaudit.detect.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link LongLongMap} against the {@code HashMap} it replaces, over random puts, additions and gets. */
class LongLongMapTest {
  @Test
  void behavesLikeAHashMap() {
    Random random = new Random(3);
    LongLongMap map = new LongLongMap();
    Map<Long, Long> expected = new HashMap<>();
    for (int step = 0; step < 200_000; step++) {
      long key = random.nextInt(50_000) - 10; // includes 0 and negative keys
      int op = random.nextInt(3);
      if (op == 0) {
        long value = random.nextLong();
        map.put(key, value);
        expected.put(key, value);
      } else if (op == 1) {
        long delta = random.nextInt(100) - 50;
        assertEquals((long) expected.merge(key, delta, Long::sum), map.addTo(key, delta), "addTo " + key);
      } else {
        assertEquals(expected.getOrDefault(key, -7L), map.get(key, -7L), "get " + key);
      }
    }
    assertEquals(expected.size(), map.size());
    for (Map.Entry<Long, Long> e : expected.entrySet()) {
      assertEquals(e.getValue(), map.get(e.getKey(), -7L));
    }
    Map<Long, Long> visited = new HashMap<>();
    map.forEach((key, value) -> assertEquals(null, visited.put(key, value), "visited twice: " + key));
    assertEquals(expected, visited);
  }
}
