package org.apiaudit.ingest;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipException;
import org.apache.lucene.index.IndexWriter;
import org.apiaudit.Sha256;
import org.apiaudit.engine.EventStore;
import org.apiaudit.engine.LuceneEventStore;
import org.apiaudit.index.IndexManifest;
import org.apiaudit.index.SourceFile;
import org.apiaudit.privacy.CaseKey;

/**
 * Reads log files into the index: read, parse, normalize, index.
 *
 * <p>One reader thread (the caller) splits each file into lines and hands batches to worker
 * threads, which parse, pseudonymise and add documents concurrently (Lucene's writer is
 * thread-safe and indexes in parallel per thread). Memory is bounded by the batch queue and
 * the writer's RAM buffer, not by input size.
 *
 * <p>Idempotent by content (see {@link ContentMatch}): a file whose decompressed content the index
 * already records is skipped, one that extends a recorded file adds only its new part, and one
 * whose recorded events were purged is read again. Files are
 * committed together with the manifest that lists them, so an interrupted run leaves the
 * index at its last commit and the next run re-reads exactly the files not yet committed.
 */
public final class IngestPipeline {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(IngestPipeline.class);
  /** Commit at least this often during a long run, so a crash loses little work. */
  static final long COMMIT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(60);

  private final EventStore store;
  private final IngestConfig config;
  private final CaseKey key;
  private final ProgressListener progress;
  /** The latest event time accepted, fixed when the pipeline is made (see {@link IngestConfig.EventTimes}). */
  private final long latestEvent;

  /** A pipeline into the embedded index open in {@code writer}. */
  public IngestPipeline(IndexWriter writer, IngestConfig config, CaseKey key, ProgressListener progress) {
    this(new LuceneEventStore(writer), config, key, progress);
  }

  /** A pipeline into {@code store} (the embedded index or a cluster). */
  public IngestPipeline(EventStore store, IngestConfig config, CaseKey key, ProgressListener progress) {
    this.store = store;
    this.config = config;
    this.key = key;
    this.progress = progress;
    this.latestEvent = config.eventTimes().latestMillis(System.currentTimeMillis());
  }

  /** Ingests every input (files, folders walked recursively, or {@code -} for stdin). */
  public IngestSummary ingest(List<String> inputs) throws IOException {
    long start = System.nanoTime();
    IndexManifest manifest = adoptKey(store.manifest());
    boolean newZone = config.caseZone() != null && manifest.zone() == null;
    if (newZone) {
      manifest = manifest.withZone(config.caseZone());
    }

    List<FileResult> results = new ArrayList<>();
    List<String> files = new ArrayList<>();
    java.util.Set<String> walked = new java.util.HashSet<>();
    for (String input : inputs) {
      InputFiles.expand(input, files, walked, results);
    }
    java.util.Set<String> logs = logFiles(files, walked);
    progress.start(totalBytes(logs));
    ThreadPoolExecutor pool = newPool();
    try (RejectSink rejects = new RejectSink(config.rejectsFile())) {
      long lastCommit = System.nanoTime();
      boolean dirty = false;
      int done = 0;
      for (String file : files) {
        long fileStart = System.nanoTime();
        Ingested r = ingestOne(file, walked.contains(file), manifest, pool, rejects, done, logs.size());
        results.add(r.result());
        log(r.result(), fileStart);
        done += logs.contains(file) ? 1 : 0;
        if (r.record() != null) {
          manifest = manifest.replacing(r.replaces(), r.record());
          dirty = true;
        }
        if (dirty && System.nanoTime() - lastCommit > COMMIT_INTERVAL_NANOS) {
          store.commit(manifest);
          lastCommit = System.nanoTime();
          dirty = false;
        }
      }
      if (dirty || newZone || store.manifest().keyFingerprint() == null) {
        store.commit(manifest);
      }
      long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      return new IngestSummary(results, rejects.first(), rejects.total(), elapsed,
          rejects.total() > 0 && config.rejectsFile() != null ? config.rejectsFile().toString() : null);
    } finally {
      pool.shutdownNow();
    }
  }

