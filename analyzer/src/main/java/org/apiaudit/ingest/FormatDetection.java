package org.apiaudit.ingest;

/**
 * The format detected for a file, and a warning when its lines fit two formats. It lives beside
 * {@link FormatChooser}, not with the detector in {@code ingest.format}, so that the pipeline
 * reads it without depending on the parsers that implement it.
 *
 * @param format the format chosen
 * @param warning null, or one sentence (not naming the file) saying which formats the sampled
 *     lines fit and what was chosen
 */
public record FormatDetection(LogFormat format, String warning) {}
