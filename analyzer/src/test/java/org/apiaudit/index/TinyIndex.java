package org.apiaudit.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apiaudit.schema.Event;

/**
 * A handful of events written the way ingest writes them (one {@link EventIndex} writer, the
 * {@link EventDocumentBuilder}), then searched: tests of the rules, index and schema packages
 * assert what a query returns rather than how the index stores it.
 */
public final class TinyIndex implements AutoCloseable {
  private final DirectoryReader reader;
  private final IndexSearcher searcher;

  private TinyIndex(DirectoryReader reader) {
    this.reader = reader;
    this.searcher = new IndexSearcher(reader);
  }

  /** Writes {@code events} into a new index at {@code dir}, committed, and opens it. */
  public static TinyIndex of(Path dir, List<Event> events) {
    try (IndexWriter w = EventIndex.openWriter(dir, 16)) {
      EventDocumentBuilder builder = new EventDocumentBuilder();
      for (Event e : events) {
        w.addDocument(builder.reuse(e));
      }
      w.commit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new TinyIndex(EventIndex.openReader(dir));
  }

  /** How many events {@code q} matches. */
  public int count(Query q) {
    try {
      return searcher.count(q);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public DirectoryReader reader() {
    return reader;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
