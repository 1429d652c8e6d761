package org.apiaudit.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.apiaudit.detect.correlate.GroupHit;
import org.apiaudit.detect.scan.TimeWindow;
import org.apiaudit.rules.Rule;
import org.apiaudit.rules.RuleLoader;
import org.apiaudit.rules.RuleSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole-window spread group is judged on its traffic up to its {@code cap}-th distinct subject:
 * counting on past the cap would drive a big group's ratio towards 1 and hide a scraper.
 */
class SpreadCapTest {
  private static final String RULES = """
      title: Record read
      id: aaaaaaaa-0000-0000-0000-000000000001
      name: record_read
      level: low
      logsource:
          category: webserver
      detection:
          selection:
              endpoint.class: record-returning
          condition: selection
      ---
      title: Spread per user agent
      id: aaaaaaaa-0000-0000-0000-000000000002
      level: high
      correlation:
          type: x-apiaudit/spread
          rules:
              - record_read
          group-by:
              - user_agent.original
          condition:
              gte: 20
          x-apiaudit:
              min-subjects: 10
              min-ips: 2
              cap: 50
      """;
  private static final String SCRAPER_UA = "scraper/1.0";
  private static final String CROWD_UA = "Mozilla/5.0 crowd";

  @Test
  void aGroupIsJudgedWhenItReachesTheCap(@TempDir Path dir) throws IOException {
    long t0 = CaseIndex.at("2023-06-07T10:00:00");
    try (CaseIndex idx = new CaseIndex(dir)) {
      // A scraper: its first 50 subjects through 2 tokens (25 per token), then, after a pause, 100
      // more subjects through a third token: judged again at the cap, that would be 50 per token.
      for (int i = 0; i < 60; i++) {
        idx.add(t0 + i * 1_000L, "192.0.2." + (1 + i % 3), SCRAPER_UA, "citizen", "tk-" + (i % 2), "record-returning",
            CaseIndex.CERT, String.valueOf(9_800_000_000L + i), 200);
      }
      for (int i = 0; i < 100; i++) {
        idx.add(t0 + 100_000L + i * 1_000L, "192.0.2." + (8 + i % 2), SCRAPER_UA, "citizen", "tk-late", "record-returning",
            CaseIndex.CERT, String.valueOf(9_900_000_000L + i), 200);
      }
      // A crowd: each citizen reads their own record with their own token, past the cap.
      for (int i = 0; i < 80; i++) {
        idx.add(t0 + i * 2_000L, "198.51.100." + (1 + i % 50), CROWD_UA, "citizen", "tk-c" + i, "record-returning",
            CaseIndex.CERT, String.valueOf(9_700_000_000L + i), 200);
      }
    }
    List<Rule> rules = new RuleLoader().parse("test/spread.yml", RULES.getBytes(StandardCharsets.UTF_8));
    try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir))) {
      DetectionEngine.Result inMemory = new DetectionEngine(new RuleSet(rules)).run(reader, TimeWindow.ALL);
      // Judged at the 50th subject (the 50th event, 49 s in): 50 subjects / 2 tokens.
      assertEquals(List.of("[" + SCRAPER_UA + "] 25.0 0..49000"), describe(inMemory, t0));
      // Written to disk during the pause and read back: still judged, so the later reads are ignored.
      DetectionEngine.Result eager = new DetectionEngine(new RuleSet(rules), 1).run(reader, TimeWindow.ALL);
      assertTrue(eager.groupsOnDisk() > 0);
      assertEquals(describe(inMemory, t0), describe(eager, t0));
    }
  }

  private static List<String> describe(DetectionEngine.Result r, long t0) {
    List<String> hits = new ArrayList<>();
    for (GroupHit h : r.hits()) {
      hits.add(h.values() + " " + h.measured() + " " + (h.first() - t0) + ".." + (h.last() - t0));
    }
    return hits;
  }
}
