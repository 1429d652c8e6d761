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
    long ingestedAt) {}
