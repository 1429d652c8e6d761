package org.apiaudit.output;

/**
 * Every escaping rule of every output (report files, search results, terminals), in one place.
 *
 * <p>User agents, paths and evidence lines are attacker-controlled: a scraper chooses its own
 * user agent, and a path can carry anything a client typed. Each output format has exactly one
 * method here, and every writer sends every string it did not write itself through it, so a
 * hostile value is inert in every file the report writes (no HTML or link injection, no broken
 * Markdown table, no spreadsheet formula, no broken STIX pattern).
 *
 * <p>Control characters other than tab are shown as Unicode control pictures (U+2400 block)
 * rather than dropped, so an analyst sees that they were there and the line stays one line.
 */
public final class Escaping {
  /**
   * Characters that start a formula in Excel, LibreOffice and Google Sheets (tab and CR start
   * one too, but {@link #csvCell} has already written them as visible escapes).
   */
  private static final String CSV_FORMULA_STARTS = "=+-@";

  /**
   * ASCII punctuation that means something anywhere in a CommonMark/GitHub line: emphasis,
   * code, links, raw HTML and autolinks ({@code <}; a lone {@code >} opens nothing and is escaped
   * only at a line start), entity references ({@code &}), table cells ({@code |}) and
   * strikethrough. Parentheses, dots, slashes and colons are left alone so that
   * user agents and paths stay readable in a terminal; without {@code [} they make no link.
   */
  private static final String MARKDOWN_SPECIALS = "\\`*_[]<|&~";

  /** Characters that make a block (heading, list, quote, setext line) only at a line start. */
  private static final String MARKDOWN_LINE_STARTS = "#-+=>";

  private Escaping() {}

