package org.apiaudit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apiaudit.index.EventDocumentBuilder;
import org.apiaudit.index.EventIndex;
import org.apiaudit.index.IndexCodec;
import org.apiaudit.ingest.EndpointTable;
import org.apiaudit.ingest.EventNormalizer;
import org.apiaudit.ingest.FileSession;
import org.apiaudit.ingest.Gzip;
import org.apiaudit.ingest.IngestConfig;
import org.apiaudit.ingest.IngestSummary;
import org.apiaudit.ingest.Ingestor;
import org.apiaudit.ingest.LineParser;
import org.apiaudit.ingest.LineReader;
import org.apiaudit.ingest.LogFormat;
import org.apiaudit.ingest.ProgressListener;
import org.apiaudit.ingest.format.FormatChoice;
import org.apiaudit.privacy.CaseKey;
import org.apiaudit.privacy.Pseudonymizer;
import org.apiaudit.schema.Event;

/**
 * Measures ingest end to end and, in the same run, the ceiling: a bare loop adding the same
 * documents, already parsed and built, to an index with the same configuration. Each is timed in
 * a JVM of its own ({@link FreshJvm}).
 */
final class IngestBenchmark {
  /** Result of one end-to-end ingest. */
  record Result(Path index, long lines, long bytes, double seconds, long peakHeap, long indexBytes) {}

  private IngestBenchmark() {}

  /** Ingests {@code input} into a fresh index under {@code work}, with {@code codec} (null: a new index's). */
  static Result endToEnd(Path input, Path work, int threads, IndexCodec codec) throws IOException {
    Path index = work.resolve("index-" + System.nanoTime());
    IngestConfig config = new IngestConfig(FormatChoice.of(null, null, null, ZoneOffset.UTC), EndpointTable.defaults(),
        EventNormalizer.DEFAULT_IDENTIFIER_PARAMS, threads, LineReader.DEFAULT_MAX_LINE_BYTES,
        work.resolve("rejects.tsv")).withCodec(codec);
    Measurements.resetPeakHeap();
    long start = System.nanoTime();
    IngestSummary s = Ingestor.run(index, work.resolve("bench.key"), List.of(input.toString()), config,
        ProgressListener.NONE, m -> {});
    double secs = (System.nanoTime() - start) / 1e9;
    long heap = Measurements.peakHeapBytes();
    long size = Measurements.sizeOf(index);
    return new Result(index, s.linesRead(), s.bytesRead(), secs, heap, size);
  }

  /** A loop's documents, parsed and built (not timed), ready to be added (timed). */
  record Loop(List<Document> documents, WriterFactory writers) {
    /** Adds the documents with {@code threads} threads to a fresh index under {@code work}, and commits. */
    LoopResult run(Path work, int threads) throws IOException {
      Path index = work.resolve("bare-" + System.nanoTime());
      long start = System.nanoTime();
      addAll(documents, index, threads, writers);
      return new LoopResult((System.nanoTime() - start) / 1e9, documents.size(), Measurements.sizeOf(index), index);
    }
  }

  /** Result of one timed loop. */
  record LoopResult(double seconds, long documents, long indexBytes, Path index) {}

  /**
   * The bare-Lucene ceiling: the first {@code maxDocs} lines parsed and built into our
   * documents, for an index with the same configuration as ingest's.
   */
  static Loop bareLoop(Path input, int maxDocs) throws IOException {
    EventDocumentBuilder builder = new EventDocumentBuilder();
    return new Loop(parse(input, maxDocs, builder::build), EventIndex::openWriter);
  }

  /**
   * The same loop with {@link PlainLogDocument}s in a default index: the rate any schema keeping
   * the line is bounded by here.
   */
  static Loop plainLoop(Path input, int maxDocs) throws IOException {
    return new Loop(parse(input, maxDocs, PlainLogDocument::of), PlainLogDocument::openWriter);
  }

  /** A writer factory that may throw. */
  interface WriterFactory {
    IndexWriter open(Path dir) throws IOException;
  }

  private static void addAll(List<Document> docs, Path index, int threads, WriterFactory writers) throws IOException {
    try (IndexWriter writer = writers.open(index)) {
      List<Thread> workers = new ArrayList<>();
      int per = (docs.size() + threads - 1) / threads;
      for (int t = 0; t < threads; t++) {
        List<Document> slice = docs.subList(Math.min(docs.size(), t * per), Math.min(docs.size(), (t + 1) * per));
        Thread th = new Thread(() -> {
          try {
            for (Document d : slice) {
              writer.addDocument(d);
            }
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
        workers.add(th);
        th.start();
      }
      for (Thread th : workers) {
        th.join();
      }
      // Flushed on every core before the commit, as ingest does: the ceiling gets the same help.
      EventIndex.flushInParallel(writer);
      writer.commit();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static List<Document> parse(Path input, int maxDocs, Function<Event, Document> toDocument)
      throws IOException {
    List<Document> docs = new ArrayList<>();
    try (var in = new java.io.BufferedInputStream(Files.newInputStream(input), 1 << 16)) {
      LineReader reader = new LineReader(Gzip.decompressIfGzip(in));
      List<String> head = new ArrayList<>();
      String first = reader.readLine();
      head.add(first);
      LogFormat format = FormatChoice.of(null, null, null, ZoneOffset.UTC).choose(input.toString(), head);
      FileSession session = format.startFile();
      EventNormalizer normalizer = new EventNormalizer(EndpointTable.defaults(),
          new Pseudonymizer(CaseKey.of(new byte[32])), EventNormalizer.DEFAULT_IDENTIFIER_PARAMS);
      Event event = new Event();
      long lineNo = 0;
      for (String line = first; line != null && docs.size() < maxDocs; line = reader.readLine()) {
        lineNo++;
        LineParser parser = session.parserFor(line);
        event.clear();
        if (parser == null || parser.parse(line, event) != null) {
          continue;
        }
        normalizer.normalize(event, line, input.toString(), lineNo);
        docs.add(toDocument.apply(event));
      }
    }
    return docs;
  }
}
