package org.apiaudit.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apiaudit.ExitCodes;
import org.apiaudit.UserException;
import org.apiaudit.schema.Field;

/**
 * Opens the event index for writing or reading, with the one configuration every writer uses.
 *
 * <p>The index is sorted by {@link Field#TIMESTAMP}, so time-ordered scans (correlation windows,
 * timelines) read doc ids in time order within each segment. Stored fields (the masked original
 * line) are compressed as {@link IndexCodec} says: DEFLATE in a new index unless the user chose
 * LZ4. Only one writer may hold an index: a second gets a clear "index is in use" error.
 */
public final class EventIndex {
  /** IndexWriter RAM buffer: large enough to flush big segments, small enough for any heap. */
  public static final double DEFAULT_RAM_BUFFER_MB = 256;

  private EventIndex() {}

  /**
   * The analyzer matching how fields are indexed: every indexed value is one whole term (text
   * fields are matched at query time, see {@code FieldQueries.words}).
   */
  public static Analyzer analyzer() {
    return new KeywordAnalyzer();
  }

  /** Opens (creating if needed) the index at {@code dir} for writing. */
  public static IndexWriter openWriter(Path dir) {
    return openWriter(dir, DEFAULT_RAM_BUFFER_MB);
  }

  /** Opens the index for writing with the given RAM buffer (MB), keeping the index's codec. */
  public static IndexWriter openWriter(Path dir, double ramBufferMb) {
    return openWriter(dir, ramBufferMb, null);
  }

  /**
   * Opens the index for writing with the given RAM buffer (MB); new segments and merges are
   * written with {@code codec}, or with the codec of the index's newest segment when null.
   */
  public static IndexWriter openWriter(Path dir, double ramBufferMb, IndexCodec codec) {
    Directory directory = null;
    try {
      Files.createDirectories(dir);
      directory = FSDirectory.open(dir);
      IndexWriterConfig config = new IndexWriterConfig(analyzer())
          .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
          .setIndexSort(new Sort(new SortField(Field.TIMESTAMP.fieldName(), SortField.Type.LONG)))
          .setCodec((codec != null ? codec : IndexCodec.of(directory)).codec())
          .setRAMBufferSizeMB(ramBufferMb)
          // Flushed segments are large and few: packing each into a compound file would copy it
          // once more for no gain in file handles worth having.
          .setUseCompoundFile(false)
          .setCommitOnClose(false);
      return new IndexWriter(directory, config);
    } catch (LockObtainFailedException e) {
      closeQuietly(directory);
      throw new UserException("index " + dir + " is in use by another analyzer process"
          + " (ingest, nightly or purge); wait for it to finish", ExitCodes.INDEX_LOCKED, e);
    } catch (IOException e) {
      closeQuietly(directory);
      if (IndexDamage.isDamage(e)) {
        throw IndexDamage.damaged(dir, e);
      }
      throw new UserException("cannot open index " + dir + " for writing: " + e.getMessage(), 2, e);
    }
  }

  /** Opens the index at {@code dir} for reading; a clear error when there is none. */
  public static DirectoryReader openReader(Path dir) {
    try {
      if (!Files.isDirectory(dir)) {
        throw new UserException("no index at " + dir + " (run 'analyzer ingest' first)");
      }
      Directory directory = FSDirectory.open(dir);
      if (!DirectoryReader.indexExists(directory)) {
        directory.close();
        throw new UserException("no index at " + dir + " (run 'analyzer ingest' first)");
      }
      try {
        return ColumnViews.wrap(DirectoryReader.open(directory));
      } catch (IOException | RuntimeException e) {
        closeQuietly(directory);
        throw e;
      }
    } catch (IOException e) {
      if (IndexDamage.isDamage(e) || e instanceof java.nio.file.NoSuchFileException) {
        throw IndexDamage.damaged(dir, e);
      }
      throw new UserException("cannot read index " + dir + ": " + e.getMessage(), 2, e);
    }
  }

  /**
   * The column layout documents added through {@code writer} must keep: the current one unless
   * the index was written before ({@link ColumnLayout}).
   */
  public static ColumnLayout layout(IndexWriter writer) {
    try (DirectoryReader reader = DirectoryReader.open(writer)) {
      return ColumnLayout.of(org.apache.lucene.index.FieldInfos.getMergedFieldInfos(reader));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("reading the field layout of " + path(writer) + " failed", e);
    }
  }

