package org.apiaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apiaudit.ExitCodes;
import org.apiaudit.index.IndexCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --codec} end to end: a new index is written with DEFLATE unless asked otherwise, a later
 * ingest without the option keeps the choice, and what the index answers does not depend on it.
 */
class CodecOptionTest {
  @TempDir Path tmp;

  /** The first {@code n} lines of one day of the incident sample, as a plain file. */
  private Path sampleDay(String day, int n) throws IOException {
    Path sample = Path.of(System.getProperty("project.root", "..")).resolve("sample-logs/incident-2023-06/gateway-"
        + day + ".log.gz");
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(sample)),
        StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null && lines.size() < n; line = r.readLine()) {
        lines.add(line);
      }
    }
    return Files.write(tmp.resolve("gateway-" + day + ".log"), lines);
  }

  private static IndexCodec codecOf(Path index) throws IOException {
    return IndexCodec.of(index);
  }

  private CliRun ingest(Path index, Path log, String... more) {
    List<String> args = new ArrayList<>(List.of("ingest", log.toString(), "-i", index.toString(), "--key",
        tmp.resolve("case.key").toString()));
    args.addAll(List.of(more));
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    return run;
  }

  private CliRun search(Path index, String... query) {
    List<String> args = new ArrayList<>(List.of("search"));
    args.addAll(List.of(query));
    args.addAll(List.of("-i", index.toString(), "--key", tmp.resolve("case.key").toString()));
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    return run;
  }

  @Test
  void bestSpeedIsKeptByALaterIngestAndAnswersAsTheDefaultDoes() throws IOException {
    Path day1 = sampleDay("2023-06-05", 3_000);
    Path day2 = sampleDay("2023-06-06", 3_000);
    Path fast = tmp.resolve("fast");
    Path small = tmp.resolve("small");
    ingest(fast, day1, "--codec", "best_speed");
    assertEquals(IndexCodec.BEST_SPEED, codecOf(fast));
    ingest(fast, day2);
    assertEquals(IndexCodec.BEST_SPEED, codecOf(fast), "the nightly ingest without --codec keeps it");
    ingest(small, day1);
    ingest(small, day2);
    assertEquals(IndexCodec.BEST_COMPRESSION, codecOf(small), "a new index's codec");
    assertTrue(CliRun.of("stats", "-i", fast.toString()).out().contains(" MB (codec best_speed)\n"));
    assertEquals("best_compression", new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(CliRun.of("stats", "-i", small.toString(), "-o", "json").out()).path("codec").asText());

    String[] query = {"status:[200 TO 299]", "-o", "jsonl", "--limit", "0"};
    // the same events; those of one millisecond may come in another order (segments follow the threads)
    List<String> events = search(fast, query).out().lines().sorted().toList();
    assertEquals(search(small, query).out().lines().sorted().toList(), events);
    assertTrue(events.size() > 1_000, "events: " + events.size());
    assertEquals(search(small, "*:*", "--top", "ip", "--distinct", "subject").out(),
        search(fast, "*:*", "--top", "ip", "--distinct", "subject").out());
  }

  @Test
  void investigateWritesTheCaseIndexWithTheCodecGiven() throws IOException {
    Path out = tmp.resolve("case");
    CliRun run = CliRun.of("investigate", sampleDay("2023-06-05", 2_000).toString(), "--out", out.toString(),
        "--codec", "best_speed");
    assertTrue(run.exitCode() == ExitCodes.OK || run.exitCode() == ExitCodes.FINDINGS, run.err());
    assertEquals(IndexCodec.BEST_SPEED, codecOf(out.resolve("index")));
  }

  @Test
  void anUnknownCodecIsAUsageErrorAndWritesNothing() throws IOException {
    Path index = tmp.resolve("index");
    CliRun run = CliRun.of("ingest", sampleDay("2023-06-05", 10).toString(), "-i", index.toString(), "--codec", "zstd");
    assertEquals(ExitCodes.USAGE, run.exitCode(), run.err());
    assertTrue(run.err().contains("--codec must be one of best_speed, best_compression; got: zstd"), run.err());
    assertFalse(Files.exists(index), "no index is created for a refused command");
  }
}
