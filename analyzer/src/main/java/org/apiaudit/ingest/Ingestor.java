package org.apiaudit.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.apache.lucene.index.IndexWriter;
import org.apiaudit.engine.EventStore;
import org.apiaudit.index.EventIndex;
import org.apiaudit.index.IndexDamage;
import org.apiaudit.privacy.CaseKey;

/**
 * The ingest service: opens (or creates) the key and the index, runs the pipeline and closes
 * the writer, so commands ({@code ingest}, {@code investigate}, {@code nightly}) share one path.
 */
public final class Ingestor {
  private Ingestor() {}

  /** {@code <index>-rejects.tsv}, beside the index folder. */
  public static Path defaultRejectsFile(Path index) {
    Path abs = index.toAbsolutePath().normalize();
    return abs.resolveSibling(abs.getFileName() + "-rejects.tsv");
  }

  /**
   * Ingests {@code inputs} into the index at {@code indexDir}.
   *
   * @param notice receives one-line messages for the user (a new key was created)
   */
  public static IngestSummary run(Path indexDir, Path keyFile, List<String> inputs, IngestConfig config,
      ProgressListener progress, Consumer<String> notice) throws IOException {
    CaseKey key = CaseKey.loadOrCreate(keyFile, notice);
    try (IndexWriter writer = EventIndex.openWriter(indexDir, EventIndex.DEFAULT_RAM_BUFFER_MB, config.codec())) {
      IndexDamage.requireIntact(writer, indexDir);
      return new IngestPipeline(writer, config, key, progress).ingest(inputs);
    }
  }

  /**
   * Ingests {@code inputs} into {@code store} (a cluster), which the caller opens and closes.
   *
   * @param notice receives one-line messages for the user (a new key was created)
   */
  public static IngestSummary run(EventStore store, Path keyFile, List<String> inputs, IngestConfig config,
      ProgressListener progress, Consumer<String> notice) throws IOException {
    CaseKey key = CaseKey.loadOrCreate(keyFile, notice);
    return new IngestPipeline(store, config, key, progress).ingest(inputs);
  }
}
