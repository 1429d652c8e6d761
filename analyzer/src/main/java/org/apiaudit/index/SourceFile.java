package org.apiaudit.index;

/**
 * What the index knows about one ingested input file: the chain-of-custody facts a report
 * cites (path, size, SHA-256, lines, rejects, format, time range) and the fingerprint that
 * makes ingest idempotent.
 *
 * @param path the path as given on the command line
 * @param size bytes on disk (compressed size for .gz)
 * @param sha256 hex SHA-256 of the bytes on disk
 * @param lines lines read (after decompression), header lines included
 * @param events events indexed
 * @param rejected lines that could not be parsed
 * @param format the format the file was read as
 * @param firstEvent earliest event time, epoch ms (or -1 when no event)
 * @param lastEvent latest event time, epoch ms (or -1)
 * @param ingestedAt when the file was ingested, epoch ms
 * @param offset content bytes read (decompressed for .gz), always the end of a complete line:
 *     where an incremental run ({@code analyzer nightly}) continues; 0 when unknown (files
 *     recorded by {@code analyzer ingest}, manifests written before it existed)
 * @param headBytes how many leading content bytes {@code headSha256} covers (at most
 *     {@value #HEAD_BYTES}); 0 when unknown
 * @param headSha256 hex SHA-256 of the first {@code headBytes} content bytes: recognises the
 *     same log after it grew, was renamed or compressed; null when unknown
 * @param identity the file system's identity of the file (device and inode) when last read, a
 *     hint for telling apart files with equal heads; null when unknown
 * @param purgedAt when retention removed all of this file's events, epoch ms; 0 while any
 *     remain. The record is kept so that {@code analyzer nightly} never reads the file again,
 *     while {@code analyzer ingest} of the same content restores its events (and clears this)
 * @param contentSha256 hex SHA-256 of the content bytes {@code [0, offset)} (decompressed for
 *     .gz): what makes ingest idempotent by content, so {@code x.log} and {@code x.log.gz} of the
 *     same lines are one file, and a file that starts with them extends it; null when unknown
 *     (records written before it existed, gzip files read by nightly)
 */
public record SourceFile(
    String path,
    long size,
    String sha256,
    long lines,
    long events,
    long rejected,
    String format,
    long firstEvent,
    long lastEvent,
    long ingestedAt,
    long offset,
    long headBytes,
    String headSha256,
    String identity,
    long purgedAt,
    String contentSha256) {
  /** Leading content bytes hashed to recognise a log file across growth and rotation. */
  public static final int HEAD_BYTES = 4096;

  /** The earlier of two first-event times, where -1 means "no event" (a file of rejects only). */
  public static long earliestEvent(long a, long b) {
    if (a < 0) {
      return b;
    }
    return b < 0 ? a : Math.min(a, b);
  }

  /** A record without incremental-read state, as {@code analyzer ingest} writes it. */
  public SourceFile(String path, long size, String sha256, long lines, long events, long rejected, String format,
      long firstEvent, long lastEvent, long ingestedAt) {
    this(path, size, sha256, lines, events, rejected, format, firstEvent, lastEvent, ingestedAt, 0, 0, null, null, 0,
        null);
  }

  /** Whether retention removed every event of this file. */
  public boolean purged() {
    return purgedAt != 0;
  }

  /** This record marked purged at {@code at} (epoch ms). */
  public SourceFile purgedAt(long at) {
    return new SourceFile(path, size, sha256, lines, events, rejected, format, firstEvent, lastEvent, ingestedAt, offset,
        headBytes, headSha256, identity, at, contentSha256);
  }

  /** This record under another path and file system identity (a renamed or rotated log). */
  public SourceFile movedTo(String newPath, String newIdentity) {
    return new SourceFile(newPath, size, sha256, lines, events, rejected, format, firstEvent, lastEvent, ingestedAt,
        offset, headBytes, headSha256, newIdentity, purgedAt, contentSha256);
  }
}
