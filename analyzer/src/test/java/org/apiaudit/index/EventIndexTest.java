package org.apiaudit.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one writer configuration: documents sorted by time in every segment, flushed on every core at commit. */
class EventIndexTest {
  @TempDir Path dir;

  @Test
  void everySegmentReadsInTimeOrderWhateverTheOrderOfWriting() throws IOException {
    EventDocumentBuilder b = new EventDocumentBuilder();
    int events = 0;
    try (IndexWriter w = EventIndex.openWriter(dir, 1)) {
      for (int batch = 0; batch < 3; batch++) {
        for (long t = 500; t > 0; t--) {
          w.addDocument(b.reuse(new Event().set(Field.TIMESTAMP, t * 7919 % 10_007).set(Field.LOG_LINE, t)));
          events++;
        }
        EventIndex.commit(w, IndexManifest.empty()); // a segment per batch at least
      }
    }
    try (DirectoryReader r = EventIndex.openReader(dir)) {
      assertEquals(events, r.numDocs());
      assertTrue(r.leaves().size() >= 3, "segments: " + r.leaves().size());
      for (LeafReaderContext leaf : r.leaves()) {
        NumericDocValues times = leaf.reader().getNumericDocValues(Field.TIMESTAMP.fieldName());
        long previous = Long.MIN_VALUE;
        for (int doc = times.nextDoc(); doc != NumericDocValues.NO_MORE_DOCS; doc = times.nextDoc()) {
          assertTrue(times.longValue() >= previous, "doc " + doc + " of " + leaf);
          previous = times.longValue();
        }
      }
    }
  }

  @Test
  void aCommitFlushesEveryBufferedDocument() throws IOException {
    EventDocumentBuilder b = new EventDocumentBuilder();
    try (IndexWriter w = EventIndex.openWriter(dir, 1)) {
      for (long t = 0; t < 2_000; t++) {
        w.addDocument(b.reuse(new Event().set(Field.TIMESTAMP, t).set(Field.URL_PATH, "/p/" + t)));
      }
      assertTrue(w.numRamDocs() > 0, "the last documents are still buffered");
      EventIndex.flushInParallel(w);
      assertEquals(0, w.numRamDocs(), "every buffer written as a segment");
      assertTrue(w.hasUncommittedChanges(), "flushed is not yet committed");
      EventIndex.commit(w, IndexManifest.empty().withExtra("test.batch", "1"));
    }
    try (DirectoryReader r = EventIndex.openReader(dir)) {
      assertEquals(2_000, r.numDocs());
      assertEquals("1", EventIndex.manifest(r).extra("test.batch"));
    }
  }
}
