package org.apiaudit.rules;

import org.apiaudit.UserException;

/**
 * Sigma's regular-expression subset ({@code |re}), checked and written as a Lucene
 * {@link org.apache.lucene.util.automaton.RegExp}.
 *
 * <p>The specification allows {@code .}, {@code ^}/{@code $} anchors, the quantifiers
 * {@code * + ? {n,m}}, character classes, alternation and groups; everything else is refused
 * with the construct named, because Lucene's syntax differs from PCRE beyond that subset and
 * would silently read, say, {@code (?:} or {@code \1} as something else. Common escapes
 * ({@code \d \s \w} and their negations, escaped punctuation, {@code \n \t \r}) and a leading
 * {@code (?i)} are accepted. Characters special only to Lucene ({@code " < > # @ & ~}) are
 * escaped so they stay literals. The {@code m} and {@code s} sub-modifiers are honoured: without
 * {@code s} a dot does not match a newline; with {@code m}, {@code ^}/{@code $} also match at
 * line breaks. The expression is a search: unanchored unless it says {@code ^} or {@code $}.
 * Case-insensitive matching ({@code (?i)} or {@code |re|i}) also folds letter ranges of
 * character classes ({@code [a-z]} becomes {@code [a-zA-Z]}): Lucene's case-insensitive flag
 * folds single characters only, so {@code (?i)[a-z]} would otherwise miss {@code A}.
 *
 * @param prefix what may precede the match in the value
 * @param body the expression in Lucene syntax
 * @param suffix what may follow it
 * @param caseInsensitive whether the expression started with {@code (?i)}
 */
public record SigmaRegex(String prefix, String body, String suffix, boolean caseInsensitive) {
  private static final String LUCENE_ONLY_SPECIAL = "\"<>#@&~";

