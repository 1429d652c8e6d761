package org.apiaudit.ingest;

/**
 * A line that could not be ingested.
 *
 * @param file the file as given by the user
 * @param line 1-based line number
 * @param reason why it was rejected
 * @param excerpt the start of the line, masked and stripped of control characters
 */
public record Reject(String file, long line, String reason, String excerpt) {
  /** Longest excerpt kept, in characters. */
  public static final int MAX_EXCERPT = 160;

  /** {@code text} cut to {@link #MAX_EXCERPT} and with control characters shown as '?'. */
  public static String excerptOf(String text) {
    int n = Math.min(text.length(), MAX_EXCERPT);
    StringBuilder sb = new StringBuilder(n + 1);
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      sb.append(c < 0x20 || c == 0x7f || c == '\uFFFD' ? '?' : c);
    }
    if (text.length() > n) {
      sb.append('…');
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return file + ":" + line + ": " + reason;
  }
}
