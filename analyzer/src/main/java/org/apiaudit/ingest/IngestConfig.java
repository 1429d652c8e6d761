package org.apiaudit.ingest;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Validated settings of an ingest run.
 *
 * @param formats chooses each file's format from its name and first lines (auto-detection, or
 *     the user's {@code --format}); returns null when nothing fits
 * @param endpoints the endpoint table
 * @param identifierParams query parameters holding personal identifiers
 * @param threads worker threads that parse, normalize and index
 * @param maxLineBytes longest line accepted
 * @param rejectsFile where to append every rejected line (null: do not write)
 */
public record IngestConfig(
    BiFunction<String, List<String>, LogFormat> formats,
    EndpointTable endpoints,
    List<String> identifierParams,
    int threads,
    int maxLineBytes,
    java.nio.file.Path rejectsFile) {

  /** Lines handed to a worker at once: large enough to amortise hand-off, small enough to balance. */
  public static final int BATCH_LINES = 2048;

  /** Lines read from the head of a file to detect its format. */
  public static final int SNIFF_LINES = 16;

  /** Zone for formats whose timestamps carry none, unless {@code --tz} says otherwise. */
  public static final ZoneId DEFAULT_ZONE = ZoneOffset.UTC;

  public IngestConfig {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1; got: " + threads);
    }
    if (maxLineBytes < 256) {
      throw new IllegalArgumentException("maxLineBytes must be >= 256; got: " + maxLineBytes);
    }
    identifierParams = List.copyOf(identifierParams);
  }

  /** Default worker threads: one per core. */
  public static int defaultThreads() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }
}
