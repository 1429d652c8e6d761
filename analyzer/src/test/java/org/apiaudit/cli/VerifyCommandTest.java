package org.apiaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.index.IndexWriter;
import org.apiaudit.ExitCodes;
import org.apiaudit.UserException;
import org.apiaudit.index.EventIndex;
import org.apiaudit.index.IndexDamage;
import org.apiaudit.index.IndexManifest;
import org.apiaudit.index.SourceFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code analyzer verify} finds flipped bytes and a manifest that disagrees with the events;
 * search, detect and ingest on a damaged index exit 2 with one line naming {@code analyzer verify}
 * instead of an internal error (or, for ingest, adding to it).
 */
class VerifyCommandTest {
  @TempDir Path tmp;
  Path index;
  Path key;
  Path log;

  private static List<String> scraper(int n, int hour) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String ref = String.valueOf(48213098700000L + i * 7L);
      lines.add(String.format("198.51.100.66 - - [10/Jun/2023:%02d:%02d:%02d +0530] \"GET /api/v2/registration/"
          + "certificate/public/download?beneficiary_reference_id=%s HTTP/1.1\" 200 48213 \"-\" \"python-requests/2.31\""
          + " 0.087 \"-\" %012x citizen tk-scraper %s", hour, (i / 60) % 60, i % 60, ref, 0xabc000 + i, ref));
    }
    return lines;
  }

  @BeforeEach
  void ingest() throws IOException {
    log = Files.write(tmp.resolve("gateway-2023-06-10.log"), scraper(3000, 10));
    index = tmp.resolve("idx");
    key = Files.writeString(tmp.resolve("idx.key"), "11".repeat(32) + "\n");
    CliRun run = CliRun.of("ingest", "-i", index.toString(), "--threads", "1", log.toString());
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
  }

  /** XORs up to 256 bytes in the middle of the index file ending in {@code suffix}; returns it. */
  private Path flipBytes(String suffix) throws IOException {
    Path file;
    try (Stream<Path> files = Files.list(index)) {
      file = files.filter(p -> p.getFileName().toString().endsWith(suffix)).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(file);
    int n = Math.min(256, bytes.length / 4);
    int from = bytes.length / 2 - n / 2;
    for (int i = from; i < from + n; i++) {
      bytes[i] ^= 0x5a;
    }
    Files.write(file, bytes);
    return file;
  }

  private void assertDamagedLine(CliRun run) {
    assertEquals(ExitCodes.USAGE, run.exitCode(), run.out() + run.err());
    assertTrue(run.err().startsWith("analyzer: index " + index + " is damaged ("), run.err());
    assertTrue(run.err().strip().endsWith("run 'analyzer verify -i " + index + "' to list every problem"), run.err());
    assertEquals(1, run.err().lines().count(), run.err());
  }

  @Test
  void healthyIndexVerifiesWithExitZero() {
    CliRun run = CliRun.of("verify", "-i", index.toString());
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("index " + index + " is healthy: 1 segment(s), 3,000 events, 1 source file(s)"
        + " match the manifest"), run.out());
  }

  @Test
  void anIndexPartlyPurgedByRetentionIsStillHealthy() {
    CliRun purge = CliRun.of("purge", "-i", index.toString(), "--before", "2023-06-10T10:20:00+05:30", "--yes");
    assertEquals(ExitCodes.OK, purge.exitCode(), purge.err());
    assertTrue(purge.out().startsWith("purged 1200 of 3000 events"), purge.out());
    CliRun run = CliRun.of("verify", "-i", index.toString());
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    assertTrue(run.out().contains("1,800 events"), run.out());
  }

  @Test
  void flippedBytesInStoredFieldsAreFoundByVerifyAndRefusedByIngest() throws IOException {
    Path fdt = flipBytes(".fdt");
    CliRun verify = CliRun.of("verify", "-i", index.toString());
    assertEquals(ExitCodes.USAGE, verify.exitCode(), verify.out() + verify.err());
    assertEquals(1, verify.err().lines().count(), verify.err());
    assertTrue(verify.err().startsWith("analyzer: " + index + ": segment _0 (3000 events, "), verify.err());
    assertTrue(verify.err().contains("checksum failed") && verify.err().contains(fdt.getFileName().toString()),
        verify.err());

    List<String> before;
    try (Stream<Path> files = Files.list(index)) {
      before = files.map(p -> p.getFileName().toString()).sorted().toList();
    }
    Path more = Files.write(tmp.resolve("gateway-2023-06-11.log"), scraper(10, 11));
    CliRun ingest = CliRun.of("ingest", "-i", index.toString(), more.toString());
    assertEquals(ExitCodes.USAGE, ingest.exitCode(), ingest.out() + ingest.err());
    assertTrue(ingest.err().contains("analyzer: index " + index + " is damaged (segment _0: CorruptIndexException:"
        + " checksum failed"), ingest.err());
    assertTrue(ingest.err().contains("nothing was added to it; run 'analyzer verify -i " + index + "'"), ingest.err());
    try (Stream<Path> files = Files.list(index)) {
      assertEquals(before, files.map(p -> p.getFileName().toString()).sorted().toList(), "no new commit or segment");
    }
  }

  @Test
  void searchOverCorruptStoredFieldsNamesVerifyInsteadOfAnInternalError() throws IOException {
    flipBytes(".fdt");
    CliRun search = CliRun.of("search", "-i", index.toString(), "principal:tk-scraper", "-o", "csv");
    assertDamagedLine(search);
  }

  @Test
  void anUnexpectedErrorOnADamagedIndexIsDamageAndOnAHealthyOneABug() throws IOException {
    RuntimeException garbage = new ArrayIndexOutOfBoundsException("arraycopy: source index -12409 out of bounds");
    assertNull(IndexDamage.explain(index, garbage), "a healthy index: the error is a bug");
    flipBytes(".fdt");
    UserException e = IndexDamage.explain(index, garbage);
    assertNotNull(e, "checksums fail: the error is the damage");
    assertEquals(2, e.exitCode());
  }

  @Test
  void corruptMetadataOrATruncatedFileMakeSearchAndDetectNameVerify() throws IOException {
    flipBytes(".fdm");
    assertDamagedLine(CliRun.of("search", "-i", index.toString(), "principal:tk-scraper", "-o", "csv"));
    assertDamagedLine(CliRun.of("detect", "-i", index.toString(), "--rules",
        Path.of(System.getProperty("project.root", "..")).resolve("rules").toString()));
    assertEquals(ExitCodes.USAGE, CliRun.of("verify", "-i", index.toString()).exitCode());
  }

  @Test
  void truncatedDocValuesMakeSearchNameVerify() throws IOException {
    Path dvd;
    try (Stream<Path> files = Files.list(index)) {
      dvd = files.filter(p -> p.getFileName().toString().endsWith(".dvd")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(dvd);
    Files.write(dvd, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertDamagedLine(CliRun.of("search", "-i", index.toString(), "*:*", "--top", "ip"));
    CliRun verify = CliRun.of("verify", "-i", index.toString());
    assertEquals(ExitCodes.USAGE, verify.exitCode());
    assertTrue(verify.err().contains("file truncated"), verify.err());
  }

  @Test
  void manifestThatDisagreesWithTheEventsIsAProblemPerFile() throws IOException {
    try (IndexWriter writer = EventIndex.openWriter(index)) {
      IndexManifest m = EventIndex.manifest(writer);
      SourceFile real = m.files().get(0);
      writer.deleteDocuments(new org.apache.lucene.search.MatchAllDocsQuery());
      writer.addDocument(new org.apache.lucene.document.Document());
      EventIndex.commit(writer, m.with(new SourceFile("ghost.log", 10, "ab".repeat(32), 5, 7, 0, "gateway",
          real.firstEvent(), real.lastEvent(), real.ingestedAt())));
    }
    CliRun verify = CliRun.of("verify", "-i", index.toString());
    assertEquals(ExitCodes.USAGE, verify.exitCode(), verify.out() + verify.err());
    assertEquals(List.of(
        "analyzer: " + index + ": 1 event(s) name no source file",
        "analyzer: " + index + ": " + log + ": the manifest records 3000 events, the index holds none",
        "analyzer: " + index + ": ghost.log: its record does not add up: 7 events and 0 rejected of 5 lines",
        "analyzer: " + index + ": ghost.log: the manifest records 7 events, the index holds none"),
        verify.err().lines().toList());
  }
}
