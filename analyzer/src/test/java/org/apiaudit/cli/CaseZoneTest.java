package org.apiaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apiaudit.ExitCodes;
import org.apiaudit.index.EventIndex;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One {@code --tz} end to end: the zone given at ingest is the case's zone, recorded in the
 * index, and every later command without {@code --tz} reads and prints times in it and says so.
 */
class CaseZoneTest {
  /** 14:22:01 in India, written without a zone: 08:52:01 UTC. */
  private static final String ZONE_LESS = "{\"ts\":\"2023-06-10 14:22:01\",\"status\":200}";

  @TempDir Path tmp;
  private String index;

  @BeforeEach
  void ingestInIndiaTime() throws IOException {
    index = tmp.resolve("index").toString();
    Path log = Files.write(tmp.resolve("gw.jsonl"), List.of(ZONE_LESS));
    CliRun ingest = CliRun.of("ingest", log.toString(), "-i", index, "-f", "gateway-json", "--tz", "Asia/Kolkata");
    assertEquals(ExitCodes.OK, ingest.exitCode(), ingest.err());
    assertTrue(ingest.err().contains("analyzer: times in Asia/Kolkata (--tz)"), ingest.err());
  }

  @Test
  void theZoneGivenAtIngestIsRecordedInTheIndex() {
    assertEquals("Asia/Kolkata", EventIndex.readManifest(Path.of(index)).zone().getId());
  }

  @Test
  void searchWithoutTzReadsTheWindowAndPrintsTimesInTheIndexZone() throws IOException {
    CliRun s = CliRun.of("search", "-i", index, "--from", "2023-06-10T14:22", "--to", "2023-06-10T14:23", "-o", "jsonl");
    assertEquals(ExitCodes.OK, s.exitCode(), s.err());
    assertEquals("analyzer: times in Asia/Kolkata (from the index)\n", s.err());
    assertEquals(1, s.out().lines().count(), s.out());
    assertEquals("2023-06-10T14:22:01.000+05:30", new ObjectMapper().readTree(s.out()).path("@timestamp").asText());
  }

  @Test
  void tzOverridesTheIndexZoneAndSaysSo() {
    CliRun s = CliRun.of("search", "-i", index, "--from", "2023-06-10T08:52", "--to", "2023-06-10T08:53", "--tz", "UTC",
        "-o", "csv");
    assertTrue(s.err().contains("analyzer: times in UTC (--tz; the index records Asia/Kolkata)"), s.err());
    assertEquals(2, s.out().lines().count(), s.out());
    assertTrue(s.out().lines().skip(1).findFirst().orElse("").startsWith("2023-06-10T08:52:01.000Z,"), s.out());
  }

  @Test
  void histogramBucketsStartAtTheIndexZonesMidnight() {
    CliRun h = CliRun.of("search", "-i", index, "--histogram", "--interval", "1d", "-o", "csv");
    assertEquals(ExitCodes.OK, h.exitCode(), h.err());
    assertEquals(List.of("time,events", "2023-06-10T00:00:00.000+05:30,1"), h.out().lines().toList());
  }

  @Test
  void statsAndDetectPrintTimesInTheIndexZone() {
    CliRun stats = CliRun.of("stats", "-i", index);
    assertTrue(stats.out().contains("time range   2023-06-10T14:22:01.000+05:30 .. 2023-06-10T14:22:01.000+05:30"),
        stats.out());
    assertTrue(stats.err().contains("times in Asia/Kolkata (from the index)"), stats.err());
    CliRun detect = CliRun.of("detect", "-i", index);
    assertEquals(ExitCodes.OK, detect.exitCode(), detect.err());
    assertTrue(detect.out().contains(" 2023-06-10 14:22 .. 2023-06-10 14:22 Asia/Kolkata; "), detect.out());
  }

  @Test
  void aLaterIngestReadsZoneLessTimesInTheIndexZoneAndKeepsIt() throws IOException {
    Path more = Files.write(tmp.resolve("more.jsonl"), List.of("{\"ts\":\"2023-06-10 15:00:00\",\"status\":200}"));
    CliRun again = CliRun.of("ingest", more.toString(), "-i", index, "-f", "gateway-json");
    assertEquals(ExitCodes.OK, again.exitCode(), again.err());
    assertTrue(again.err().contains("times in Asia/Kolkata (from the index)"), again.err());
    CliRun s = CliRun.of("search", "-i", index, "--from", "2023-06-10T15:00", "--to", "2023-06-10T15:00", "-o", "csv");
    assertEquals(2, s.out().lines().count(), s.out());

    Path third = Files.write(tmp.resolve("third.jsonl"), List.of("{\"ts\":\"2023-06-10 16:00:00\",\"status\":200}"));
    CliRun other = CliRun.of("ingest", third.toString(), "-i", index, "-f", "gateway-json", "--tz", "UTC");
    assertTrue(other.err().contains("times in UTC (--tz; the index records Asia/Kolkata)"), other.err());
    assertEquals("Asia/Kolkata", EventIndex.readManifest(Path.of(index)).zone().getId(), "the first zone stays");
  }

  @Test
  void anIndexIngestedWithoutTzWorksInUtcAndSaysWhy() throws IOException {
    String plain = tmp.resolve("plain").toString();
    Path log = Files.write(tmp.resolve("utc.jsonl"), List.of(ZONE_LESS));
    assertEquals(ExitCodes.OK, CliRun.of("ingest", log.toString(), "-i", plain, "-f", "gateway-json", "-q").exitCode());
    CliRun s = CliRun.of("search", "-i", plain, "-o", "csv");
    assertEquals("analyzer: times in UTC (default; ingest --tz ZONE records a case zone)\n", s.err());
    assertTrue(s.out().contains("2023-06-10T14:22:01.000Z,"), s.out());
    CliRun quiet = CliRun.of("search", "-i", plain, "-q", "-o", "csv");
    assertFalse(quiet.err().contains("times in"), "-q leaves the zone line out: " + quiet.err());
  }
}
