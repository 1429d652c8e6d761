package org.apiaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apiaudit.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingest is idempotent by content: compression, growth and purges, through the CLI. */
class ContentIdempotencyTest {
  @TempDir Path tmp;

  private static List<String> lines(int from, int to) {
    List<String> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(String.format("198.51.100.%d - - [10/Jun/2023:14:%02d:%02d +0530] \"GET /api/v2/admin/location/states"
          + " HTTP/1.1\" 200 %d \"-\" \"okhttp/4.9.2\" 0.010 \"-\" req%06d none - -", i % 250, (i / 60) % 60, i % 60,
          100 + i, i));
    }
    return out;
  }

  private static void gzip(Path plain, Path gz) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(Files.readAllBytes(plain));
    }
  }

  /** Writes {@code lines} to {@code log} and ingests it into a new index, whose folder it returns. */
  private String writeAndIngest(Path log, List<String> lines) throws IOException {
    Files.write(log, lines);
    String idx = tmp.resolve("idx").toString();
    CliRun ingest = CliRun.of("ingest", log.toString(), "-i", idx);
    assertEquals(ExitCodes.OK, ingest.exitCode(), ingest.err());
    return idx;
  }

  private static long count(String idx) {
    CliRun r = CliRun.of("search", "-i", idx, "-o", "jsonl", "-n", "0");
    assertEquals(ExitCodes.OK, r.exitCode(), r.err());
    return r.out().lines().count();
  }

  @Test
  void gzippedCopyOfAnIngestedLogIsTheSameFile() throws IOException {
    Path log = tmp.resolve("x.log");
    Files.write(log, lines(0, 300));
    Path gz = tmp.resolve("x.log.gz");
    gzip(log, gz);
    String idx = tmp.resolve("idx").toString();
    assertEquals(ExitCodes.OK, CliRun.of("ingest", log.toString(), "-i", idx).exitCode());
    assertEquals(300, count(idx));

    CliRun again = CliRun.of("ingest", gz.toString(), "-i", idx);
    assertEquals(ExitCodes.OK, again.exitCode(), again.err());
    assertTrue(again.out().contains("already ingested as " + log), again.out());
    assertEquals(300, count(idx));
  }

  @Test
  void logThatGrewAddsOnlyItsNewLines() throws IOException {
    Path log = tmp.resolve("access.log");
    String idx = writeAndIngest(log, lines(0, 200));
    Files.write(log, lines(0, 250));
    Path rotated = tmp.resolve("access.log.1.gz");
    gzip(log, rotated);

    CliRun grown = CliRun.of("ingest", rotated.toString(), "-i", idx, "--json");
    assertEquals(ExitCodes.OK, grown.exitCode(), grown.err());
    assertTrue(grown.out().contains("\"events\":50,"), grown.out());
    assertEquals(250, count(idx));
    // the new events continue the old line numbers
    CliRun last = CliRun.of("search", "-i", idx, "line:250", "-o", "jsonl");
    assertTrue(last.out().contains("\"http.request.id\":\"req000249\""), last.out());
    CliRun verify = CliRun.of("verify", "-i", idx);
    assertEquals(ExitCodes.OK, verify.exitCode(), verify.out() + verify.err());
    CliRun same = CliRun.of("ingest", log.toString(), "-i", idx);
    assertTrue(same.out().contains("already ingested as " + rotated), same.out());
    assertEquals(250, count(idx));
  }

  /** The one file record of {@code idx}, as {@code stats -o json} gives it. */
  private static com.fasterxml.jackson.databind.JsonNode onlyFile(String idx) throws IOException {
    CliRun stats = CliRun.of("stats", "-i", idx, "-o", "json");
    com.fasterxml.jackson.databind.JsonNode files = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(stats.out()).path("files");
    assertEquals(1, files.size(), stats.out());
    return files.get(0);
  }

  private static void assertHealthy(String idx) {
    CliRun verify = CliRun.of("verify", "-i", idx);
    assertEquals(ExitCodes.OK, verify.exitCode(), verify.out() + verify.err());
  }

  @Test
  void aLogThatGrewAfterEndingMidLineReadsThatLineOnceAndWhole() throws IOException {
    Path log = tmp.resolve("cut.log");
    String cut = lines(100, 101).get(0).substring(0, 70);
    Files.writeString(log, String.join("\n", lines(0, 100)) + "\n" + cut);
    String idx = tmp.resolve("idx").toString();
    CliRun first = CliRun.of("ingest", log.toString(), "-i", idx, "--json");
    assertEquals(ExitCodes.OK, first.exitCode(), first.err());
    assertTrue(first.out().contains("\"lines\":101,"), "the cut line is read, not dropped: " + first.out());

    Files.write(log, lines(0, 150));
    CliRun grown = CliRun.of("ingest", log.toString(), "-i", idx);
    assertEquals(ExitCodes.OK, grown.exitCode(), grown.err());
    assertTrue(grown.out().contains("its last line, cut short then, was read again whole"), grown.out());
    assertEquals(150, count(idx));
    CliRun line101 = CliRun.of("search", "-i", idx, "line:101", "-o", "jsonl");
    assertEquals(1, line101.out().lines().count(), line101.out());
    assertTrue(line101.out().contains("\"http.request.id\":\"req000100\""), "read whole: " + line101.out());
    com.fasterxml.jackson.databind.JsonNode f = onlyFile(idx);
    assertEquals(List.of(150L, 150L, 0L), List.of(f.path("lines").asLong(), f.path("events").asLong(),
        f.path("rejected").asLong()), f.toString());
    assertHealthy(idx);
  }

  @Test
  void aLogThatGrewAfterALastLineWithoutNewlineHasThatLineOnce() throws IOException {
    Path log = tmp.resolve("open.log");
    Files.writeString(log, String.join("\n", lines(0, 100)));
    String idx = tmp.resolve("idx").toString();
    assertEquals(ExitCodes.OK, CliRun.of("ingest", log.toString(), "-i", idx).exitCode());
    assertEquals(100, count(idx), "the last line, without its newline, is an event");

    Files.write(log, lines(0, 130));
    CliRun grown = CliRun.of("ingest", log.toString(), "-i", idx);
    assertEquals(ExitCodes.OK, grown.exitCode(), grown.err());
    assertEquals(130, count(idx));
    CliRun line100 = CliRun.of("search", "-i", idx, "line:100", "-o", "jsonl");
    assertEquals(1, line100.out().lines().count(), line100.out());
    assertEquals(130, onlyFile(idx).path("events").asLong());
    assertHealthy(idx);
    CliRun same = CliRun.of("ingest", log.toString(), "-i", idx);
    assertTrue(same.out().contains("already ingested as " + log + " (same content)"), same.out());
  }

  @Test
  void aCopyCutShortIsAlreadyIngestedAndAddsNothing() throws IOException {
    Path log = tmp.resolve("x.log");
    String idx = writeAndIngest(log, lines(0, 300));
    Path head = Files.write(tmp.resolve("x-partial.log"), lines(0, 150));
    Path headGz = tmp.resolve("x-partial.log.gz");
    gzip(head, headGz);
    String cutMidLine = Files.readString(log).substring(0, 5_000);
    Path raw = Files.writeString(tmp.resolve("x-download.log"), cutMidLine);

    for (Path copy : List.of(head, headGz, raw)) {
      CliRun again = CliRun.of("ingest", copy.toString(), "-i", idx);
      assertEquals(ExitCodes.OK, again.exitCode(), again.err());
      assertTrue(again.out().contains("already ingested as " + log + " (this is the start of its content"),
          copy + ": " + again.out());
    }
    assertEquals(300, count(idx));
    // a file that differs from the recorded one, even by one byte, is new
    Path other = Files.writeString(tmp.resolve("y.log"), cutMidLine.replace("req000001", "req900001"));
    CliRun different = CliRun.of("ingest", other.toString(), "-i", idx);
    assertTrue(different.out().startsWith("Ingested 1 file(s) (0 skipped as already ingested"), different.out());
    assertEquals(333, count(idx), "its 33 whole lines are new events");
  }

  @Test
  void aRotatedFolderAddsOnlyWhatIsNew() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("logs"));
    Path log = dir.resolve("access.log");
    Files.write(log, lines(0, 200));
    String idx = tmp.resolve("idx").toString();
    assertEquals(ExitCodes.OK, CliRun.of("ingest", dir.toString(), "-i", idx).exitCode());
    // logrotate: the grown log becomes access.log.1.gz, a new access.log starts
    Files.write(log, lines(0, 250));
    gzip(log, dir.resolve("access.log.1.gz"));
    Files.write(log, lines(250, 300));

    CliRun rotated = CliRun.of("ingest", dir.toString(), "-i", idx);
    assertEquals(ExitCodes.OK, rotated.exitCode(), rotated.err());
    assertTrue(rotated.out().contains("the first 200 line(s) were ingested as " + log), rotated.out());
    assertEquals(300, count(idx));
    assertEquals(1, CliRun.of("search", "-i", idx, "line:201", "-o", "jsonl").out().lines().count());
    assertHealthy(idx); // the first 200 events keep the name access.log, now a new log's path
  }

  @Test
  void reingestingPurgedContentRestoresItAndStatsShowWhatRemains() throws IOException {
    Path log = tmp.resolve("old.log");
    String idx = writeAndIngest(log, lines(0, 100));
    CliRun purge = CliRun.of("purge", "-i", idx, "--before", "2024-01-01", "--yes");
    assertEquals(ExitCodes.OK, purge.exitCode(), purge.err());
    assertTrue(purge.out().contains("ingest of the same content restores"), purge.out());
    assertEquals(0, count(idx));
    CliRun stats = CliRun.of("stats", "-i", idx);
    assertTrue(stats.out().contains("events       0"), stats.out());
    assertTrue(stats.out().contains("(purged "), stats.out());

    CliRun restore = CliRun.of("ingest", log.toString(), "-i", idx);
    assertEquals(ExitCodes.OK, restore.exitCode(), restore.err());
    assertTrue(restore.out().contains("restored: same content as " + log), restore.out());
    assertEquals(100, count(idx));
    CliRun after = CliRun.of("stats", "-i", idx);
    assertTrue(after.out().contains("files        1"), after.out());
    assertTrue(!after.out().contains("(purged "), after.out());
  }

  @Test
  void purgeNeedsYesAndThenKeepsWhatLiesWithin180DaysOfTheNewestEvent() throws IOException {
    Path january = Files.write(tmp.resolve("january.log"), lines(0, 40).stream()
        .map(l -> l.replace("10/Jun/2023", "05/Jan/2023")).toList());
    Path august = Files.write(tmp.resolve("august.log"), lines(40, 100).stream()
        .map(l -> l.replace("10/Jun/2023", "20/Aug/2023")).toList());
    String idx = tmp.resolve("idx").toString();
    assertEquals(ExitCodes.OK, CliRun.of("ingest", january.toString(), august.toString(), "-i", idx).exitCode());

    CliRun unconfirmed = CliRun.of("purge", "-i", idx, "--older-than", "180d");
    assertEquals(ExitCodes.USAGE, unconfirmed.exitCode(), unconfirmed.err());
    assertEquals(100, count(idx), "nothing purged without --yes");
    CliRun purge = CliRun.of("purge", "-i", idx, "--older-than", "180d", "--yes");
    assertEquals(ExitCodes.OK, purge.exitCode(), purge.err());
    assertEquals(60, count(idx), "August is kept, January (227 days before the newest event) is gone");
    CliRun stats = CliRun.of("stats", "-i", idx);
    assertTrue(stats.out().contains("files        2 (1 purged"), stats.out());
    assertTrue(stats.out().contains("time range   2023-08-20T"), stats.out());
  }

  @Test
  void retentionCountsFromTheNewestEventUnlessRelativeToNow() throws IOException {
    Path log = tmp.resolve("june.log");
    String idx = writeAndIngest(log, lines(0, 120));
    CliRun newest = CliRun.of("purge", "-i", idx, "--older-than", "1d", "--dry-run");
    assertTrue(newest.out().startsWith("would purge 0 events"), newest.out());
    CliRun now = CliRun.of("purge", "-i", idx, "--older-than", "1d", "--relative-to", "now", "--dry-run");
    assertTrue(now.out().startsWith("would purge EVERY event of the index (120)"), now.out());
    assertEquals(120, count(idx));
  }
}
