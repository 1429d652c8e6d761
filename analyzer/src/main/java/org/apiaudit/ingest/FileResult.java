package org.apiaudit.ingest;

import org.apiaudit.index.SourceFile;

/**
 * What happened to one input in an ingest run.
 *
 * @param path the input as given by the user
 * @param outcome whether it was ingested, skipped as a duplicate, or failed
 * @param file the recorded facts (null when it failed before any line was read)
 * @param message a human explanation (duplicate of what; the error)
 */
public record FileResult(String path, Outcome outcome, SourceFile file, String message) {
  /** The outcome of one input. */
  public enum Outcome {
    INGESTED,
    SKIPPED_DUPLICATE,
    /** Found while walking a folder, but in no known log format (a README, a leak sample). */
    SKIPPED_NOT_A_LOG,
    FAILED
  }
}
