package org.apiaudit.cli;

import java.io.PrintWriter;
import org.apiaudit.ingest.ProgressListener;

/** A one-line progress display on stderr, only when a person is watching a terminal. */
final class Progress {
  private Progress() {}

  static ProgressListener forTerminal(PrintWriter err) {
    if (!interactive()) {
      return ProgressListener.NONE;
    }
    long start = System.nanoTime();
    return (file, done, total, lines, bytes) -> {
      double secs = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
      err.printf("\r[%d/%d] %s  %,d lines  %.1f MB  %,.0f lines/s   ", done + 1, total, shorten(file), lines,
          bytes / 1e6, lines / secs);
      err.flush();
    };
  }

  /** Clears the progress line, so that what follows starts on a clean line. */
  static void end(PrintWriter err) {
    if (interactive()) {
      err.print("\r" + " ".repeat(110) + "\r");
      err.flush();
    }
  }

  private static boolean interactive() {
    return System.console() != null && System.getenv("CI") == null;
  }

  private static String shorten(String file) {
    return file.length() <= 40 ? file : "…" + file.substring(file.length() - 39);
  }
}
