package org.apiaudit.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.index.IndexWriter;
import org.apiaudit.cli.CliRun;
import org.apiaudit.index.EventIndex;
import org.apiaudit.index.IndexManifest;
import org.apiaudit.index.SourceFile;
import org.apiaudit.report.ReportWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several simulated nights: growth, partial lines, rotation with gzip, new files, locks, exit codes. */
class NightlyCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private JsonNode night(Path cfg, int expectedExit) throws Exception {
    CliRun r = CliRun.of("nightly", "--config", cfg.toString(), "--json");
    assertEquals(expectedExit, r.exitCode(), "exit code; stderr: " + r.err() + " stdout: " + r.out());
    return JSON.readTree(r.out());
  }

  @Test
  void eachNightReadsExactlyTheNewLinesAcrossGrowthRotationAndNewFiles() throws Exception {
    List<String> all = NightlyFixture.simulatedLines(dir);
    Path logs = dir.resolve("logs");
    Path live = logs.resolve("access.log");
    Path cfg = NightlyFixture.config(dir, "fail-on: critical\n");
    Path index = dir.resolve("state/index");

    // Night 1: 1000 complete lines and a line still being written.
    NightlyFixture.append(live, all.subList(0, 1000));
    String partial = all.get(1000);
    NightlyFixture.appendRaw(live, partial.substring(0, 40));
    JsonNode n1 = night(cfg, 0);
    assertEquals(1, n1.get("filesRead").asInt());
    assertEquals(1000, n1.get("newLines").asLong());
    assertEquals(1000, NightlyFixture.docCount(index));
    SourceFile rec = EventIndex.readManifest(index).files().get(0);
    assertEquals(Files.size(live) - 40, rec.offset(), "offset is the end of the last complete line");
    assertEquals(SourceFile.HEAD_BYTES, rec.headBytes());

    // Night 2: the partial line completed, 499 more.
    NightlyFixture.appendRaw(live, partial.substring(40) + "\n");
    NightlyFixture.append(live, all.subList(1001, 1500));
    JsonNode n2 = night(cfg, 0);
    assertEquals(500, n2.get("newLines").asLong());
    assertEquals(1500, NightlyFixture.docCount(index));

    // Night 3: 300 lines appended after the last run, then rotated and compressed; a new live file.
    NightlyFixture.append(live, all.subList(1500, 1800));
    Files.move(live, logs.resolve("access.log.1"));
    NightlyFixture.gzip(logs.resolve("access.log.1"), logs.resolve("access.log.1.gz"));
    NightlyFixture.append(live, all.subList(1800, 2400));
    JsonNode n3 = night(cfg, 0);
    assertEquals(2, n3.get("filesRead").asInt());
    assertEquals(900, n3.get("newLines").asLong());
    assertEquals(2400, NightlyFixture.docCount(index));

    // Night 4: one more rotation step (renamed .gz), a new file in a dated subfolder, nothing else.
    Files.move(logs.resolve("access.log.1.gz"), logs.resolve("access.log.2.gz"));
    NightlyFixture.append(logs.resolve("edge/2023-06-07.log"), all.subList(2400, 2700));
    JsonNode n4 = night(cfg, 0);
    assertEquals(1, n4.get("filesRead").asInt());
    assertEquals(300, n4.get("newLines").asLong());
    assertEquals(2700, NightlyFixture.docCount(index));
    assertEquals(NightlyFixture.requestIds(index).size(), 2700, "every request id once");

    // Night 5: nothing new at all.
    JsonNode n5 = night(cfg, 0);
    assertEquals(0, n5.get("newLines").asLong());
    assertEquals(0, n5.get("filesRead").asInt());
    assertEquals(2700, NightlyFixture.docCount(index));
    IndexManifest m = EventIndex.readManifest(index);
    assertEquals(3, m.files().size(), "one record per log: " + m.files());
    CliRun verify = CliRun.of("verify", "-i", index.toString());
    assertEquals(0, verify.exitCode(), "an index kept by nightly runs across rotation verifies: " + verify.err());
    assertTrue(Files.exists(Path.of(n5.get("report").asText()).resolve(ReportWriter.MANIFEST)));
  }

  @Test
  void findingsAreReportedOnceThenOnlyWhenNew() throws Exception {
    List<String> all = NightlyFixture.simulatedLines(dir);
    List<String> attacker = all.stream().filter(l -> l.startsWith("45.146.214.72 ")).toList();
    List<String> afternoon = all.stream().filter(l -> l.contains("/2023:15:")).limit(800).toList();
    Path live = dir.resolve("logs/access.log");
    Path cfg = NightlyFixture.config(dir, "fail-on: high\n");
    NightlyFixture.append(live, all.subList(0, 1500));
    NightlyFixture.append(live, attacker);
    JsonNode n1 = night(cfg, 3);
    assertTrue(n1.get("newFindings").has("scraping"), "the bola scenario is found: " + n1);
    Path report = Path.of(n1.get("report").asText());
    assertTrue(Files.exists(report.resolve("report.html")) && Files.exists(report.resolve("report.json")));

    JsonNode n2 = night(cfg, 0);
    assertEquals(0, total(n2.get("newFindings")), "nothing new, nothing reported: " + n2);

    NightlyFixture.append(live, afternoon);
    JsonNode n3 = night(cfg, 0);
    assertEquals(800, n3.get("newLines").asLong());
    assertTrue(!n3.get("newFindings").has("scraping"), "the morning's scraper is not reported again: " + n3);
  }

  private static long total(JsonNode byVerdict) {
    long n = 0;
    for (JsonNode v : byVerdict) {
      n += v.asLong();
    }
    return n;
  }

  @Test
  void aReplacedFileIsReadAgainWithAWarning() throws Exception {
    List<String> all = NightlyFixture.simulatedLines(dir);
    Path live = dir.resolve("logs/access.log");
    Path cfg = NightlyFixture.config(dir, "fail-on: critical\n");
    NightlyFixture.append(live, all.subList(0, 200));
    night(cfg, 0);
    Files.delete(live);
    NightlyFixture.append(live, all.subList(500, 650));
    CliRun r = CliRun.of("nightly", "--config", cfg.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.err().contains("was replaced or truncated"), r.err());
    assertTrue(r.out().contains(" lines=150 "), r.out());
    assertEquals(350, NightlyFixture.docCount(dir.resolve("state/index")));
  }

  @Test
  void aSecondRunWhileTheIndexIsHeldExitsFive() throws Exception {
    Path cfg = NightlyFixture.config(dir, "");
    NightlyFixture.append(dir.resolve("logs/access.log"), NightlyFixture.simulatedLines(dir).subList(0, 10));
    try (IndexWriter held = EventIndex.openWriter(dir.resolve("state/index"))) {
      CliRun r = CliRun.of("nightly", "--config", cfg.toString());
      assertEquals(5, r.exitCode());
      assertTrue(r.err().contains("is in use by another analyzer process"), r.err());
    }
  }

  @Test
  void aMissingSourceExitsFourAfterReadingTheRest() throws Exception {
    Path cfg = dir.resolve("nightly.yml");
    Files.writeString(cfg, Files.readString(NightlyFixture.config(dir, "")).replace("  - logs\n",
        "  - logs\n  - /nonexistent/gateway\n"));
    NightlyFixture.append(dir.resolve("logs/access.log"), NightlyFixture.simulatedLines(dir).subList(0, 50));
    CliRun r = CliRun.of("nightly", "--config", cfg.toString(), "--fail-on", "critical");
    assertEquals(4, r.exitCode(), r.err());
    assertTrue(r.err().contains("source /nonexistent/gateway does not exist"), r.err());
    assertTrue(r.out().contains(" lines=50 "), r.out());
  }

  @Test
  void configErrorsNameTheKeyAndValueAndExitTwo() throws Exception {
    Path cfg = NightlyFixture.config(dir, "fail-on: severe\n");
    CliRun r = CliRun.of("nightly", "--config", cfg.toString());
    assertEquals(2, r.exitCode());
    assertEquals("analyzer: config " + cfg + ":7: key 'fail-on' must be one of informational, low, medium, high,"
        + " critical; got: severe", r.err().strip());

    Files.writeString(cfg, "index: i\nsources: [logs]\nrules: r\nout: o\nretention: 6 months\n");
    r = CliRun.of("nightly", "--config", cfg.toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains(cfg + ":5: key 'retention' must be a duration such as 12h, 30d or 180d (or off);"
        + " got: 6 months"),
        r.err());

    Files.writeString(cfg, "index: i\nsources: [logs]\nrules: r\nout: o\nretension: 30d\n");
    r = CliRun.of("nightly", "--config", cfg.toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains(cfg + ":5: key 'retension' is not a setting"), r.err());

    Files.writeString(cfg, "index: i\nrules: r\nout: o\n");
    r = CliRun.of("nightly", "--config", cfg.toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains(cfg + ": key 'sources' is required"), r.err());
  }

  @Test
  void retentionCountsBackFromTheNewestEventSoAnOldCaseIsNotWiped() throws Exception {
    List<String> all = NightlyFixture.simulatedLines(dir);
    Path cfg = NightlyFixture.config(dir, "fail-on: critical\n");
    Path index = dir.resolve("state/index");
    NightlyFixture.append(dir.resolve("logs/access.log"), all.subList(0, 400));
    night(cfg, 0);
    // the simulated events are from 2023; 180 days back from today would take every one of them
    CliRun r = CliRun.of("purge", "--index", index.toString(), "--older-than", "180d", "--yes", "--json");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(0, JSON.readTree(r.out()).get("events").asLong(), r.out());
    assertEquals(400, NightlyFixture.docCount(index));
    CliRun stats = CliRun.of("stats", "-i", index.toString());
    assertTrue(stats.out().contains("time range   2023-"), stats.out());
  }

  @Test
  void purgeDeletesOldEventsKeepsRecordsAndNeverReReads() throws Exception {
    List<String> all = NightlyFixture.simulatedLines(dir);
    Path cfg = NightlyFixture.config(dir, "fail-on: critical\n");
    Path index = dir.resolve("state/index");
    NightlyFixture.append(dir.resolve("logs/access.log"), all.subList(0, 400));
    night(cfg, 0);
    CliRun refused = CliRun.of("purge", "--index", index.toString(), "--before", "2100-01-01");
    assertEquals(2, refused.exitCode(), "off a terminal a purge needs --yes");
    assertTrue(refused.err().contains("would delete EVERY event of the index (400)"), refused.err());
    assertEquals(400, NightlyFixture.docCount(index), "nothing deleted unasked");
    CliRun dry = CliRun.of("purge", "--index", index.toString(), "--before", "2100-01-01", "--dry-run", "--json");
    assertEquals(0, dry.exitCode(), dry.err());
    assertEquals(400, JSON.readTree(dry.out()).get("events").asLong());
    assertEquals(400, NightlyFixture.docCount(index), "a dry run deletes nothing");
    CliRun r = CliRun.of("purge", "--index", index.toString(), "--before", "2100-01-01", "--yes", "--json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode p = JSON.readTree(r.out());
    assertEquals(400, p.get("events").asLong());
    assertEquals(1, p.get("filesPurged").asInt());
    assertEquals(0, NightlyFixture.docCount(index));
    assertTrue(EventIndex.readManifest(index).files().get(0).purgedAt() > 0);
    JsonNode again = night(cfg, 0);
    assertEquals(0, again.get("newLines").asLong(), "a purged file still on disk is not read again");
    assertEquals(0, NightlyFixture.docCount(index));

    try (IndexWriter held = EventIndex.openWriter(index)) {
      assertEquals(5, CliRun.of("purge", "--index", index.toString(), "--older-than", "180d", "--yes").exitCode());
    }
  }
}
