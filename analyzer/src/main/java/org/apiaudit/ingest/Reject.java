package org.apiaudit.ingest;

import org.apiaudit.output.Escaping;

/**
 * A line that could not be ingested.
 *
 * <p>Reason and excerpt quote log text, so they are built from text the caller has already
 * masked ({@link EventNormalizer#maskText}): no clear identifier reaches the summary, the rejects
 * file or the report. Control characters and bidirectional overrides in them are written as
 * visible escapes ({@link Escaping#visibleEscapes}) by the constructor, so no reject can act on a
 * terminal or break a row of the rejects file.
 *
 * @param file the file as given by the user
 * @param line 1-based line number
 * @param reason why it was rejected
 * @param excerpt the start of the line, masked, with control characters escaped
 */
public record Reject(String file, long line, String reason, String excerpt) {
  /** Longest excerpt kept, in UTF-16 units before escaping (never half a character). */
  public static final int MAX_EXCERPT = 160;

  public Reject {
    reason = Escaping.visibleEscapes(reason);
    excerpt = Escaping.visibleEscapes(excerpt);
  }

  /**
   * {@code text} cut to {@link #MAX_EXCERPT} (an emoji is kept whole or dropped whole), with
   * {@code …} when cut and control characters escaped. {@code text} must already be masked.
   */
  public static String excerptOf(String text) {
    String cut = Escaping.prefix(text, MAX_EXCERPT);
    return Escaping.visibleEscapes(cut.length() < text.length() ? cut + "…" : cut);
  }

  @Override
  public String toString() {
    return file + ":" + line + ": " + reason;
  }
}
