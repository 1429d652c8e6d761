package org.apiaudit.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.Term;
import org.apiaudit.UserException;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code analyzer verify} on small indexes: a healthy one, damaged segment files, and manifests
 * whose file records disagree with the events (including retention's partial and whole purges).
 */
class IndexVerifierTest {
  @TempDir Path dir;

  /** A record of {@code path}: {@code events} events between {@code first} and {@code last}. */
  private static SourceFile record(String path, long events, long first, long last) {
    return new SourceFile(path, 100, "sha-" + path, events + 1, events, 1, "nginx-combined", first, last, 9_000);
  }

  /** Writes one event per time from {@code file} (null: no file), commits {@code manifest}. */
  private void write(IndexManifest manifest, String file, long... times) throws IOException {
    try (IndexWriter w = EventIndex.openWriter(dir, 16)) {
      EventDocumentBuilder b = new EventDocumentBuilder();
      long line = 0;
      for (long t : times) {
        Event e = new Event().set(Field.TIMESTAMP, t).set(Field.LOG_FILE, file).set(Field.LOG_LINE, ++line)
            .set(Field.REQUEST_ID, file + "#" + line);
        w.addDocument(b.build(e));
      }
      EventIndex.commit(w, manifest);
    }
  }

  private IndexVerifier.Result verify() throws IOException {
    return new IndexVerifier().verify(dir);
  }

  @Test
  void aHealthyIndexCountsSegmentsEventsAndFiles() throws IOException {
    write(IndexManifest.empty().with(record("a.log", 3, 10, 30)), "a.log", 10, 20, 30);
    assertEquals(new IndexVerifier.Result(1, 3, 1, List.of()), verify());
  }

  @Test
  void aMissingSegmentFileIsFound() throws IOException {
    write(IndexManifest.empty().with(record("a.log", 3, 10, 30)), "a.log", 10, 20, 30);
    try (Stream<Path> files = Files.list(dir)) {
      Files.delete(files.filter(p -> p.getFileName().toString().endsWith(".fdt")).findFirst().orElseThrow());
    }
    IndexVerifier.Result r = verify();
    assertEquals(false, r.healthy());
    assertEquals(-1, r.events(), "events are not counted on damaged segments");
    assertTrue(r.problems().get(0).startsWith("segment _0 (3 events, "), r.problems().toString());
  }

  @Test
  void aTamperedDocValuesFileFailsItsChecksum() throws IOException {
    write(IndexManifest.empty().with(record("a.log", 3, 10, 30)), "a.log", 10, 20, 30);
    TinyIndex.damage(dir, ".dvd");
    IndexVerifier.Result r = verify();
    assertEquals(1, r.problems().size(), r.problems().toString());
    assertTrue(r.problems().get(0).startsWith("segment _0 (3 events, ") && r.problems().get(0).contains("checksum failed"),
        r.problems().get(0));
  }

  @Test
  void eventsOfUnrecordedFilesOrOfNoFileAreProblems() throws IOException {
    write(IndexManifest.empty(), "b.log", 10, 20);
    assertEquals(List.of("2 event(s) from b.log, which the manifest does not record"), verify().problems());
    write(IndexManifest.empty(), null, 30);
    assertEquals(List.of("1 event(s) name no source file", "2 event(s) from b.log, which the manifest does not record"),
        verify().problems());
  }

  @Test
  void aRecordMustAddUpAndHoldItsEventsInItsTimeRange() throws IOException {
    SourceFile impossible = new SourceFile("a.log", 100, "s", 4, 5, 1, "nginx-combined", 30, 10, 0);
    write(IndexManifest.empty().with(impossible), "a.log", 10, 20, 30, 40, 50);
    assertEquals(List.of("a.log: its record does not add up: 5 events and 1 rejected of 4 lines",
        "a.log: its record's time range is inverted or missing (30 .. 10)",
        "a.log: events lie outside its recorded time range"), verify().problems());
  }

  @Test
  void moreEventsThanRecordedOrNoneOfThemAreProblems() throws IOException {
    write(IndexManifest.empty().with(record("a.log", 2, 10, 30)).with(record("c.log", 4, 10, 40)), "a.log", 10, 20, 30);
    assertEquals(List.of("a.log: the index holds 3 events, the manifest records 2",
        "c.log: the manifest records 4 events, the index holds none"), verify().problems());
  }

  @Test
  void retentionMayRemoveTheOldestEventsButNotTheNewest() throws IOException {
    write(IndexManifest.empty().with(record("a.log", 4, 10, 40)), "a.log", 10, 20, 30, 40);
    try (IndexWriter w = EventIndex.openWriter(dir, 16)) {
      w.deleteDocuments(new Term(Field.REQUEST_ID.fieldName(), "a.log#1"));
      EventIndex.commit(w, EventIndex.manifest(w));
    }
    assertEquals(List.of(), verify().problems(), "the oldest removed");
    try (IndexWriter w = EventIndex.openWriter(dir, 16)) {
      w.deleteDocuments(new Term(Field.REQUEST_ID.fieldName(), "a.log#4"));
      EventIndex.commit(w, EventIndex.manifest(w));
    }
    assertEquals(List.of("a.log: the index holds 2 of its 4 recorded events, and not the newest (retention removes only"
        + " the oldest)"), verify().problems());
  }

  @Test
  void aFilePurgedWholeMustHoldNoEvents() throws IOException {
    write(IndexManifest.empty().with(record("a.log", 2, 10, 20).purgedAt(99)), "a.log", 10, 20);
    assertEquals(List.of("a.log: marked purged, yet the index holds 2 of its events"), verify().problems());
    try (IndexWriter w = EventIndex.openWriter(dir, 16)) {
      w.deleteDocuments(new Term(Field.REQUEST_ID.fieldName(), "a.log#1"), new Term(Field.REQUEST_ID.fieldName(), "a.log#2"));
      EventIndex.commit(w, EventIndex.manifest(w));
    }
    assertEquals(new IndexVerifier.Result(0, 0, 1, List.of()), verify(), "the emptied segment is dropped");
  }

  @Test
  void logsReadByNightlyAreCheckedInTotalAcrossRotation() throws IOException {
    SourceFile rotated = new SourceFile("access.log.1", 100, "s1", 3, 2, 0, "nginx-combined", 10, 20, 0, 100, 100,
        "head", "dev:1", 0, null);
    SourceFile current = new SourceFile("access.log", 100, "s2", 3, 1, 0, "nginx-combined", 30, 30, 0, 50, 50,
        "head2", "dev:2", 0, null);
    write(IndexManifest.empty().with(rotated).with(current), "access.log", 10, 20, 30);
    assertEquals(List.of(), verify().problems(), "the events keep the name the log had when read");
    write(IndexManifest.empty().with(rotated).with(current), "access.log", 40);
    assertEquals(List.of("the index holds 4 events from logs read by nightly runs, their 2 record(s) add up to 3"),
        verify().problems());
  }

  @Test
  void aNewLogAtAGrownLogsOldPathLeavesItsFirstEventsToTheGrownLogsRecord() throws IOException {
    // ingest read access.log (2 events); it grew by 1 and became access.log.1, read under that
    // name (its record followed it); a new access.log of 1 event was then ingested
    SourceFile grown = new SourceFile("access.log.1", 100, "s1", 3, 3, 0, "nginx-combined", 10, 30, 0, 0, 100,
        "head", null, 0, null);
    SourceFile fresh = record("access.log", 1, 50, 50);
    IndexManifest both = IndexManifest.empty().with(grown).with(fresh);
    try (IndexWriter w = EventIndex.openWriter(dir, 16)) {
      EventDocumentBuilder b = new EventDocumentBuilder();
      long[][] events = {{10, 1}, {20, 2}, {50, 1}};
      for (long[] e : events) {
        w.addDocument(b.build(new Event().set(Field.TIMESTAMP, e[0]).set(Field.LOG_FILE, "access.log")
            .set(Field.LOG_LINE, e[1]).set(Field.REQUEST_ID, "r" + e[0])));
      }
      w.addDocument(b.build(new Event().set(Field.TIMESTAMP, 30L).set(Field.LOG_FILE, "access.log.1")
          .set(Field.LOG_LINE, 3L).set(Field.REQUEST_ID, "r30")));
      EventIndex.commit(w, both);
    }
    assertEquals(List.of(), verify().problems(), "2 + 1 events of the grown log, 1 of the new one");
    write(both, "access.log", 60);
    assertEquals(List.of("the index holds 4 events from logs read by nightly runs, their 1 record(s) add up to 3"),
        verify().problems(), "one event more than both records is still found");
  }

  @Test
  void noIndexIsAUserError() {
    assertEquals("no index at " + dir.resolve("none") + " (run 'analyzer ingest' first)",
        assertThrows(UserException.class, () -> new IndexVerifier().verify(dir.resolve("none"))).getMessage());
    assertEquals("no index at " + dir + " (run 'analyzer ingest' first)",
        assertThrows(UserException.class, () -> new IndexVerifier().verify(dir)).getMessage());
  }
}
