package org.apiaudit.ingest;

import java.util.List;

/** Chooses each file's format from its name and first lines (see {@code ingest.format.FormatChoice}). */
@FunctionalInterface
public interface FormatChooser {
  /** The format of {@code file}, or null when nothing fits. */
  LogFormat choose(String file, List<String> head);

  /**
   * The format of {@code file} with a warning when the choice was not clear-cut (auto-detection
   * only: a format the user named carries none), or null when nothing fits.
   */
  default FormatDetection detect(String file, List<String> head) {
    LogFormat f = choose(file, head);
    return f == null ? null : new FormatDetection(f, null);
  }
}
