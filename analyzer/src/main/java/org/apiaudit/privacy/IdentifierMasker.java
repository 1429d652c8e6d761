package org.apiaudit.privacy;

/**
 * Replaces personal identifiers inside free text (a log line, a query string, a path) by their
 * pseudonyms, so that what is stored or printed never carries a clear phone, Aadhaar or
 * beneficiary reference number.
 *
 * <p>Two nets, because a line may carry identifiers the parser did not recognise:
 * <ul>
 *   <li>the values the parser did recognise (the subject, identifier query parameters) are
 *       replaced wherever they occur, whatever their shape;</li>
 *   <li>any run of digits shaped like an Indian identifier is replaced: 10 digits starting with
 *       6-9 (mobile), 12 digits starting with 2-9 (Aadhaar), 14 digits (reference id). Runs that
 *       touch a letter, a digit or a decimal point are left alone, so request ids, epoch
 *       seconds (which start with 1) and decimals survive.</li>
 * </ul>
 * Not thread-safe: holds a {@link Pseudonymizer}.
 */
public final class IdentifierMasker {
  private final Pseudonymizer pseudonymizer;

  public IdentifierMasker(Pseudonymizer pseudonymizer) {
    this.pseudonymizer = pseudonymizer;
  }

  /** The pseudonymizer used for replacements. */
  public Pseudonymizer pseudonymizer() {
    return pseudonymizer;
  }

  /** {@code text} with identifier-shaped digit runs pseudonymised; the same instance if none. */
  public String mask(String text) {
    return mask(text, null, null);
  }

  /**
   * {@code text} with the two known clear values (either may be null) and every
   * identifier-shaped digit run pseudonymised.
   */
  public String mask(String text, String known1, String known2) {
    if (text == null) {
      return null;
    }
    String s = replaceKnown(text, known1);
    s = replaceKnown(s, known2);
    return maskDigitRuns(s);
  }

  private String replaceKnown(String text, String clear) {
    if (clear == null || clear.length() < 5 || Pseudonymizer.isPseudonym(clear) || text.indexOf(clear) < 0) {
      return text;
    }
    return text.replace(clear, pseudonymizer.pseudonym(clear));
  }

  private String maskDigitRuns(String s) {
    StringBuilder out = null;
    int copied = 0;
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        i++;
        continue;
      }
      int start = i;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
      }
      int len = i - start;
      if (looksLikeIdentifier(s, start, len) && isBoundary(s, start - 1) && isBoundary(s, i)) {
        if (out == null) {
          out = new StringBuilder(n + 16);
        }
        out.append(s, copied, start).append(pseudonymizer.pseudonym(s.substring(start, i)));
        copied = i;
      }
    }
    if (out == null) {
      return s;
    }
    return out.append(s, copied, n).toString();
  }

  private static boolean looksLikeIdentifier(String s, int start, int len) {
    char first = s.charAt(start);
    switch (len) {
      case 10: return first >= '6';
      case 12: return first >= '2';
      case 14: return true;
      default: return false;
    }
  }

  /** True when position {@code i} does not glue the run to a word or a decimal number. */
  private static boolean isBoundary(String s, int i) {
    if (i < 0 || i >= s.length()) {
      return true;
    }
    char c = s.charAt(i);
    if (Character.isLetterOrDigit(c) || c == '_') {
      return false;
    }
    if (c == '.') {
      // "1686387721.123" or "v1.9876543210": part of a decimal, not an identifier.
      boolean digitBefore = i > 0 && isDigit(s.charAt(i - 1));
      boolean digitAfter = i + 1 < s.length() && isDigit(s.charAt(i + 1));
      return !(digitBefore && digitAfter);
    }
    return true;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
