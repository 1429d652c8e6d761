/**
 * Ingest: log files into the index, read, parsed, normalised and pseudonymised on the way in.
 *
 * <p>Owns reading (files, gzip by content: {@link org.apiaudit.ingest.Gzip}; lines:
 * {@link org.apiaudit.ingest.LineReader}), idempotency by content
 * ({@link org.apiaudit.ingest.ContentHead}, {@link org.apiaudit.ingest.ContentMatch}), the
 * parser interfaces the formats implement ({@link org.apiaudit.ingest.LogFormat},
 * {@link org.apiaudit.ingest.LineParser}), normalisation ({@link
 * org.apiaudit.ingest.EventNormalizer}) and counted rejects. The parsers themselves are in
 * {@code ingest.format}, which depends on this package and never the reverse. Uses
 * {@code schema}, {@code privacy}, {@code index}, {@code engine} (where events go) and
 * {@code output}. Entry point: {@link org.apiaudit.ingest.Ingestor}.
 */
package org.apiaudit.ingest;
