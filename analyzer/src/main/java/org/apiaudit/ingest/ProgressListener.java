package org.apiaudit.ingest;

/** Receives progress of a long ingest (for a terminal progress line); called from one thread. */
public interface ProgressListener {
  /** Nothing to report to. */
  ProgressListener NONE = (file, filesDone, filesTotal, lines, bytes) -> {};

  /** Called once before the first file, with the bytes on disk of every input file (stdin not counted). */
  default void start(long totalBytes) {}

  /** Called about once a second while a log file is read (never for a file in no known format). */
  void progress(String currentFile, int filesDone, int filesTotal, long linesSoFar, long bytesSoFar);
}
