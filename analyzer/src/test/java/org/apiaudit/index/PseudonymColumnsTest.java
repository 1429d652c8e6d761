package org.apiaudit.index;

import static org.apiaudit.index.SortedColumnAssertions.assertSameColumn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefBuilder;
import org.apiaudit.engine.LuceneEventStore;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymColumnsTest {
  @TempDir Path dir;

  @Test
  void sixteenLowercaseHexDigitsAfterThePrefixAreTheBitsAndPrintBackTheSame() {
    boolean[] ok = new boolean[1];
    for (String v : List.of("ps-0000000000000000", "ps-ffffffffffffffff", "ps-8000000000000000", "ps-3f9a0c1d2e4b5a69")) {
      long bits = PseudonymColumns.bits(v, "ps-", ok);
      assertTrue(ok[0], v);
      BytesRefBuilder out = new BytesRefBuilder();
      PseudonymColumns.format(bits, "ps-".getBytes(java.nio.charset.StandardCharsets.US_ASCII), out);
      assertEquals(v, out.get().utf8ToString());
    }
    for (String v : List.of("ps-3F9A0C1D2E4B5A69", "ps-3f9a0c1d2e4b5a6", "ps-3f9a0c1d2e4b5a690", "pb-3f9a0c1d2e4b5a69",
        "ben-0042", "ps-3f9a0c1d2e4b5a6g", "")) {
      PseudonymColumns.bits(v, "ps-", ok);
      assertFalse(ok[0], v);
    }
  }

  /**
   * The packed layout read through {@link PseudonymColumns#wrap} gives, segment by segment, the
   * same ordinals and values as the sorted layout of the same documents: values in both halves
   * of the unsigned range, values that are not pseudonyms, documents without a subject.
   */
  @Test
  void packedColumnsReadExactlyAsTheSortedColumnsOfTheSameDocuments() throws IOException {
    List<List<Event>> segments = randomSegments(new Random(20261207));
    try (DirectoryReader packed = write(dir.resolve("packed"), segments, true);
        DirectoryReader sorted = write(dir.resolve("sorted"), segments, false)) {
      assertEquals(sorted.leaves().size(), packed.leaves().size());
      for (int i = 0; i < packed.leaves().size(); i++) {
        for (Field f : List.of(Field.SUBJECT_ID, Field.SUBJECT_BLOCK)) {
          assertSameColumn(DocValues.getSorted(sorted.leaves().get(i).reader(), f.fieldName()),
              DocValues.getSorted(packed.leaves().get(i).reader(), f.fieldName()), f + " segment " + i);
          assertEquals(DocValuesType.SORTED,
              packed.leaves().get(i).reader().getFieldInfos().fieldInfo(f.fieldName()).getDocValuesType());
          assertEquals(DocValuesType.NUMERIC, org.apache.lucene.index.FilterLeafReader.unwrap(
              packed.leaves().get(i).reader()).getFieldInfos().fieldInfo(f.fieldName()).getDocValuesType(),
              "really stored as numbers");
          assertSameText(sorted.leaves().get(i), packed.leaves().get(i), f);
        }
      }
      // Lucene's own doc-values queries see the sorted column too
      for (String block : List.of("pb-00000000000000ff", "pb-ff00000000000000", "blk-7", "pb-0123456789abcdef")) {
        var q = SortedDocValuesField.newSlowExactQuery(Field.SUBJECT_BLOCK.fieldName(), new BytesRef(block));
        assertEquals(new IndexSearcher(sorted).count(q), new IndexSearcher(packed).count(q), block);
      }
      var range = SortedDocValuesField.newSlowRangeQuery(Field.SUBJECT_BLOCK.fieldName(), new BytesRef("pb-4"),
          new BytesRef("pb-c"), true, true);
      assertEquals(new IndexSearcher(sorted).count(range), new IndexSearcher(packed).count(range));
      assertTrue(new IndexSearcher(packed).count(range) > 0);
    }
  }

  @Test
  void anIndexWrittenWithSortedColumnsKeepsThemWhenMoreIsAdded() throws IOException {
    Path index = dir.resolve("old");
    List<List<Event>> segments = randomSegments(new Random(7));
    write(index, segments.subList(0, 1), false).close();
    try (IndexWriter writer = EventIndex.openWriter(index)) {
      assertFalse(EventIndex.layout(writer).packsSubjects());
      var batch = new LuceneEventStore(writer).openBatch("x");
      for (Event e : segments.get(1)) {
        batch.add(e);
      }
      writer.commit();
    }
    try (DirectoryReader reader = EventIndex.openReader(index)) {
      assertFalse(ColumnLayout.of(FieldInfos.getMergedFieldInfos(reader)).packsSubjects());
      long withSubject = segments.get(0).stream().filter(e -> e.has(Field.SUBJECT_ID)).count()
          + segments.get(1).stream().filter(e -> e.has(Field.SUBJECT_ID)).count();
      assertEquals(withSubject, new IndexSearcher(reader).count(
          new org.apache.lucene.search.FieldExistsQuery(Field.SUBJECT_ID.fieldName())));
    }
    try (IndexWriter writer = EventIndex.openWriter(dir.resolve("new"))) {
      assertTrue(EventIndex.layout(writer).packsSubjects(), "a new index packs its subject columns");
    }
  }

  private static void assertSameText(LeafReaderContext sorted, LeafReaderContext packed, Field f) throws IOException {
    ColumnViews.TextColumn a = ColumnViews.text(sorted.reader(), f);
    ColumnViews.TextColumn b = ColumnViews.text(packed.reader(), f);
    assertNotNull(a);
    assertNotNull(b);
    for (int doc = 0; doc < sorted.reader().maxDoc(); doc += 3) {
      assertEquals(a.at(doc), b.at(doc), f + " doc " + doc);
    }
  }

  private static DirectoryReader write(Path index, List<List<Event>> segments, boolean pack) throws IOException {
    try (IndexWriter writer = EventIndex.openWriter(index)) {
      EventDocumentBuilder builder = new EventDocumentBuilder(new ColumnLayout(pack, true));
      for (List<Event> segment : segments) {
        for (Event e : segment) {
          writer.addDocument(builder.reuse(e));
        }
        writer.commit();
      }
    }
    return ColumnViews.wrap(DirectoryReader.open(FSDirectory.open(index)));
  }

  /** Three segments of events: pseudonyms across the whole 64-bit range, a few repeats, others. */
  private static List<List<Event>> randomSegments(Random random) {
    List<String> subjects = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      subjects.add(String.format("ps-%016x", random.nextLong()));
    }
    subjects.addAll(List.of("ps-0000000000000000", "ps-ffffffffffffffff", "ben-0042", "ps-ABCDEF0123456789", "s1"));
    List<String> blocks = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      blocks.add(String.format("pb-%016x", random.nextLong()));
    }
    blocks.addAll(List.of("pb-00000000000000ff", "pb-ff00000000000000", "blk-7"));
    List<List<Event>> out = new ArrayList<>();
    long t = 1_686_528_000_000L;
    for (int s = 0; s < 3; s++) {
      List<Event> segment = new ArrayList<>();
      int n = 50 + random.nextInt(50);
      for (int i = 0; i < n; i++) {
        Event e = new Event().set(Field.TIMESTAMP, t += random.nextInt(5000));
        if (random.nextInt(5) > 0) {
          e.set(Field.SUBJECT_ID, subjects.get(random.nextInt(subjects.size())));
        }
        if (random.nextInt(3) > 0) {
          e.set(Field.SUBJECT_BLOCK, blocks.get(random.nextInt(blocks.size())));
        }
        segment.add(e);
      }
      out.add(segment);
    }
    return out;
  }
}
