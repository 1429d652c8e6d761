package org.apiaudit.serve;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.ExitableDirectoryReader;
import org.apache.lucene.index.QueryTimeoutImpl;
import org.apache.lucene.index.ReaderManager;
import org.apiaudit.index.EventIndex;
import org.apiaudit.search.EventSearcher;

/**
 * The one reader of the index the server shares between requests, reopened when an ingest or a
 * nightly run commits (checked at most every {@link #REFRESH_MILLIS}): an investigator sees new
 * events without restarting, and a reader in use by a request is closed only after it is done.
 * Never opens a writer.
 */
final class IndexReaders implements Closeable {
  /** How often a request may check the index for a new commit: a check lists the folder. */
  static final long REFRESH_MILLIS = 2000;

  private final Path index;
  private final ReaderManager manager;
  private volatile long lastCheck;

  IndexReaders(Path index) {
    this.index = index;
    try {
      this.manager = new ReaderManager(EventIndex.openReader(index));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.lastCheck = System.currentTimeMillis();
  }

  Path index() {
    return index;
  }

  /**
   * A searcher over the latest commit whose reads stop after {@code timeoutMillis} (0: no limit)
   * with {@link org.apache.lucene.index.ExitableDirectoryReader.ExitingReaderException}; close
   * the lease to give the reader back.
   */
  Lease acquire(long timeoutMillis) {
    try {
      long now = System.currentTimeMillis();
      if (now - lastCheck > REFRESH_MILLIS) {
        lastCheck = now;
        manager.maybeRefresh();
      }
      DirectoryReader reader = manager.acquire();
      DirectoryReader view = timeoutMillis > 0 ? ExitableDirectoryReader.wrap(reader, new QueryTimeoutImpl(timeoutMillis))
          : reader;
      return new Lease(reader, new EventSearcher(view));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A searcher lent to one request. */
  final class Lease implements AutoCloseable {
    private final DirectoryReader reader;
    private final EventSearcher searcher;

    private Lease(DirectoryReader reader, EventSearcher searcher) {
      this.reader = reader;
      this.searcher = searcher;
    }

    EventSearcher searcher() {
      return searcher;
    }

    @Override
    public void close() {
      try {
        manager.release(reader);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public void close() throws IOException {
    manager.close();
  }
}
