package org.apiaudit.detect.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import java.util.TreeSet;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.OrdinalMap;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.LongValues;
import org.apache.lucene.util.packed.PackedInts;
import org.apiaudit.schema.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The off-heap numbering is Lucene's {@link OrdinalMap}'s, and maps back to the same values. */
class GlobalOrdsTest {
  @Test
  void numbersValuesAsLucenesOrdinalMapAcrossSegments(@TempDir Path dir) throws IOException {
    Random random = new Random(3);
    TreeSet<String> all = new TreeSet<>();
    String field = Field.PRINCIPAL.fieldName();
    try (FSDirectory d = FSDirectory.open(dir);
        IndexWriter w = new IndexWriter(d, new IndexWriterConfig().setMergePolicy(NoMergePolicy.INSTANCE))) {
      for (int segment = 0; segment < 7; segment++) {
        int docs = segment == 3 ? 5 : 200 + random.nextInt(2_000);
        for (int i = 0; i < docs; i++) {
          Document doc = new Document();
          if (segment != 3) { // one segment without the field at all
            // Overlapping ranges, some values in one segment only, multi-byte and empty strings.
            String v = switch (random.nextInt(4)) {
              case 0 -> "vcn-" + random.nextInt(5_000);
              case 1 -> "tk-" + segment + "-" + random.nextInt(300);
              case 2 -> "ü" + random.nextInt(50);
              default -> random.nextInt(100) == 0 ? "" : "z" + random.nextInt(20);
            };
            doc.add(new SortedDocValuesField(field, new BytesRef(v)));
            all.add(v);
          }
          doc.add(new StringField("x", "y", org.apache.lucene.document.Field.Store.NO));
          w.addDocument(doc);
        }
        w.commit();
      }
    }
    try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir))) {
      assertEquals(7, reader.leaves().size());
      GlobalOrds ords = GlobalOrds.build(reader, Field.PRINCIPAL);
      SortedDocValues[] values = new SortedDocValues[reader.leaves().size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = DocValues.getSorted(reader.leaves().get(i).reader(), field);
      }
      OrdinalMap lucene = OrdinalMap.build(null, values, PackedInts.DEFAULT);
      assertEquals(lucene.getValueCount(), ords.valueCount());
      assertEquals(all.size(), ords.valueCount());
      for (int leaf = 0; leaf < values.length; leaf++) {
        LongValues expected = lucene.getGlobalOrds(leaf);
        LongValues got = ords.segmentToGlobal(leaf);
        LongValues scan = ords.segmentToGlobalForScan(leaf);
        for (int ord = 0; ord < values[leaf].getValueCount(); ord++) {
          assertEquals(expected.get(ord), got.get(ord), "leaf " + leaf + " ord " + ord);
          assertEquals(expected.get(ord), scan.get(ord));
        }
      }
      int g = 0;
      for (String v : all) {
        assertEquals(v, ords.lookup(g));
        assertEquals(g, ords.ordOf(v));
        g++;
      }
      assertEquals(-1, ords.ordOf("not-there"));
    }
  }
}