  /** One diagnostic line per file: what happened and how long it took (-v). */
  private static void log(FileResult r, long startNanos) {
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    SourceFile f = r.file();
    if (r.outcome() == FileResult.Outcome.INGESTED && f != null) {
      LOG.info("{}: {} lines, {} events, {} rejected, {} in {} ms", r.path(), f.lines(), f.events(), f.rejected(),
          f.format(), ms);
    } else {
      LOG.info("{}: {} ({})", r.path(), r.outcome().name().toLowerCase(java.util.Locale.ROOT), r.message());
    }
    if (LOG.isDebugEnabled()) {
      Runtime rt = Runtime.getRuntime();
      LOG.debug("heap used {} of {} MB", (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20);
    }
  }

  /**
   * The files progress counts: every file named, and a file found in a folder when its first lines
   * are in a known format. A case folder's README or leak sample is skipped when read, so counting
   * it would hold the percentage below 100 and the file count above what is read.
   */
  private java.util.Set<String> logFiles(List<String> files, java.util.Set<String> walked) {
    java.util.Set<String> logs = new java.util.LinkedHashSet<>();
    for (String f : files) {
      if (!walked.contains(f) || looksLikeLog(Path.of(f))) {
        logs.add(f);
      }
    }
    return logs;
  }

  private boolean looksLikeLog(Path file) {
    try {
      ContentHead head = ContentHead.read(file);
      List<String> sniff = head.contextLines(head.bytes().length).stream().filter(l -> !l.isBlank()).toList();
      return config.formats().detect(file.toString(), sniff) != null;
    } catch (IOException e) {
      return true; // counted, and reported when it is read
    }
  }

  private static long totalBytes(java.util.Collection<String> files) {
    long total = 0;
    for (String f : files) {
      try {
        total += f.equals(InputFiles.STDIN) ? 0 : Files.size(Path.of(f));
      } catch (IOException e) {
        // reported when the file is read
      }
    }
    return total;
  }

  /**
   * {@code manifest} with this run's key fingerprint, refusing a key other than the one the
   * index was built with: pseudonyms made with two keys would never match.
   */
  public IndexManifest adoptKey(IndexManifest manifest) {
    manifest.requireMatches(key, store.location());
    String fingerprint = key.fingerprint();
    return manifest.withKeyFingerprint(fingerprint);
  }

  /**
   * Part of a file for an incremental read ({@code analyzer nightly}).
   *
   * @param path the path recorded in events and rejects
   * @param content decompressed bytes to read, starting at a line start; every line in it is
   *     read, so a caller that must not consume a partial last line bounds it before
   * @param context the file's first lines before {@code content} (empty when it starts the file):
   *     they choose the format and prime header state (CSV header, W3C {@code #Fields}), but
   *     are not indexed again
   * @param linesBefore lines of the file before {@code content}, so line numbers continue
   * @param walked whether the file was found by walking a folder: one in no known format is
   *     then skipped instead of failing
   * @param fileKey names this part's content for {@link EventStore#openBatch}: the same part of
   *     the same log read again (a run killed before its commit) must give the same key
   */
  public record Part(String path, InputStream content, List<String> context, long linesBefore, boolean walked,
      String fileKey) {}

  /**
   * Reads one part of a file into the writer without committing: the caller commits it with
   * the manifest that records how far the file was read. The returned {@link SourceFile}
   * counts this part only; its size and SHA-256 are unset (-1, null) for the caller to fill.
   */
  public FileResult ingestPart(Part part) throws IOException {
    ThreadPoolExecutor pool = newPool();
    try (RejectSink rejects = new RejectSink(config.rejectsFile());
        BufferedInputStream in = new BufferedInputStream(part.content(), 1 << 16)) {
      FileStats stats = new FileStats();
      List<Future<?>> batches = new ArrayList<>();
      StreamRead read = readStream(new StreamSource(part.path(), part.path(), part.walked(), part.context(),
          part.linesBefore(), part.fileKey()), in, stats, batches, pool, rejects, () -> 0L, 0, 1);
      awaitAll(batches);
      if (read.refused() != null) {
        return read.refused();
      }
      SourceFile recorded = new SourceFile(part.path(), -1, null, stats.lines.sum(), stats.events.sum(),
          stats.rejected.sum(), read.format(), stats.first(), stats.last(), System.currentTimeMillis());
      return new FileResult(part.path(), read.failed() ? FileResult.Outcome.FAILED : FileResult.Outcome.INGESTED,
          recorded, read.message());
    } finally {
      pool.shutdownNow();
    }
  }

  private ThreadPoolExecutor newPool() {
    int n = config.threads();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(n, n, 30, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(n * 4), r -> {
          Thread t = new Thread(r, "ingest-worker");
          t.setDaemon(true);
          return t;
        }, IngestPipeline::waitForRoom);
    return pool;
  }

  /**
   * When every worker is busy and the queue is full, the reader waits rather than indexing the
   * batch itself: a third indexing thread on two cores would only add a Lucene thread state
   * (smaller segments, more merging) and contend with the workers.
   */
  private static void waitForRoom(Runnable task, ThreadPoolExecutor pool) {
    if (pool.isShutdown()) {
      throw new java.util.concurrent.RejectedExecutionException("ingest pool is shut down");
    }
    try {
      pool.getQueue().put(task);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.util.concurrent.RejectedExecutionException("interrupted while waiting for a worker", e);
    }
  }

  /**
   * One file's outcome: what to report, and what to record in the manifest.
   *
   * @param result the outcome as reported; its record counts what this run read
   * @param record the record to keep (the whole file so far), or null to keep none
   * @param replaces the record it replaces (the file grew, or was restored after a purge), or null
   */
  private record Ingested(FileResult result, SourceFile record, SourceFile replaces) {
    static Ingested reportOnly(FileResult result) {
      return new Ingested(result, null, null);
    }
  }

  private Ingested ingestOne(String file, boolean walked, IndexManifest manifest, ThreadPoolExecutor pool,
      RejectSink rejects, int filesDone, int filesTotal) throws IOException {
    if (file.equals(InputFiles.STDIN)) {
      return ingestStdin(walked, manifest, pool, rejects, filesDone, filesTotal);
    }
    Path p = Path.of(file);
    ContentHead head;
    ContentMatch match;
    try {
      head = ContentHead.read(p);
      match = ContentMatch.find(p, head, manifest);
    } catch (IOException e) {
      return Ingested.reportOnly(cannotRead(file, e));
    }
    SourceFile prev = match.previous();
    if (match.kind() == ContentMatch.Kind.DUPLICATE) {
      return Ingested.reportOnly(duplicate(file, prev));
    }
    if (match.kind() == ContentMatch.Kind.TRUNCATED) {
      return Ingested.reportOnly(new FileResult(file, FileResult.Outcome.SKIPPED_DUPLICATE, prev,
          "already ingested as " + prev.path() + " (this is the start of its content: a copy cut short)"));
    }
    long start = match.start();
    long linesBefore = start > 0 ? prev.lines() : 0;
    long replacedEvents = 0;
    if (match.redoLastLine()) {
      replacedEvents = store.deleteLine(prev.path(), prev.lines());
      if (replacedEvents < 0) {
        LOG.warn("{}: {} ended inside line {}, which this store cannot replace; reading on from where it ended",
            file, prev.path(), prev.lines());
        start = prev.offset();
        replacedEvents = 0;
      } else {
        linesBefore = prev.lines() - 1;
      }
    }
    boolean redone = match.redoLastLine() && start < prev.offset();
    MessageDigest disk = Sha256.newDigest();
    MessageDigest content = head.gzip() ? Sha256.newDigest() : null;
    FileStats stats = new FileStats();
    List<Future<?>> batches = new ArrayList<>();
    StreamRead read;
    CountingStream counted;
    CountingStream contentBytes;
    try {
      counted = new CountingStream(new DigestInputStream(Files.newInputStream(p), disk));
    } catch (IOException e) {
      return Ingested.reportOnly(cannotRead(file, e));
    }
    try (InputStream decompressed = Gzip.decompressIfGzip(new BufferedInputStream(counted, 1 << 16))) {
      contentBytes = new CountingStream(content == null ? decompressed : new DigestInputStream(decompressed, content));
      ContentHead.readPast(contentBytes, start);
      read = readStream(new StreamSource(file, file, walked, start > 0 ? head.contextLines(start) : List.of(),
          linesBefore, store.namesDocumentsByContent() ? Sha256.of(p) : file), contentBytes, stats, batches, pool, rejects, counted::count, filesDone,
          filesTotal);
    } catch (IOException e) {
      return Ingested.reportOnly(cannotRead(file, e));
    }
    if (read.refused() != null) {
      return Ingested.reportOnly(read.refused());
    }
    awaitAll(batches);
    String sha = Sha256.finish(disk);
    long size = counted.count();
    long now = System.currentTimeMillis();
    SourceFile part = new SourceFile(file, size, sha, stats.lines.sum(), stats.events.sum(), stats.rejected.sum(),
        read.format(), stats.first(), stats.last(), now);
    boolean extending = match.kind() == ContentMatch.Kind.EXTENDS;
    long offset = contentBytes.count();
    long headBytes = Math.min(SourceFile.HEAD_BYTES, offset);
    // A line read again whole replaces what its cut-short copy gave: its events, or its reject.
    long redoneRejects = redone && replacedEvents == 0 && prev.rejected() > 0 ? 1 : 0;
    SourceFile record = new SourceFile(file, size, sha,
        part.lines() + (extending ? linesBefore : 0),
        part.events() + (extending ? prev.events() - replacedEvents : 0),
        part.rejected() + (extending ? prev.rejected() - redoneRejects : 0),
        read.format(),
        extending ? SourceFile.earliestEvent(prev.firstEvent(), part.firstEvent()) : part.firstEvent(),
        extending ? Math.max(prev.lastEvent(), part.lastEvent()) : part.lastEvent(),
        now, offset, headBytes, head.sha256(headBytes), splitIdentity(match, file, head), 0,
        content == null ? sha : Sha256.finish(content));
    String note = switch (match.kind()) {
      case EXTENDS -> "read from content byte " + start + ": the first " + linesBefore + " line(s) were ingested as "
          + prev.path() + (redone ? "; its last line, cut short then, was read again whole" : "");
      case RESTORE -> "restored: same content as " + prev.path() + ", whose events were purged on "
          + java.time.Instant.ofEpochMilli(prev.purgedAt()) + "; ingested again";
      default -> null;
    };
    String message = note == null ? read.message() : read.message() == null ? note : note + "; " + read.message();
    return new Ingested(new FileResult(file, read.failed() ? FileResult.Outcome.FAILED : FileResult.Outcome.INGESTED,
        part, message), record, prev);
  }

  /** Standard input: read whole, and dropped again when its bytes are those of a recorded file. */
  private Ingested ingestStdin(boolean walked, IndexManifest manifest, ThreadPoolExecutor pool, RejectSink rejects,
      int filesDone, int filesTotal) throws IOException {
    String recordedPath = "stdin@" + java.time.Instant.now();
    MessageDigest digest = Sha256.newDigest();
    CountingStream counted = new CountingStream(new DigestInputStream(System.in, digest));
    FileStats stats = new FileStats();
    List<Future<?>> batches = new ArrayList<>();
    StreamRead read;
    try (InputStream in = Gzip.decompressIfGzip(new BufferedInputStream(counted, 1 << 16))) {
      read = readStream(new StreamSource(InputFiles.STDIN, recordedPath, walked, List.of(), 0, recordedPath), in, stats,
          batches, pool,
          rejects, counted::count, filesDone, filesTotal);
    } catch (IOException e) {
      return Ingested.reportOnly(cannotRead(InputFiles.STDIN, e));
    }
    if (read.refused() != null) {
      return Ingested.reportOnly(read.refused());
    }
    awaitAll(batches);
    String sha = Sha256.finish(digest);
    SourceFile dup = manifest.findBySha256(sha);
    if (dup != null) {
      store.deleteFile(recordedPath);
      return Ingested.reportOnly(duplicate(InputFiles.STDIN, dup));
    }
    SourceFile recorded = new SourceFile(recordedPath, counted.count(), sha, stats.lines.sum(), stats.events.sum(),
        stats.rejected.sum(), read.format(), stats.first(), stats.last(), System.currentTimeMillis());
    return new Ingested(new FileResult(InputFiles.STDIN, read.failed() ? FileResult.Outcome.FAILED
        : FileResult.Outcome.INGESTED, recorded, read.message()), recorded, null);
  }

  /**
   * The identity to record: a file system identity marks a record whose events lie under more
   * than one path (see IndexVerifier), as when a log grew and was ingested under a new name.
   */
  private static String splitIdentity(ContentMatch match, String file, ContentHead head) {
    SourceFile prev = match.previous();
    boolean split = match.kind() == ContentMatch.Kind.EXTENDS && (!prev.path().equals(file) || prev.identity() != null);
    return split ? head.identity() : null;
  }

  private static FileResult cannotRead(String file, IOException e) {
    return new FileResult(file, FileResult.Outcome.FAILED, null, "cannot read " + file + ": " + describe(e));
  }

  /**
   * Where a stream's lines come from: see {@link Part} for {@code context} and {@code linesBefore};
   * {@code fileKey} names the content for {@link EventStore#openBatch}.
   */
  private record StreamSource(String file, String recordedPath, boolean walked, List<String> context, long linesBefore,
      String fileKey) {}

  /**
   * How reading a stream ended: its format, a message (a format warning, an error that stopped
   * it early, or both), whether it failed, or a refusal.
   */
  private record StreamRead(String format, String message, boolean failed, FileResult refused) {}

  /** Detects the format, then splits the stream into batches for the workers (not awaited). */
  private StreamRead readStream(StreamSource src, InputStream in, FileStats stats, List<Future<?>> batches,
      ThreadPoolExecutor pool, RejectSink rejects, java.util.function.LongSupplier bytesRead, int filesDone,
      int filesTotal) throws IOException {
    String file = src.file();
    LineReader reader = new LineReader(in, config.maxLineBytes());
    List<String> head = new ArrayList<>();
    List<String> sniff = new ArrayList<>();
    for (String line : src.context()) {
      if (sniff.size() < IngestConfig.SNIFF_LINES && line != LineReader.OVERLONG && !line.isBlank()) {
        sniff.add(line);
      }
    }
    for (int i = 0; i < IngestConfig.SNIFF_LINES; i++) {
      String line = reader.readLine();
      if (line == null) {
        break;
      }
      head.add(line);
      if (sniff.size() < IngestConfig.SNIFF_LINES && line != LineReader.OVERLONG && !line.isBlank()) {
        sniff.add(line);
      }
    }
    FormatDetection detected = config.formats().detect(file, sniff);
    LogFormat format = detected == null ? null : detected.format();
    if (format == null && src.walked()) {
      return new StreamRead(null, null, false, new FileResult(file, FileResult.Outcome.SKIPPED_NOT_A_LOG, null,
          "skipped " + file + ": not in a known log format"));
    }
    if (format == null) {
      String first = sniff.isEmpty() ? "(no text lines)" : Reject.excerptOf(maskForMessage(sniff.get(0)));
      return new StreamRead(null, null, false, new FileResult(file, FileResult.Outcome.FAILED, null, "cannot tell the format of "
          + file + " from its first lines (first: " + first + "); name it with --format"));
    }
    FileSession session = format.startFile();
    for (String line : src.context()) {
      if (line != LineReader.OVERLONG && !line.isEmpty()) {
        session.parserFor(line); // header rows and directives only; these lines were indexed before
      }
    }
    String error = null;
    BatchBuilder batch = new BatchBuilder(src.recordedPath(), src.fileKey(), stats, rejects);
    long lastProgress = System.nanoTime();
    long lineNo = src.linesBefore();
    try {
      for (String line : head) {
        lineNo++;
        batch.add(line, lineNo, session);
        if (batch.isFull()) {
          batches.add(pool.submit(batch.build()));
        }
      }
      String line;
      while ((line = reader.readLine()) != null) {
        lineNo++;
        batch.add(line, lineNo, session);
        if (batch.isFull()) {
          batches.add(pool.submit(batch.build()));
          long now = System.nanoTime();
          if (now - lastProgress > 1_000_000_000L) {
            progress.progress(file, filesDone, filesTotal, lineNo, bytesRead.getAsLong());
            lastProgress = now;
          }
        }
      }
    } catch (EOFException | ZipException truncated) {
      error = "compressed stream of " + file + " ends early or is corrupt after line " + lineNo
          + " (" + describe(truncated) + "); the lines before it were ingested";
      rejects.add(new Reject(src.recordedPath(), lineNo + 1, "truncated or corrupt gzip stream", ""));
      stats.rejected.increment();
    } catch (IOException e) {
      error = "reading " + file + " failed after line " + lineNo + ": " + describe(e)
          + "; the lines before it were ingested";
    }
    if (!batch.isEmpty()) {
      batches.add(pool.submit(batch.build()));
    }
    stats.lines.add(lineNo - src.linesBefore());
    String warning = detected.warning() == null ? null : "warning: " + file + ": " + detected.warning();
    return new StreamRead(format.name(), error == null ? warning : warning == null ? error : warning + "; " + error,
        error != null, null);
  }

  private static FileResult duplicate(String file, SourceFile dup) {
    return new FileResult(file, FileResult.Outcome.SKIPPED_DUPLICATE, dup,
        "already ingested as " + dup.path() + " (same content)");
  }

  private void awaitAll(List<Future<?>> batches) throws IOException {
    for (Future<?> f : batches) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while indexing", e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IOException io) {
          throw io;
        }
        if (cause instanceof RuntimeException re) {
          throw re;
        }
        throw new IllegalStateException(cause);
      }
    }
  }

  private String maskForMessage(String text) {
    // escaped first, then masked, as EventNormalizer#maskText does for rejects
    return new org.apiaudit.privacy.IdentifierMasker(new org.apiaudit.privacy.Pseudonymizer(key))
        .mask(org.apiaudit.output.Escaping.visibleEscapes(text));
  }

  private static String describe(Exception e) {
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }

  /** Collects lines into a batch task for the workers. */
  private final class BatchBuilder {
    private final String file;
    private final String fileKey;
    private final FileStats stats;
    private final RejectSink rejects;
    private String[] lines = new String[IngestConfig.BATCH_LINES];
    private long[] numbers = new long[IngestConfig.BATCH_LINES];
    private LineParser[] parsers = new LineParser[IngestConfig.BATCH_LINES];
    private int size;

    BatchBuilder(String file, String fileKey, FileStats stats, RejectSink rejects) {
      this.file = file;
      this.fileKey = fileKey;
      this.stats = stats;
      this.rejects = rejects;
    }

    void add(String line, long lineNo, FileSession session) {
      if (line == LineReader.OVERLONG) {
        rejects.add(new Reject(file, lineNo, "line longer than " + config.maxLineBytes() + " bytes", ""));
        stats.rejected.increment();
        return;
      }
      if (line.isEmpty()) {
        return;
      }
      LineParser parser = session.parserFor(line);
      if (parser == null) {
        return;
      }
      lines[size] = line;
      numbers[size] = lineNo;
      parsers[size] = parser;
      size++;
    }

    boolean isFull() {
      return size == lines.length;
    }

    boolean isEmpty() {
      return size == 0;
    }

    Runnable build() {
      BatchTask task = new BatchTask(store, fileKey, file, lines, numbers, parsers, size, stats, rejects, workerState,
          config.eventTimes(), latestEvent);
      lines = new String[IngestConfig.BATCH_LINES];
      numbers = new long[IngestConfig.BATCH_LINES];
      parsers = new LineParser[IngestConfig.BATCH_LINES];
      size = 0;
      return task;
    }
  }

  private final ThreadLocal<WorkerState> workerState = ThreadLocal.withInitial(this::newWorkerState);

  private WorkerState newWorkerState() {
    return new WorkerState(new EventNormalizer(config.endpoints(),
        new org.apiaudit.privacy.Pseudonymizer(key), config.identifierParams()));
  }
}
