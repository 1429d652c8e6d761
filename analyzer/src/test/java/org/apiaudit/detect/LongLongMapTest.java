package org.apiaudit.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link LongLongMap} against the {@code HashMap} it replaces, over random puts and gets. */
class LongLongMapTest {
  @Test
  void behavesLikeAHashMap() {
    Random random = new Random(3);
    LongLongMap map = new LongLongMap();
    Map<Long, Long> expected = new HashMap<>();
    for (int step = 0; step < 200_000; step++) {
      long key = random.nextInt(50_000) - 10; // includes 0 and negative keys
      if (random.nextBoolean()) {
        long value = random.nextLong();
        map.put(key, value);
        expected.put(key, value);
      } else {
        assertEquals(expected.getOrDefault(key, -7L), map.get(key, -7L), "get " + key);
      }
    }
    assertEquals(expected.size(), map.size());
    for (Map.Entry<Long, Long> e : expected.entrySet()) {
      assertEquals(e.getValue(), map.get(e.getKey(), -7L));
    }
  }
}
