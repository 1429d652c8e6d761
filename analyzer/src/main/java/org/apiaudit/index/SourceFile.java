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
 *     remain. The record is kept so that the file, still on disk, is never read again.
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
    long purgedAt) {
  /** Leading content bytes hashed to recognise a log file across growth and rotation. */
  public static final int HEAD_BYTES = 4096;

  /** A record without incremental-read state, as {@code analyzer ingest} writes it. */
  public SourceFile(String path, long size, String sha256, long lines, long events, long rejected, String format,
      long firstEvent, long lastEvent, long ingestedAt) {
    this(path, size, sha256, lines, events, rejected, format, firstEvent, lastEvent, ingestedAt, 0, 0, null, null, 0);
  }
}
