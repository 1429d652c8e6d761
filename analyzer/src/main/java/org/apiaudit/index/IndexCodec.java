package org.apiaudit.index;

import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.lucene90.Lucene90StoredFieldsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apiaudit.UserException;

/**
 * How the index compresses the events it stores (the masked line): fast LZ4 or smaller DEFLATE,
 * named as OpenSearch names its {@code index.codec} setting so a case moved to a cluster keeps
 * the same word.
 *
 * <p>Why a choice: on traffic whose addresses, tokens and subjects are nearly unique, the stored
 * line is about half the index and LZ4 finds little to share in it; DEFLATE makes the index
 * markedly smaller for more ingest CPU (README, Benchmarks, has both figures). Each segment
 * records the mode it was written with, so one index may hold both, and a writer that is not
 * told otherwise keeps the mode of the index's newest segment ({@link #of(Directory)}).
 */
public enum IndexCodec {
  /** LZ4: the fastest ingest, the larger index. */
  DEFAULT("default", Lucene912Codec.Mode.BEST_SPEED),
  /** DEFLATE: the smaller index, for more ingest CPU. */
  BEST_COMPRESSION("best_compression", Lucene912Codec.Mode.BEST_COMPRESSION);

  private final String label;
  private final Lucene912Codec.Mode mode;

  IndexCodec(String label, Lucene912Codec.Mode mode) {
    this.label = label;
    this.mode = mode;
  }

  /** The name users type and OpenSearch's {@code index.codec} takes. */
  public String label() {
    return label;
  }

  /** The names, comma-separated, for help and errors. */
  public static String labels() {
    return Arrays.stream(values()).map(IndexCodec::label).collect(Collectors.joining(", "));
  }

  /** The codec of {@code label}, or a usage error listing the names. */
  public static IndexCodec parse(String label) {
    for (IndexCodec c : values()) {
      if (c.label.equals(label)) {
        return c;
      }
    }
    throw new UserException("--codec must be one of " + labels() + "; got: " + label);
  }

  /** The Lucene codec that writes new segments in this mode. */
  Codec codec() {
    return new Lucene912Codec(mode);
  }

  /**
   * The mode of the newest segment of the index in {@code directory}; {@link #DEFAULT} for an
   * index with no segment yet (or none at all).
   */
  public static IndexCodec of(Directory directory) throws IOException {
    if (!DirectoryReader.indexExists(directory)) {
      return DEFAULT;
    }
    IndexCodec found = DEFAULT;
    long newest = -1;
    for (SegmentCommitInfo segment : SegmentInfos.readLatestCommit(directory)) {
      // Segment names count up in base 36 ("_0", "_1", ... "_a"): a merge's output is newer than its inputs.
      long generation = Long.parseLong(segment.info.name.substring(1), Character.MAX_RADIX);
      if (generation > newest) {
        newest = generation;
        found = ofMode(segment.info.getAttribute(Lucene90StoredFieldsFormat.MODE_KEY));
      }
    }
    return found;
  }

  /** The mode of the newest segment of the index at {@code dir} ({@link #of(Directory)}). */
  public static IndexCodec of(java.nio.file.Path dir) throws IOException {
    try (Directory directory = org.apache.lucene.store.FSDirectory.open(dir)) {
      return of(directory);
    }
  }

  private static IndexCodec ofMode(String storedFieldsMode) {
    return Lucene90StoredFieldsFormat.Mode.BEST_COMPRESSION.name().equals(storedFieldsMode) ? BEST_COMPRESSION : DEFAULT;
  }
}
