package org.apiaudit.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.codecs.lucene90.Lucene90StoredFieldsFormat;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.FSDirectory;
import org.apiaudit.UserException;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --codec}: chosen once, kept by writers not told otherwise, readable whatever the mix. */
class IndexCodecTest {
  @TempDir Path tmp;

  /** Gateway-like lines whose address, token and request id are new on every line. */
  private static List<String> lines(int n, long seed) {
    Random r = new Random(seed);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      lines.add(String.format(java.util.Locale.ROOT,
          "%d.%d.%d.%d - ps-%016x [06/Jun/2023:10:%02d:%02d +0530] \"GET /api/v2/appointment/beneficiaries"
              + "?id=pb-%016x HTTP/1.1\" 200 %d \"-\" \"okhttp/4.9.0\" rid=%016x", r.nextInt(256), r.nextInt(256),
          r.nextInt(256), r.nextInt(256), r.nextLong(), i / 60 % 60, i % 60, r.nextLong(), 200 + r.nextInt(9000),
          r.nextLong()));
    }
    return lines;
  }

  /** Writes one segment of {@code lines} with {@code codec} (null: the index's own). */
  private static void write(Path dir, IndexCodec codec, List<String> lines, long firstTime) throws IOException {
    EventDocumentBuilder b = new EventDocumentBuilder();
    try (IndexWriter w = EventIndex.openWriter(dir, EventIndex.DEFAULT_RAM_BUFFER_MB, codec)) {
      for (int i = 0; i < lines.size(); i++) {
        w.addDocument(b.reuse(new Event().set(Field.TIMESTAMP, firstTime + i).set(Field.ORIGINAL, lines.get(i))));
      }
      EventIndex.commit(w, IndexManifest.empty());
    }
  }

  /** The stored-fields mode each segment records, in segment order. */
  private static List<String> segmentModes(Path dir) throws IOException {
    List<String> modes = new ArrayList<>();
    try (FSDirectory d = FSDirectory.open(dir)) {
      for (SegmentCommitInfo s : SegmentInfos.readLatestCommit(d)) {
        modes.add(s.info.getAttribute(Lucene90StoredFieldsFormat.MODE_KEY));
      }
    }
    return modes;
  }

  private static IndexCodec codecOf(Path dir) throws IOException {
    return IndexCodec.of(dir);
  }

  private static List<String> storedLines(Path dir) throws IOException {
    List<String> out = new ArrayList<>();
    try (DirectoryReader r = EventIndex.openReader(dir)) {
      StoredFields stored = r.storedFields();
      for (int doc = 0; doc < r.maxDoc(); doc++) {
        out.add(EventDocumentBuilder.storedText(stored.document(doc), Field.ORIGINAL));
      }
    }
    return out;
  }

  @Test
  void aNewIndexTakesBestCompressionAndAWriterNotToldOtherwiseKeepsTheIndexsCodec() throws IOException {
    Path fresh = tmp.resolve("fresh");
    write(fresh, null, lines(500, 1), 0);
    assertEquals(List.of("BEST_COMPRESSION"), segmentModes(fresh));
    assertEquals(IndexCodec.BEST_COMPRESSION, codecOf(fresh));

    Path fast = tmp.resolve("fast");
    write(fast, IndexCodec.BEST_SPEED, lines(500, 1), 0);
    write(fast, null, lines(500, 2), 1_000);
    assertEquals(List.of("BEST_SPEED", "BEST_SPEED"), segmentModes(fast),
        "a nightly ingest without --codec keeps the index's choice (and an index written before DEFLATE was the"
            + " default stays LZ4)");
    assertEquals(IndexCodec.BEST_SPEED, codecOf(fast));
  }

  @Test
  void switchingCodecWritesNewSegmentsInTheNewModeAndEveryLineStaysReadable() throws IOException {
    Path dir = tmp.resolve("mixed");
    List<String> first = lines(300, 3);
    List<String> second = lines(300, 4);
    write(dir, IndexCodec.BEST_COMPRESSION, first, 0);
    write(dir, IndexCodec.BEST_SPEED, second, 1_000);
    assertEquals(List.of("BEST_COMPRESSION", "BEST_SPEED"), segmentModes(dir));
    assertEquals(IndexCodec.BEST_SPEED, codecOf(dir), "the newest segment's mode is the index's from now on");
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    assertEquals(all.stream().sorted().toList(), storedLines(dir).stream().sorted().toList());
    try (IndexWriter w = EventIndex.openWriter(dir)) {
      w.forceMerge(1);
      EventIndex.commit(w, IndexManifest.empty());
    }
    assertEquals(List.of("BEST_SPEED"), segmentModes(dir), "a merge writes with the writer's codec");
    assertEquals(all.stream().sorted().toList(), storedLines(dir).stream().sorted().toList());
  }

  @Test
  void bestCompressionStoresNearlyUniqueLinesInLessSpace() throws IOException {
    List<String> lines = lines(20_000, 5);
    write(tmp.resolve("a"), IndexCodec.BEST_SPEED, lines, 0);
    write(tmp.resolve("b"), IndexCodec.BEST_COMPRESSION, lines, 0);
    long fast = storedBytes(tmp.resolve("a"));
    long small = storedBytes(tmp.resolve("b"));
    assertTrue(small < fast * 0.8, "stored fields: LZ4 " + fast + " bytes, DEFLATE " + small);
  }

  private static long storedBytes(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".fdt")).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  @Test
  void anUnknownNameIsAUsageErrorListingTheNames() {
    UserException e = assertThrows(UserException.class, () -> IndexCodec.parse("zstd"));
    assertEquals("--codec must be one of best_speed, best_compression; got: zstd", e.getMessage());
    assertEquals(IndexCodec.BEST_COMPRESSION, IndexCodec.parse("best_compression"));
  }
}
