package org.apiaudit.ingest;

/** Receives progress of a long ingest (for a terminal progress line); called from one thread. */
public interface ProgressListener {
  /** Nothing to report to. */
  ProgressListener NONE = (file, filesDone, filesTotal, lines, bytes) -> {};

  /** Called about once a second and when a file starts. */
  void progress(String currentFile, int filesDone, int filesTotal, long linesSoFar, long bytesSoFar);
}
