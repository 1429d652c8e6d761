package org.apiaudit.index;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
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

  /**
   * Flips the last data byte of the first index file in {@code dir} named {@code *suffix}
   * ({@code .dvd}, {@code .fdt}…), just before the 16-byte footer that holds its checksum: the
   * file still opens, and its checksum fails. Returns the file.
   */
  public static Path damage(Path dir, String suffix) throws IOException {
    Path file;
    try (Stream<Path> files = Files.list(dir)) {
      file = files.filter(p -> p.getFileName().toString().endsWith(suffix)).findFirst().orElseThrow();
    }
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      long lastDataByte = f.length() - 17;
      f.seek(lastDataByte);
      int b = f.read();
      f.seek(lastDataByte);
      f.write(b ^ 0xff);
    }
    return file;
  }

  public DirectoryReader reader() {
    return reader;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
