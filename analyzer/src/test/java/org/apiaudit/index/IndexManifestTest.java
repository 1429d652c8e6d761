package org.apiaudit.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apiaudit.ExitCodes;
import org.apiaudit.UserException;
import org.apiaudit.privacy.CaseKey;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The case record kept in the commit: written with the documents, read back by every way of
 * opening the index, and the key it names checked; and the one-writer rule.
 */
class IndexManifestTest {
  @TempDir Path dir;

  static final SourceFile ACCESS = new SourceFile("logs/access.log", 120, "aa11", 10, 9, 1, "nginx-combined",
      1_000, 2_000, 5_000);
  static final SourceFile GATEWAY = new SourceFile("logs/gw.jsonl", 300, "bb22", 3, 3, 0, "json-lines", 500, 900, 6_000);

  private static IndexManifest recorded() {
    return IndexManifest.empty().withKeyFingerprint("f00d").with(ACCESS).with(GATEWAY)
        .withZone(ZoneId.of("Asia/Kolkata")).withExtra("nightly.last-run", "2023-06-10");
  }

  private static void assertSameRecord(IndexManifest expected, IndexManifest actual) {
    assertEquals(expected.schemaVersion(), actual.schemaVersion());
    assertEquals(expected.keyFingerprint(), actual.keyFingerprint());
    assertEquals(expected.files(), actual.files());
    assertEquals(expected.zone(), actual.zone());
    assertEquals(expected.extra("nightly.last-run"), actual.extra("nightly.last-run"));
  }

  @Test
  void theRecordIsCommittedWithTheDocumentsAndReadBackEveryWay() throws IOException {
    IndexManifest m = recorded();
    try (IndexWriter w = EventIndex.openWriter(dir, 16)) {
      w.addDocument(new EventDocumentBuilder().build(new Event().set(Field.TIMESTAMP, 1_500L)));
      EventIndex.commit(w, m);
      assertSameRecord(m, EventIndex.manifest(w));
    }
    assertSameRecord(m, EventIndex.readManifest(dir));
    assertSameRecord(m, EventIndex.readManifestIfAny(dir).orElseThrow());
    try (DirectoryReader r = EventIndex.openReader(dir)) {
      assertSameRecord(m, EventIndex.manifest(r));
      assertEquals(1, r.numDocs());
    }
  }

  @Test
  void aCommitWithoutARecordReadsAsAnEmptyOne() throws IOException {
    try (IndexWriter w = EventIndex.openWriter(dir, 16)) {
      w.commit();
    }
    IndexManifest m = EventIndex.readManifest(dir);
    assertEquals(IndexManifest.SCHEMA_VERSION, m.schemaVersion());
    assertNull(m.keyFingerprint());
    assertEquals(List.of(), m.files());
    assertNull(m.zone());
  }

  @Test
  void noIndexIsAClearErrorOrAnEmptyAnswer() throws IOException {
    assertEquals(Optional.empty(), EventIndex.readManifestIfAny(dir.resolve("none")));
    assertEquals(Optional.empty(), EventIndex.readManifestIfAny(dir), "a folder without a commit");
    assertEquals("no index at " + dir + " (run 'analyzer ingest' first)",
        assertThrows(UserException.class, () -> EventIndex.readManifest(dir)).getMessage());
    assertEquals("no index at " + dir.resolve("none") + " (run 'analyzer ingest' first)",
        assertThrows(UserException.class, () -> EventIndex.openReader(dir.resolve("none"))).getMessage());
  }

  @Test
  void aSecondWriterIsToldTheIndexIsInUse() throws IOException {
    try (IndexWriter w = EventIndex.openWriter(dir, 16)) {
      UserException e = assertThrows(UserException.class, () -> EventIndex.openWriter(dir, 16));
      assertEquals("index " + dir + " is in use by another analyzer process (ingest, nightly or purge); wait for it to"
          + " finish", e.getMessage());
      assertEquals(ExitCodes.INDEX_LOCKED, e.exitCode());
      assertEquals(dir.toRealPath(), EventIndex.path(w).toRealPath());
    }
  }

