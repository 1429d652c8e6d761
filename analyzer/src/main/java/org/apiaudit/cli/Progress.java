package org.apiaudit.cli;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import org.apiaudit.ingest.ProgressListener;

/**
 * A one-line progress display on stderr, only when stderr is a terminal (see {@link Terminals}):
 * percent of the input bytes, an estimate of the time left, lines per second, and how many log
 * files have been read (a README or leak sample found in a folder is not one).
 */
final class Progress implements ProgressListener {
  private final PrintWriter err;
  private final long start = System.nanoTime();
  private final Map<String, Long> bytesPerFile = new HashMap<>();
  private long totalBytes;
  private boolean drawn;

  private Progress(PrintWriter err) {
    this.err = err;
  }

  /** The display, or nothing when stderr is not a terminal or the user asked for quiet. */
  static ProgressListener forTerminal(PrintWriter err, VerbosityOptions verbosity) {
    return verbosity.progress() && Terminals.stderr() ? new Progress(err) : ProgressListener.NONE;
  }

  @Override
  public void start(long bytes) {
    totalBytes = bytes;
  }

  @Override
  public void progress(String file, int filesDone, int filesTotal, long lines, long bytes) {
    bytesPerFile.put(file, bytes);
    long done = bytesPerFile.values().stream().mapToLong(Long::longValue).sum();
    double secs = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
    err.print("\r" + line(done, totalBytes, secs, bytesPerFile.size(), lines, file));
    err.flush();
    drawn = true;
  }

  /** The progress line, e.g. {@code 42% of 35.2 MB, about 0:12 left, 3 logs, 120,000 lines/s: a.log}. */
  static String line(long done, long total, double secs, int logs, long lines, String file) {
    StringBuilder sb = new StringBuilder();
    if (total > 0) {
      double share = Math.min(1.0, (double) done / total);
      sb.append(String.format(java.util.Locale.ROOT, "%3.0f%% of %.1f MB", 100 * share, total / 1e6));
      if (share > 0.01) {
        long left = Math.round(secs * (1 - share) / share);
        sb.append(String.format(java.util.Locale.ROOT, ", about %d:%02d left", left / 60, left % 60));
      }
    } else {
      sb.append(String.format(java.util.Locale.ROOT, "%.1f MB", done / 1e6));
    }
    sb.append(String.format(java.util.Locale.ROOT, ", %d log%s, %,.0f lines/s: %s   ", logs, logs == 1 ? "" : "s", lines / secs,
        shorten(file)));
    return sb.toString();
  }

  /** Clears the progress line, so that what follows starts on a clean line. */
  static void end(ProgressListener listener, PrintWriter err) {
    if (listener instanceof Progress p && p.drawn) {
      err.print("\r" + " ".repeat(110) + "\r");
      err.flush();
    }
  }

  private static String shorten(String file) {
    return file.length() <= 40 ? file : "…" + file.substring(file.length() - 39);
  }
}
