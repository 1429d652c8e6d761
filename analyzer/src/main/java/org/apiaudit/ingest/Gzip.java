package org.apiaudit.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Whether a log is gzipped is told by its first two bytes, never by its name: rotated logs are
 * renamed, and a {@code .gz} still being written or a plain file called {@code .gz} both occur.
 * Ingest, the nightly run and the benchmarks all decide here.
 */
public final class Gzip {
  /** Read buffer of the decompressor: large, since logs are read start to end. */
  private static final int BUFFER = 1 << 16;

  private Gzip() {}

  /** Whether {@code in} starts with gzip's magic bytes; {@code in} is left where it was. */
  public static boolean sniff(BufferedInputStream in) throws IOException {
    in.mark(2);
    boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
    in.reset();
    return gzip;
  }

  /** The content of {@code in}: decompressed when it is gzip, else {@code in} itself. */
  public static InputStream decompressIfGzip(BufferedInputStream in) throws IOException {
    return open(in, sniff(in));
  }

  /**
   * The content of {@code raw}, already known to be gzip or not. A gzip stream may hold several
   * members (logrotate's multi-member files); they read as one.
   */
  public static InputStream open(InputStream raw, boolean gzip) throws IOException {
    return gzip ? new GZIPInputStream(raw, BUFFER) : raw;
  }
}
