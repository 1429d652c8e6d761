package org.apiaudit.nightly;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.PointValues;
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
 *
 * <p>A retention period counts back from the newest event in the index, not from the clock: on
 * live logs the two agree, and an export of an old incident is not wiped whole the moment it is
 * loaded (a 2023 case purged with "180 days" in 2026 lost every event).
 */
public final class RetentionPurger {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RetentionPurger.class);

  /**
   * What a purge removes (or removed).
   *
   * @param events events deleted
   * @param first the oldest deleted event's time, or -1 when none
   * @param last the newest deleted event's time, or -1
   * @param filesPurged source files whose events are now all gone
   * @param total events in the index before the purge
   */
  public record Result(long events, long first, long last, int filesPurged, long total) {
    /** Whether every event of the index goes. */
    public boolean everything() {
      return events > 0 && events == total;
    }
  }

  /** The cutoff that keeps {@code retentionMs} of log time before the newest event; MIN_VALUE on an empty index. */
  public static long retentionCutoff(IndexWriter writer, long retentionMs) throws IOException {
    try (DirectoryReader reader = DirectoryReader.open(writer)) {
      byte[] max = PointValues.getMaxPackedValue(reader, Field.TIMESTAMP.fieldName());
      return max == null ? Long.MIN_VALUE : LongPoint.decodeDimension(max, 0) - retentionMs;
    }
  }

  /** What a purge at {@code cutoff} would delete, without deleting anything. */
  public Result plan(IndexWriter writer, long cutoff) throws IOException {
    Query old = LongPoint.newRangeQuery(Field.TIMESTAMP.fieldName(), Long.MIN_VALUE, cutoff - 1);
    long count;
    long total;
    long first = -1;
    long last = -1;
    try (DirectoryReader reader = DirectoryReader.open(writer)) {
      IndexSearcher searcher = new IndexSearcher(reader);
      total = reader.numDocs();
      count = cutoff == Long.MIN_VALUE ? 0 : searcher.count(old);
      if (count > 0) {
        first = edge(searcher, old, false);
        last = edge(searcher, old, true);
      }
    }
    int purged = (int) EventIndex.manifest(writer).files().stream().filter(f -> goes(f, cutoff)).count();
    return new Result(count, first, last, purged, total);
  }

  /** Deletes events before {@code cutoff} (epoch ms) and commits. */
  public Result purge(IndexWriter writer, long cutoff, long now) throws IOException {
    Result plan = plan(writer, cutoff);
    if (plan.events() == 0 && plan.filesPurged() == 0) {
      return plan;
    }
    writer.deleteDocuments(LongPoint.newRangeQuery(Field.TIMESTAMP.fieldName(), Long.MIN_VALUE, cutoff - 1));
    EventIndex.commit(writer, markPurged(EventIndex.manifest(writer), cutoff, now));
    LOG.info("retention: {} of {} events before {} deleted, {} file(s) now fully purged", plan.events(), plan.total(),
        java.time.Instant.ofEpochMilli(cutoff), plan.filesPurged());
    return plan;
  }

  /**
   * {@code manifest} with every file whose events all precede {@code cutoff} marked purged at
   * {@code now} (any engine: the records stay, so the files are never read again).
   */
  static IndexManifest markPurged(IndexManifest manifest, long cutoff, long now) {
    List<SourceFile> files = new ArrayList<>();
    for (SourceFile f : manifest.files()) {
      files.add(goes(f, cutoff) ? f.purgedAt(now) : f);
    }
    return manifest.withFiles(files);
  }

  private static boolean goes(SourceFile f, long cutoff) {
    return f.purgedAt() == 0 && f.lastEvent() >= 0 && f.lastEvent() < cutoff;
  }

  private static long edge(IndexSearcher searcher, Query q, boolean newest) throws IOException {
    TopFieldDocs top = searcher.search(q, 1, new Sort(new SortField(Field.TIMESTAMP.fieldName(), SortField.Type.LONG, newest)));
    return (Long) ((FieldDoc) top.scoreDocs[0]).fields[0];
  }
}
