package org.apiaudit.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.search.Query;
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
    Map<String, Long> firstMinute = new HashMap<>();
    Path index = tmp.resolve("idx");
    EventDocumentBuilder builder = new EventDocumentBuilder();
    try (IndexWriter w = EventIndex.openWriter(index)) {
      for (int seg = 0; seg < 3; seg++) {
        for (int i = 0; i < 200; i++) {
          String ua = PREFIXES[random.nextInt(PREFIXES.length)] + random.nextInt(30);
          expected.merge(ua, 1L, Long::sum);
          Event e = new Event();
          long ts = T0 + random.nextInt(1_000_000);
          if (ts < T0 + 60_000) {
            firstMinute.merge(ua, 1L, Long::sum);
          }
          e.set(Field.TIMESTAMP, ts);
          e.set(Field.USER_AGENT, ua);
          e.set(Field.ORIGINAL, "line " + i);
          w.addDocument(builder.build(e));
        }
        w.commit();
      }
      EventIndex.commit(w, IndexManifest.empty());
    }
    List<Map.Entry<String, Long>> full = byCountThenValue(expected);
    List<Map.Entry<String, Long>> narrow = byCountThenValue(firstMinute);
    Query minute = LongPoint.newRangeQuery(Field.TIMESTAMP.fieldName(), T0, T0 + 59_999);
    try (EventSearcher s = EventSearcher.open(index)) {
      assertEquals(3, s.reader().leaves().size(), "segments");
      for (int n = 0; n <= full.size() + 1; n++) {
        assertEquals(full.subList(0, Math.min(n, full.size())), s.topValues(EventSearcher.all(), Field.USER_AGENT, n),
            "n=" + n + ", seed " + seed);
      }
      assertEquals(full, s.topValues(EventSearcher.all(), Field.USER_AGENT, Integer.MAX_VALUE), "seed " + seed);
      // a narrow query sees few of the values: added up by string, same order
      for (int n = 0; n <= narrow.size() + 1; n++) {
        assertEquals(narrow.subList(0, Math.min(n, narrow.size())), s.topValues(minute, Field.USER_AGENT, n),
            "narrow, n=" + n + ", seed " + seed);
      }
    }
  }

  private static List<Map.Entry<String, Long>> byCountThenValue(Map<String, Long> counts) {
    List<Map.Entry<String, Long>> all = new ArrayList<>(counts.entrySet());
    all.sort((a, b) -> !a.getValue().equals(b.getValue()) ? Long.compare(b.getValue(), a.getValue())
        : a.getKey().compareTo(b.getKey()));
    return all;
  }
}
