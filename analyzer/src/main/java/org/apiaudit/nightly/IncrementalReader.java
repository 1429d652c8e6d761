package org.apiaudit.nightly;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import org.apiaudit.Sha256;
import org.apiaudit.engine.EventStore;
import org.apiaudit.index.SourceFile;
import org.apiaudit.ingest.ContentHead;
import org.apiaudit.ingest.FileResult;
import org.apiaudit.ingest.Gzip;
import org.apiaudit.ingest.IngestPipeline;

/**
 * Reads the new part of one planned file and says what to record about it.
 *
 * <p>A plain file is read only up to the end of its last complete line at the moment the read
 * starts: a line the gateway is still writing is left for the next run, so the recorded offset
 * is always a line end. A gzip file is closed (rotated), so it is read to its end. The SHA-256
 * recorded is that of the bytes on disk that were read ({@code [0, offset)} for a plain file,
 * the whole file for gzip), so a fully read file keeps the fingerprint {@code analyzer ingest}
 * would give it.
 */
final class IncrementalReader {
  private final EventStore store;
  private final IngestPipeline pipeline;

  IncrementalReader(EventStore store, IngestPipeline pipeline) {
    this.store = store;
    this.pipeline = pipeline;
  }

  /**
   * What reading one file gave.
   *
   * @param result the file's outcome, as {@code analyzer ingest} reports it
   * @param record the record to keep for the log (new or updated), or null to keep none/as is
   * @param part what this run read: its lines, events and time range (null when nothing)
   */
  record Outcome(FileResult result, SourceFile record, SourceFile part) {}

  Outcome read(ReadPlan plan) throws IOException {
    if (plan.start() < 0) {
      return new Outcome(new FileResult(plan.file().toString(), FileResult.Outcome.SKIPPED_DUPLICATE, plan.previous(),
          "same log as " + plan.previous().path() + " (already read)"), null, null);
    }
    return plan.head().gzip() ? readGzip(plan) : readPlain(plan);
  }

  private Outcome readPlain(ReadPlan plan) throws IOException {
    Path file = plan.file();
    long size = Files.size(file);
    long end = size <= plan.start() ? plan.start() : lastLineEnd(file, plan.start(), size);
    if (end <= plan.start()) {
      return unchanged(plan);
    }
    MessageDigest md = Sha256.newDigest();
    InputStream raw = new DigestInputStream(new CountingInputStream(Files.newInputStream(file), end), md);
    ContentHead.readPast(raw, plan.start());
    FileResult r = pipeline.ingestPart(new IngestPipeline.Part(file.toString(), raw,
        plan.head().contextLines(plan.start()), linesBefore(plan), true, partKey(plan)));
    return finish(plan, r, end, end, Sha256.finish(md));
  }

  private Outcome readGzip(ReadPlan plan) throws IOException {
    Path file = plan.file();
    MessageDigest md = Sha256.newDigest();
    CountingInputStream rawCount = new CountingInputStream(Files.newInputStream(file), Long.MAX_VALUE);
    InputStream raw = new DigestInputStream(rawCount, md);
    CountingInputStream content = new CountingInputStream(
        Gzip.open(new BufferedInputStream(raw, 1 << 16), true), Long.MAX_VALUE);
    long skipped;
    try {
      skipped = content.skip(plan.start());
    } catch (java.io.EOFException | java.util.zip.ZipException partial) {
      skipped = -1; // a compressed copy cut short (still being written): its lines were read before
    }
    if (skipped < plan.start()) {
      content.close();
      return unchanged(plan);
    }
    FileResult r = pipeline.ingestPart(new IngestPipeline.Part(file.toString(), content,
        plan.head().contextLines(plan.start()), linesBefore(plan), true, partKey(plan)));
    if (r.outcome() == FileResult.Outcome.INGESTED && content.count() == plan.start()) {
      return unchanged(plan);
    }
    return finish(plan, r, content.count(), rawCount.count(), Sha256.finish(md));
  }

