package org.apiaudit.engine;

import java.io.IOException;
import org.apache.lucene.index.IndexWriter;
import org.apiaudit.index.ColumnLayout;
import org.apiaudit.index.EventDocumentBuilder;
import org.apiaudit.index.EventIndex;
import org.apiaudit.index.FieldQueries;
import org.apiaudit.index.IndexManifest;
import org.apiaudit.schema.Field;

/**
 * The embedded engine: events go straight into the case folder's Lucene writer (which indexes
 * from several threads at once), and the manifest is committed atomically with them.
 */
public final class LuceneEventStore implements EventStore {
  private final IndexWriter writer;
  /** One builder per ingest worker: it refills one document in place (no allocation per value). */
  private final ThreadLocal<EventDocumentBuilder> builders;

  /** Writes through {@code writer}; the caller keeps owning (and closes) it. */
  public LuceneEventStore(IndexWriter writer) {
    this.writer = writer;
    ColumnLayout layout = EventIndex.layout(writer);
    this.builders = ThreadLocal.withInitial(() -> new EventDocumentBuilder(layout));
  }

  @Override
  public IndexManifest manifest() {
    return EventIndex.manifest(writer);
  }

  @Override
  public Batch openBatch(String fileKey) {
    return new Batch() {
      @Override
      public void add(org.apiaudit.schema.Event event) throws IOException {
        writer.addDocument(builders.get().reuse(event));
      }

      @Override
      public void close() {
        // documents are in the writer already
      }
    };
  }

  @Override
  public boolean namesDocumentsByContent() {
    return false;
  }

  @Override
  public void deleteFile(String recordedPath) throws IOException {
    writer.deleteDocuments(FieldQueries.exact(Field.LOG_FILE, recordedPath));
  }

  @Override
  public long deleteLine(String recordedPath, long line) throws IOException {
    org.apache.lucene.search.Query q = new org.apache.lucene.search.BooleanQuery.Builder()
        .add(FieldQueries.exact(Field.LOG_FILE, recordedPath), org.apache.lucene.search.BooleanClause.Occur.FILTER)
        .add(FieldQueries.exact(Field.LOG_LINE, Long.toString(line)), org.apache.lucene.search.BooleanClause.Occur.FILTER)
        .build();
    long n;
    try (org.apache.lucene.index.DirectoryReader reader = org.apache.lucene.index.DirectoryReader.open(writer)) {
      n = new org.apache.lucene.search.IndexSearcher(reader).count(q);
    }
    writer.deleteDocuments(q);
    return n;
  }

  @Override
  public void deleteLinesAfter(String recordedPath, long linesBefore) throws IOException {
    writer.deleteDocuments(new org.apache.lucene.search.BooleanQuery.Builder()
        .add(FieldQueries.exact(Field.LOG_FILE, recordedPath), org.apache.lucene.search.BooleanClause.Occur.FILTER)
        .add(org.apache.lucene.document.LongPoint.newRangeQuery(Field.LOG_LINE.fieldName(), linesBefore + 1,
            Long.MAX_VALUE), org.apache.lucene.search.BooleanClause.Occur.FILTER)
        .build());
  }

  @Override
  public void commit(IndexManifest manifest) throws IOException {
    EventIndex.commit(writer, manifest);
  }

  @Override
  public String location() {
    return EventIndex.path(writer).toString();
  }

  /** Nothing to release: the writer belongs to the caller. */
  @Override
  public void close() {
  }
}
