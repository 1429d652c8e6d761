package org.apiaudit.privacy;

/**
 * Replaces personal identifiers inside any text taken from a log (a whole line, a user agent, a
 * principal, a query string) by their pseudonyms, so that what is stored or printed never
 * carries a clear phone, Aadhaar or beneficiary reference number.
 *
 * <p>Two nets, because a line may carry identifiers the parser did not recognise:
 * <ul>
 *   <li>the values the parser did recognise (the subject, identifier query parameters) are
 *       replaced wherever they occur, whatever their shape;</li>
 *   <li>anything shaped like an Indian identifier is replaced: a mobile (10 digits starting with
 *       6-9, optionally after {@code +91}, {@code 91} or {@code 0}), an Aadhaar (12 digits
 *       starting with 2-9) or a beneficiary reference id (14 digits). The digits may be one run,
 *       glued to letters ({@code q=mob9123400011}), or written in groups of two or more digits
 *       separated by one space, dash or plus ({@code +91 91234 99901}, {@code 91234-99901},
 *       {@code 9123 4000 11}, {@code 2345 6789 0123}) or by one control or format character.</li>
 * </ul>
 * A run glued to more digits is a longer number, not an identifier (epoch milliseconds, byte
 * counts); a run that is part of a dotted number ({@code 1686387721.123}, an address) is left
 * alone; a group of one digit ends a grouped form, so columns of small numbers
 * ({@code 200 0 0 1234 567 15}) are not read as one identifier. Each form is pseudonymised by its
 * digits ({@link Pseudonymizer#pseudonym} drops the country or trunk prefix), so every spelling
 * of a person's number gives the same pseudonym as the subject field.
 *
 * <p>The scan is one pass over the characters with no regular expression: text without a run of
 * two or more digits costs a character loop and no allocation. Not thread-safe: holds a
 * {@link Pseudonymizer}.
 */
public final class IdentifierMasker {
  /** Most groups a grouped identifier is written in (a reference id as 2-3-3-3-3). */
  private static final int MAX_GROUPS = 5;

  private final Pseudonymizer pseudonymizer;

  public IdentifierMasker(Pseudonymizer pseudonymizer) {
    this.pseudonymizer = pseudonymizer;
  }

  /** The pseudonymizer used for replacements. */
  public Pseudonymizer pseudonymizer() {
    return pseudonymizer;
  }

  /** {@code text} with identifier-shaped numbers pseudonymised; the same instance if none. */
  public String mask(String text) {
    return mask(text, null, null);
  }

  /**
   * {@code text} with the two known clear values (either may be null) and every
   * identifier-shaped number pseudonymised.
   */
  public String mask(String text, String known1, String known2) {
    if (text == null) {
      return null;
    }
    String s = replaceKnown(text, known1);
    s = replaceKnown(s, known2);
    String unescaped = maskEscapedDigits(s);
    if (unescaped != null) {
      return unescaped;
    }
    String masked = maskNumbers(s);
    if (masked != s) {
      // an escaped identifier right after a clear one reads as one long number until the clear
      // one is a pseudonym: look again
      String again = maskEscapedDigits(masked);
      return again != null ? again : masked;
    }
    return masked;
  }

  /**
   * {@code s} with identifiers written in escaped digits ({@code %39876543210},
   * {@code &#92;u0039876…}) pseudonymised. Such a line reads as a clear number once a browser or a JSON
   * reader decodes it, though no digit run in it has an identifier's shape. Only when an
   * identifier appears is the text returned decoded (escaped digits and separators as
   * characters), so lines without one keep their exact spelling: null then.
   */
  private String maskEscapedDigits(String s) {
    if (s.indexOf('%') < 0 && s.indexOf('\\') < 0) {
      return null;
    }
    String decoded = decodeDigitEscapes(s);
    if (decoded == s) {
      return null;
    }
    String masked = maskNumbers(decoded);
    return masked == decoded ? null : masked;
  }