  /**
   * Checks and translates {@code re}; UserException naming the construct outside the subset.
   *
   * @param caseInsensitive whether the rule said {@code |re|i} (a leading {@code (?i)} counts too)
   */
  public static SigmaRegex of(String re, boolean caseInsensitive, boolean multiline, boolean dotAll) {
    boolean ci = caseInsensitive;
    String s = re;
    if (s.startsWith("(?i)")) {
      ci = true;
      s = s.substring(4);
    }
    boolean start = s.startsWith("^");
    if (start) {
      s = s.substring(1);
    }
    boolean end = s.endsWith("$") && !escaped(s, s.length() - 1);
    if (end) {
      s = s.substring(0, s.length() - 1);
    }
    StringBuilder out = new StringBuilder(s.length() + 16);
    boolean inClass = false;
    int depth = 0;
    boolean topLevelAlternation = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        if (i + 1 >= s.length()) {
          throw refuse(re, "a trailing backslash");
        }
        appendEscape(out, s.charAt(++i), re);
        continue;
      }
      if (inClass) {
        if (c == ']' && !(s.charAt(i - 1) == '[' || (s.charAt(i - 1) == '^' && s.charAt(i - 2) == '['))) {
          inClass = false;
          out.append(c);
        } else if (c == '[' && i + 1 < s.length() && s.charAt(i + 1) == ':') {
          throw refuse(re, "a POSIX class [[:...:]]");
        } else if (ci && c == '-' && i + 1 < s.length() && s.charAt(i + 1) != ']' && s.charAt(i - 1) != '['
            && s.charAt(i + 1) != '\\' && s.charAt(i - 2) != '\\' && !(s.charAt(i - 1) == '^' && s.charAt(i - 2) == '[')) {
          char lo = s.charAt(i - 1);
          char hi = s.charAt(++i);
          out.append('-');
          appendLiteralIfSpecial(out, hi);
          appendFolded(out, lo, hi);
        } else {
          appendLiteralIfSpecial(out, c);
        }
        continue;
      }
      switch (c) {
        case '[':
          inClass = true;
          out.append(c);
          break;
        case '(':
          if (i + 1 < s.length() && s.charAt(i + 1) == '?') {
            throw refuse(re, group(s, i));
          }
          depth++;
          out.append(c);
          break;
        case ')':
          depth--;
          out.append(c);
          break;
        case '|':
          if (depth == 0) {
            topLevelAlternation = true;
          }
          out.append(c);
          break;
        case '^':
          throw refuse(re, "an inner ^ anchor (only a leading ^ is supported)");
        case '$':
          throw refuse(re, "an inner $ anchor (only a trailing $ is supported)");
        case '.':
          out.append(dotAll ? "." : "[^\n]");
          break;
        default:
          appendLiteralIfSpecial(out, c);
      }
    }
    if (inClass) {
      throw refuse(re, "an unclosed character class");
    }
    if (topLevelAlternation && (start || end)) {
      throw refuse(re, "anchors around a top-level alternation (write ^(a|b)$ to anchor every alternative)");
    }
    String prefix = start ? (multiline ? "(.*\n)?" : "") : ".*";
    String suffix = end ? (multiline ? "(\n.*)?" : "") : ".*";
    return new SigmaRegex(prefix, "(" + out + ")", suffix, ci);
  }

  private static String group(String s, int i) {
    String rest = s.substring(i);
    if (rest.startsWith("(?:")) {
      return "a non-capturing group (?:...) (a plain group (...) matches the same)";
    }
    if (rest.startsWith("(?=") || rest.startsWith("(?!")) {
      return "a lookahead " + rest.substring(0, 3);
    }
    if (rest.startsWith("(?<=") || rest.startsWith("(?<!")) {
      return "a lookbehind " + rest.substring(0, 4);
    }
    if (rest.startsWith("(?<") || rest.startsWith("(?P")) {
      return "a named group " + rest.substring(0, 3);
    }
    return "an inline flag or group " + rest.substring(0, Math.min(4, rest.length()))
        + " (only a leading (?i) is supported; use the re sub-modifiers i, m, s)";
  }

  private static void appendEscape(StringBuilder out, char e, String re) {
    if (e >= '1' && e <= '9') {
      throw refuse(re, "a back-reference \\" + e);
    }
    switch (e) {
      case 'd': case 'D': case 's': case 'S': case 'w': case 'W':
        out.append('\\').append(e);
        return;
      case 'n':
        out.append('\n');
        return;
      case 't':
        out.append('\t');
        return;
      case 'r':
        out.append('\r');
        return;
      case 'k':
        throw refuse(re, "a named back-reference \\k");
      case 'b': case 'B':
        throw refuse(re, "a word boundary \\" + e);
      case 'A': case 'Z': case 'z': case 'G':
        throw refuse(re, "an anchor \\" + e);
      default:
        if (Character.isLetterOrDigit(e)) {
          throw refuse(re, "the escape \\" + e);
        }
        out.append('\\').append(e);
    }
  }

  /** The other case of the letters in {@code lo-hi}, as extra ranges of the class being written. */
  private static void appendFolded(StringBuilder out, char lo, char hi) {
    for (char[] letters : new char[][] {{'a', 'z'}, {'A', 'Z'}}) {
      char from = (char) Math.max(lo, letters[0]);
      char to = (char) Math.min(hi, letters[1]);
      if (from <= to) {
        int shift = letters[0] == 'a' ? 'A' - 'a' : 'a' - 'A';
        out.append((char) (from + shift)).append('-').append((char) (to + shift));
      }
    }
  }

  private static void appendLiteralIfSpecial(StringBuilder out, char c) {
    if (LUCENE_ONLY_SPECIAL.indexOf(c) >= 0) {
      out.append('\\');
    }
    out.append(c);
  }

  private static boolean escaped(String s, int i) {
    int n = 0;
    for (int j = i - 1; j >= 0 && s.charAt(j) == '\\'; j--) {
      n++;
    }
    return n % 2 == 1;
  }

  private static UserException refuse(String re, String construct) {
    return new UserException("regular expression uses " + construct + ", outside Sigma's regex subset: " + re);
  }

  /** The whole expression as a Lucene regexp. */
  public String regex() {
    return prefix + body + suffix;
  }
}
