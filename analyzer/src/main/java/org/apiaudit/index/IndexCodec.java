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
 * How the index compresses the events it stores (the masked line): DEFLATE or LZ4, Lucene's
 * best-compression and best-speed modes.
 *
 * <p>Why DEFLATE for a new index: on traffic whose addresses, tokens and subjects are nearly
 * unique, the stored line is about half the index and LZ4 finds little to share in it. DEFLATE
 * takes a million such lines from 0.74 to 0.59 of the raw size, and the simulator's traffic from
 * 0.56 to 0.40, for 4% (simulator) to 15% (nearly unique) more warm ingest CPU, less than a cold
 * run's spread (README, Benchmarks): the trade Elasticsearch also makes for log indices. LZ4
 * stays a choice for a responder who wants every second.
 *
 * <p>Each segment records the mode it was written with, so one index may hold both, and a
 * writer that is not told otherwise keeps the mode of the index's newest segment
 * ({@link #of(Directory)}): an index written before DEFLATE was the default stays LZ4.
 */
public enum IndexCodec {
  /** LZ4: the fastest ingest, the larger index. OpenSearch calls it {@code default}. */
  BEST_SPEED("best_speed", "default", Lucene912Codec.Mode.BEST_SPEED),
  /** DEFLATE: the smaller index, for more ingest CPU. */
  BEST_COMPRESSION("best_compression", "best_compression", Lucene912Codec.Mode.BEST_COMPRESSION);

  /** The codec of an index that has no segment yet. */
  public static final IndexCodec NEW_INDEX = BEST_COMPRESSION;

  private final String label;
  private final String openSearchName;
  private final Lucene912Codec.Mode mode;

  IndexCodec(String label, String openSearchName, Lucene912Codec.Mode mode) {
    this.label = label;
    this.openSearchName = openSearchName;
    this.mode = mode;
  }

  /** The name users type (Lucene's name of the mode). */
  public String label() {
    return label;
  }

  /** The value of OpenSearch's {@code index.codec} setting that stores events the same way. */
  public String openSearchName() {
    return openSearchName;
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
   * The mode of the newest segment of the index in {@code directory}; {@link #NEW_INDEX} for an
   * index with no segment yet (or none at all).
   */
  public static IndexCodec of(Directory directory) throws IOException {
    if (!DirectoryReader.indexExists(directory)) {
      return NEW_INDEX;
    }
    IndexCodec found = NEW_INDEX;
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
    return Lucene90StoredFieldsFormat.Mode.BEST_COMPRESSION.name().equals(storedFieldsMode) ? BEST_COMPRESSION
        : BEST_SPEED;
  }
}