  /**
   * {@code s} with percent escapes ({@code %3X}, {@code %20}, {@code %2B}, {@code %2D}) and JSON
   * escapes (&#92;u003X, &#92;u0020, &#92;u002B, &#92;u002D) of digits and of
   * the separators people write numbers with decoded; the same instance when there is none.
   */
  static String decodeDigitEscapes(String s) {
    StringBuilder out = null;
    int copied = 0;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      int len;
      if (c == '%' && i + 2 < n) {
        len = 3;
      } else if (c == '\\' && i + 5 < n && (s.charAt(i + 1) == 'u' || s.charAt(i + 1) == 'U')
          && s.charAt(i + 2) == '0' && s.charAt(i + 3) == '0') {
        len = 6;
      } else {
        continue;
      }
      char decoded = escapedChar(s.charAt(i + len - 2), s.charAt(i + len - 1));
      if (decoded == 0) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(n);
      }
      out.append(s, copied, i).append(decoded);
      copied = i + len;
      i += len - 1;
    }
    return out == null ? s : out.append(s, copied, n).toString();
  }

  /** The digit or number separator the two hex digits encode, or 0 for anything else. */
  private static char escapedChar(char high, char low) {
    char l = Character.toUpperCase(low);
    if (high == '3' && isDigit(l)) {
      return l;
    }
    if (high == '2') {
      switch (l) {
        case '0': return ' ';
        case 'B': return '+';
        case 'D': return '-';
        default: return 0;
      }
    }
    return 0;
  }

  /**
   * Whether {@code value}, read as a whole number in a numeric column (a byte count), has an
   * identifier's shape: such a value cannot be told from a person's number.
   */
  public static boolean isIdentifierShaped(long value) {
    if (value < 1_000_000_000L) {
      return false;
    }
    String digits = Long.toString(value);
    return isShape(digits.length(), digits.charAt(0), digits.charAt(1));
  }

  private String replaceKnown(String text, String clear) {
    if (clear == null || clear.length() < 5 || Pseudonymizer.isPseudonym(clear) || text.indexOf(clear) < 0) {
      return text;
    }
    return text.replace(clear, pseudonymizer.pseudonym(clear));
  }

  private String maskNumbers(String s) {
    if (!mayHoldIdentifier(s)) {
      return s;
    }
    StringBuilder out = null;
    int copied = 0;
    int n = s.length();
    int i = 0;
    while (i < n) {
      if (!isDigit(s.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
      }
      if (i - start < 2 || isDottedPart(s, start - 1)) {
        continue; // a lone digit, or the tail of a dotted number: nothing starts here
      }
      int end = identifierEnd(s, start, i);
      if (end < 0) {
        continue;
      }
      int from = start;
      if (from > 0 && s.charAt(from - 1) == '+' && s.startsWith("91", from) && digitsIn(s, from, end) == 12) {
        from--; // "+91…": the country code goes with the number
      }
      if (out == null) {
        out = new StringBuilder(n + 16);
      }
      out.append(s, copied, from).append(pseudonymizer.pseudonym(spelling(s, from, end)));
      copied = end;
      i = end;
    }
    if (out == null) {
      return s;
    }
    return out.append(s, copied, n).toString();
  }

  /**
   * Whether {@code s} has a stretch of ten digits or more with nothing between them but spaces,
   * dashes, pluses, control and non-ASCII characters: every identifier {@link #maskNumbers}
   * finds lies in one (at least ten digits and separators only), and a log line seldom has one.
   * A few comparisons per character, where the scan itself decides at every run of digits
   * (about twenty a gateway line: address, time, status, bytes, hexadecimal ids) whether an
   * identifier starts there: with this check first, masking the lines of the high-cardinality
   * benchmark shape costs about a third less.
   */
  private static boolean mayHoldIdentifier(String s) {
    int digits = 0;
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        if (++digits >= 10) {
          return true;
        }
      } else if (c > ' ' && c < 127 && c != '-' && c != '+') {
        digits = 0; // printable ASCII that separates no group: the stretch ends
      }
    }
    return false;
  }

  /**
   * Where the identifier that starts with the digit run [start, runEnd) ends, or -1 when none
   * starts there. The longest form wins (a reference id over an Aadhaar over a mobile).
   */
  private static int identifierEnd(String s, int start, int runEnd) {
    int n = s.length();
    int digits = 0;
    char first = s.charAt(start);
    char second = s.charAt(start + 1);
    int groupStart = start;
    int groupEnd = runEnd;
    int best = -1;
    for (int group = 0; group < MAX_GROUPS; group++) {
      int len = groupEnd - groupStart;
      if (len < 2 && group > 0) {
        break; // a one-digit group is a column of small numbers, not a written identifier
      }
      digits += len;
      if (digits > 14) {
        break;
      }
      if (isEnd(s, groupEnd) && isShape(digits, first, second)) {
        best = groupEnd;
      }
      // the next group: one separator, then digits
      int sep = groupEnd;
      if (sep + 1 >= n || !isSeparator(s.charAt(sep)) || !isDigit(s.charAt(sep + 1))) {
        break;
      }
      groupStart = sep + 1;
      groupEnd = groupStart;
      while (groupEnd < n && isDigit(s.charAt(groupEnd))) {
        groupEnd++;
      }
    }
    return best;
  }

  /** Whether {@code digits} digits starting with these two have an identifier's shape. */
  private static boolean isShape(int digits, char first, char second) {
    switch (digits) {
      case 10: return first >= '6';                       // mobile
      case 11: return first == '0' && second >= '6';      // 0 + mobile
      case 12: return first >= '2';                       // Aadhaar, or 91 + mobile
      case 14: return true;                               // beneficiary reference id
      default: return false;
    }
  }

  /** True when the number ending before {@code i} ends there (no digit or decimal part follows). */
  private static boolean isEnd(String s, int i) {
    if (i >= s.length()) {
      return true;
    }
    char c = s.charAt(i);
    if (isDigit(c)) {
      return false;
    }
    return !(c == '.' && i + 1 < s.length() && isDigit(s.charAt(i + 1)));
  }

  /** True when {@code i} is a decimal point with a digit before it ({@code 1.9876543210}). */
  private static boolean isDottedPart(String s, int i) {
    return i > 0 && s.charAt(i) == '.' && isDigit(s.charAt(i - 1));
  }

  private static int digitsIn(String s, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      n += isDigit(s.charAt(i)) ? 1 : 0;
    }
    return n;
  }

  /**
   * One space, dash or plus between groups, as people write numbers; or one control or format
   * character (a tab, an escape, a bidi override), which no one writes inside a number but
   * which an attacker or a broken exporter may put there, and which an escaped excerpt would
   * otherwise print as digits ({@code \x09}) next to the number's.
   */
  private static boolean isSeparator(char c) {
    return c == ' ' || c == '-' || c == '+' || Character.isISOControl(c) || Character.getType(c) == Character.FORMAT;
  }

  /** The matched text with every separator as a space, as {@link Pseudonymizer} normalises it. */
  private static String spelling(String s, int from, int to) {
    char[] out = new char[to - from];
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      out[i - from] = isDigit(c) || (c == '+' && i == from) ? c : ' ';
    }
    return new String(out);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
