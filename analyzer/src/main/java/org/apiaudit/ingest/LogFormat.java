package org.apiaudit.ingest;

import java.util.List;

/**
 * A log format family (nginx-style text, JSON lines, CSV, W3C extended) with its settings.
 *
 * <p>Expensive work (compiling a {@code log_format} string, reading a mapping) happens when the
 * format is built; {@link #startFile()} and parsing are cheap.
 */
public interface LogFormat {
  /** The name shown in summaries and accepted by {@code --format}, e.g. {@code gateway}. */
  String name();

  /**
   * How well the first lines of a file fit this format, from 0 (not at all) to 100 (certain).
   * Used to auto-detect a file's format.
   */
  int sniff(List<String> firstLines);

  /** Starts reading a new file. */
  FileSession startFile();
}
