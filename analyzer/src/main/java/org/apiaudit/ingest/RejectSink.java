package org.apiaudit.ingest;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects rejected lines from all workers: keeps the first few for the summary, counts all,
 * and appends every one to the rejects file (tab-separated: file, line, reason, masked excerpt).
 */
final class RejectSink implements Closeable {
  private final Path file;
  private final List<Reject> first = new ArrayList<>();
  private long total;
  private BufferedWriter out;

  RejectSink(Path file) {
    this.file = file;
  }

  synchronized void add(Reject reject) {
    total++;
    if (first.size() < IngestSummary.MAX_LISTED_REJECTS) {
      first.add(reject);
    }
    if (file == null) {
      return;
    }
    try {
      if (out == null) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      }
      out.write(reject.file() + "\t" + reject.line() + "\t" + reject.reason().replace('\t', ' ') + "\t"
          + reject.excerpt().replace('\t', ' ') + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write rejects file " + file, e);
    }
  }

  synchronized List<Reject> first() {
    return List.copyOf(first);
  }

  synchronized long total() {
    return total;
  }

  @Override
  public synchronized void close() throws IOException {
    if (out != null) {
      out.close();
    }
  }
}
