package org.apiaudit.engine;

import java.io.Closeable;
import java.io.IOException;
import org.apiaudit.index.IndexManifest;
import org.apiaudit.schema.Event;

/**
 * Where ingest writes: the narrowest view of an index the ingest pipeline needs, so the same
 * pipeline (read, parse, pseudonymise) feeds the embedded Lucene index or an OpenSearch cluster.
 *
 * <p>Events are written in batches, one batch per worker task, so a remote store can send one
 * request per batch; documents become durable, together with the {@link IndexManifest} that
 * lists their files, only at {@link #commit}. Implementations are thread-safe.
 */
public interface EventStore extends Closeable {
  /** The manifest of the last commit (files ingested, key fingerprint). */
  IndexManifest manifest() throws IOException;

  /**
   * A batch for events of one input file, used by one thread.
   *
   * @param fileKey identifies the file's content (its SHA-256 where known): a store that names
   *     documents by {@code fileKey} and line makes a re-run overwrite, never duplicate
   */
  Batch openBatch(String fileKey);

  /**
   * Whether {@link #openBatch} needs the file's content fingerprint before the file is read
   * (it names documents by it); the embedded index de-duplicates by its manifest alone.
   */
  boolean namesDocumentsByContent();

  /** Removes every event read from {@code recordedPath} (a stdin stream found to be a duplicate). */
  void deleteFile(String recordedPath) throws IOException;

  /**
   * Removes the events read from line {@code line} of {@code recordedPath}: a log whose last
   * line was cut short when it was ingested has since completed it, and the line is read again
   * whole. Returns how many events were removed, or -1 when this store cannot remove single
   * lines (the line is then left as it was read).
   */
  default long deleteLine(String recordedPath, long line) throws IOException {
    return -1;
  }

  /**
   * Removes the events read from {@code recordedPath} after line {@code linesBefore}: a part of
   * a log that failed half-way is taken back, so the next run reads it again whole.
   */
  void deleteLinesAfter(String recordedPath, long linesBefore) throws IOException;

  /** Makes every batch closed so far durable and visible, together with {@code manifest}. */
  void commit(IndexManifest manifest) throws IOException;

  /** Where the store is, for messages: a folder or a cluster URL. */
  String location();

  /** Events of one batch; {@link #close} hands them to the store. */
  interface Batch extends AutoCloseable {
    /**
     * Adds a normalised, pseudonymised event (the object may be reused after the call).
     *
     * @throws IllegalArgumentException when this event cannot be indexed (it is rejected alone)
     */
    void add(Event event) throws IOException;

    @Override
    void close() throws IOException;
  }
}
