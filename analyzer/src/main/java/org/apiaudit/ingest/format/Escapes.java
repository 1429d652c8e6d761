package org.apiaudit.ingest.format;

import java.nio.charset.StandardCharsets;

/**
 * Decodes the escapes web servers write inside quoted log fields.
 *
 * <p>Apache writes {@code \"} and {@code \\}; nginx writes {@code \x22} for a quote and
 * {@code \xHH} for every control or non-ASCII byte, so a run of {@code \xHH} is collected as
 * bytes and decoded as UTF-8 (a user agent in Cyrillic comes back readable; invalid UTF-8
 * becomes U+FFFD). Other backslash sequences ({@code \n}, {@code \t}) are kept as written: they
 * are rare and keeping them loses nothing.
 */
final class Escapes {
  private Escapes() {}

  /** Whether [from, to) contains a backslash, i.e. whether {@link #decode} would change it. */
  static boolean hasEscape(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == '\\') {
        return true;
      }
    }
    return false;
  }

  /** The text of [from, to) with backslash escapes decoded. */
  static String decode(String s, int from, int to) {
    StringBuilder out = new StringBuilder(to - from);
    byte[] bytes = null;
    int nBytes = 0;
    int i = from;
    while (i < to) {
      char c = s.charAt(i);
      int hex = c == '\\' && i + 3 < to && s.charAt(i + 1) == 'x' ? hexByte(s, i + 2) : -1;
      if (hex >= 0) {
        if (bytes == null) {
          bytes = new byte[(to - from) / 4 + 1];
        }
        bytes[nBytes++] = (byte) hex;
        i += 4;
        continue;
      }
      if (nBytes > 0) {
        out.append(new String(bytes, 0, nBytes, StandardCharsets.UTF_8));
        nBytes = 0;
      }
      if (c == '\\' && i + 1 < to && (s.charAt(i + 1) == '"' || s.charAt(i + 1) == '\\')) {
        out.append(s.charAt(i + 1));
        i += 2;
      } else {
        out.append(c);
        i++;
      }
    }
    if (nBytes > 0) {
      out.append(new String(bytes, 0, nBytes, StandardCharsets.UTF_8));
    }
    return out.toString();
  }

  private static int hexByte(String s, int at) {
    int hi = Character.digit(s.charAt(at), 16);
    int lo = Character.digit(s.charAt(at + 1), 16);
    return hi < 0 || lo < 0 ? -1 : hi << 4 | lo;
  }

  /**
   * [from, to) with {@code %XX} sequences decoded as UTF-8 bytes (CloudFront URL-encodes user
   * agents) and, if {@code plusIsSpace}, {@code +} read as a space (IIS writes spaces so).
   * A {@code %} not followed by two hex digits is kept.
   */
  static String urlDecode(String s, int from, int to, boolean percent, boolean plusIsSpace) {
    StringBuilder out = null;
    byte[] bytes = null;
    int nBytes = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      int hex = percent && c == '%' && i + 2 < to ? hexByte(s, i + 1) : -1;
      if (hex < 0 && !(plusIsSpace && c == '+') && out == null) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(to - from).append(s, from, i);
      }
      if (hex >= 0) {
        if (bytes == null) {
          bytes = new byte[(to - from) / 3 + 1];
        }
        bytes[nBytes++] = (byte) hex;
        i += 2;
        continue;
      }
      if (nBytes > 0) {
        out.append(new String(bytes, 0, nBytes, StandardCharsets.UTF_8));
        nBytes = 0;
      }
      out.append(plusIsSpace && c == '+' ? ' ' : c);
    }
    if (out == null) {
      return s.substring(from, to);
    }
    if (nBytes > 0) {
      out.append(new String(bytes, 0, nBytes, StandardCharsets.UTF_8));
    }
    return out.toString();
  }
}