  /**
   * Text for HTML element content or a quoted attribute value (also inside inline SVG):
   * {@code & < > " '} become character references, control characters become visible pictures.
   */
  public static String html(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> appendVisible(out, c);
      }
    }
    return out.toString();
  }

  /**
   * Text for Markdown prose or a table cell: the punctuation Markdown or GitHub tables give a
   * meaning to is backslash-escaped (CommonMark allows a backslash before any ASCII
   * punctuation), so {@code <script>} stays text, {@code [x](y)} is no link and {@code |} does
   * not split a cell; line breaks become visible pictures so a row stays one row.
   */
  public static String markdown(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (MARKDOWN_SPECIALS.indexOf(c) >= 0
          || (i == 0 && MARKDOWN_LINE_STARTS.indexOf(c) >= 0)
          || startsBareLink(text, i)) {
        out.append('\\').append(c);
      } else {
        appendVisible(out, c);
      }
    }
    return out.toString();
  }

  /**
   * Whether {@code text[i]} is the ':' of "://" or the '.' of "www.": GitHub turns bare URLs
   * into links, and an escape there splits the text so that an attacker's URL stays text.
   */
  private static boolean startsBareLink(String text, int i) {
    char c = text.charAt(i);
    if (c == ':') {
      return text.startsWith("//", i + 1);
    }
    return c == '.' && i >= 3 && text.regionMatches(true, i - 3, "www", 0, 3);
  }

  /**
   * An identifier as a Markdown code span when it is made only of characters that cannot
   * break out of one (letters, digits and {@code . _ : / @ + = , -}); otherwise the escaped text
   * of {@link #markdown}, because a code span cannot escape a backtick or a pipe portably.
   */
  public static String markdownCode(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "._:/@+=,-".indexOf(c) >= 0;
      if (!safe) {
        return markdown(text);
      }
    }
    return "`" + text + "`";
  }

  /**
   * Text safe for a terminal (every table and line the commands print): the control and
   * bidirectional characters of {@link #visibleEscapes} are written as visible escapes
   * ({@code \x1b}, <code>&#92;u202e</code>), so a hostile user agent or principal cannot move the
   * cursor, retitle the window, ring the bell, recolour, split a row or reorder what the analyst
   * sees, and the analyst still sees that they were there.
   */
  public static String terminal(String text) {
    return visibleEscapes(text);
  }

  /**
   * Text with every character that could act on a terminal, split a line or a tab-separated
   * row, or reorder what is displayed, written as a visible escape: C0 controls (tab, CR, LF,
   * NUL, BEL, ESC …) and DEL as {@code \x1b}; C1 controls, the bidirectional marks, embeddings,
   * overrides and isolates (U+061C, U+200E-U+200F, U+202A-U+202E, U+2066-U+2069), the line and
   * paragraph separators, the byte-order mark and unpaired surrogates as <code>&#92;u202e</code>. Used for
   * rejected lines and reject reasons, which quote log text verbatim: an analyst reads which
   * bytes were there, and a rejects file stays one row per line and valid UTF-8. A backslash is
   * left as it is, so a logged {@code \x22} and an escaped quote look alike; the escapes are
   * for reading, not for decoding. The same instance is returned when nothing needs escaping.
   */
  public static String visibleEscapes(String text) {
    if (text == null) {
      return "";
    }
    int n = text.length();
    int i = 0;
    while (i < n && !needsEscape(text, i)) {
      i++;
    }
    if (i == n) {
      return text;
    }
    StringBuilder out = new StringBuilder(n + 16).append(text, 0, i);
    for (; i < n; i++) {
      char c = text.charAt(i);
      if (!needsEscape(text, i)) {
        out.append(c);
      } else if (c < 0x20 || c == 0x7f) {
        out.append(String.format(java.util.Locale.ROOT, "\\x%02x", (int) c));
      } else {
        out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      }
    }
    return out.toString();
  }

  /** Whether {@code text[i]} is written as an escape by {@link #visibleEscapes}. */
  private static boolean needsEscape(String text, int i) {
    char c = text.charAt(i);
    if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
      return true;
    }
    if (c < 0x61c) {
      return false;
    }
    if (c == 0x61c || c == 0x200e || c == 0x200f || (c >= 0x2028 && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069) || c == 0xfeff) {
      return true;
    }
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
    }
    return false;
  }

  /**
   * One CSV cell per RFC 4180 (every CSV the analyzer writes: {@code search -o csv}, the
   * indicators): control and bidirectional characters first become the visible escapes of
   * {@link #visibleEscapes}, so no raw ESC, NUL or line break reaches a viewer and each record is
   * one line; then formula neutralisation: a cell starting with {@code = + - @} gets a leading {@code '} so that a spreadsheet shows it as text instead of evaluating
   * it (OWASP "CSV injection"); then a cell containing a comma or quote is quoted, with quotes
   * doubled.
   */
  public static String csvCell(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    String visible = visibleEscapes(text);
    String value = CSV_FORMULA_STARTS.indexOf(visible.charAt(0)) >= 0 ? "'" + visible : visible;
    boolean quote = false;
    for (int i = 0; i < value.length() && !quote; i++) {
      char c = value.charAt(i);
      quote = c == ',' || c == '"' || c == '\r' || c == '\n';
    }
    return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
  }

  /**
   * The inside of a single-quoted STIX 2.1 pattern string literal: the pattern grammar
   * allows any character except {@code '} and {@code \}, which are written {@code \'} and
   * {@code \\}. (JSON escaping of the whole pattern is Jackson's job, not this one's.)
   */
  public static String stixString(String text) {
    if (text == null) {
      return "";
    }
    return text.replace("\\", "\\\\").replace("'", "\\'");
  }

  /** Appends {@code c}, or its control picture when it is a C0 control (other than tab) or DEL. */
  private static void appendVisible(StringBuilder out, char c) {
    if (c < 0x20 && c != '\t') {
      out.append((char) (0x2400 + c));
    } else if (c == 0x7f) {
      out.append('\u2421');
    } else {
      out.append(c);
    }
  }
}
