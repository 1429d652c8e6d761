package org.apiaudit.ingest;

import java.util.List;

/**
 * The result of an ingest run: per-file outcomes, the first rejects, and totals.
 *
 * @param files one result per input, in order
 * @param rejects the first rejected lines (at most {@link #MAX_LISTED_REJECTS}); all of them
 *     are in the rejects file
 * @param totalRejects all rejected lines
 * @param elapsedMillis wall time of the run
 * @param rejectsFile where every reject was written, or null when there were none
 */
public record IngestSummary(
    List<FileResult> files, List<Reject> rejects, long totalRejects, long elapsedMillis, String rejectsFile) {
  /** How many rejects the summary lists. */
  public static final int MAX_LISTED_REJECTS = 20;

  public long linesRead() {
    return files.stream().filter(f -> f.file() != null && f.outcome() == FileResult.Outcome.INGESTED)
        .mapToLong(f -> f.file().lines()).sum();
  }

  public long eventsIndexed() {
    return files.stream().filter(f -> f.file() != null && f.outcome() == FileResult.Outcome.INGESTED)
        .mapToLong(f -> f.file().events()).sum();
  }

  public long bytesRead() {
    return files.stream().filter(f -> f.file() != null && f.outcome() == FileResult.Outcome.INGESTED)
        .mapToLong(f -> f.file().size()).sum();
  }

  public long count(FileResult.Outcome outcome) {
    return files.stream().filter(f -> f.outcome() == outcome).count();
  }

  /**
   * Files that opened but none of whose lines became an event (every line rejected): as good as
   * unread, so they count as failures, not as evidence of quiet traffic.
   */
  public List<FileResult> allRejected() {
    return files.stream().filter(f -> f.file() != null && f.outcome() == FileResult.Outcome.INGESTED
        && f.file().lines() > 0 && f.file().events() == 0).toList();
  }

  /** Whether some input could not be read at all, only partly, or had no line that could be parsed. */
  public boolean hasFailures() {
    return count(FileResult.Outcome.FAILED) > 0 || !allRejected().isEmpty();
  }
}
