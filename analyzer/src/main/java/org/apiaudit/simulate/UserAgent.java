package org.apiaudit.simulate;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A user-agent string with its encoding for every output format computed once, since the same
 * few hundred strings are written millions of times.
 */
final class UserAgent {
  final String text;
  final byte[] raw;
  /** Inside a JSON string: quotes and backslashes escaped. */
  final byte[] json;
  /** As a CSV field: RFC 4180 quoted when it holds a comma, quote or line break. */
  final byte[] csv;
  /** As W3C/CloudFront write it: URL-encoded, spaces as {@code %20}. */
  final byte[] urlEncoded;
  /**
   * True when no benign actor sends this string, so it identifies an attacker and belongs in the
   * ground truth; a spoofed browser string does not.
   */
  final boolean distinctive;

  UserAgent(String text, boolean distinctive) {
    this.text = text;
    this.distinctive = distinctive;
    this.raw = ascii(text);
    this.json = ascii(jsonEscape(text));
    this.csv = ascii(csvField(text));
    this.urlEncoded = ascii(URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20"));
  }

  static String jsonEscape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  static String csvField(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public String toString() {
    return text;
  }
}