  private Outcome unchanged(ReadPlan plan) {
    SourceFile p = plan.previous();
    String path = plan.file().toString();
    if (p == null) {
      return new Outcome(new FileResult(path, FileResult.Outcome.SKIPPED_DUPLICATE, null,
          "no complete line yet"), null, null);
    }
    SourceFile moved = p.path().equals(path) && java.util.Objects.equals(p.identity(), plan.head().identity()) ? null
        : p.movedTo(path, plan.head().identity());
    return new Outcome(new FileResult(path, FileResult.Outcome.SKIPPED_DUPLICATE, p,
        p.path().equals(path) ? "nothing new" : "nothing new (same log as " + p.path() + ")"), moved, null);
  }

  private Outcome finish(ReadPlan plan, FileResult r, long offset, long diskBytes, String sha) throws IOException {
    String path = plan.file().toString();
    SourceFile part = r.file();
    if (r.outcome() == FileResult.Outcome.SKIPPED_NOT_A_LOG) {
      return new Outcome(r, null, null);
    }
    if (r.outcome() != FileResult.Outcome.INGESTED || part == null) {
      // Keep the index as if the file had not been touched: the next run reads this part again.
      store.deleteLinesAfter(path, linesBefore(plan));
      return new Outcome(new FileResult(path, FileResult.Outcome.FAILED, null, r.message()), null, null);
    }
    SourceFile p = plan.previous();
    long headBytes = Math.min(SourceFile.HEAD_BYTES, offset);
    SourceFile record = new SourceFile(path, diskBytes, sha,
        (p == null ? 0 : p.lines()) + part.lines(),
        (p == null ? 0 : p.events()) + part.events(),
        (p == null ? 0 : p.rejected()) + part.rejected(),
        part.format(),
        SourceFile.earliestEvent(p == null ? -1 : p.firstEvent(), part.firstEvent()),
        Math.max(p == null ? -1 : p.lastEvent(), part.lastEvent()),
        part.ingestedAt(), offset, headBytes, plan.head().sha256(headBytes), plan.head().identity(), 0,
        plan.head().gzip() ? null : sha);
    String message = p == null ? null : "read from byte " + plan.start() + (p.path().equals(path) ? "" : " (was " + p.path() + ")");
    return new Outcome(new FileResult(path, FileResult.Outcome.INGESTED, record, plan.warning() != null ? plan.warning()
        : message), record, part);
  }

  /**
   * Names the part for a store that names documents by content: the path, where the part
   * starts, and the log's first line (a file replaced at the same path starts with another one).
   * A run killed before its commit plans the same part again, so its events get the same ids and
   * a cluster holds each once.
   */
  static String partKey(ReadPlan plan) {
    byte[] head = plan.head().bytes();
    int firstLine = head.length;
    for (int i = 0; i < head.length; i++) {
      if (head[i] == '\n') {
        firstLine = i + 1;
        break;
      }
    }
    return plan.file() + "\n" + plan.start() + "\n" + plan.head().sha256(firstLine);
  }

  private static long linesBefore(ReadPlan plan) {
    return plan.previous() == null || plan.start() == 0 ? 0 : plan.previous().lines();
  }

  /** The offset just after the last {@code '\n'} in {@code [from, size)}, or {@code from}. */
  static long lastLineEnd(Path file, long from, long size) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.allocate(1 << 16);
      long pos = size;
      while (pos > from) {
        int len = (int) Math.min(buf.capacity(), pos - from);
        buf.clear().limit(len);
        long at = pos - len;
        while (buf.hasRemaining()) {
          if (ch.read(buf, at + buf.position()) < 0) {
            throw new java.io.EOFException(file + " shrank while it was read");
          }
        }
        for (int i = len - 1; i >= 0; i--) {
          if (buf.get(i) == '\n') {
            return at + i + 1;
          }
        }
        pos = at;
      }
      return from;
    }
  }
}
