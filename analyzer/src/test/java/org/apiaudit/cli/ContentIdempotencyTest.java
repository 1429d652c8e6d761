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
    Files.write(log, lines(0, 200));
    String idx = tmp.resolve("idx").toString();
    assertEquals(ExitCodes.OK, CliRun.of("ingest", log.toString(), "-i", idx).exitCode());
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

  @Test
  void reingestingPurgedContentRestoresItAndStatsShowWhatRemains() throws IOException {
    Path log = tmp.resolve("old.log");
    Files.write(log, lines(0, 100));
    String idx = tmp.resolve("idx").toString();
    assertEquals(ExitCodes.OK, CliRun.of("ingest", log.toString(), "-i", idx).exitCode());
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
  void retentionCountsFromTheNewestEventUnlessRelativeToNow() throws IOException {
    Path log = tmp.resolve("june.log");
    Files.write(log, lines(0, 120));
    String idx = tmp.resolve("idx").toString();
    assertEquals(ExitCodes.OK, CliRun.of("ingest", log.toString(), "-i", idx).exitCode());
    CliRun newest = CliRun.of("purge", "-i", idx, "--older-than", "1d", "--dry-run");
    assertTrue(newest.out().startsWith("would purge 0 events"), newest.out());
    CliRun now = CliRun.of("purge", "-i", idx, "--older-than", "1d", "--relative-to", "now", "--dry-run");
    assertTrue(now.out().startsWith("would purge EVERY event of the index (120)"), now.out());
    assertEquals(120, count(idx));
  }
}
