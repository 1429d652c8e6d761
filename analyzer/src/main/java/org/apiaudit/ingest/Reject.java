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
   * {@code text} cut to {@link #MAX_EXCERPT} as {@link #cutEnd} cuts, with {@code …} when cut
   * and control characters escaped. {@code text} must already be masked.
   */
  public static String excerptOf(String text) {
    int end = cutEnd(text, 0, text.length(), MAX_EXCERPT);
    return Escaping.visibleEscapes(end < text.length() ? text.substring(0, end) + "…" : text);
  }

  /**
   * Where to cut [from, to) of {@code text} to keep at most {@code max} UTF-16 units: {@code to}
   * when it fits; otherwise never inside a surrogate pair (half an emoji is not a character and
   * cannot be written as UTF-8) and never inside or right after a run of digits that goes on
   * into a letter, digit or decimal point. Masking runs on the whole text before the cut and
   * pseudonymises only digit runs that stand alone; ten digits cut off a longer run (or off
   * {@code 9876543210abc}) would look like a clear phone number, so the cut goes before the run.
   */
  public static int cutEnd(CharSequence text, int from, int to, int max) {
    if (to - from <= max) {
      return to;
    }
    int end = from + max;
    if (Character.isLowSurrogate(text.charAt(end)) && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    for (int k = 1; k <= 2; k++) { // never inside a percent escape (%3|9)
      if (end - k > from && text.charAt(end - k) == '%') {
        end -= k;
        break;
      }
    }
    while (end > from) {
      char before = text.charAt(end - 1);
      boolean inRun = isDigit(before) && gluesToRun(text, end);
      boolean inDecimal = before == '.' && end - 1 > from && isDigit(text.charAt(end - 2)) && isDigit(text.charAt(end));
      if (!inRun && !inDecimal) {
        break;
      }
      end--;
    }
    return end;
  }

  /** Whether the character at {@code i} would continue a digit run ending before it. */
  private static boolean gluesToRun(CharSequence text, int i) {
    char c = text.charAt(i);
    return Character.isLetterOrDigit(c) || c == '_'
        || (c == '.' && i + 1 < text.length() && isDigit(text.charAt(i + 1)))
        // a percent-escaped digit (%39) continues the number once decoded, as the masker reads it
        || (c == '%' && i + 2 < text.length() && text.charAt(i + 1) == '3' && isDigit(text.charAt(i + 2)));
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  @Override
  public String toString() {
    return file + ":" + line + ": " + reason;
  }
}
