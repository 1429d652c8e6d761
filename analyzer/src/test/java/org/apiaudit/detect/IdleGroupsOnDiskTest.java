package org.apiaudit.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.apiaudit.cli.CliRun;
import org.apiaudit.detect.correlate.GroupHit;
import org.apiaudit.detect.scan.TimeWindow;
import org.apiaudit.rules.CorrelationRule;
import org.apiaudit.rules.CorrelationType;
import org.apiaudit.rules.RuleLoader;
import org.apiaudit.rules.RuleSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole-window correlators write idle groups to disk and read them back when they return; the
 * findings must be exactly those of a run holding every group in memory.
 */
class IdleGroupsOnDiskTest {
  private static final Set<CorrelationType> WHOLE_WINDOW = EnumSet.of(CorrelationType.WALK, CorrelationType.SPREAD,
      CorrelationType.CADENCE, CorrelationType.FOLLOWED, CorrelationType.NIGHT, CorrelationType.NOVELTY);

  @Test
  void findingsDoNotDependOnWhenGroupsGoToDisk(@TempDir Path dir) throws IOException {
    Path logs = dir.resolve("logs");
    Path index = dir.resolve("index");
    cli("simulate", "--out", logs.toString(), "--days", "3", "--seed", "19", "--scale", "0.01",
        "--scenario", "bola:intensity=low,duration=20h", "--scenario", "vaccinator-misuse:intensity=low",
        "--scenario", "partner-abuse:intensity=low", "--scenario", "otp-flood:intensity=low",
        "--scenario", "distributed:intensity=low,stealth=true");
    cli("ingest", logs.toString(), "-i", index.toString());
    // The simulator's scrapers log in again every few minutes, so no token alone reads 20+
    // subjects and the spread rules stay silent: add an address reading 160 records with one
    // token, in two bursts four hours apart. Only with its first burst read back from disk does it
    // reach the rule's 100 subjects.
    try (CaseIndex extra = new CaseIndex(index)) {
      for (int burst = 0; burst < 2; burst++) {
        long t0 = CaseIndex.at(burst == 0 ? "2023-06-07T10:00:00" : "2023-06-07T14:00:00");
        for (int i = 0; i < 80; i++) {
          extra.add(t0 + i * 9_000L, "192.0.2.50", "Mozilla/5.0 (X11; Linux x86_64) Firefox/115.0", "citizen",
              "tk-one-token", "record-returning", CaseIndex.CERT, String.valueOf(31_000_000_000_000L + burst * 7_777 + i * 131),
              200);
        }
      }
    }
    RuleSet rules = new RuleLoader().load(RulePackTest.rulesDir());
    try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(index))) {
      DetectionEngine.Result inMemory = new DetectionEngine(rules, Long.MAX_VALUE).run(reader, TimeWindow.ALL);
      DetectionEngine.Result byDefault = new DetectionEngine(rules).run(reader, TimeWindow.ALL);
      DetectionEngine.Result eager = new DetectionEngine(rules, 1).run(reader, TimeWindow.ALL);

      assertEquals(0, inMemory.groupsOnDisk());
      assertTrue(byDefault.groupsOnDisk() > 1_000, "idle groups on disk: " + byDefault.groupsOnDisk());
      assertTrue(eager.groupsOnDisk() > byDefault.groupsOnDisk(), "groups idle for 1 ms go to disk too");
      Set<CorrelationType> fired = EnumSet.noneOf(CorrelationType.class);
      for (GroupHit h : inMemory.hits()) {
        if (h.rule() instanceof CorrelationRule c) {
          fired.add(c.type());
        }
      }
      fired.retainAll(WHOLE_WINDOW);
      assertEquals(WHOLE_WINDOW, fired, "every whole-window type fires, so each one's state goes to disk and back");
      assertEquals(describe(inMemory.hits()), describe(byDefault.hits()));
      assertEquals(describe(inMemory.hits()), describe(eager.hits()));
    }
  }

  private static List<String> describe(List<GroupHit> hits) {
    return hits.stream().map(h -> h.rule().id() + " " + h.values() + " " + h.measured() + " " + h.first() + ".." + h.last())
        .toList();
  }

  private static void cli(String... args) {
    CliRun r = CliRun.of(args);
    assertEquals(0, r.exitCode(), "analyzer " + String.join(" ", args) + ": " + r.err() + r.out());
  }
}
