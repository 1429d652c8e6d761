package org.apiaudit.detect.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link LastSeenMap} behaves as a {@link LinkedHashMap} whose values are re-inserted when seen
 * again (the structure it replaces), on random sliding-window traffic, also after a trip through a
 * {@link GroupSpill} now and then.
 */
class LastSeenMapTest {
  @Test
  void matchesLinkedHashMapOnRandomWindows() {
    Random random = new Random(3);
    LastSeenMap map = new LastSeenMap();
    LinkedHashMap<Long, Long> expected = new LinkedHashMap<>();
    long time = 0;
    for (int step = 0; step < 300_000; step++) {
      time += random.nextInt(3);
      long value = random.nextInt(3) == 0 ? random.nextLong() : random.nextInt(2_000) - 5;
      int op = random.nextInt(10);
      if (op < 5) {
        map.see(value, time);
        expected.remove(value);
        expected.put(value, time);
      } else if (op < 7) {
        Long t = expected.remove(value);
        assertEquals(t == null ? -42L : t, map.remove(value, -42L));
      } else if (op < 9) {
        long oldest = time - random.nextInt(500);
        while (!map.isEmpty() && map.firstTime() < oldest) {
          map.removeFirst();
        }
        for (Iterator<Long> it = expected.values().iterator(); it.hasNext(); ) {
          if (it.next() < oldest) {
            it.remove();
          } else {
            break;
          }
        }
      } else if (!expected.isEmpty()) {
        map.removeFirst();
        Iterator<Long> it = expected.keySet().iterator();
        it.next();
        it.remove();
      }
      assertEquals(expected.size(), map.size());
      assertEquals(expected.getOrDefault(value, -42L), map.timeOf(value, -42L));
      if (step % 50_000 == 49_999) {
        map = SpillTrip.of(map, LastSeenMap::write, in -> {
          LastSeenMap copy = new LastSeenMap();
          copy.read(in);
          return copy;
        });
      }
      if (!expected.isEmpty()) {
        assertEquals(expected.values().iterator().next(), map.firstTime());
        long newest = expected.values().stream().reduce((a, b) -> b).orElseThrow();
        assertEquals(newest, map.lastTime());
        long cutoff = time - 100;
        assertEquals(expected.values().stream().allMatch(t -> t < cutoff), map.allBefore(cutoff));
      } else {
        assertTrue(map.allBefore(time));
      }
    }
    // Drain in order: every value comes out where the LinkedHashMap has it.
    for (Map.Entry<Long, Long> e : expected.entrySet()) {
      assertEquals(e.getValue(), map.firstTime());
      assertEquals(e.getValue(), map.remove(e.getKey(), -1));
    }
    assertEquals(0, map.size());
  }
}
