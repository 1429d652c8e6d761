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
 * documents, already parsed and built, to an index with the same configuration.
 */
final class IngestBenchmark {
  /** Result of one end-to-end ingest. */
  record Result(Path index, long lines, long bytes, double seconds, long peakHeap, long indexBytes) {
    double linesPerSecond() {
      return lines / seconds;
    }

    double mbPerSecond() {
      return bytes / 1e6 / seconds;
    }
  }

  private IngestBenchmark() {}

  /** Ingests {@code input} into a fresh index under {@code work}. */
  static Result endToEnd(Path input, Path work, int threads) throws IOException {
    Path index = work.resolve("index-" + System.nanoTime());
    IngestConfig config = new IngestConfig(FormatChoice.of(null, null, null, ZoneOffset.UTC), EndpointTable.defaults(),
        EventNormalizer.DEFAULT_IDENTIFIER_PARAMS, threads, LineReader.DEFAULT_MAX_LINE_BYTES,
        work.resolve("rejects.tsv"));
    Measurements.resetPeakHeap();
    long start = System.nanoTime();
    IngestSummary s = Ingestor.run(index, work.resolve("bench.key"), List.of(input.toString()), config,
        ProgressListener.NONE, m -> {});
    double secs = (System.nanoTime() - start) / 1e9;
    long heap = Measurements.peakHeapBytes();
    long size = Measurements.sizeOf(index);
    return new Result(index, s.linesRead(), s.bytesRead(), secs, heap, size);
  }

  /**
   * The bare-Lucene ceiling: the first {@code maxDocs} lines are parsed and built into
   * documents first (not timed), then added by {@code threads} threads and committed (timed).
   *
   * @return documents per second
   */
  static double bareLuceneDocsPerSecond(Path input, Path work, int threads, int maxDocs) throws IOException {
    EventDocumentBuilder builder = new EventDocumentBuilder();
    return loopDocsPerSecond(parse(input, maxDocs, builder::build), work, threads, EventIndex::openWriter);
  }

  /**
   * The same loop with {@link PlainLogDocument}s in a default index: the rate any schema keeping
   * the line is bounded by here.
   *
   * @return documents per second
   */
  static double plainLuceneDocsPerSecond(Path input, Path work, int threads, int maxDocs) throws IOException {
    return loopDocsPerSecond(parse(input, maxDocs, PlainLogDocument::of), work, threads, PlainLogDocument::openWriter);
  }

  /** A writer factory that may throw. */
  private interface WriterFactory {
    IndexWriter open(Path dir) throws IOException;
  }

  private static double loopDocsPerSecond(List<Document> docs, Path work, int threads, WriterFactory writers)
      throws IOException {
    Path index = work.resolve("bare-" + System.nanoTime());
    long start = System.nanoTime();
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
    return docs.size() / ((System.nanoTime() - start) / 1e9);
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
