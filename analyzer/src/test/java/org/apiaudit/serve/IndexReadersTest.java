package org.apiaudit.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.apache.lucene.index.ExitableDirectoryReader.ExitingReaderException;
import org.apiaudit.search.EventSearcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's reader: a request's search stops at its timeout; without one it runs to the end. */
class IndexReadersTest {
  @TempDir static Path tmp;
  static ServeFixture fixture;

  @BeforeAll
  static void build() throws Exception {
    fixture = ServeFixture.build(tmp);
  }

  @Test
  void searchPastItsTimeoutIsStopped() throws Exception {
    try (IndexReaders readers = new IndexReaders(fixture.index)) {
      try (IndexReaders.Lease lease = readers.acquire(1)) {
        Thread.sleep(50);
        assertThrows(ExitingReaderException.class, () -> lease.searcher().histogram(EventSearcher.all(), 60_000));
      }
      try (IndexReaders.Lease lease = readers.acquire(0)) {
        long sum = lease.searcher().histogram(EventSearcher.all(), 60_000).values().stream().mapToLong(Long::longValue).sum();
        assertEquals(ServeFixture.SLICE_LINES + 4, sum);
      }
    }
  }
}
