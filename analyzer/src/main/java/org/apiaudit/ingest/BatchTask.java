package org.apiaudit.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.index.IndexWriter;
import org.apiaudit.schema.Event;
import org.apiaudit.schema.Field;

/** Parses, normalizes and indexes one batch of lines on a worker thread. */
final class BatchTask implements Runnable {
  private final IndexWriter writer;
  private final String file;
  private final String[] lines;
  private final long[] numbers;
  private final LineParser[] parsers;
  private final int size;
  private final FileStats stats;
  private final RejectSink rejects;
  private final ThreadLocal<WorkerState> state;
  private final IngestConfig.EventTimes times;
  private final long latest;

  BatchTask(IndexWriter writer, String file, String[] lines, long[] numbers, LineParser[] parsers, int size,
      FileStats stats, RejectSink rejects, ThreadLocal<WorkerState> state, IngestConfig.EventTimes times, long latest) {
    this.writer = writer;
    this.file = file;
    this.lines = lines;
    this.numbers = numbers;
    this.parsers = parsers;
    this.size = size;
    this.stats = stats;
    this.rejects = rejects;
    this.state = state;
    this.times = times;
    this.latest = latest;
  }

  @Override
  public void run() {
    WorkerState w = state.get();
    Event event = w.event;
    long events = 0;
    long rejected = 0;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (int i = 0; i < size; i++) {
      String line = lines[i];
      event.clear();
      String reason = parsers[i].parse(line, event);
      if (reason == null) {
        reason = event.has(Field.TIMESTAMP) ? times.check(event.getLong(Field.TIMESTAMP), latest) : "no timestamp";
      }
      if (reason != null) {
        rejected++;
        rejects.add(new Reject(file, numbers[i], w.normalizer.maskText(reason),
            Reject.excerptOf(w.normalizer.maskText(line))));
        continue;
      }
      w.normalizer.normalize(event, line, file, numbers[i]);
      try {
        writer.addDocument(w.builder.reuse(event));
      } catch (IllegalArgumentException e) {
        rejected++;
        rejects.add(new Reject(file, numbers[i], w.normalizer.maskText("cannot index: " + e.getMessage()), ""));
        continue;
      } catch (IOException e) {
        throw new UncheckedIOException("indexing " + file + ":" + numbers[i] + " failed", e);
      }
      events++;
      long ts = event.getLong(Field.TIMESTAMP);
      first = Math.min(first, ts);
      last = Math.max(last, ts);
    }
    stats.record(events, rejected, first, last);
  }
}