  @Test
  void anotherKeyIsRefusedNamingBothFingerprints() {
    CaseKey key = CaseKey.of(new byte[32]);
    IndexManifest fresh = IndexManifest.empty();
    fresh.requireMatches(key, dir); // an index not yet ingested into accepts any key
    IndexManifest same = fresh.withKeyFingerprint(key.fingerprint());
    same.requireMatches(key, dir);
    IndexManifest other = fresh.withKeyFingerprint("0123456789abcdef");
    assertEquals("case key (in memory) is not the key index " + dir + " was built with (fingerprint "
        + key.fingerprint() + ", the index records 0123456789abcdef); pseudonyms would not match: give the right"
        + " --key FILE", assertThrows(UserException.class, () -> other.requireMatches(key, dir)).getMessage());
  }

  @Test
  void aMissingKeyFileIsNamedWithTheIndex() {
    Path keyFile = dir.resolve("case.key");
    assertEquals("case key " + keyFile + " not found; give --key FILE (the key index " + dir + " was built with)",
        assertThrows(UserException.class, () -> IndexManifest.empty().requireKey(keyFile, dir)).getMessage());
    assertTrue(Files.notExists(keyFile), "never created here");
  }

  @Test
  void filesAreFoundByDigestAndSizeAndReplacedInPlace() {
    IndexManifest m = recorded();
    assertEquals(GATEWAY, m.findBySha256("bb22"));
    assertNull(m.findBySha256("cc33"));
    assertTrue(m.hasFileOfSize(120));
    assertEquals(false, m.hasFileOfSize(121));
    SourceFile grown = new SourceFile("logs/access.log", 240, "aa12", 20, 19, 1, "nginx-combined", 1_000, 4_000, 7_000);
    assertEquals(List.of(grown, GATEWAY), m.replacing(ACCESS, grown).files());
    assertEquals(List.of(ACCESS, GATEWAY, grown), m.replacing(null, grown).files());
    assertEquals(List.of(grown), m.withFiles(List.of(grown)).files());
    assertEquals("f00d", m.withFiles(List.of()).keyFingerprint(), "copies keep the rest of the record");
  }

  @Test
  void otherFeaturesEntriesAreKeptButTheManifestsOwnKeysAreReserved() {
    IndexManifest m = recorded();
    assertNull(m.withExtra("nightly.last-run", null).extra("nightly.last-run"));
    assertEquals(ZoneId.of("Asia/Kolkata"), m.withExtra("nightly.last-run", null).zone());
    for (String reserved : List.of("schema.version", "key.fingerprint", "files")) {
      assertEquals("key is reserved by the manifest; got: " + reserved,
          assertThrows(IllegalArgumentException.class, () -> m.withExtra(reserved, "x")).getMessage());
    }
  }

  @Test
  void aCorruptFileListIsNamed() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> IndexManifest.fromCommitData(Map.of("files", "[{not json")));
    assertTrue(e.getMessage().startsWith("index manifest is corrupt: "), e.getMessage());
  }

  @Test
  void sourceRecordsTrackPurgeMovesAndEarliestEvents() {
    SourceFile purged = ACCESS.purgedAt(9_000);
    assertTrue(purged.purged());
    assertEquals(false, ACCESS.purged());
    assertEquals(ACCESS.sha256(), purged.sha256());
    SourceFile moved = purged.movedTo("logs/access.log.1.gz", "dev:ino");
    assertEquals("logs/access.log.1.gz", moved.path());
    assertEquals("dev:ino", moved.identity());
    assertEquals(9_000, moved.purgedAt());
    assertEquals(5, SourceFile.earliestEvent(-1, 5));
    assertEquals(5, SourceFile.earliestEvent(5, -1));
    assertEquals(3, SourceFile.earliestEvent(5, 3));
    assertEquals(-1, SourceFile.earliestEvent(-1, -1));
  }
}