  /** The folder of an open writer's index (for messages), or its directory's description. */
  public static Path path(IndexWriter writer) {
    Directory d = writer.getDirectory();
    while (d instanceof org.apache.lucene.store.FilterDirectory f) {
      d = f.getDelegate();
    }
    return d instanceof FSDirectory fs ? fs.getDirectory() : Path.of(String.valueOf(d));
  }

  /** The manifest of the last commit of an open writer. */
  public static IndexManifest manifest(IndexWriter writer) {
    Map<String, String> data = new java.util.HashMap<>();
    Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
    if (live != null) {
      for (Map.Entry<String, String> e : live) {
        data.put(e.getKey(), e.getValue());
      }
    }
    return IndexManifest.fromCommitData(data);
  }

  /** The manifest of the commit a reader sees. */
  public static IndexManifest manifest(DirectoryReader reader) {
    try {
      return IndexManifest.fromCommitData(reader.getIndexCommit().getUserData());
    } catch (IOException e) {
      throw new UserException("cannot read index manifest: " + e.getMessage(), 2, e);
    }
  }

  /** Commits the writer's documents together with {@code manifest}, atomically. */
  public static void commit(IndexWriter writer, IndexManifest manifest) throws IOException {
    flushInParallel(writer);
    writer.setLiveCommitData(manifest.toCommitData().entrySet());
    writer.commit();
  }

  /**
   * Flushes the writer's in-memory segments on every core before a commit. A commit alone
   * flushes them one after the other in the committing thread, and flushing (sorting the
   * terms and doc values, rewriting stored fields in time order) is about half of ingest's CPU
   * on nearly-unique values (JFR on the high-cardinality benchmark shape): one core would sit
   * idle through it. Each thread takes a different buffer ({@link IndexWriter#flushNextBuffer}),
   * so the segments are exactly those a commit would write.
   */
  public static void flushInParallel(IndexWriter writer) throws IOException {
    int helpers = Math.max(0, Runtime.getRuntime().availableProcessors() - 1);
    java.util.List<Thread> threads = new java.util.ArrayList<>();
    java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
    for (int i = 0; i < helpers; i++) {
      Thread t = new Thread(() -> {
        try {
          while (writer.flushNextBuffer()) {
            // one buffer per call, until none is left
          }
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        }
      }, "index-flush-" + i);
      t.start();
      threads.add(t);
    }
    try {
      while (writer.flushNextBuffer()) {
        // the calling thread flushes too
      }
    } finally {
      try {
        for (Thread t : threads) {
          t.join();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure.compareAndSet(null, new java.io.InterruptedIOException("interrupted while flushing the index"));
      }
    }
    Throwable e = failure.get();
    if (e instanceof IOException io) {
      throw io;
    }
    if (e instanceof RuntimeException re) {
      throw re;
    }
    if (e != null) {
      throw new IOException("flushing the index failed", e);
    }
  }

  /** The manifest of the index in {@code dir}, or empty when there is no index there yet. */
  public static java.util.Optional<IndexManifest> readManifestIfAny(Path dir) {
    if (!Files.isDirectory(dir)) {
      return java.util.Optional.empty();
    }
    try (Directory directory = FSDirectory.open(dir)) {
      if (!DirectoryReader.indexExists(directory)) {
        return java.util.Optional.empty();
      }
    } catch (IOException e) {
      throw new UserException("cannot read index " + dir + ": " + e.getMessage(), 2, e);
    }
    return java.util.Optional.of(readManifest(dir));
  }

  /** Reads the manifest of the latest commit in {@code dir} without opening a reader. */
  public static IndexManifest readManifest(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new UserException("no index at " + dir + " (run 'analyzer ingest' first)");
    }
    try (Directory directory = FSDirectory.open(dir)) {
      if (!DirectoryReader.indexExists(directory)) {
        throw new UserException("no index at " + dir + " (run 'analyzer ingest' first)");
      }
      return IndexManifest.fromCommitData(SegmentInfos.readLatestCommit(directory).getUserData());
    } catch (IOException e) {
      if (IndexDamage.isDamage(e)) {
        throw IndexDamage.damaged(dir, e);
      }
      throw new UserException("cannot read index " + dir + ": " + e.getMessage(), 2, e);
    }
  }

  private static void closeQuietly(Directory d) {
    if (d != null) {
      try {
        d.close();
      } catch (IOException ignored) {
        // already failing with a better message
      }
    }
  }
}
