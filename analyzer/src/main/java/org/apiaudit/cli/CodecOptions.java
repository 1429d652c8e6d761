package org.apiaudit.cli;

import java.util.Arrays;
import java.util.Iterator;
import org.apiaudit.index.IndexCodec;
import picocli.CommandLine.Option;

/**
 * {@code --codec}: how the index compresses the events it stores, for the commands that write
 * an index. Absent, an index keeps the codec it was written with, so a nightly job goes on as
 * the first ingest began.
 */
public final class CodecOptions {
  @Option(names = "--codec", paramLabel = "NAME", completionCandidates = Names.class,
      description = "Compression of the stored events from now on: best_compression (DEFLATE, the smaller"
          + " index) or best_speed (LZ4, 4-15%% less ingest CPU). Default: the index's own;"
          + " best_compression for a new one.")
  String codec;

  /** The codec the user chose, or null to keep the index's. */
  public IndexCodec codec() {
    return codec == null ? null : IndexCodec.parse(codec);
  }

  /** The names, for completion. */
  static final class Names implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(IndexCodec.values()).map(IndexCodec::label).iterator();
    }
  }
}
