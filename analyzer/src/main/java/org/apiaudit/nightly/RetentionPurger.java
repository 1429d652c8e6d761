package org.apiaudit.nightly;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopFieldDocs;
import org.apiaudit.index.EventIndex;
import org.apiaudit.index.IndexManifest;
import org.apiaudit.index.SourceFile;
import org.apiaudit.schema.Field;

/**
 * Removes events older than a cutoff from the index (never the source files) in one commit.
 *
 * <p>Source-file records are kept: their chain-of-custody facts stay citable, and a file still
 * on disk is recognised and never read again. A file all of whose events are gone is marked
 * with {@link SourceFile#purgedAt()}.
 */
public final class RetentionPurger {
  /**
   * What a purge removed.
   *
   * @param events events deleted
   * @param first the oldest deleted event's time, or -1 when none
   * @param last the newest deleted event's time, or -1
   * @param filesPurged source files whose events are now all gone
   */
  public record Result(long events, long first, long last, int filesPurged) {}

  /** Deletes events before {@code cutoff} (epoch ms) and commits. */
  public Result purge(IndexWriter writer, long cutoff, long now) throws IOException {
    Query old = LongPoint.newRangeQuery(Field.TIMESTAMP.fieldName(), Long.MIN_VALUE, cutoff - 1);
    long count;
    long first = -1;
    long last = -1;
    try (DirectoryReader reader = DirectoryReader.open(writer)) {
      IndexSearcher searcher = new IndexSearcher(reader);
      count = searcher.count(old);
      if (count > 0) {
        first = edge(searcher, old, false);
        last = edge(searcher, old, true);
      }
    }
    IndexManifest manifest = EventIndex.manifest(writer);
    List<SourceFile> files = new ArrayList<>();
    int purged = 0;
    for (SourceFile f : manifest.files()) {
      if (f.purgedAt() == 0 && f.lastEvent() >= 0 && f.lastEvent() < cutoff) {
        f = new SourceFile(f.path(), f.size(), f.sha256(), f.lines(), f.events(), f.rejected(), f.format(),
            f.firstEvent(), f.lastEvent(), f.ingestedAt(), f.offset(), f.headBytes(), f.headSha256(), f.identity(), now);
        purged++;
      }
      files.add(f);
    }
    if (count > 0 || purged > 0) {
      writer.deleteDocuments(old);
      EventIndex.commit(writer, manifest.withFiles(files));
    }
    return new Result(count, first, last, purged);
  }

  private static long edge(IndexSearcher searcher, Query q, boolean newest) throws IOException {
    TopFieldDocs top = searcher.search(q, 1, new Sort(new SortField(Field.TIMESTAMP.fieldName(), SortField.Type.LONG, newest)));
    return (Long) ((FieldDoc) top.scoreDocs[0]).fields[0];
  }
}
