package org.apiaudit.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.index.IndexWriter;
import org.apiaudit.index.EventDocumentBuilder;
import org.apiaudit.index.EventIndex;
import org.apiaudit.index.IndexManifest;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopValuesTest {
  private static final long T0 = 1686355200000L;
  /**
   * Values whose UTF-8 order (the ordinals') and UTF-16 order ({@link String#compareTo}) differ:
   * a character in U+E000..U+FFFF sorts after an emoji in UTF-8 and before it in UTF-16.
   */
  private static final String[] PREFIXES = {"a", "b", "\uE000", "\uFFFD", "\uD83D\uDE00", "\uD800\uDC00", "z"};

  /**
   * Top values over several segments equal a count of the same values as strings ordered by
   * count then {@link String#compareTo}, for every n, ties at the cut included.
   */
  @Test
  void topValuesMatchAStringCountForEveryN(@TempDir Path tmp) throws IOException {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    Map<String, Long> expected = new HashMap<>();
    Path index = tmp.resolve("idx");
    EventDocumentBuilder builder = new EventDocumentBuilder();
    try (IndexWriter w = EventIndex.openWriter(index)) {
      for (int seg = 0; seg < 3; seg++) {
        for (int i = 0; i < 200; i++) {
          String ua = PREFIXES[random.nextInt(PREFIXES.length)] + random.nextInt(30);
          expected.merge(ua, 1L, Long::sum);
          Event e = new Event();
          e.set(Field.TIMESTAMP, T0 + random.nextInt(1_000_000));
          e.set(Field.USER_AGENT, ua);
          e.set(Field.ORIGINAL, "line " + i);
          w.addDocument(builder.build(e));
        }
        w.commit();
      }
      EventIndex.commit(w, IndexManifest.empty());
    }
    List<Map.Entry<String, Long>> full = new ArrayList<>(expected.entrySet());
    full.sort((a, b) -> !a.getValue().equals(b.getValue()) ? Long.compare(b.getValue(), a.getValue())
        : a.getKey().compareTo(b.getKey()));
    try (EventSearcher s = EventSearcher.open(index)) {
      assertEquals(3, s.reader().leaves().size(), "segments");
      for (int n = 0; n <= full.size() + 1; n++) {
        assertEquals(full.subList(0, Math.min(n, full.size())), s.topValues(EventSearcher.all(), Field.USER_AGENT, n),
            "n=" + n + ", seed " + seed);
      }
      assertEquals(full, s.topValues(EventSearcher.all(), Field.USER_AGENT, Integer.MAX_VALUE), "seed " + seed);
    }
  }
}
